/**
 * Adaptive conformal inference (Gibbs & Candès 2021) on top of any margin forecaster, with the feedback delay of a
 * margin period of risk: a coverage layer that rescales the forecaster's margin by a quantile of its past ratio
 * scores `s_t = loss_t / margin_t`, and moves the quantile level from realised breaches.
 *
 * Timing. `loss_t` is the loss over `[t, t + h]`, known only at date `t + h`; with `delay = h`, the outcomes known when
 * the margin of date `t` is set are those of dates `u ≤ t − delay`. At date `t`:
 *
 * 1. the outcome of `u = t − delay` arrives: its score joins the known scores (the last `window` of them, or all),
 *    and, if the layer was already active at `u`, the level moves: `α ← α + γ·(target − err_u)` with
 *    `err_u = 1{loss_u > output_u}`. This is the recursion `α_{t+1} = α_t + γ(α − err_{t+1−delay})`, i.e. each date
 *    uses the freshest outcome it can know (one day fresher than `err_{t−delay}`, never later than knowable);
 * 2. once at least `warmup` scores are known the layer is active: `output_t = margin_t · max(0, Q_{1−α_t})`, with `Q_p`
 *    the `⌈p·m⌉`-th smallest of the `m` known scores (clipped to the smallest for `p ≤ 0` and to the largest for
 *    `p ≥ 1` — a finite stand-in for the infinite set the method prescribes at `α_t ≤ 0`); before that
 *    `output_t = margin_t` and `level_t` is NaN.
 *
 * Nothing at date `t` reads `loss[t − delay + 1 …]` (a test proves it). The long-run breach rate of the active dates
 * tends to `target` for any score sequence (the Gibbs–Candès bound `(max(α₁, 1−α₁) + γ)/(γ·T)`, up to the finite cap).
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { adaptiveConformal } from "./adaptive_conformal.ts";
 * const rng = createPrng(1);
 * const loss = Float64Array.from({ length: 3000 }, (_, t) => (t < 1500 ? 1 : 2) * rng.normal());
 * const margin = new Float64Array(3000).fill(2); // a forecaster that misses the shift
 * const r = adaptiveConformal(loss, margin, { target: 0.01, gamma: 0.01, delay: 2, warmup: 250, window: 500 });
 * const rate = r.breaches.subarray(250).reduce((s, b) => s + b, 0) / (3000 - 250);
 * if (Math.abs(rate - 0.01) > 0.01) throw new Error(`breach rate ${rate}`);
 * ```
 * @module
 */
import { checkConfidence, checkInt, checkPositive } from "../core/check.ts";

/** Options of {@link adaptiveConformal}. */
export interface AdaptiveConformalOptions {
  /** Target breach rate α in (0, 1), e.g. 0.01. */
  target: number;
  /** Step size γ > 0 of the level update. */
  gamma: number;
  /** Days between setting a margin and knowing whether it was breached (the MPOR), ≥ 1. */
  delay: number;
  /** Known scores needed before the layer acts (≥ 1). */
  warmup: number;
  /** Use only the last `window` known scores (≥ warmup); default: all. */
  window?: number;
}

/** Output of {@link adaptiveConformal}. */
export interface AdaptiveConformalResult {
  /** The conformal margin per date (the forecaster's own margin before the layer is active). */
  margin: Float64Array;
  /** The quantile level `1 − α_t` used per date (NaN before the layer is active). */
  level: Float64Array;
  /** `1` where `loss_t > margin_t` of the output. */
  breaches: Uint8Array;
  /** The first date at which the layer is active (`n` if never). */
  activeFrom: number;
}

