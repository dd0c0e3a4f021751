/**
 * The paper check (CFA Quant Awards format, issue 16): what a judge would see wrong, each a problem naming what and
 * where.
 * - `body-pages`: the body (first page after the cover up to, not including, the page where References starts)
 *   is longer than {@link PAPER_LIMITS}`.maxBodyPages`;
 * - `figure-font`: a figure's smallest font, printed at the text width, is below `minFigureFontPt`
 *   (min font-size px × text width pt / SVG width px);
 * - `missing-reference` (a cited key not in refs.bib), `uncited-reference` (a refs.bib entry never cited),
 *   `too-few-references` (fewer than `minReferences` listed);
 * - `stage-id` (an internal id such as e04 or d01) and `code-path` (`lib/…`, `experiments/…`, `*.ts`, also when set
 *   as code) in the prose: outside code blocks, math, bindings, HTML comments, citation keys, labels and figure
 *   targets (and code spans, for stage ids);
 * - `unresolved-ref`: `@fig:`, `@tab:` or `@sec:` pointing to no figure, table or section label.
 *
 * Pure: the sources, bibliography, figures and page numbers come in as data (lib/report/build_paper.ts reads them
 * and queries the page numbers from the compiled Typst document).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkPaper } from "./paper_check.ts";
 * const problems = checkPaper({
 *   sources: [{ file: "paper/paper.md", text: "# T\n\n## Results\n\nThe core study (e04) in lib/margin/hs.ts.\n" }],
 *   bib: {},
 *   limits: { minReferences: 0 },
 * });
 * assert.deepEqual(problems.map((p) => [p.kind, p.where]), [
 *   ["stage-id", "paper/paper.md:5"],
 *   ["code-path", "paper/paper.md:5"],
 * ]);
 * ```
 * @module
 */
import type { BibEntry } from "./bibtex.ts";
import { citationKeys, headingLabel } from "./paper_structure.ts";
import { svgFontStats } from "./svg_font_stats.ts";
export { svgFontStats };

/** A Markdown file of the paper, as written (paper.md and each included section). */
export interface PaperSource {
  /** Root-relative path, named in messages. */
  file: string;
  text: string;
}

/** Where things landed in the compiled PDF (physical page numbers, 1 = the cover). */
export interface PaperLayout {
  /** First page after the cover. */
  bodyStartPage: number;
  /** Page on which the References heading is. */
  referencesPage: number;
  /** Width of the text block, pt: every figure is printed at this width. */
  textWidthPt: number;
}

/** A figure of the paper and its SVG (the PNG in the PDF is drawn from it at the same proportions). */
export interface PaperFigure {
  id: string;
  svg: string;
}

/** The limits the check holds the paper to. */
export interface PaperLimits {
  maxBodyPages: number;
  minFigureFontPt: number;
  minReferences: number;
}

/** The Quant Awards limits: at most 7 body pages, figure text at least 7 pt, at least 20 references. */
export const PAPER_LIMITS: Readonly<PaperLimits> = Object.freeze({
  maxBodyPages: 7,
  minFigureFontPt: 7,
  minReferences: 20,
});

/** What the check looks at. Without `layout` the page count is not checked; without `figures`, no figure fonts. */
export interface PaperCheckInput {
  sources: readonly PaperSource[];
  bib: Readonly<Record<string, BibEntry>>;
  layout?: PaperLayout;
  figures?: readonly PaperFigure[];
  limits?: Partial<PaperLimits>;
}

/** Kinds of problem. */
export type PaperProblemKind =
  | "body-pages"
  | "figure-font"
  | "missing-reference"
  | "uncited-reference"
  | "too-few-references"
  | "stage-id"
  | "code-path"
  | "unresolved-ref";

/** One failure of the check. */
export interface PaperProblem {
  kind: PaperProblemKind;
  /** `file:line`, `refs.bib: key`, `figure id` or `PDF pages a–b`. */
  where: string;
  message: string;
}

