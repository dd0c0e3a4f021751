/**
 * The equal-coverage frontier of a margin rule: scale its margin by `k` and record the breach rate, the average
 * margin and the shortfall. Scaling any rule down lowers margin and raises breaches, so two rules are compared at the
 * same out-of-sample breach rate: {@link marginAtBreachRate} finds the smallest scale whose breach rate is at most a
 * target, exactly from the order statistics of the ratios `loss / margin` (no grid).
 *
 * Conventions: a breach on day `t` at scale `k` is `loss_t > k·margin_t`; the shortfall is `max(0, loss_t − k·margin_t)`;
 * the breach rate is `breaches / n`; the average margin is `k · mean(margin)` (the mean summed left to right).
 *
 * @example
 * ```ts
 * import { marginAtBreachRate, marginFrontier } from "./frontier.ts";
 * const loss = [1, 5, 2, 9, 3], margin = [4, 4, 4, 4, 4];
 * const [p] = marginFrontier(loss, margin, [1]);
 * console.assert(p.breachRate === 0.4 && p.totalShortfall === 6); // 5 > 4 and 9 > 4
 * const a = marginAtBreachRate(loss, margin, 0.2); // one breach of five allowed: k = 5/4
 * console.assert(a.k === 1.25 && a.avgMargin === 5 && a.breachRate === 0.2);
 * ```
 * @module
 */
import { checkConfidence } from "../core/check.ts";

/** One point of a frontier. */
export interface FrontierPoint {
  /** The scale applied to the margin. */
  k: number;
  /** Share of days with `loss > k·margin`. */
  breachRate: number;
  /** `k · mean(margin)`. */
  avgMargin: number;
  /** `Σ max(0, loss − k·margin)`. */
  totalShortfall: number;
  /** `totalShortfall / breaches` (0 when there is no breach). */
  meanShortfall: number;
}

/** Margin at a target breach rate (see {@link marginAtBreachRate}). */
export interface ScaleAtRate {
  /** Smallest scale `k ≥ 0` whose breach rate is ≤ the target. */
  k: number;
  /** `k · mean(margin)` over the days used. */
  avgMargin: number;
  /** Breach rate at `k` over the days used (≤ target). */
  breachRate: number;
}

/** A loss / margin pair prepared for repeated {@link breachScaleOn} calls (resampling). */
export interface BreachScaleSeries {
  readonly loss: Float64Array;
  readonly margin: Float64Array;
  /** Dense rank of each day's ratio `loss/margin` among {@link levels}. */
  readonly rank: Int32Array;
  /** Distinct ratios, ascending. */
  readonly levels: Float64Array;
}

function checkSeries(fn: string, loss: ArrayLike<number>, margin: ArrayLike<number>): void {
  for (const [name, x] of [["loss", loss], ["margin", margin]] as const) {
    if (x === null || typeof x !== "object" || typeof x.length !== "number") {
      throw new TypeError(`${fn}: ${name} must be a Float64Array or number array, got ${String(x)}`);
    }
  }
  if (loss.length !== margin.length) {
    throw new RangeError(`${fn}: loss.length (${loss.length}) must equal margin.length, got ${margin.length}`);
  }
  if (loss.length === 0) throw new RangeError(`${fn}: loss is empty`);
  for (let i = 0; i < loss.length; i++) {
    const l = loss[i], m = margin[i];
    if (typeof l !== "number" || !Number.isFinite(l)) {
      throw new RangeError(`${fn}: loss[${i}] must be a finite number, got ${String(l)}`);
    }
    if (typeof m !== "number" || !Number.isFinite(m) || m <= 0) {
      throw new RangeError(`${fn}: margin[${i}] must be a finite number > 0, got ${String(m)}`);
    }
  }
}

/**
 * The largest breach count `c` with `c / n ≤ target` (computed with the same division as the reported rate).
 *
 * @throws {RangeError} on `n` < 1 or a target outside (0, 1)
 * @example
 * ```ts
 * import { allowedBreaches } from "./frontier.ts";
 * console.assert(allowedBreaches(100, 0.29) === 29 && allowedBreaches(250, 0.01) === 2);
 * ```
 */
export function allowedBreaches(n: number, target: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`allowedBreaches: n must be an integer >= 1, got ${n}`);
  checkConfidence("allowedBreaches", target, "target");
  let c = Math.floor(target * n);
  while (c + 1 <= n && (c + 1) / n <= target) c++;
  while (c > 0 && c / n > target) c--;
  return c;
}

/**
 * Trace a margin rule's frontier over the scales `ks`.
 *
 * @throws {RangeError} on different lengths, an empty series, a non-finite loss, a margin that is not finite and
 *   > 0, or a scale that is not finite and ≥ 0 (each naming the index and value)
 * @example
 * ```ts
 * import { marginFrontier } from "./frontier.ts";
 * const f = marginFrontier([1, 3], [2, 2], [0.5, 1, 2]);
 * console.assert(f[0].breachRate === 0.5 && f[1].meanShortfall === 1 && f[2].totalShortfall === 0);
 * ```
 */