/** Index of the first element > v in sorted[0, m) (upper bound). */
function upperBound(sorted: Float64Array, m: number, v: number): number {
  let lo = 0, hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Run the adaptive conformal layer over a forecaster's margins.
 *
 * @throws {RangeError} on different lengths or an empty series, a non-finite loss, a margin that is not finite and
 *   > 0 (naming the index and value), a target outside (0, 1), `gamma` ≤ 0, `delay` or `warmup` < 1, `window` < warmup
 * @example
 * ```ts
 * import { adaptiveConformal } from "./adaptive_conformal.ts";
 * // delay 1, warmup 2: dates 0, 1 use the raw margin (the scores of dates 0, 1 are known from dates 1, 2 on)
 * const r = adaptiveConformal([1, 2, 3, 4, 5], [1, 1, 1, 1, 1], { target: 0.5, gamma: 0.1, delay: 1, warmup: 2 });
 * if (r.activeFrom !== 2 || !Number.isNaN(r.level[1]) || r.level[2] !== 0.5) throw new Error("timing");
 * if (r.margin[2] !== 1) throw new Error("⌈0.5·2⌉ = 1st smallest of the known scores 1, 2");
 * ```
 */
export function adaptiveConformal(
  loss: ArrayLike<number>,
  margin: ArrayLike<number>,
  opts: AdaptiveConformalOptions,
): AdaptiveConformalResult {
  const fn = "adaptiveConformal";
  for (const [name, x] of [["loss", loss], ["margin", margin]] as const) {
    if (x === null || typeof x !== "object" || typeof x.length !== "number") {
      throw new TypeError(`${fn}: ${name} must be a Float64Array or number array, got ${String(x)}`);
    }
  }
  const n = loss.length;
  if (margin.length !== n) {
    throw new RangeError(`${fn}: loss.length (${n}) must equal margin.length, got ${margin.length}`);
  }
  if (n === 0) throw new RangeError(`${fn}: loss is empty`);
  checkConfidence(fn, opts.target, "target");
  checkPositive(fn, "gamma", opts.gamma);
  checkInt(fn, "delay", opts.delay, 1);
  checkInt(fn, "warmup", opts.warmup, 1);
  if (opts.window !== undefined) checkInt(fn, "window", opts.window, opts.warmup);
  const window = opts.window ?? Infinity;
  const score = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const l = loss[t], m = margin[t];
    if (typeof l !== "number" || !Number.isFinite(l)) {
      throw new RangeError(`${fn}: loss[${t}] must be a finite number, got ${String(l)}`);
    }
    if (typeof m !== "number" || !Number.isFinite(m) || m <= 0) {
      throw new RangeError(`${fn}: margin[${t}] must be a finite number > 0, got ${String(m)}`);
    }
    score[t] = l / m;
  }
  const { target, gamma, delay, warmup } = opts;
  const out = new Float64Array(n), level = new Float64Array(n), breaches = new Uint8Array(n);
  const sorted = new Float64Array(Math.min(window, n));
  let m = 0, alpha = target, activeFrom = n;
  for (let t = 0; t < n; t++) {
    const u = t - delay;
    if (u >= 0) {
      if (m === window) {
        const old = score[u - window];
        const at = upperBound(sorted, m, old) - 1; // sorted[at] === old
        sorted.copyWithin(at, at + 1, m);
        m--;
      }
      const v = score[u];
      const at = upperBound(sorted, m, v);
      sorted.copyWithin(at + 1, at, m);
      sorted[at] = v;
      m++;
      if (u >= activeFrom) alpha += gamma * (target - breaches[u]);
    }
    if (m >= warmup) {
      if (activeFrom === n) activeFrom = t;
      const p = 1 - alpha;
      const rank = Math.min(m, Math.max(1, Math.ceil(p * m)));
      const q = sorted[rank - 1];
      out[t] = margin[t] * (q > 0 ? q : 0);
      level[t] = p;
    } else {
      out[t] = margin[t];
      level[t] = NaN;
    }
    breaches[t] = loss[t] > out[t] ? 1 : 0;
  }
  return { margin: out, level, breaches, activeFrom };
}

/** Options of {@link selectConformalGamma}: those of {@link adaptiveConformal} without the step γ. */
export type ConformalGammaOptions = Omit<AdaptiveConformalOptions, "gamma">;

/** Output of {@link selectConformalGamma}. */
export interface ConformalGammaChoice {
  /** The chosen step γ. */
  gamma: number;
  /** Per grid value (in grid order), the breach rate of the layer over the active fitting dates. */
  breachRates: number[];
}

/**
 * Choose the step γ of {@link adaptiveConformal} from a fixed grid using fitting rows only: run the layer over the
 * fitting rows' losses and margins with each γ and keep the γ whose breach rate over the active dates (from
 * `activeFrom` on) is closest to `target`; ties go to the smaller γ. Called with rows that end before the test
 * period, nothing of the test period can enter the choice.
 *
 * @throws {RangeError} on an empty grid, a grid value that is not finite and > 0, fitting rows too short for the
 *   layer to become active, or from {@link adaptiveConformal}
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { selectConformalGamma } from "./adaptive_conformal.ts";
 * const rng = createPrng(4);
 * const loss = Float64Array.from({ length: 1500 }, (_, t) => (t < 700 ? 1 : 2) * rng.normal());
 * const margin = new Float64Array(1500).fill(2.5); // misses the volatility shift
 * const c = selectConformalGamma(loss, margin, [0.0005, 0.005, 0.05], { target: 0.01, delay: 2, warmup: 250 });
 * if (c.breachRates.length !== 3 || ![0.0005, 0.005, 0.05].includes(c.gamma)) throw new Error("grid");
 * ```
 */
export function selectConformalGamma(
  loss: ArrayLike<number>,
  margin: ArrayLike<number>,
  grid: readonly number[],
  opts: ConformalGammaOptions,
): ConformalGammaChoice {
  const fn = "selectConformalGamma";
  if (!Array.isArray(grid) || grid.length === 0) {
    throw new RangeError(`${fn}: grid must be a non-empty array of step sizes, got ${JSON.stringify(grid)}`);
  }
  grid.forEach((g, i) => {
    if (typeof g !== "number" || !Number.isFinite(g) || g <= 0) {
      throw new RangeError(`${fn}: grid[${i}] must be a finite number > 0, got ${String(g)}`);
    }
  });
  let best = NaN, bestGap = Infinity;
  const breachRates = grid.map((gamma) => {
    const r = adaptiveConformal(loss, margin, { ...opts, gamma });
    const n = r.breaches.length;
    if (r.activeFrom >= n) {
      throw new RangeError(`${fn}: ${n} fitting rows leave no active date after warm-up ${opts.warmup}`);
    }
    let c = 0;
    for (let t = r.activeFrom; t < n; t++) c += r.breaches[t];
    const rate = c / (n - r.activeFrom), gap = Math.abs(rate - opts.target);
    if (gap < bestGap || (gap === bestGap && gamma < best)) {
      best = gamma;
      bestGap = gap;
    }
    return rate;
  });
  return { gamma: best, breachRates };
}