/**
 * Blank out (with spaces, keeping line breaks) what is not prose: fenced code, HTML comments, display and inline
 * math, code spans, bindings `{{…}}`, citations `[@…]`, labels `{#…}`, cross-references `@fig:…`/`@tab:…`/`@sec:…`
 * and link or figure targets `](…)`. With `keepCodeSpans`, code spans stay (a code path is not prose even when set
 * as code: the check looks for paths in them too).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { maskNonProse } from "./paper_check.ts";
 * const text = "See @fig:e04_x, `lib/a.ts` and {{e04.x | pct}}.";
 * const m = maskNonProse(text);
 * assert.equal(m.length, text.length);
 * assert.equal(m.replace(/ +/g, " "), "See , and .");
 * ```
 */
export function maskNonProse(text: string, keepCodeSpans = false): string {
  const blank = (s: string) => s.replace(/[^\n]/g, " ");
  const t = text
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/\$\$[\s\S]+?\$\$/g, blank)
    .replace(/(?<![\\$])\$(?:[^$\n]|\n(?![ \t]*\n))+?\$/g, blank);
  return (keepCodeSpans ? t : t.replace(/(`+)[^`]*?\1/g, blank))
    .replace(/\{\{[\s\S]*?\}\}/g, blank)
    .replace(/\[@[^\]]+\]/g, blank)
    .replace(/\{#[^}]*\}/g, blank)
    .replace(/@(?:fig|tab|sec):[\w-]+/g, blank)
    .replace(/\]\([^)\s]*\)/g, (m) => "]" + blank(m.slice(1)));
}

const STAGE_ID = /\b[de]\d\d\b/g;
const CODE_PATH = /\b(?:lib|experiments|tasks|figures|data\/(?:raw|derived))\/[\w./-]*|\b[\w-]+\.ts\b/g;

/** Line (1-based) of character `offset` in `text`. */
function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** A short excerpt of a line around a hit, for messages. */
function excerpt(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset) + 1;
  const end = text.indexOf("\n", offset);
  const line = text.slice(start, end < 0 ? undefined : end);
  const at = offset - start;
  const from = Math.max(0, at - 40), to = Math.min(line.length, at + 40);
  return `${from > 0 ? "…" : ""}${line.slice(from, to).trim()}${to < line.length ? "…" : ""}`;
}

/**
 * Run the check; an empty list means the paper passes.
 * @throws {TypeError} when `layout` has non-finite page numbers or text width
 */
