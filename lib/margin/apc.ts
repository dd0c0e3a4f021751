/**
 * EMIR anti-procyclicality (APC) tools — Commission Delegated Regulation (EU)
 * No 153/2013, Article 28(1)(a)–(c) — as wrappers on any baseline margin
 * series (from `rollingMargin` over HS, FHS, SPAN-like, …):
 *
 * - (a) {@link apcBuffer}: a buffer of at least 25% of the calculated margin,
 *   collected in normal times and allowed to be exhausted (released) when the
 *   calculated margin rises significantly;
 * - (b) {@link apcStressedWeight}: at least 25% weight on stressed observations,
 *   implemented at margin level: `(1 − w)·M_t + w·M_stressed` (the form most
 *   CCPs use; `M_stressed` = the same model on the stressed period, see
 *   `stressedPeriod`);
 * - (c) {@link apcFloor}: the margin is floored at the margin computed with a
 *   10-year lookback, `max(M_t, M10y_t)`.
 *
 * All three return new Float64Arrays; `NaN` (not yet computable) baseline
 * entries stay `NaN`.
 *
 * @example
 * ```ts
 * import { apcBuffer, apcFloor, apcStressedWeight } from "./apc.ts";
 * const m = new Float64Array([10, 10, 20, 20]);
 * apcBuffer(m, { stress: [false, false, true, true] }); // [12.5, 12.5, 20, 20]
 * apcStressedWeight(m, 30); // [15, 15, 22.5, 22.5]
 * apcFloor(m, 12); // [12, 12, 20, 20]
 * ```
 * @module
 */
import { checkInt, checkRange } from "../core/check.ts";

function checkSeries(fn: string, name: string, x: ArrayLike<number>): void {
  if (x === null || typeof x !== "object" || typeof x.length !== "number") {
    throw new TypeError(`${fn}: ${name} must be a Float64Array or number array, got ${String(x)}`);
  }
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== "number" || v === Infinity || v === -Infinity || v < 0) {
      throw new RangeError(
        `${fn}: ${name}[${i}] must be a finite margin >= 0 (or NaN if not yet computable), got ${v}`,
      );
    }
  }
}

function broadcast(fn: string, name: string, x: number | ArrayLike<number>, n: number): ArrayLike<number> {
  if (typeof x === "number") {
    if (!(x >= 0) || !Number.isFinite(x)) throw new RangeError(`${fn}: ${name} must be a finite margin >= 0, got ${x}`);
    return new Float64Array(n).fill(x);
  }
  checkSeries(fn, name, x);
  if (x.length !== n) throw new RangeError(`${fn}: ${name}.length must equal margins.length = ${n}, got ${x.length}`);
  return x;
}

/** Options of {@link apcBuffer}. */
export interface ApcBufferOptions {
  /** Buffer as a fraction of the calculated margin. Default 0.25 (the EMIR minimum). */
  buffer?: number;
  /**
   * Explicit stress flags (truthy = release allowed on that day). If absent,
   * stress is detected: the calculated margin rose by more than
   * `releaseThreshold` over the last `releaseWindow` days.
   */
  stress?: ArrayLike<boolean | number>;
  /** Relative rise that signals stress. Default 0.25. */
  releaseThreshold?: number;
  /** Days over which the rise is measured. Default 5. */
  releaseWindow?: number;
}

/**
 * EMIR Art. 28(1)(a) buffer. In normal times the collected margin is
 * `(1 + b)·M_t`; on a stress day it is `max(M_t, min((1 + b)·M_t, C_{t−1}))`,
 * i.e. the buffer absorbs the rise and the collected margin does not increase
 * until the buffer is exhausted. It is rebuilt once stress ends.
 *
 * @throws {RangeError} on negative/infinite margins, `buffer` < 0, stress flags of the wrong length
 * @example
 * ```ts
 * apcBuffer([100, 100, 110], { stress: [0, 0, 1] }); // [125, 125, 125]
 * ```
 */
export function apcBuffer(margins: ArrayLike<number>, opts: ApcBufferOptions = {}): Float64Array {
  const fn = "apcBuffer";
  checkSeries(fn, "margins", margins);
  const b = opts.buffer ?? 0.25;
  checkRange(fn, "buffer", b, 0, Infinity);
  const n = margins.length;
  let stress: ArrayLike<boolean | number>;
  if (opts.stress !== undefined) {
    if (opts.stress.length !== n) {
      throw new RangeError(`${fn}: stress.length must equal margins.length = ${n}, got ${opts.stress.length}`);
    }
    stress = opts.stress;
  } else {
    const thr = opts.releaseThreshold ?? 0.25;
    checkRange(fn, "releaseThreshold", thr, 0, Infinity);
    const w = opts.releaseWindow ?? 5;
    checkInt(fn, "releaseWindow", w, 1);
    const flags = new Uint8Array(n);
    for (let t = 0; t < n; t++) {
      let lo = Infinity;
      for (let j = Math.max(0, t - w); j < t; j++) if (margins[j] < lo) lo = margins[j];
      flags[t] = lo > 0 && lo < Infinity && margins[t] > (1 + thr) * lo ? 1 : 0;
    }
    stress = flags;
  }
  const out = new Float64Array(n);
  let prev = NaN;
  for (let t = 0; t < n; t++) {
    const m = margins[t];
    const target = (1 + b) * m;
    out[t] = stress[t] && !Number.isNaN(prev) ? Math.max(m, Math.min(target, prev)) : target;
    prev = out[t];
  }
  return out;
}

/**
 * EMIR Art. 28(1)(b): weight `w` (default 0.25, the minimum) on the stressed
 * margin: `(1 − w)·M_t + w·S_t`, `S` a series or a constant.
 *
 * @throws {RangeError} on negative/infinite margins, mismatched lengths, `weight` outside [0, 1]
 * @example
 * ```ts
 * apcStressedWeight([100, 80], [200, 200]); // [125, 110]
 * ```
 */
export function apcStressedWeight(
  margins: ArrayLike<number>,
  stressedMargins: number | ArrayLike<number>,
  weight = 0.25,
): Float64Array {
  const fn = "apcStressedWeight";
  checkSeries(fn, "margins", margins);
  checkRange(fn, "weight", weight, 0, 1);
  const s = broadcast(fn, "stressedMargins", stressedMargins, margins.length);
  const out = new Float64Array(margins.length);
  for (let t = 0; t < out.length; t++) out[t] = (1 - weight) * margins[t] + weight * s[t];
  return out;
}

/**
 * EMIR Art. 28(1)(c): floor at the margin computed over a 10-year lookback,
 * `max(M_t, F_t)` (`F` a series — e.g. `rollingMargin(pnl, fn, {lookback: 2520})` — or a constant).
 *
 * @throws {RangeError} on negative/infinite margins or mismatched lengths
 * @example
 * ```ts
 * apcFloor([5, 15], [10, 10]); // [10, 15]
 * ```
 */
export function apcFloor(margins: ArrayLike<number>, floorMargins: number | ArrayLike<number>): Float64Array {
  const fn = "apcFloor";
  checkSeries(fn, "margins", margins);
  const f = broadcast(fn, "floorMargins", floorMargins, margins.length);
  const out = new Float64Array(margins.length);
  for (let t = 0; t < out.length; t++) {
    const m = margins[t], fl = f[t];
    out[t] = Number.isNaN(m) ? NaN : Number.isNaN(fl) ? m : Math.max(m, fl);
  }
  return out;
}
