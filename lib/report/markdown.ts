/**
 * The paper's Markdown dialect, converted to Typst (for the PDF) and to HTML
 * (with KaTeX MathML): CommonMark via `marked`, plus
 * - math: `$…$` inline and `$$ … $$` display (LaTeX; Typst via `tex2typst`),
 * - figures: `![Caption](fig:<id>)` on its own line, referenced as `@fig:<id>`,
 * - tables followed by a caption line `: Caption {#tab:<id>}`, referenced as `@tab:<id>`,
 * - citations `[@key]` / `[@a; @b]` resolved against `refs.bib`.
 * The first `# ` heading is the title. Provenance is optional: a stamp line under the title and a source line at the
 * end of every figure caption ({@link SourceNote}), and in the HTML each bound number as a hover span naming its key
 * and metrics file ({@link boundPlaceholder}).
 *
 * @example
 * ```ts
 * import { markdownToTypst } from "./markdown.ts";
 * markdownToTypst("# T\n\n## Intro\n\nMass $E = mc^2$.", { figureFile: (id) => `/figures/${id}.png`, bibFile: "/paper/refs.bib" });
 * ```
 * @module
 */

import { marked, type Token, type Tokens } from "marked";
import katex from "katex";
import { tex2typst } from "tex2typst";
import { type BibEntry, formatReference } from "./bibtex.ts";
import type { SourceNote } from "./provenance.ts";

interface MathItem {
  tex: string;
  display: boolean;
}

const PH = (i: number) => `MATHPH${i}ZZ`;
const PH_RE = /MATHPH(\d+)ZZ/g;

/** Replace math by placeholders that survive Markdown parsing. */
export function extractMath(md: string): { text: string; math: MathItem[] } {
  const math: MathItem[] = [];
  let text = md.replace(/\$\$([\s\S]+?)\$\$/g, (_m, tex: string) => {
    math.push({ tex: tex.trim(), display: true });
    return `\n\n${PH(math.length - 1)}\n\n`;
  });
  text = text.replace(/(?<![\\$])\$([^$\n]+?)\$/g, (_m, tex: string) => {
    math.push({ tex: tex.trim(), display: false });
    return PH(math.length - 1);
  });
  return { text, math };
}

/** LaTeX macros tex2typst does not know, rewritten to equivalents it does. */
const TEX_REWRITES: [RegExp, string][] = [
  [/\\[lr]vert\b/g, "|"],
  [/\\[lr]Vert\b/g, "\\|"],
];

/** Rewrite LaTeX macros unknown to tex2typst (e.g. `\lvert`) to supported equivalents. */
export function normaliseTex(tex: string): string {
  return TEX_REWRITES.reduce((t, [re, by]) => t.replace(re, by), tex);
}

const BOUND_PH = (i: number) => `BOUNDPH${i}ZZ`;
const BOUND_PH_RE = /BOUNDPH(\d+)ZZ/g;

/**
 * The placeholder a bound number takes in the Markdown given to {@link markdownToHtml}: it survives Markdown parsing
 * and becomes `<span class="bound" title="key — file">value</span>` for `opts.bound[i]` (plain value inside math).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { boundPlaceholder, markdownToHtml } from "./markdown.ts";
 * const html = markdownToHtml(`# T\n\nRate ${boundPlaceholder(0)}.`, {
 *   bib: {},
 *   figureHtml: () => "",
 *   bound: [{ text: "1.2%", key: "e01.rate", file: "experiments/e01_x/v1/metrics.full.json" }],
 * });
 * assert.ok(html.includes('Rate <span class="bound" title="e01.rate — experiments/e01_x/v1/metrics.full.json">1.2%</span>.'));
 * ```
 */
export function boundPlaceholder(i: number): string {
  return BOUND_PH(i);
}

/** A bound number of the HTML: its formatted text, binding key and the metrics file it was read from. */
export interface BoundValue {
  text: string;
  key: string;
  file: string;
}

/** Options of the Typst conversion. */
export interface TypstOptions {
  figureFile(id: string): string;
  bibFile: string;
  author?: string;
  /** Stamp under the title (e.g. the commit the paper is built from). */
  stamp?: SourceNote;
  /** Source line appended to the caption of figure `id` (stage, commit, rebuild command). */
  figureSource?(id: string): SourceNote;
}