export function marginFrontier(
  loss: ArrayLike<number>,
  margin: ArrayLike<number>,
  ks: ArrayLike<number>,
): FrontierPoint[] {
  const fn = "marginFrontier";
  checkSeries(fn, loss, margin);
  const n = loss.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += margin[i];
  const meanMargin = sum / n;
  const out: FrontierPoint[] = [];
  for (let j = 0; j < ks.length; j++) {
    const k = ks[j];
    if (typeof k !== "number" || !Number.isFinite(k) || k < 0) {
      throw new RangeError(`${fn}: ks[${j}] must be a finite number >= 0, got ${String(k)}`);
    }
    let count = 0, total = 0;
    for (let i = 0; i < n; i++) {
      const gap = loss[i] - k * margin[i];
      if (gap > 0) {
        count++;
        total += gap;
      }
    }
    out.push({
      k,
      breachRate: count / n,
      avgMargin: k * meanMargin,
      totalShortfall: total,
      meanShortfall: count > 0 ? total / count : 0,
    });
  }
  return out;
}

/**
 * Prepare a loss / margin pair for {@link breachScaleOn}: the ratios, their distinct values and each day's rank.
 *
 * @throws {RangeError} as {@link marginFrontier} on bad series
 * @example
 * ```ts
 * import { prepareBreachScale } from "./frontier.ts";
 * const s = prepareBreachScale([2, 1, 2], [1, 1, 1]);
 * console.assert(s.levels.length === 2 && s.rank[0] === 1 && s.rank[1] === 0);
 * ```
 */
export function prepareBreachScale(loss: ArrayLike<number>, margin: ArrayLike<number>): BreachScaleSeries {
  checkSeries("prepareBreachScale", loss, margin);
  const n = loss.length;
  const l = Float64Array.from(loss), m = Float64Array.from(margin);
  const ratio = new Float64Array(n);
  for (let i = 0; i < n; i++) ratio[i] = l[i] / m[i];
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => ratio[a] - ratio[b] || a - b);
  const rank = new Int32Array(n);
  const lv: number[] = [];
  for (const i of order) {
    if (lv.length === 0 || ratio[i] !== lv[lv.length - 1]) lv.push(ratio[i]);
    rank[i] = lv.length - 1;
  }
  return { loss: l, margin: m, rank, levels: Float64Array.from(lv) };
}

const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
/** The next double above `x ≥ 0`. */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  u64[0] += 1n;
  return f64[0];
}

/**
 * {@link marginAtBreachRate} on the days `idx` (with repeats, as a bootstrap draws them; `null` = every day once).
 * The scale is the `(c+1)`-th largest ratio on those days (`c` = {@link allowedBreaches}), floored at 0, then moved
 * up by single ulps while the product `k·margin` still breaches more than `c` times.
 *
 * @throws {RangeError} on an empty `idx`, an index out of range or a target outside (0, 1)
 * @example
 * ```ts
 * import { breachScaleOn, prepareBreachScale } from "./frontier.ts";
 * const s = prepareBreachScale([1, 2, 3, 4], [1, 1, 1, 1]);
 * console.assert(breachScaleOn(s, Int32Array.of(3, 0, 1, 1), 0.3).k === 2); // ratios 4, 1, 2, 2: one breach
 * ```
 */
export function breachScaleOn(s: BreachScaleSeries, idx: Int32Array | null, target: number): ScaleAtRate {
  const fn = "breachScaleOn";
  const N = s.loss.length;
  const n = idx === null ? N : idx.length;
  if (n === 0) throw new RangeError(`${fn}: idx is empty`);
  const c = allowedBreaches(n, target);
  const counts = new Int32Array(s.levels.length);
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const i = idx === null ? j : idx[j];
    if (!(i >= 0 && i < N)) throw new RangeError(`${fn}: idx[${j}] must be in [0, ${N}), got ${i}`);
    counts[s.rank[i]]++;
    sum += s.margin[i];
  }
  let v = -Infinity, cum = 0;
  for (let r = counts.length - 1; r >= 0; r--) {
    cum += counts[r];
    if (cum > c) {
      v = s.levels[r];
      break;
    }
  }
  let k = v > 0 ? v : 0;
  let count = 0;
  for (;;) {
    count = 0;
    for (let j = 0; j < n; j++) {
      const i = idx === null ? j : idx[j];
      if (s.loss[i] > k * s.margin[i]) count++;
    }
    if (count <= c) break;
    k = nextUp(k);
  }
  return { k, avgMargin: k * (sum / n), breachRate: count / n };
}

/**
 * The smallest scale `k ≥ 0` whose breach rate `#{loss > k·margin} / n` is at most `target`, with the average margin
 * `k · mean(margin)` and the breach rate it reaches. Exact: `k` is an order statistic of `loss / margin` (up to one
 * ulp of the product `k·margin`), not a grid point.
 *
 * @throws {RangeError} as {@link marginFrontier} on bad series, or a target outside (0, 1)
 * @example
 * ```ts
 * import { marginAtBreachRate } from "./frontier.ts";
 * const loss = Array.from({ length: 100 }, (_, i) => i + 1); // 1 … 100
 * const r = marginAtBreachRate(loss, new Array(100).fill(10), 0.05); // 5 breaches allowed: k = 95/10
 * console.assert(r.k === 9.5 && r.breachRate === 0.05 && r.avgMargin === 95);
 * ```
 */
export function marginAtBreachRate(loss: ArrayLike<number>, margin: ArrayLike<number>, target: number): ScaleAtRate {
  checkSeries("marginAtBreachRate", loss, margin);
  checkConfidence("marginAtBreachRate", target, "target");
  return breachScaleOn(prepareBreachScale(loss, margin), null, target);
}