export function checkPaper(input: PaperCheckInput): PaperProblem[] {
  const limits: PaperLimits = { ...PAPER_LIMITS, ...input.limits };
  const out: PaperProblem[] = [];
  // body pages
  if (input.layout) {
    const { bodyStartPage, referencesPage, textWidthPt } = input.layout;
    if (![bodyStartPage, referencesPage, textWidthPt].every(Number.isFinite)) {
      throw new TypeError(
        `paper_check.ts checkPaper: layout must be finite numbers, got ${JSON.stringify(input.layout)}`,
      );
    }
    const body = referencesPage - bodyStartPage;
    if (body > limits.maxBodyPages) {
      out.push({
        kind: "body-pages",
        where: `PDF pages ${bodyStartPage}–${referencesPage - 1}`,
        message: `the body runs ${body} pages (from the first page after the cover to the page before References, ` +
          `which starts on PDF page ${referencesPage}); at most ${limits.maxBodyPages} are allowed — move material ` +
          `to the appendices`,
      });
    }
  }
  // figure fonts at print size
  if (input.figures) {
    const widthPt = input.layout?.textWidthPt;
    for (const f of input.figures) {
      const { minFontPx, widthPx } = svgFontStats(f.svg);
      if (!Number.isFinite(minFontPx)) continue;
      if (!(widthPx > 0)) {
        out.push({ kind: "figure-font", where: `figure ${f.id}`, message: `figures/${f.id}.svg has no width` });
        continue;
      }
      if (widthPt === undefined) continue;
      const pt = minFontPx * widthPt / widthPx;
      if (pt < limits.minFigureFontPt - 1e-9) {
        const maxWidth = Math.floor(minFontPx * widthPt / limits.minFigureFontPt);
        out.push({
          kind: "figure-font",
          where: `figure ${f.id}`,
          message: `smallest text prints at ${pt.toFixed(1)} pt (font-size ${minFontPx}px in an SVG ${widthPx}px ` +
            `wide, printed ${widthPt.toFixed(0)} pt wide); at least ${limits.minFigureFontPt} pt is required — ` +
            `make the SVG at most ${maxWidth}px wide at this font size, or the fonts larger`,
        });
      }
    }
  }
  // references
  const cited = new Map<string, string>();
  for (const s of input.sources) {
    const masked = maskOnly(s.text, ["fence", "comment"]);
    for (const m of masked.matchAll(/\[@([^\]]+)\]/g)) {
      for (const key of citationKeys(m[0])) {
        if (!cited.has(key)) cited.set(key, `${s.file}:${lineAt(s.text, m.index!)}`);
      }
    }
  }
  for (const [key, where] of cited) {
    if (!input.bib[key]) {
      out.push({ kind: "missing-reference", where, message: `citation [@${key}] has no entry in paper/refs.bib` });
    }
  }
  for (const key of Object.keys(input.bib)) {
    if (!cited.has(key)) {
      out.push({
        kind: "uncited-reference",
        where: `paper/refs.bib: ${key}`,
        message: `entry "${key}" is never cited — cite it where it belongs or remove it`,
      });
    }
  }
  const listed = [...cited.keys()].filter((k) => input.bib[k]).length;
  if (listed < limits.minReferences) {
    out.push({
      kind: "too-few-references",
      where: "References",
      message: `${listed} references are listed; at least ${limits.minReferences} are required`,
    });
  }
  // prose: stage ids and code paths
  for (const s of input.sources) {
    const masked = maskNonProse(s.text);
    for (const m of masked.matchAll(STAGE_ID)) {
      out.push({
        kind: "stage-id",
        where: `${s.file}:${lineAt(s.text, m.index!)}`,
        message: `internal stage id "${m[0]}" in the prose: «${excerpt(s.text, m.index!)}» — name the study instead`,
      });
    }
    const withCode = maskNonProse(s.text, true);
    for (const m of withCode.matchAll(CODE_PATH)) {
      out.push({
        kind: "code-path",
        where: `${s.file}:${lineAt(s.text, m.index!)}`,
        message: `code path "${m[0]}" in the prose: «${excerpt(s.text, m.index!)}» — describe it in words`,
      });
    }
  }
  // cross-references
  const defined = new Set<string>();
  for (const s of input.sources) {
    const t = maskOnly(s.text, ["fence", "comment"]);
    for (const m of t.matchAll(/\]\((fig:[\w-]+)\)/g)) defined.add(m[1]);
    for (const m of t.matchAll(/\{#(tab:[\w-]+)\}/g)) defined.add(m[1]);
    for (const m of t.matchAll(/^#{1,6}\s+(.*)$/gm)) {
      const id = headingLabel(m[1]).id;
      if (id) defined.add(id);
    }
  }
  for (const s of input.sources) {
    const t = maskOnly(s.text, ["fence", "comment", "code"]);
    for (const m of t.matchAll(/@((fig|tab|sec):[\w-]+)/g)) {
      if (defined.has(m[1])) continue;
      const what = { fig: "figure", tab: "table", sec: "section" }[m[2] as "fig" | "tab" | "sec"];
      out.push({
        kind: "unresolved-ref",
        where: `${s.file}:${lineAt(s.text, m.index!)}`,
        message: `@${m[1]} points to no ${what} (labels: ${
          m[2] === "fig" ? "![Caption](fig:id)" : m[2] === "tab" ? ": Caption {#tab:id}" : "## Title {#sec:id}"
        })`,
      });
    }
  }
  return out;
}

/** Blank out only some kinds of non-prose (for scans that need the rest). */
function maskOnly(text: string, kinds: readonly ("fence" | "comment" | "code")[]): string {
  const blank = (s: string) => s.replace(/[^\n]/g, " ");
  let t = text;
  if (kinds.includes("fence")) t = t.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank);
  if (kinds.includes("comment")) t = t.replace(/<!--[\s\S]*?-->/g, blank);
  if (kinds.includes("code")) t = t.replace(/(`+)[^`]*?\1/g, blank);
  return t;
}

/** The problems as a message: one line per problem, `kind  where  message`. */
export function formatProblems(problems: readonly PaperProblem[]): string {
  return problems.map((p) => `  [${p.kind}] ${p.where}: ${p.message}`).join("\n");
}
