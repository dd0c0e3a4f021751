/**
 * A small BibTeX reader and the one reference formatter of the paper's reference
 * list, in the PDF and in the HTML alike. Supports `@type{key, field = {…} | "…" | number}`.
 *
 * @example
 * ```ts
 * import { parseBibtex } from "./bibtex.ts";
 * parseBibtex("@article{k, author={A. B}, title={T}, year=2020}").k.title; // "T"
 * ```
 * @module
 */

/** A BibTeX entry: type plus lower-cased fields. */
export interface BibEntry {
  type: string;
  key: string;
  [field: string]: string;
}

/**
 * Parse BibTeX text into entries by key.
 * @throws {SyntaxError} naming the entry on unbalanced braces or a duplicate key
 */
export function parseBibtex(text: string, file = "refs.bib"): Record<string, BibEntry> {
  const out: Record<string, BibEntry> = {};
  const re = /@(\w+)\s*\{\s*([^,\s]+)\s*,/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const type = m[1].toLowerCase(), key = m[2];
    if (out[key]) throw new SyntaxError(`${file}: duplicate entry "${key}"`);
    let i = re.lastIndex, depth = 1;
    const start = i;
    while (i < text.length && depth > 0) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}") depth--;
      i++;
    }
    if (depth !== 0) throw new SyntaxError(`${file}: unbalanced braces in entry "${key}"`);
    const body = text.slice(start, i - 1);
    const e: BibEntry = { type, key };
    const fre = /(\w+)\s*=\s*/g;
    let f: RegExpExecArray | null;
    while ((f = fre.exec(body))) {
      let j = fre.lastIndex, val = "";
      if (body[j] === "{") {
        let d = 1;
        j++;
        const s = j;
        while (j < body.length && d > 0) {
          if (body[j] === "{") d++;
          else if (body[j] === "}") d--;
          j++;
        }
        val = body.slice(s, j - 1);
      } else if (body[j] === '"') {
        const s = ++j;
        while (j < body.length && body[j] !== '"') j++;
        val = body.slice(s, j++);
      } else {
        const s = j;
        while (j < body.length && /[\w.-]/.test(body[j])) j++;
        val = body.slice(s, j);
      }
      const name = f[1].toLowerCase();
      // a braced corporate author ("{International Swaps and Derivatives Association}") is one name: its " and "
      // is kept apart from the separator between names
      const v = name === "author" || name === "editor"
        ? val.replace(/\{[^{}]*\}/g, (g) => g.replace(/ and /g, "\u00a0and\u00a0"))
        : val;
      e[name] = latexToText(v);
      fre.lastIndex = j;
    }
    out[key] = e;
    re.lastIndex = i;
  }
  return out;
}

const ACCENTS: Record<string, string> = {
  "`": "\u0300",
  "'": "\u0301",
  "^": "\u0302",
  '"': "\u0308",
  "~": "\u0303",
  "c": "\u0327",
};

/**
 * A BibTeX field value as plain Unicode text: accents (`{\\`e}` → è), `\\&` → &, `--` → en dash, `---` → em dash,
 * braces dropped, white space collapsed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { latexToText } from "./bibtex.ts";
 * assert.equal(latexToText("Cand{\\`e}s"), "Candès");
 * assert.equal(latexToText("73--84"), "73–84");
 * ```
 */
export function latexToText(v: string): string {
  return v
    .replace(/\\([`'^"~c])\s*\{?([A-Za-z])\}?/g, (_m, acc: string, ch: string) => (ch + ACCENTS[acc]).normalize("NFC"))
    .replace(/\\([&%$#_])/g, "$1")
    .replace(/[{}]/g, "")
    .replace(/---/g, "\u2014")
    .replace(/--/g, "\u2013")
    .replace(/[ \t\r\n]+/g, " ")
    .trim();
}

/**
 * The one reference formatter of the paper, used for both the PDF and the HTML reference list:
 * "Authors (Year). Title. Venue, vol. V, no. N, pp. P–Q." (plain text; each output escapes it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatReference, parseBibtex } from "./bibtex.ts";
 * const e = parseBibtex("@article{k, author={A. B and C. D}, title={T}, journal={J}, volume=3, pages={73--84}, year=1995}").k;
 * assert.equal(formatReference(e), "A. B, C. D (1995). T. J, vol. 3, pp. 73–84.");
 * ```
 */
export function formatReference(e: BibEntry): string {
  const authors = (e.author ?? e.editor ?? "Anonymous").split(/ and /).join(", ").replace(/\u00a0/g, " ");
  const venue = e.journal ?? e.booktitle ?? e.publisher ?? e.institution ?? e.howpublished ?? "";
  const extra = [
    e.volume ? `vol. ${e.volume}` : "",
    e.number && e.volume ? `no. ${e.number}` : "",
    e.pages ? `pp. ${e.pages.replace(/-+/g, "\u2013")}` : "",
  ].filter(Boolean).join(", ");
  const s = `${authors} (${e.year ?? "n.d."}). ${e.title ?? ""}.${venue ? ` ${venue}` : ""}${
    extra ? `, ${extra}` : ""
  }`;
  return s.endsWith(".") ? s : s + ".";
}
