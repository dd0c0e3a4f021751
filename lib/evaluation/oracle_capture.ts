/**
 * How close a multiplier gets to the oracle (docs/architecture.md §1.2, synthetic track).
 * Where the true conditional quantile q*_t of the loss is known, the oracle
 * multiplier `clip(q*_t / IM_t)` minimises the expected pinball loss, so
 *
 * - pinball gain captured = (PL_bench − PL_model) / (PL_bench − PL_oracle): the
 *   share of the attainable improvement over the benchmark a model realises
 *   (1 = as good as the oracle, 0 = no better than the benchmark, < 0 = worse);
 * - margin saving captured = (M_bench − M_model) / (M_bench − M_oracle): the same
 *   for the average margin (meaningful where the oracle holds less than the benchmark);
 * - distance to the oracle = mean |m_t − m*_t|.
 *
 * @example
 * ```ts
 * import { oracleCapture } from "./oracle_capture.ts";
 * const n = 400, im = new Float64Array(n).fill(100), bench = new Float64Array(n).fill(0.9);
 * const sigma = Float64Array.from({ length: n }, (_, i) => 0.3 + 0.2 * Math.sin(i / 30));
 * const r = Float64Array.from(sigma, (s, i) => s * Math.sin(i * 2.1) * 2);
 * const loss = Float64Array.from(r, (v, i) => v * im[i]), oracle = Float64Array.from(sigma, (s) => 2 * s);
 * const m = Float64Array.from(oracle, (v, i) => (v + bench[i]) / 2); // halfway from the benchmark to the oracle
 * const c = oracleCapture({ loss, im, r, m, bench, oracle, tau: 0.99, mpor: 2 });
 * console.assert(Math.abs(c.marginSavingCaptured - 0.5) < 1e-12 && c.maeToOracle > 0);
 * ```
 * @module
 */
import { type EvaluateInput, evaluateMultiplier } from "./evaluate.ts";
import { pinballDm } from "./pinball_dm.ts";

/** Inputs of {@link oracleCapture}: those of `evaluateMultiplier` plus the oracle multiplier and the MPOR. */
export interface OracleCaptureInput extends EvaluateInput {
  /** Oracle multiplier per row. */
  oracle: Float64Array;
  /** MPOR h (Newey–West lag of the Diebold–Mariano test). */
  mpor: number;
}

/** Metrics of {@link oracleCapture}. */
export interface OracleCaptureResult {
  pinball: number;
  /** Mean |m − oracle|. */
  maeToOracle: number;
  avgMultiplier: number;
  avgMargin: number;
  /** Average margin relative to the benchmark's. */
  marginRatio: number;
  breachRate: number;
  pinballGainCaptured: number;
  marginSavingCaptured: number;
  /** Diebold–Mariano on pinball loss against the benchmark (0 and p = 1 when m is the benchmark). */
  dmStat: number;
  dmP: number;
}

/**
 * Compare one multiplier series with the oracle and the benchmark.
 *
 * @throws {RangeError} on mismatched lengths, an empty input or τ outside (0, 1)
 * @example
 * ```ts
 * const n = 400, im = new Float64Array(n).fill(100), bench = new Float64Array(n).fill(0.9);
 * const sigma = Float64Array.from({ length: n }, (_, i) => 0.3 + 0.2 * Math.sin(i / 30));
 * const r = Float64Array.from(sigma, (s, i) => s * Math.sin(i * 2.1) * 2);
 * const loss = Float64Array.from(r, (v, i) => v * im[i]), oracle = Float64Array.from(sigma, (s) => 2 * s);
 * const c = oracleCapture({ loss, im, r, m: oracle, bench, oracle, tau: 0.99, mpor: 1 });
 * console.assert(c.pinballGainCaptured === 1 && c.maeToOracle === 0);
 * ```
 */
export function oracleCapture(e: OracleCaptureInput): OracleCaptureResult {
  const self = evaluateMultiplier(e);
  const n = self.n;
  if (e.oracle.length !== n) throw new RangeError(`oracleCapture: oracle has length ${e.oracle.length}, m has ${n}`);
  const or = evaluateMultiplier({ ...e, m: e.oracle });
  const bm = evaluateMultiplier({ ...e, m: e.bench });
  let mae = 0;
  for (let i = 0; i < n; i++) mae += Math.abs(e.m[i] - e.oracle[i]);
  const dm = pinballDm(e.r, e.m, e.bench, e.tau, e.mpor);
  return {
    pinball: self.pinball,
    maeToOracle: mae / n,
    avgMultiplier: self.avgMultiplier,
    avgMargin: self.avgMargin,
    marginRatio: self.marginRatio,
    breachRate: self.breachRate,
    pinballGainCaptured: (bm.pinball - self.pinball) / (bm.pinball - or.pinball),
    marginSavingCaptured: (bm.avgMargin - self.avgMargin) / (bm.avgMargin - or.avgMargin),
    dmStat: dm.stat,
    dmP: dm.pValue,
  };
}
