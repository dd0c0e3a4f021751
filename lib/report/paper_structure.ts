/**
 * The structure of the paper's Markdown, shared by the Typst and HTML outputs and the paper check: where the
 * appendices start (a line `<!-- appendix -->`), how sections are numbered ("1", "1.2"; "Appendix A", "A.1" after the
 * marker; `## Abstract` and `## References` unnumbered), section labels (`## Title {#sec:id}`, referenced as
 * `@sec:id`), the order in which citations `[@key]` first appear, and the title's line breaks on the cover page.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scanSections } from "./paper_structure.ts";
 * const s = scanSections("# T\n\n## Abstract\n\n## Intro {#sec:intro}\n\n### Why\n\n<!-- appendix -->\n\n## Data\n");
 * assert.deepEqual(s.map((h) => [h.number, h.title, h.id]), [
 *   [null, "Abstract", undefined],
 *   ["1", "Intro", "sec:intro"],
 *   ["1.1", "Why", undefined],
 *   ["Appendix A", "Data", undefined],
 * ]);
 * ```
 * @module
 */

/** The line that starts the appendices. */
export const APPENDIX_MARKER = "<!-- appendix -->";

/** Section titles (of `##` headings) that are never numbered. */
export const UNNUMBERED = ["Abstract", "References"] as const;

/** The body and the appendices of a paper's Markdown, split at the first {@link APPENDIX_MARKER} line. */
export function splitAppendix(md: string): { main: string; appendix: string } {
  const lines = md.split("\n");
  const i = lines.findIndex((l) => l.trim() === APPENDIX_MARKER);
  return i < 0
    ? { main: md, appendix: "" }
    : { main: lines.slice(0, i).join("\n"), appendix: lines.slice(i + 1).join("\n") };
}

/** True for the `## References` heading line (the builder writes the reference list itself). */
export function isReferencesHeading(line: string): boolean {
  return /^##\s+References\s*$/.test(line.trim());
}

/** A heading `Title {#sec:id}`: its title and label (undefined without one). */
export function headingLabel(text: string): { title: string; id?: string } {
  const m = /^(.*?)\s*\{#(sec:[\w-]+)\}\s*$/.exec(text);
  return m ? { title: m[1], id: m[2] } : { title: text.trim() };
}

/** A section heading of the paper (every heading but the title). */
export interface Section {
  /** Markdown depth (2 for `##`). */
  depth: number;
  /** Level in the numbering (1 for `##`). */
  level: number;
  title: string;
  /** `sec:…` label, if the heading has one. */
  id?: string;
  /** "1", "1.2", "Appendix A", "A.1"; null when unnumbered (Abstract, References). */
  number: string | null;
  /** How a cross-reference names it: "Section 1.2", "Appendix A", "A.1", or the title when unnumbered. */
  refText: string;
  appendix: boolean;
  /** 1-based line in the Markdown given to {@link scanSections}. */
  line: number;
}

/**
 * Every heading after the title, in order, with its number (outside fenced code). Numbering follows the PDF's:
 * `##` is level 1, `###` level 2, …; after {@link APPENDIX_MARKER} level 1 is "Appendix A", "Appendix B", … and
 * deeper levels "A.1", "A.1.1".
 */
export function scanSections(md: string): Section[] {
  const out: Section[] = [];
  const counts: number[] = [];
  let appendix = false, fence = false, title = false;
  md.split("\n").forEach((raw, i) => {
    if (/^\s*(```|~~~)/.test(raw)) fence = !fence;
    if (fence) return;
    if (raw.trim() === APPENDIX_MARKER) {
      appendix = true;
      counts.length = 0;
      return;
    }
    const m = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    if (!m) return;
    const depth = m[1].length;
    if (depth === 1 && !title) {
      title = true;
      return;
    }
    const level = Math.max(1, depth - 1);
    const { title: t, id } = headingLabel(m[2]);
    const unnumbered = level === 1 && (UNNUMBERED as readonly string[]).includes(t);
    let number: string | null = null;
    if (!unnumbered) {
      counts.length = level;
      for (let k = 0; k < level; k++) counts[k] ??= 0;
      counts[level - 1]++;
      const parts = counts.map((c, k) => k === 0 && appendix ? String.fromCharCode(64 + c) : String(c));
      number = appendix && level === 1 ? `Appendix ${parts[0]}` : parts.join(".");
    }
    // as Typst prints a reference: "Section 1.2"; in the appendices the number alone ("Appendix A", "A.1")
    const refText = number === null ? t : appendix ? number : `Section ${number}`;
    out.push({ depth, level, title: t, id, number, refText, appendix, line: i + 1 });
  });
  return out;
}

/** Citation keys in order of first appearance (`[@a]`, `[@a; @b]`). */
export function citationKeys(md: string): string[] {
  const out: string[] = [];
  for (const m of md.matchAll(/\[@([^\]]+)\]/g)) {
    for (const k of m[1].split(/;\s*/)) {
      const key = k.replace(/^@/, "").trim();
      if (!out.includes(key)) out.push(key);
    }
  }
  return out;
}

/**
 * Break a title into the fewest lines of at most `maxChars` characters, as even as possible (no single-word last
 * line when a balanced break exists).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { balanceTitle } from "./paper_structure.ts";
 * assert.deepEqual(balanceTitle("Learning a Dynamic Correction Factor for Initial Margin", 40), [
 *   "Learning a Dynamic Correction",
 *   "Factor for Initial Margin",
 * ]);
 * ```
 */
export function balanceTitle(title: string, maxChars: number): string[] {
  const words = title.split(/\s+/).filter((w) => w !== "");
  if (words.length === 0) return [];
  const len = (a: number, b: number) => words.slice(a, b).join(" ").length;
  const lines = Math.max(1, Math.ceil(title.length / maxChars));
  // best[k][i]: smallest possible longest line when words[0..i) fill k lines; cut[k][i] the start of the last one
  const n = words.length;
  const best: number[][] = [], cut: number[][] = [];
  for (let k = 0; k <= lines; k++) {
    best.push(new Array(n + 1).fill(Infinity));
    cut.push(new Array(n + 1).fill(0));
  }
  best[0][0] = 0;
  for (let k = 1; k <= lines; k++) {
    for (let i = 1; i <= n; i++) {
      for (let j = k - 1; j < i; j++) {
        const v = Math.max(best[k - 1][j], len(j, i));
        if (v < best[k][i]) {
          best[k][i] = v;
          cut[k][i] = j;
        }
      }
    }
  }
  const k0 = Math.min(lines, n);
  const out: string[] = [];
  for (let k = k0, i = n; k > 0; k--) {
    const j = cut[k][i];
    out.unshift(words.slice(j, i).join(" "));
    i = j;
  }
  return out;
}
