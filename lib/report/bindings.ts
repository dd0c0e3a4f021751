/**
 * Metric bindings for the paper: `{{e01.long.hs.kupiecP | p}}` is replaced by
 * the value at that key path of stage e01's full-profile metrics, formatted.
 * A missing key fails the build with the key's name. Also finds bare numerals
 * in a section (numbers typed by hand instead of bound).
 *
 * Formats: `pct:D` (×100, D decimals, %), `fix:D`, `int` (thousands
 * separators), `usd` (USD, no decimals, separators), `p` (p-value: "< 0.001"
 * or 3 decimals), `sci:D`, `raw`.
 *
 * Renamed keys ({@link KEY_RENAMES}): when a parameter or metric gets its one
 * name (docs/architecture.md §7), the paper binds the new name at once; a
 * metrics file written before the rename is read under its old key until the
 * stage is re-run.
 *
 * @example
 * ```ts
 * import { resolveBindings } from "./bindings.ts";
 * resolveBindings("rate {{e01.rate | pct:1}}", { e01: { rate: 0.0123 } }); // "rate 1.2%"
 * ```
 * @module
 */

/** Metrics per stage alias. */
export type MetricsByAlias = Record<string, unknown>;

const BINDING_RE = /\{\{\s*([A-Za-z0-9_.\[\]-]+)\s*(?:\|\s*([a-z]+)(?::(\d+))?\s*)?\}\}/g;

/**
 * Keys renamed to their one name (docs/architecture.md §7), new → old, as paths inside one stage's metrics
 * (`params.x` is the echoed parameter `x`). A binding `{{e01.params.imTau}}` that is missing from e01's metrics
 * reads `params.confidence` instead, so the paper can use the new name before a (long) full-profile re-run
 * writes it; once the new key exists it wins. Drop an entry when no committed metrics file has the old key.
 *
 * Empty today: the last entry (`params.imTau` ← `params.confidence`, the baseline IM's quantile level) was dropped
 * when every stage had been re-run under the new name.
 */
export const KEY_RENAMES: Readonly<Record<string, string>> = {};

/**
 * Look up a dotted key path (`a.b[2].c`). When the path is missing and its part after the stage alias starts with
 * a renamed key of `renames` (new → old, see {@link KEY_RENAMES}), the old key is read instead.
 *
 * @throws {RangeError} naming the key and the last part that exists (for the new name when neither exists)
 * @example
 * ```ts
 * import { lookup } from "./bindings.ts";
 * const renames = { "params.imTau": "params.confidence" }; // new → old
 * const metrics = { e01: { params: { confidence: 0.99 } } }; // written before the rename
 * console.assert(lookup(metrics, "e01.params.imTau", renames) === 0.99);
 * console.assert(lookup({ e01: { params: { imTau: 0.975, confidence: 0.99 } } }, "e01.params.imTau", renames) === 0.975);
 * ```
 */
export function lookup(
  metrics: MetricsByAlias,
  key: string,
  renames: Readonly<Record<string, string>> = KEY_RENAMES,
): unknown {
  const parts = key.replace(/\[(\d+)\]/g, ".$1").split(".");
  const found = lookupParts(metrics, parts);
  if (found.ok) return found.value;
  const inStage = parts.slice(1).join(".");
  for (const [now, before] of Object.entries(renames)) {
    if (inStage !== now && !inStage.startsWith(now + ".")) continue;
    const old = lookupParts(metrics, [
      parts[0],
      ...before.split("."),
      ...inStage.slice(now.length).split(".").slice(1),
    ]);
    if (old.ok) return old.value;
  }
  throw new RangeError(
    `paper binding {{${key}}}: "${found.missing}" not found under "${found.seen || "(top)"}"` +
      (found.available ? ` (available: ${found.available})` : ""),
  );
}

function lookupParts(
  metrics: MetricsByAlias,
  parts: readonly string[],
): { ok: true; value: unknown } | { ok: false; missing: string; seen: string; available: string } {
  let cur: unknown = metrics;
  const seen: string[] = [];
  for (const p of parts) {
    if (cur === null || typeof cur !== "object" || !(p in (cur as Record<string, unknown>))) {
      const available = cur !== null && typeof cur === "object"
        ? Object.keys(cur as object).slice(0, 12).join(", ")
        : "";
      return { ok: false, missing: p, seen: seen.join("."), available };
    }
    cur = (cur as Record<string, unknown>)[p];
    seen.push(p);
  }
  return { ok: true, value: cur };
}

/**
 * Format a bound value: `pct[:d]`, `fix[:d]`, `int`, `usd`, `p`, `sci[:d]` (zero as "0") for numbers, `yesno` for booleans
 * ("yes"/"no", e.g. a table cell that would otherwise print `true`), `raw` for anything.
 * @throws {TypeError} when a numeric format meets a non-number, `yesno` a non-boolean, or the format is unknown
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatValue } from "./bindings.ts";
 * assert.equal(formatValue(true, "yesno"), "yes");
 * assert.equal(formatValue(0.0123, "pct", 1), "1.2%");
 * ```
 */
