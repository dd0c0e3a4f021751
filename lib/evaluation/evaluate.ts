/**
 * Coverage and efficiency of a multiplier series on study rows: the dynamic
 * margin `m_t · IM_t` against the realised loss, Kupiec's POF test, the
 * average margin relative to a benchmark margin (normally the static
 * multiplier's), and the mean pinball loss of `m` against the ratio target.
 *
 * @example
 * ```ts
 * import { evaluateMultiplier } from "./evaluate.ts";
 * const e = evaluateMultiplier({
 *   loss: Float64Array.of(1, 5), im: Float64Array.of(2, 2), r: Float64Array.of(0.5, 2.5),
 *   m: Float64Array.of(1, 1), bench: Float64Array.of(1.2, 1.2), tau: 0.99,
 * });
 * e.exceptions; // 1
 * ```
 * @module
 */
import { exceptions, kupiecPof } from "../backtest/mod.ts";
import { pinballLosses as pinballLoss } from "../targets/pinball_loss.ts";

/** Inputs of {@link evaluateMultiplier}; all arrays have the same length n ≥ 1. */
export interface EvaluateInput {
  /** Realised loss L_{t,t+h}. */
  loss: Float64Array;
  /** Baseline IM_t (> 0). */
  im: Float64Array;
  /** Ratio target loss / IM. */
  r: Float64Array;
  /** Multiplier of the evaluated model. */
  m: Float64Array;
  /** Benchmark multiplier (the margin ratio is Σ m·IM / Σ bench·IM). */
  bench: Float64Array;
  /** Quantile level τ of the margin (Kupiec's null breach rate is 1 − τ). */
  tau: number;
}

/** Metrics of {@link evaluateMultiplier}. */
export interface EvaluateResult {
  n: number;
  exceptions: number;
  breachRate: number;
  kupiecP: number;
  avgMultiplier: number;
  /** Average dynamic margin in USD. */
  avgMargin: number;
  /** Average margin relative to the benchmark's. */
  marginRatio: number;
  /** Mean pinball loss at τ of `m` against `r`. */
  pinball: number;
}

/**
 * Evaluate one multiplier series.
 *
 * @throws {RangeError} on mismatched lengths, an empty input or τ outside (0, 1)
 * @example
 * ```ts
 * const e = evaluateMultiplier({
 *   loss: Float64Array.of(1), im: Float64Array.of(2), r: Float64Array.of(0.5),
 *   m: Float64Array.of(1), bench: Float64Array.of(1), tau: 0.99,
 * });
 * e.marginRatio; // 1
 * ```
 */
export function evaluateMultiplier(e: EvaluateInput): EvaluateResult {
  const n = e.m.length;
  if (n === 0) throw new RangeError("evaluateMultiplier: empty input");
  for (const k of ["loss", "im", "r", "bench"] as const) {
    if (e[k].length !== n) throw new RangeError(`evaluateMultiplier: ${k} has length ${e[k].length}, m has ${n}`);
  }
  if (!(e.tau > 0 && e.tau < 1)) throw new RangeError(`evaluateMultiplier: tau must be in (0, 1), got ${e.tau}`);
  const margin = new Float64Array(n);
  let sm = 0, sMargin = 0, sBench = 0;
  for (let i = 0; i < n; i++) {
    margin[i] = e.m[i] * e.im[i];
    sm += e.m[i];
    sMargin += margin[i];
    sBench += e.bench[i] * e.im[i];
  }
  const ex = exceptions(e.loss, margin);
  const pl = pinballLoss(e.r, e.m, e.tau);
  let spl = 0;
  for (const v of pl) spl += v;
  return {
    n,
    exceptions: ex.count,
    breachRate: ex.rate,
    kupiecP: kupiecPof(ex.count, ex.n, e.tau).pValue,
    avgMultiplier: sm / n,
    avgMargin: sMargin / n,
    marginRatio: sMargin / sBench,
    pinball: spl / n,
  };
}