const TYPST_SPECIAL = /[\\*_`$#@<>~\[\]]/g;
function escTypst(s: string): string {
  return s.replace(TYPST_SPECIAL, (c) => "\\" + c);
}

/**
 * Markdown → Typst source.
 * @throws {SyntaxError} when a LaTeX formula cannot be converted (naming it)
 */
export function markdownToTypst(md: string, opts: TypstOptions): string {
  const { text, math } = extractMath(md);
  const tokens = marked.lexer(text);
  const mathTypst = (i: number): string => {
    const m = math[i];
    let t: string;
    try {
      t = tex2typst(normaliseTex(m.tex));
    } catch (e) {
      throw new SyntaxError(`paper: cannot convert formula "${m.tex}" to Typst: ${(e as Error).message}`);
    }
    return m.display ? `$ ${t} $` : `$${t}$`;
  };
  const inline = (toks: Token[] | undefined): string =>
    (toks ?? []).map((t): string => {
      switch (t.type) {
        case "text":
          return "tokens" in t && t.tokens ? inline(t.tokens) : textTypst((t as Tokens.Text).text);
        case "escape":
          return escTypst((t as Tokens.Escape).text);
        case "strong":
          return `*${inline((t as Tokens.Strong).tokens)}*`;
        case "em":
          return `_${inline((t as Tokens.Em).tokens)}_`;
        case "codespan":
          return "`" + (t as Tokens.Codespan).text.replaceAll("`", "") + "`";
        case "link": {
          const l = t as Tokens.Link;
          return `#link("${l.href}")[${inline(l.tokens)}]`;
        }
        case "br":
          return " \\\n";
        case "del":
          return `#strike[${inline((t as Tokens.Del).tokens)}]`;
        case "html":
          return "";
        default:
          return textTypst("raw" in t ? String(t.raw) : "");
      }
    }).join("");
  const textTypst = (s: string): string => {
    const decoded = s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
    // citations and cross references first, then escape the rest
    const parts = decoded.split(/(\[@[^\]]+\]|@(?:fig|tab):[\w-]+|MATHPH\d+ZZ)/g);
    return parts.map((p) => {
      if (/^\[@/.test(p)) return p.slice(1, -1).split(/;\s*/).map((k) => `@${k.replace(/^@/, "").trim()}`).join(" ");
      if (/^@(fig|tab):/.test(p)) return `@${p.slice(1)}`;
      const m = /^MATHPH(\d+)ZZ$/.exec(p);
      if (m) return mathTypst(Number(m[1]));
      return escTypst(p);
    }).join("");
  };
  const out: string[] = [];
  let title = "";
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    switch (t.type) {
      case "heading": {
        const h = t as Tokens.Heading;
        if (h.depth === 1 && !title) {
          title = h.text;
          continue;
        }
        out.push(`${"=".repeat(Math.max(1, h.depth - 1))} ${inline(h.tokens)}`);
        break;
      }
      case "paragraph": {
        const p = t as Tokens.Paragraph;
        const img = p.tokens.length === 1 && p.tokens[0].type === "image" ? p.tokens[0] as Tokens.Image : null;
        if (img && img.href.startsWith("fig:")) {
          const id = img.href.slice(4);
          const src = opts.figureSource?.(id);
          const source = src === undefined
            ? ""
            : ` #linebreak() #text(size: 7.5pt, fill: luma(35%))[Source: ${escTypst(src.text)} · ${
              rawTypst(src.command)
            }]`;
          out.push(
            `#figure(image("${opts.figureFile(id)}", width: 100%), caption: [${
              textTypst(img.text)
            }${source}]) <fig:${id}>`,
          );
        } else if (/^MATHPH\d+ZZ$/.test(p.text.trim())) out.push(textTypst(p.text.trim()));
        else if (p.text.startsWith(": ")) continue; // table caption, consumed by the table
        else out.push(inline(p.tokens));
        break;
      }
      case "list": {
        const l = t as Tokens.List;
        l.items.forEach((it, i) => {
          const body = it.tokens.map((x) => "tokens" in x && x.tokens ? inline(x.tokens as Token[]) : "").join(" ");
          out.push(`${l.ordered ? `${Number(l.start || 1) + i}.` : "-"} ${body}`);
        });
        break;
      }
      case "table": {
        const tb = t as Tokens.Table;
        let n = k + 1;
        while (tokens[n]?.type === "space") n++;
        const next = tokens[n] as Tokens.Paragraph | undefined;
        const cap = next?.type === "paragraph" && next.text.startsWith(": ") ? next.text.slice(2) : "";
        const capM = /^(.*?)\s*\{#(tab:[\w-]+)\}\s*$/.exec(cap);
        const cells = [
          ...tb.header.map((c) => `[*${inline(c.tokens)}*]`),
          ...tb.rows.flatMap((r) => r.map((c) => `[${inline(c.tokens)}]`)),
        ];
        const align = tb.align.map((a) => a === "right" ? "right" : a === "center" ? "center" : "left").join(", ");
        const table = `table(columns: ${tb.header.length}, align: (${align},), stroke: 0.4pt, ${cells.join(", ")})`;
        out.push(
          cap
            ? `#figure(${table}, caption: [${textTypst(capM ? capM[1] : cap)}], kind: table)${
              capM ? ` <${capM[2]}>` : ""
            }`
            : `#${table}`,
        );
        break;
      }
      case "code":
        out.push("```\n" + (t as Tokens.Code).text + "\n```");
        break;
      case "blockquote":
        out.push(`#quote(block: true)[${inline((t as Tokens.Blockquote).tokens)}]`);
        break;
      case "hr":
        out.push("#line(length: 100%)");
        break;
      case "space":
      case "html":
        break;
      default:
        out.push(textTypst(t.raw));
    }
  }
  const preamble = [
    `#set document(title: "${title.replace(/"/g, '\\"')}")`,
    `#set page(paper: "a4", margin: 2.2cm, numbering: "1")`,
    `#set text(font: "DejaVu Serif", size: 10pt)`,
    `#set par(justify: true)`,
    `#set heading(numbering: "1.1")`,
    `#show figure.caption: set text(size: 9pt)`,
    `#align(center, text(size: 17pt, weight: "bold")[${escTypst(title)}])`,
    opts.stamp
      ? `#align(center, text(size: 8pt, fill: luma(35%))[${escTypst(opts.stamp.text)} — ${
        rawTypst(opts.stamp.command)
      }])`
      : "",
    opts.author ? `#align(center)[${escTypst(opts.author)}]` : "",
    "",
  ];
  return preamble.join("\n") + out.join("\n\n") +
    `\n\n#bibliography("${opts.bibFile}", title: "References", style: "ieee")\n`;
}

