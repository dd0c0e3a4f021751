/**
 * A small BibTeX reader for the paper's reference list in HTML (Typst reads
 * the .bib file itself). Supports `@type{key, field = {…} | "…" | number}`.
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
      e[f[1].toLowerCase()] = val.replace(/[{}]/g, "").replace(/\s+/g, " ").trim();
      fre.lastIndex = j;
    }
    out[key] = e;
    re.lastIndex = i;
  }
  return out;
}

/** One-line plain-text reference: "Authors (Year). Title. Venue." */
export function formatReference(e: BibEntry): string {
  const authors = (e.author ?? e.editor ?? "Anonymous").split(/\s+and\s+/).join(", ");
  const venue = e.journal ?? e.booktitle ?? e.publisher ?? e.institution ?? e.howpublished ?? "";
  const extra = [e.volume ? `vol. ${e.volume}` : "", e.pages ? `pp. ${e.pages}` : ""].filter(Boolean).join(", ");
  const s = `${authors} (${e.year ?? "n.d."}). ${e.title ?? ""}.${venue ? ` ${venue}` : ""}${
    extra ? `, ${extra}` : ""
  }`;
  return s.endsWith(".") ? s : s + ".";
}
