/**
 * The paper's Markdown dialect, converted to Typst (for the PDF) and to HTML
 * (with KaTeX MathML): CommonMark via `marked`, plus
 * - math: `$…$` inline and `$$ … $$` display (LaTeX; Typst via `tex2typst`),
 * - figures: `![Caption](fig:<id>)` on its own line, referenced as `@fig:<id>`,
 * - tables followed by a caption line `: Caption {#tab:<id>}`, referenced as `@tab:<id>`,
 * - section labels `## Title {#sec:<id>}`, referenced as `@sec:<id>`,
 * - citations `[@key]` / `[@a; @b]` resolved against `refs.bib`, numbered by first citation; the reference list is
 *   written by the converter itself with one formatter ({@link formatReference}) in both outputs,
 * - structure (lib/report/paper_structure.ts): the first `# ` heading is the title, alone on a cover page;
 *   `## Abstract` and `## References` are unnumbered; a line `<!-- appendix -->` starts the appendices, which are
 *   set after the References and numbered "Appendix A", "A.1", ….
 * Provenance is optional: a stamp line at the end of the document and a source line at the end of every figure
 * caption ({@link SourceNote}), and in the HTML each bound number as a hover span naming its key and metrics file
 * ({@link boundPlaceholder}).
 *
 * @example
 * ```ts
 * import { markdownToTypst } from "./markdown.ts";
 * markdownToTypst("# T\n\n## Intro\n\nMass $E = mc^2$.", { figureFile: (id) => `/figures/${id}.png`, bib: {} });
 * ```
 * @module
 */