/** A command as Typst inline code. */
function rawTypst(s: string): string {
  // raw text is set at 0.8 of its surroundings: 1.25em keeps the command at the size of the line it is in
  return `#text(size: 1.25em, raw("${s.replace(/["\\]/g, (c) => "\\" + c)}"))`;
}

/** Options of the HTML conversion. */
export interface HtmlOptions {
  /** Inline SVG (or an <img>) for a figure id. */
  figureHtml(id: string): string;
  bib: Record<string, BibEntry>;
  /** Stamp under the title (e.g. the commit the paper is built from). */
  stamp?: SourceNote;
  /** Source line appended to the caption of figure `id` (stage, commit, rebuild command). */
  figureSource?(id: string): SourceNote;
  /** The bound numbers behind {@link boundPlaceholder}`(i)` in the Markdown, by index. */
  bound?: readonly BoundValue[];
}

/**
 * Markdown → standalone HTML (MathML via KaTeX; figures inline; numbered citations).
 * @throws {RangeError} on an unknown citation key; {SyntaxError} on bad LaTeX
 */
export function markdownToHtml(md: string, opts: HtmlOptions): string {
  const { text, math } = extractMath(md);
  const figNum = new Map<string, number>(), tabNum = new Map<string, number>();
  for (const m of text.matchAll(/!\[[^\]]*\]\(fig:([\w-]+)\)/g)) figNum.set(m[1], figNum.size + 1);
  for (const m of text.matchAll(/\{#tab:([\w-]+)\}/g)) tabNum.set(m[1], tabNum.size + 1);
  const citeOrder: string[] = [];
  const cite = (key: string) => {
    if (!opts.bib[key]) throw new RangeError(`paper: citation [@${key}] not found in refs.bib`);
    if (!citeOrder.includes(key)) citeOrder.push(key);
    return citeOrder.indexOf(key) + 1;
  };
  let t = text
    .replace(
      /^!\[([^\]]*)\]\(fig:([\w-]+)\)\s*$/gm,
      (_m, cap: string, id: string) =>
        `<figure id="fig:${id}">${opts.figureHtml(id)}<figcaption>Figure ${figNum.get(id)}: ${cap}${
          sourceHtml(opts.figureSource?.(id))
        }</figcaption></figure>`,
    )
    .replace(
      /^: (.*?)\s*\{#tab:([\w-]+)\}\s*$/gm,
      (_m, cap: string, id: string) => `<p class="caption" id="tab:${id}">Table ${tabNum.get(id)}: ${cap}</p>`,
    )
    .replace(/\[@([^\]]+)\]/g, (_m, keys: string) =>
      "[" + keys.split(/;\s*/).map((k) => {
        const key = k.replace(/^@/, "").trim();
        return `<a href="#ref-${key}">${cite(key)}</a>`;
      }).join(", ") + "]")
    .replace(/@fig:([\w-]+)/g, (_m, id: string) => {
      if (!figNum.has(id)) throw new RangeError(`paper: reference @fig:${id} to a figure that is not in the paper`);
      return `<a href="#fig:${id}">Figure ${figNum.get(id)}</a>`;
    })
    .replace(/@tab:([\w-]+)/g, (_m, id: string) => {
      if (!tabNum.has(id)) throw new RangeError(`paper: reference @tab:${id} to a table that is not in the paper`);
      return `<a href="#tab:${id}">Table ${tabNum.get(id)}</a>`;
    });
  let html = marked.parse(t, { async: false }) as string;
  const boundAt = (i: string): BoundValue => {
    const b = opts.bound?.[Number(i)];
    if (b === undefined) throw new RangeError(`paper: bound-number placeholder ${BOUND_PH(Number(i))} has no value`);
    return b;
  };
  html = html.replace(PH_RE, (_m, i: string) => {
    const m = math[Number(i)];
    // a bound number inside math is set as its plain value (no hover)
    const tex = m.tex.replace(BOUND_PH_RE, (_b, j: string) => boundAt(j).text);
    try {
      return katex.renderToString(tex, { displayMode: m.display, output: "mathml", throwOnError: true });
    } catch (e) {
      throw new SyntaxError(`paper: KaTeX cannot render "${m.tex}": ${(e as Error).message}`);
    }
  });
  html = html.replace(BOUND_PH_RE, (_m, i: string) => {
    const b = boundAt(i);
    return `<span class="bound" title="${escAttr(`${b.key} — ${b.file}`)}">${escHtml(b.text)}</span>`;
  });
  if (opts.stamp) {
    const s = opts.stamp;
    html = html.replace(
      /<\/h1>/,
      () => `</h1>\n<p class="stamp">${escHtml(s.text)} — <code>${escHtml(s.command)}</code></p>`,
    );
  }
  const refs = citeOrder.map((k, i) =>
    `<li id="ref-${k}" value="${i + 1}">${escHtml(formatReference(opts.bib[k]))}</li>`
  );
  t =
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${
      escHtml(/<h1[^>]*>(.*?)<\/h1>/.exec(html)?.[1]?.replace(/<[^>]+>/g, "") ?? "dynim")
    }</title>\n<style>body{max-width:52em;margin:2em auto;padding:0 1em;font-family:"DejaVu Serif",Georgia,serif;line-height:1.5}` +
    `figure{margin:1.5em 0}figure svg{max-width:100%;height:auto}figcaption,.caption{font-size:.9em;color:#333}` +
    `table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:.2em .5em;text-align:right}` +
    `.stamp{margin-top:-.5em;font-size:.85em;color:#555}.source{display:block;font-size:.85em;color:#555}` +
    `.stamp code,.source code{font-size:1.1em}` +
    `.bound{border-bottom:1px dotted #888;cursor:help}</style>` +
    `</head><body>\n${html}\n<h2>References</h2>\n<ol>\n${refs.join("\n")}\n</ol>\n</body></html>\n`;
  return t;
}

function escHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escAttr(s: string): string {
  return escHtml(s).replace(/"/g, "&quot;");
}

/** A figure's source line inside its HTML caption ("" without one). */
function sourceHtml(src: SourceNote | undefined): string {
  return src === undefined
    ? ""
    : ` <span class="source">Source: ${escHtml(src.text)} · <code>${escHtml(src.command)}</code></span>`;
}
