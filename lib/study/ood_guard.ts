/**
 * Out-of-distribution guard for a learned multiplier (issue 13 §4): on a test row whose features leave the range the
 * model was fitted on (the fold's training and validation rows `[train.start, valid.end)`, widened by `slack` × the
 * range on each side), the guarded multiplier falls back to the static one. A network extrapolating far outside
 * its data is the failure a clearing house fears most; the guard makes that case the benchmark's.
 *
 * @example
 * ```ts
 * import { oodGuard } from "./ood_guard.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts"; // 600 seeded rows, features "a" and "b"
 * const study = testMatrix(600);
 * const split = { train: { start: 0, end: 300 }, valid: { start: 302, end: 400 }, test: { start: 404, end: 600 } };
 * const m = new Float64Array(196).fill(1.4), fallback = new Float64Array(196).fill(1.1);
 * const g = oodGuard(study, [split], ["a", "b"], m, fallback);
 * console.assert(g.m.every((v, i) => v === (g.flags[i] ? 1.1 : 1.4)));
 * ```
 * @module
 */
import { studyColumns, type StudyMatrix } from "./dataset.ts";
import type { Split } from "./split.ts";

/** Result of {@link oodGuard}. */
export interface OodGuardResult {
  /** The guarded multiplier (test rows of every fold, in fold order). */
  m: Float64Array;
  /** 1 where a feature left its fitted range (the fallback was used). */
  flags: Uint8Array;
  /** Share of flagged rows. */
  share: number;
}

/**
 * Guard a walk-forward's test multipliers `m` (folds' test rows concatenated in order) with `fallback` (same rows).
 *
 * @throws {RangeError} on lengths that do not match the folds' test rows, a negative slack or an unknown feature
 * @example
 * ```ts
 * import { oodGuard } from "./ood_guard.ts";
 * const study = { dates: ["a", "b", "c"], d: 1, featureNames: ["x"], x: Float64Array.of(1, 2, 5), r: new Float64Array(3) };
 * const split = { train: { start: 0, end: 1 }, valid: { start: 1, end: 2 }, test: { start: 2, end: 3 } };
 * const g = oodGuard(study, [split], ["x"], Float64Array.of(0.8), Float64Array.of(1.2));
 * console.assert(g.m[0] === 1.2 && g.share === 1); // 5 is outside the fitted range [1, 2]
 * ```
 */
export function oodGuard(
  study: StudyMatrix,
  splits: readonly Split[],
  features: readonly string[],
  m: Float64Array,
  fallback: Float64Array,
  slack = 0,
): OodGuardResult {
  const fn = "oodGuard";
  const cols = studyColumns(study, features), d = study.d, x = study.x;
  const n = splits.reduce((s, sp) => s + sp.test.end - sp.test.start, 0);
  if (m.length !== n || fallback.length !== n) {
    throw new RangeError(
      `${fn}: m and fallback must have the folds' ${n} test rows, got ${m.length} and ${fallback.length}`,
    );
  }
  if (!(slack >= 0) || !Number.isFinite(slack)) throw new RangeError(`${fn}: slack must be >= 0, got ${slack}`);
  const out = Float64Array.from(m), flags = new Uint8Array(n);
  const lo = new Float64Array(cols.length), hi = new Float64Array(cols.length);
  let k = 0, hits = 0;
  for (const sp of splits) {
    lo.fill(Infinity);
    hi.fill(-Infinity);
    for (let i = sp.train.start; i < sp.valid.end; i++) {
      for (let j = 0; j < cols.length; j++) {
        const v = x[i * d + cols[j]];
        if (v < lo[j]) lo[j] = v;
        if (v > hi[j]) hi[j] = v;
      }
    }
    for (let j = 0; j < cols.length; j++) {
      const w = slack * (hi[j] - lo[j]);
      lo[j] -= w;
      hi[j] += w;
    }
    for (let i = sp.test.start; i < sp.test.end; i++, k++) {
      let out_ = false;
      for (let j = 0; j < cols.length && !out_; j++) {
        const v = x[i * d + cols[j]];
        out_ = v < lo[j] || v > hi[j];
      }
      if (out_) {
        flags[k] = 1;
        out[k] = fallback[k];
        hits++;
      }
    }
  }
  return { m: out, flags, share: hits / n };
}