export function formatValue(v: unknown, fmt = "raw", digits?: number, key = "?"): string {
  if (fmt === "raw") return typeof v === "string" ? v : JSON.stringify(v);
  if (fmt === "yesno") {
    if (typeof v !== "boolean") {
      throw new TypeError(`paper binding {{${key} | yesno}}: expected true or false, got ${JSON.stringify(v)}`);
    }
    return v ? "yes" : "no";
  }
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new TypeError(`paper binding {{${key} | ${fmt}}}: expected a finite number, got ${JSON.stringify(v)}`);
  }
  const group = (s: string) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  switch (fmt) {
    case "pct":
      return (v * 100).toFixed(digits ?? 1) + "%";
    case "fix":
      return v.toFixed(digits ?? 2);
    case "int":
      return group(Math.round(v).toString());
    case "usd": {
      const s = group(Math.abs(Math.round(v)).toString());
      return (v < 0 ? "−" : "") + "USD " + s;
    }
    case "p":
      return v < 0.001 ? "< 0.001" : v.toFixed(digits ?? 3);
    case "sci": // zero as "0", not "0e+0" (e.g. a weight decay of none in a grid table)
      return v === 0 ? "0" : v.toExponential(digits ?? 2);
    default:
      throw new TypeError(
        `paper binding {{${key} | ${fmt}}}: unknown format "${fmt}" (pct, fix, int, usd, p, sci, yesno, raw)`,
      );
  }
}

/**
 * Replace every binding in `text` (renamed keys read under their old name from older metrics, {@link lookup}).
 * `wrap` receives each formatted value with its key and returns what goes into the text instead (the paper's HTML
 * puts a placeholder there that becomes a hover span naming the key and its metrics file); without it the
 * formatted value itself goes in. Throws on the first missing key or bad format.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveBindings } from "./bindings.ts";
 * const keys: string[] = [];
 * const out = resolveBindings("{{e01.a | fix:1}} and {{e01.b}}", { e01: { a: 1.24, b: "x" } }, undefined, (v, k) => {
 *   keys.push(k);
 *   return `[${v}]`;
 * });
 * assert.equal(out, "[1.2] and [x]");
 * assert.deepEqual(keys, ["e01.a", "e01.b"]);
 * ```
 */
export function resolveBindings(
  text: string,
  metrics: MetricsByAlias,
  renames: Readonly<Record<string, string>> = KEY_RENAMES,
  wrap?: (value: string, key: string) => string,
): string {
  return text.replace(BINDING_RE, (_m, key: string, fmt?: string, d?: string) => {
    const v = formatValue(lookup(metrics, key, renames), fmt ?? "raw", d === undefined ? undefined : Number(d), key);
    return wrap === undefined ? v : wrap(v, key);
  });
}

/** Every binding key used in `text`. */
export function bindingKeys(text: string): string[] {
  return [...text.matchAll(BINDING_RE)].map((m) => m[1]);
}

/**
 * Bare numerals in the section titled `section` (a `## ` heading): digits that
 * are not inside a binding, math, a figure/citation reference, or a heading.
 * Returns `line: text` entries for reporting.
 */
export function bareNumerals(markdown: string, section = "Results"): string[] {
  // Bindings may be wrapped over two lines by the formatter: remove them from the whole text first,
  // keeping their newlines so that line numbers stay right.
  const lines = markdown.replace(BINDING_RE, (m) => m.replace(/[^\n]/g, "")).split("\n");
  const out: string[] = [];
  let inSection = false, inMath = false;
  lines.forEach((line, i) => {
    const h = /^(#{1,2})\s+(.*)$/.exec(line);
    if (h) {
      inSection = h[2].trim().toLowerCase().startsWith(section.toLowerCase());
      return;
    }
    if (!inSection) return;
    if (line.trim() === "$$") {
      inMath = !inMath;
      return;
    }
    if (inMath || /^#{3,}\s/.test(line)) return;
    const stripped = line
      .replace(BINDING_RE, "")
      .replace(/\$\$[^$]*\$\$|\$[^$]*\$/g, "")
      .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
      .replace(/\[@[^\]]*\]/g, "")
      .replace(/@fig:[\w-]+|@tab:[\w-]+|\{#tab:[\w-]+\}/g, "")
      .replace(/`[^`]*`/g, "")
      .replace(/\b[A-Za-z]+\d+[A-Za-z0-9]*\b/g, ""); // identifiers such as e01, RCLC1, VaR99
    if (/\d/.test(stripped)) out.push(`${i + 1}: ${line.trim()}`);
  });
  return out;
}
