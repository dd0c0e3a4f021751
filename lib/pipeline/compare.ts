/**
 * Compare re-computed metrics with committed ones, bitwise or within a
 * declared tolerance; every mismatch names the key path and both values.
 *
 * @example
 * ```ts
 * import { compareMetrics } from "./compare.ts";
 * compareMetrics({ a: 1 }, { a: 1 + 1e-12 }, { mode: "tolerance", abs: 1e-9, rel: 0 }); // []
 * ```
 * @module
 */
import type { ReproduceMode } from "./stage.ts";

/** One differing leaf. */
export interface Mismatch {
  key: string;
  committed: unknown;
  recomputed: unknown;
}

/** Leaves that differ (numbers compared per `mode`; everything else exactly). */
export function compareMetrics(committed: unknown, recomputed: unknown, mode: ReproduceMode, path = ""): Mismatch[] {
  if (typeof committed === "number" && typeof recomputed === "number") {
    if (mode.mode === "bitwise") return Object.is(committed, recomputed) ? [] : [{ key: path, committed, recomputed }];
    const diff = Math.abs(committed - recomputed);
    return diff <= mode.abs + mode.rel * Math.abs(committed) ? [] : [{ key: path, committed, recomputed }];
  }
  if (Array.isArray(committed) && Array.isArray(recomputed)) {
    if (committed.length !== recomputed.length) {
      return [{ key: `${path}.length`, committed: committed.length, recomputed: recomputed.length }];
    }
    return committed.flatMap((c, i) => compareMetrics(c, recomputed[i], mode, `${path}[${i}]`));
  }
  if (
    committed !== null && recomputed !== null && typeof committed === "object" && typeof recomputed === "object" &&
    !Array.isArray(committed) && !Array.isArray(recomputed)
  ) {
    const a = committed as Record<string, unknown>, b = recomputed as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => {
      const p = path ? `${path}.${k}` : k;
      if (!(k in a)) return [{ key: p, committed: undefined, recomputed: b[k] }];
      if (!(k in b)) return [{ key: p, committed: a[k], recomputed: undefined }];
      return compareMetrics(a[k], b[k], mode, p);
    });
  }
  return committed === recomputed ? [] : [{ key: path, committed, recomputed }];
}