import { Marked, marked, type Token, type Tokens } from "marked";
import katex from "katex";
import { tex2typst } from "tex2typst";
import { type BibEntry, formatReference } from "./bibtex.ts";
import type { SourceNote } from "./provenance.ts";
import {
  balanceTitle,
  citationKeys,
  isReferencesHeading,
  scanSections,
  type Section,
  splitAppendix,
} from "./paper_structure.ts";

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
  // inline math may wrap onto the next source line, never across a blank line
  text = text.replace(/(?<![\\$])\$((?:[^$\n]|\n(?![ \t]*\n))+?)\$/g, (_m, tex: string) => {
    math.push({ tex: tex.replace(/\s*\n\s*/g, " ").trim(), display: false });
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
  /** The bibliography: cited entries are listed under References, numbered by first citation. */
  bib: Record<string, BibEntry>;
  author?: string;
  /** Provenance stamp at the end of the document (e.g. the commit the paper is built from). */
  stamp?: SourceNote;
  /** Source line appended to the caption of figure `id` (stage, commit, rebuild command). */
  figureSource?(id: string): SourceNote;
}

/** Page setup of the PDF (the text width the figures are printed at follows from it; Typst reports it). */
export const PAGE = { paper: "a4", margin: "2.2cm" } as const;

/**
 * Labels of the `metadata` the Typst source carries for the paper check, queried from the compiled document:
 * physical page numbers where the body starts (first page after the cover), where the References heading is, where
 * the appendices start (absent without appendices), and the text width in pt.
 */
export const LAYOUT_LABELS = {
  bodyStart: "pc-body-start",
  references: "pc-references",
  appendix: "pc-appendix",
  textWidth: "pc-text-width",
} as const;

const TYPST_SPECIAL = /[\\*_`$#@<>~\[\]]/g;
function escTypst(s: string): string {
  return s.replace(TYPST_SPECIAL, (c) => "\\" + c);
}

/**
 * Escape what Typst would read as markup at the start of a paragraph: `12.` (enumeration), `-`, `+`, `=`, `/`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapeLineStart } from "./markdown.ts";
 * assert.equal(escapeLineStart("174. sessions"), "174\\. sessions");
 * assert.equal(escapeLineStart("= not a heading"), "\\= not a heading");
 * ```
 */
export function escapeLineStart(s: string): string {
  return s.replace(/^(\s*)(\d+)\./, "$1$2\\.").replace(/^(\s*)([-+=/])/, "$1\\$2");
}

/** Citation numbers (1-based, by first appearance) of the whole paper. */
function citationNumbers(md: string, bib: Record<string, BibEntry>): Map<string, number> {
  const out = new Map<string, number>();
  for (const key of citationKeys(md)) {
    if (!bib[key]) throw new RangeError(`paper: citation [@${key}] not found in refs.bib`);
    out.set(key, out.size + 1);
  }
  return out;
}

/**
 * The `i`-th section of {@link scanSections}, which must be the heading being converted (`text`, label removed).
 * @throws {RangeError} naming the heading when the two disagree (a heading the line scan and the Markdown parser
 * see differently, e.g. inside a block quote)
 */
function sectionAt(sections: readonly Section[], i: number, text: string): Section {
  const sec = sections[i];
  if (sec === undefined || sec.title !== text.trim()) {
    throw new RangeError(
      `paper: heading "${text}" is not where the section numbering expects "${sec?.title}" (line ${sec?.line}); ` +
        `write headings as top-level "## Title" lines`,
    );
  }
  return sec;
}

/** Remove `{#sec:id}` from heading lines (their labels are read by {@link scanSections}). */
function stripHeadingLabels(md: string): string {
  return md.replace(/^(#{1,6}\s+.*?)\s*\{#sec:[\w-]+\}\s*$/gm, "$1");
}

/** Font size of the cover title, pt, and the characters that fit on one of its lines at the text width. */
const COVER_TITLE_PT = 22;
const COVER_TITLE_CHARS = 30;

/**
 * Markdown → Typst source: title-only cover page, body, References, appendices, stamp.
 * @throws {SyntaxError} when a LaTeX formula cannot be converted (naming it); {RangeError} on an unknown citation
 */
export function markdownToTypst(md: string, opts: TypstOptions): string {
  const { text, math } = extractMath(md);
  const sections = scanSections(text);
  const secById = new Map(sections.filter((x) => x.id).map((x) => [x.id!, x]));
  const parts = splitAppendix(stripHeadingLabels(text));
  const cites = citationNumbers(`${parts.main}\n${parts.appendix}`, opts.bib);
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
      .replace(/&#39;/g, "'")
      // a soft line break is a space: a line of the source starting "174." must not become an enumeration item
      .replace(/\n/g, " ");
    // citations and cross references first, then escape the rest
    const pieces = decoded.split(/(\[@[^\]]+\]|@(?:fig|tab|sec):[\w-]+|MATHPH\d+ZZ)/g);
    return pieces.map((p) => {
      if (/^\[@/.test(p)) {
        const keys = p.slice(1, -1).split(/;\s*/).map((k) => k.replace(/^@/, "").trim());
        return `\\[${keys.map((k) => `#link(<ref-${k}>)[${cites.get(k)}]`).join(", ")}\\]`;
      }
      if (/^@sec:/.test(p)) {
        const sec = secById.get(p.slice(1));
        // an unnumbered section has no number to print: link its title
        return sec && sec.number === null ? `#link(<${p.slice(1)}>)[${escTypst(sec.title)}]` : p;
      }
      if (/^@(fig|tab):/.test(p)) return p;
      const m = /^MATHPH(\d+)ZZ$/.exec(p);
      if (m) return mathTypst(Number(m[1]));
      return escTypst(p);
    }).join("");
  };
  let title = "";
  let headingIndex = 0;
  const convert = (tokens: Token[]): string[] => {
    const out: string[] = [];
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k];
      switch (t.type) {
        case "heading": {
          const h = t as Tokens.Heading;
          if (h.depth === 1 && !title) {
            title = h.text;
            continue;
          }
          const sec = sectionAt(sections, headingIndex++, h.text);
          if (isReferencesHeading(h.raw)) continue; // the reference list brings its own heading
          const label = sec?.id ? ` <${sec.id}>` : "";
          const level = Math.max(1, h.depth - 1);
          out.push(
            sec?.number === null
              ? `#heading(level: ${level}, numbering: none)[${inline(h.tokens)}]${label}`
              : `${"=".repeat(level)} ${inline(h.tokens)}${label}`,
          );
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
            // a float at the top or bottom of a page: no page is left part-empty waiting for a tall figure
            out.push(
              `#figure(image("${opts.figureFile(id)}", width: 100%), placement: auto, caption: [${
                textTypst(img.text)
              }${source}]) <fig:${id}>`,
            );
          } else if (/^MATHPH\d+ZZ$/.test(p.text.trim())) out.push(textTypst(p.text.trim()));
          else if (p.text.startsWith(": ")) continue; // table caption, consumed by the table
          else out.push(escapeLineStart(inline(p.tokens)));
          break;
        }
        case "list": {
          const l = t as Tokens.List;
          l.items.forEach((it, i) => {
            const body = it.tokens.map((x) => "tokens" in x && x.tokens ? inline(x.tokens as Token[]) : "").join(
              " ",
            );
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
          // the header row repeats on every page a long table runs onto
          const cells = [
            `table.header(${tb.header.map((c) => `[*${inline(c.tokens)}*]`).join(", ")})`,
            ...tb.rows.flatMap((r) => r.map((c) => `[${inline(c.tokens)}]`)),
          ];
          const align = tb.align.map((a) => a === "right" ? "right" : a === "center" ? "center" : "left").join(", ");
          const table = `table(columns: ${tb.header.length}, align: (${align},), ${cells.join(", ")})`;
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
    return out;
  };
  const body = convert(marked.lexer(parts.main));
  const references = [...cites.keys()].map((k) =>
    `#block(above: 0.55em)[#metadata("${k}") <ref-${k}>\\[${cites.get(k)}\\] ${escTypst(formatReference(opts.bib[k]))}]`
  );
  const appendix = parts.appendix.trim() === "" ? [] : convert(marked.lexer(parts.appendix));
  const meta = (label: string) => `#context [#metadata(here().page()) <${label}>]`;
  const titleLines = balanceTitle(title, COVER_TITLE_CHARS).map(escTypst).join(" \\\n");
  const preamble = [
    `#set document(title: "${title.replace(/"/g, '\\"')}")`,
    `#set page(paper: "${PAGE.paper}", margin: ${PAGE.margin}, numbering: none)`,
    `#set text(font: "DejaVu Serif", size: 10pt)`,
    `#set par(justify: true)`,
    `#set heading(numbering: "1.1")`,
    `#show figure.caption: set text(size: 9pt)`,
    // tables: left-aligned text, never justified or hyphenated, a size that fits eight columns
    `#set table(stroke: 0.4pt, inset: (x: 4pt, y: 3pt))`,
    `#show table: set par(justify: false)`,
    `#show table: set text(size: 8.5pt, hyphenate: false)`,
    // a long word in a narrow header ("Christoffersen") may break rather than run into the next column
    `#show table.cell.where(y: 0): set text(hyphenate: true)`,
    `#show figure.where(kind: table): set block(breakable: true)`,
    `#show figure.where(kind: table): set figure.caption(position: top)`,
    `// cover: the title alone`,
    `#page(align(center + horizon, par(justify: false, text(size: ${COVER_TITLE_PT}pt, weight: "bold")[${titleLines}]${
      opts.author ? `#v(2em)#text(size: 12pt)[${escTypst(opts.author)}]` : ""
    })))`,
    `#set page(numbering: "1")`,
    `#counter(page).update(1)`,
    `#layout(size => [#metadata(size.width.pt()) <${LAYOUT_LABELS.textWidth}>])`,
    meta(LAYOUT_LABELS.bodyStart),
    "",
  ];
  const tail = [
    // floats of the body stay in the body
    `#place.flush()`,
    meta(LAYOUT_LABELS.references),
    `#heading(numbering: none)[References]`,
    `#[#set par(justify: false, hanging-indent: 1.5em)\n#set text(size: 9pt)\n${references.join("\n")}\n]`,
  ];
  if (appendix.length > 0) {
    tail.push(
      `#pagebreak(weak: true)`,
      meta(LAYOUT_LABELS.appendix),
      `#counter(heading).update(0)`,
      `#set heading(supplement: none, numbering: (..n) => if n.pos().len() == 1 { "Appendix " + numbering("A", ..n.pos()) } else { numbering("A.1", ..n.pos()) })`,
      ...appendix,
    );
  }
  if (opts.stamp) {
    tail.push(
      `#v(1.5em)\n#text(size: 8pt, fill: luma(35%))[${escTypst(opts.stamp.text)} — ${rawTypst(opts.stamp.command)}]`,
    );
  }
  return preamble.join("\n") + body.join("\n\n") + "\n\n" + tail.join("\n\n") + "\n";
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
  /** Provenance stamp at the end of the document (e.g. the commit the paper is built from). */
  stamp?: SourceNote;
  /** Source line appended to the caption of figure `id` (stage, commit, rebuild command). */
  figureSource?(id: string): SourceNote;
  /** The bound numbers behind {@link boundPlaceholder}`(i)` in the Markdown, by index. */
  bound?: readonly BoundValue[];
}

/**
 * Give every `id` of an inline SVG a prefix, and the `url(#…)` and `href="#…"` references to it: Vega numbers its
 * clip paths `clip1`, `clip2`, … in every figure, and in one HTML page a later figure would clip with the first
 * figure's rectangles.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { prefixSvgIds } from "./markdown.ts";
 * assert.equal(
 *   prefixSvgIds('<clipPath id="clip1"/><g clip-path="url(#clip1)"/><use xlink:href="#clip1"/>', "f2-"),
 *   '<clipPath id="f2-clip1"/><g clip-path="url(#f2-clip1)"/><use xlink:href="#f2-clip1"/>',
 * );
 * ```
 */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/(\sid=")([^"]+)"/g, (_m, a: string, id: string) => `${a}${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}${id})`)
    .replace(/(href=")#([^"]+)"/g, (_m, a: string, id: string) => `${a}#${prefix}${id}"`);
}

/**
 * Markdown → standalone HTML (MathML via KaTeX; figures inline with unique ids; numbered sections matching the PDF;
 * numbered citations and the reference list after the body, then the appendices and the stamp).
 * @throws {RangeError} on an unknown citation key or cross-reference; {SyntaxError} on bad LaTeX
 */
export function markdownToHtml(md: string, opts: HtmlOptions): string {
  const { text, math } = extractMath(md);
  const sections = scanSections(text);
  const secById = new Map(sections.filter((x) => x.id).map((x) => [x.id!, x]));
  const parts = splitAppendix(stripHeadingLabels(text));
  const whole = `${parts.main}\n${parts.appendix}`;
  const figNum = new Map<string, number>(), tabNum = new Map<string, number>();
  for (const m of whole.matchAll(/!\[[^\]]*\]\(fig:([\w-]+)\)/g)) figNum.set(m[1], figNum.size + 1);
  for (const m of whole.matchAll(/\{#tab:([\w-]+)\}/g)) tabNum.set(m[1], tabNum.size + 1);
  const cites = citationNumbers(whole, opts.bib);
  const prepare = (src: string) =>
    src
      .replace(
        /^!\[([^\]]*)\]\(fig:([\w-]+)\)[ \t]*$/gm,
        (_m, cap: string, id: string) =>
          `<figure id="fig:${id}">${prefixSvgIds(opts.figureHtml(id), `f${figNum.get(id)}-`)}<figcaption>Figure ${
            figNum.get(id)
          }: ${cap}${sourceHtml(opts.figureSource?.(id))}</figcaption></figure>`,
      )
      .replace(
        /^: (.*?)\s*\{#tab:([\w-]+)\}[ \t]*$/gm,
        (_m, cap: string, id: string) => `<p class="caption" id="tab:${id}">Table ${tabNum.get(id)}: ${cap}</p>`,
      )
      .replace(/\[@([^\]]+)\]/g, (_m, keys: string) =>
        "[" + keys.split(/;\s*/).map((k) => {
          const key = k.replace(/^@/, "").trim();
          return `<a href="#ref-${key}">${cites.get(key)}</a>`;
        }).join(", ") + "]")
      .replace(/@fig:([\w-]+)/g, (_m, id: string) => {
        if (!figNum.has(id)) throw new RangeError(`paper: reference @fig:${id} to a figure that is not in the paper`);
        return `<a href="#fig:${id}">Figure ${figNum.get(id)}</a>`;
      })
      .replace(/@tab:([\w-]+)/g, (_m, id: string) => {
        if (!tabNum.has(id)) throw new RangeError(`paper: reference @tab:${id} to a table that is not in the paper`);
        return `<a href="#tab:${id}">Table ${tabNum.get(id)}</a>`;
      })
      .replace(/@(sec:[\w-]+)/g, (_m, id: string) => {
        const sec = secById.get(id);
        if (!sec) throw new RangeError(`paper: reference @${id} to a section that is not in the paper`);
        return `<a href="#${id}">${escHtml(sec.refText)}</a>`;
      });
  let titleSeen = false, headingIndex = 0;
  const md2html = new Marked({
    renderer: {
      heading(this: { parser: { parseInline(t: Token[]): string } }, h: Tokens.Heading): string {
        const inner = this.parser.parseInline(h.tokens);
        if (h.depth === 1 && !titleSeen) {
          titleSeen = true;
          return `<h1 class="title">${inner}</h1>\n`;
        }
        const sec = sectionAt(sections, headingIndex++, h.text);
        if (isReferencesHeading(h.raw)) return ""; // the reference list brings its own heading
        const tag = `h${Math.min(6, h.depth)}`;
        const id = sec?.id ? ` id="${sec.id}"` : "";
        const num = sec?.number ? `<span class="secnum">${escHtml(sec.number)}</span> ` : "";
        return `<${tag}${id}>${num}${inner}</${tag}>\n`;
      },
    },
  });
  // a table's caption goes above it, as in the PDF
  const parse = (src: string) =>
    (md2html.parse(prepare(src), { async: false }) as string).replace(
      /(<table>[\s\S]*?<\/table>)\s*(<p class="caption" id="tab:[^"]*">[\s\S]*?<\/p>)/g,
      "$2\n$1",
    );
  const refs = [...cites.keys()].map((k) =>
    `<li id="ref-${k}"><span class="refnum">[${cites.get(k)}]</span> ${escHtml(formatReference(opts.bib[k]))}</li>`
  );
  let html =
    `${parse(parts.main)}\n<h2 class="unnumbered">References</h2>\n<ol class="references">\n${
      refs.join("\n")
    }\n</ol>\n` + (parts.appendix.trim() === "" ? "" : `<div class="appendix">\n${parse(parts.appendix)}</div>\n`);
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
    html += `<p class="stamp">${escHtml(opts.stamp.text)} — <code>${escHtml(opts.stamp.command)}</code></p>\n`;
  }
  const title = /<h1[^>]*>(.*?)<\/h1>/.exec(html)?.[1]?.replace(/<[^>]+>/g, "") ?? "dynim";
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escHtml(title)}</title>\n` +
    `<style>body{max-width:52em;margin:2em auto;padding:0 1em;font-family:"DejaVu Serif",Georgia,serif;line-height:1.5}` +
    `h1.title{text-align:center;text-wrap:balance;margin:3em 0}.secnum{margin-right:.4em}` +
    `figure{margin:1.5em 0}figure svg{max-width:100%;height:auto}figcaption,.caption{font-size:.9em;color:#333}` +
    `table{border-collapse:collapse;margin:1em 0;font-size:.9em}td,th{border:1px solid #999;padding:.2em .5em;` +
    `text-align:left;vertical-align:top}td[align=right],th[align=right]{text-align:right}` +
    `td[align=center],th[align=center]{text-align:center}` +
    `ol.references{list-style:none;padding-left:0}ol.references li{padding-left:2em;text-indent:-2em}` +
    `.stamp{margin-top:2em;font-size:.85em;color:#555}.source{display:block;font-size:.85em;color:#555}` +
    `.stamp code,.source code{font-size:1.1em}` +
    `.bound{border-bottom:1px dotted #888;cursor:help}</style>` +
    `</head><body>\n${html}</body></html>\n`;
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
