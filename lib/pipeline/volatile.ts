/**
 * Machine-dependent output values. A stage declares in `stage.json` the metric key prefixes that measure the
 * machine (`"volatile": ["latency"]`); verify does not compare them, and a re-run whose JSON output differs from the
 * file already in place *only* under those keys keeps the file in place (so a fresh clone stays clean after
 * `deno task reproduce`), reporting the fresh values in the run record instead. `--update-volatile` writes them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { volatileOnlyChange } from "./volatile.ts";
 * const committed = '{"latency": {"ms": 3.1}, "mape": 0.2}\n';
 * assert.deepEqual(volatileOnlyChange(committed, '{"latency": {"ms": 2.9}, "mape": 0.2}\n', ["latency"]), [
 *   { key: "latency.ms", committed: 3.1, recomputed: 2.9 },
 * ]); // only the machine-dependent value moved: keep the committed file
 * assert.equal(volatileOnlyChange(committed, '{"latency": {"ms": 2.9}, "mape": 0.3}\n', ["latency"]), null); // a result changed: write
 * assert.deepEqual(volatileOnlyChange(committed, committed, []), []); // byte-identical
 * ```
 * @module
 */

import { compareMetrics, type Mismatch } from "./compare.ts";

/** Whether `key` (a compareMetrics key path) lies under one of the volatile prefixes. */
export function isVolatileKey(key: string, prefixes: readonly string[]): boolean {
  return prefixes.some((v) => key === v || key.startsWith(v + ".") || key.startsWith(v + "["));
}

function bytes(x: string | Uint8Array): Uint8Array {
  return typeof x === "string" ? new TextEncoder().encode(x) : x;
}

/**
 * Compare an output already in place with a fresh one. Returns the differing volatile leaves when the two are
 * byte-identical (`[]`) or differ only under `prefixes` (JSON compared bitwise); returns null when the fresh output
 * must be written (a non-volatile value, the structure, or non-JSON bytes differ).
 */
export function volatileOnlyChange(
  existing: string | Uint8Array,
  fresh: string | Uint8Array,
  prefixes: readonly string[],
): Mismatch[] | null {
  const a = bytes(existing), b = bytes(fresh);
  if (a.length === b.length && a.every((x, i) => x === b[i])) return [];
  if (prefixes.length === 0) return null;
  let ja: unknown, jb: unknown;
  try {
    ja = JSON.parse(new TextDecoder().decode(a));
    jb = JSON.parse(new TextDecoder().decode(b));
  } catch {
    return null;
  }
  const mm = compareMetrics(ja, jb, { mode: "bitwise" });
  // equal values in different bytes is a formatting change: write it
  return mm.length > 0 && mm.every((m) => isVolatileKey(m.key, prefixes)) ? mm : null;
}
