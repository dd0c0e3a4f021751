/**
 * A second synthetic market whose margin answer is non-linear in the observables ("skew-jump" DGP, issue 14 §3).
 *
 * The market of `synthetic_market.ts` (regime-switching stochastic volatility with jumps, curve, option
 * chains; equations in `synthetic_params.ts`) plus a latent, observable-through-skew **alert state**
 * `z_n ∈ {0, 1}`, an independent two-state Markov chain with daily switching probabilities
 * `pAlertOn` (0 → 1) and `pAlertOff` (1 → 0). Daily step `dt = 1/252`, regime `s_n ∈ {0 calm, 1 stress}`:
 *
 * - **Physical measure (the price path and the oracle).** Crash jumps arrive only when the market is
 *   stressed AND on alert: the jump intensity of day n is
 *   `λ^P_n = λ_{s_n} + crashIntensity · 1{s_n = 1} · 1{z_n = 1}`,
 *   jump sizes `J ~ N(μ_J, σ_J²)` as in the base model, and the price step keeps its martingale compensator:
 *   `X_{n+1} = X_n − (½ v_n + λ^P_n m_J) dt + √(v_n dt) (ρ Z^v_n + √(1−ρ²) Z^⊥_n) + Σ_{N_n ~ Poisson(λ^P_n dt)} J`.
 *   Regime, log-variance and curve factor follow the base equations unchanged.
 * - **Option market (what the features see).** Options are priced with the base model's conditional
 *   (Rao–Blackwellized) pricer under the intensity `λ^Q_n = λ_{s_n} + fearIntensity · 1{z_n = 1}`, with the
 *   alert state held at its current value over the option's life: the option market prices the crash fear
 *   whenever the alert is on, whatever the regime. With down-biased jumps (`μ_J < 0`) this shows up as a
 *   steeper put skew (`rr25`), not as a stress signal; stress shows up in the ATM level.
 *
 * So the conditional h-day loss quantile q*_t = Q_τ(L_{t,t+h} | s_t, z_t, v_t) jumps when skew is high AND
 * vol is high (an interaction), while either signal alone moves it little — a linear function of the
 * features cannot represent it. The oracle is computed exactly as for the base market: conditional Monte
 * Carlo of regimes, alert states, variance shocks and jump counts from the state at t; given each path the
 * log-price change is Gaussian (`m = Σ[−(½v_n + λ^P_n m_J)dt + ρ√(v_n dt) Z^v_n] + N μ_J`,
 * `s² = (1−ρ²) Σ v_n dt + N σ_J²`), and the loss quantile solves the mixture CDF (`synthetic_oracle.ts`).
 *
 * Random streams: the root `createPrng(seed)` forks, in order, the path stream (as the base market), the
 * pricer's common-random-number stream, the quote stream and the alert stream. The base market's
 * generator is untouched (this file only composes its exported pieces).
 *
 * @example
 * ```ts
 * import { generateSkewJumpMarket, skewJumpOracleSeries } from "./synthetic_nonlinear.ts";
 * import { createPrng } from "../core/prng.ts";
 * const m = generateSkewJumpMarket(42, { days: 60 });
 * const q = skewJumpOracleSeries(m, 2, 1, 0.99, createPrng(1), { paths: 200 }); // USD, long 1 contract
 * console.assert(m.alert.length === 60 && q.length === 60 && q.every((v) => v > 0));
 * ```
 * @module
 */

import { createPrng, type Prng } from "../core/prng.ts";
import { type ConditionalMixture, DT, jumpCompensator, stepSynthetic } from "./synthetic_dynamics.ts";
import { businessDays, curveAndChains, type SyntheticMarket } from "./synthetic_market.ts";
import { CONTRACT_SIZE, mixtureLossDistribution, type OracleOptions } from "./synthetic_oracle.ts";
import { defaultSyntheticParams, type SyntheticParams, validateSyntheticParams } from "./synthetic_params.ts";

/** Parameters of the skew-jump DGP: the base market's (overridable) plus the alert chain and the two intensities. */
export interface SkewJumpParams {
  /** The base market's parameters (defaults: {@link defaultSkewJumpParams}). */
  market: SyntheticParams;
  /** Daily probability of switching the alert on (0 → 1). */
  pAlertOn: number;
  /** Daily probability of switching the alert off (1 → 0). */
  pAlertOff: number;
  /** Extra physical jump intensity (jumps per year) when stressed and on alert. */
  crashIntensity: number;
  /** Extra jump intensity the option market prices while on alert (jumps per year). */
  fearIntensity: number;
}

/** Overrides of {@link SkewJumpParams}: the base market's keys under `market`. */
export type SkewJumpOverrides = Partial<Omit<SkewJumpParams, "market">> & { market?: Partial<SyntheticParams> };

/** A generated skew-jump market: the base market's fields plus the alert state per day. */
export interface SkewJumpMarket extends SyntheticMarket {
  /** Alert state per day: 0 off, 1 on. */
  alert: Uint8Array;
  skewJump: SkewJumpParams;
}

/**
 * Default skew-jump parameters. The base market differs from `defaultSyntheticParams()` so that each signal is
 * clean on its own: stress more frequent (`pCalmToStress` 1/150) with a 50% vs 30% vol that the variance reaches
 * quickly (`kappaV` 12, vol-of-vol 0.5/0.6), so the ATM level reveals the regime; rare regular jumps (0.3 a year)
 * of −20% ± 5%; option slices at 1 and 2 months. The alert is on about a third of the time (on 1/120, off 1/60
 * a day); 10 extra crashes a year when stressed and on alert; 1.5 extra priced by the option market while on
 * alert (a put skew of about −7 vol points at 25 delta against −1 without alert).
 *
 * @example
 * ```ts
 * import { defaultSkewJumpParams } from "./synthetic_nonlinear.ts";
 * const p = defaultSkewJumpParams();
 * console.assert(p.crashIntensity > p.fearIntensity && p.market.jumpMean < 0);
 * ```
 */
export function defaultSkewJumpParams(): SkewJumpParams {
  return {
    market: {
      ...defaultSyntheticParams(),
      pCalmToStress: 1 / 150,
      kappaV: 12,
      thetaV: [Math.log(0.3 * 0.3), Math.log(0.5 * 0.5)],
      etaV: [0.5, 0.6],
      jumpIntensity: [0.3, 0.3],
      jumpMean: -0.2,
      jumpSd: 0.05,
      expiryDays: [21, 42],
    },
    pAlertOn: 1 / 120,
    pAlertOff: 1 / 60,
    crashIntensity: 10,
    fearIntensity: 1.5,
  };
}

const KEYS = ["market", "pAlertOn", "pAlertOff", "crashIntensity", "fearIntensity"];

/**
 * Merge overrides into the defaults and check them.
 *
 * @throws {TypeError} on an unknown key
 * @throws {RangeError} naming the parameter and its value when out of range
 * @example
 * ```ts
 * import { skewJumpParams } from "./synthetic_nonlinear.ts";
 * const p = skewJumpParams({ crashIntensity: 20, market: { days: 300 } });
 * console.assert(p.market.days === 300 && p.crashIntensity === 20);
 * ```
 */
export function skewJumpParams(overrides: SkewJumpOverrides = {}): SkewJumpParams {
  if (overrides === null || typeof overrides !== "object") {
    throw new TypeError(`skewJumpParams: overrides must be an object, got ${overrides}`);
  }
  for (const k of Object.keys(overrides)) {
    if (!KEYS.includes(k)) throw new TypeError(`skewJumpParams: unknown key "${k}"`);
  }
  const d = defaultSkewJumpParams();
  const p: SkewJumpParams = {
    ...d,
    ...overrides,
    market: validateSyntheticParams({ ...d.market, ...(overrides.market ?? {}) }),
  };
  for (const k of ["pAlertOn", "pAlertOff"] as const) {
    if (!(p[k] >= 0 && p[k] <= 1)) throw new RangeError(`skewJumpParams: ${k} must be in [0, 1], got ${p[k]}`);
  }
  for (const k of ["crashIntensity", "fearIntensity"] as const) {
    if (!(p[k] >= 0 && p[k] <= 252)) throw new RangeError(`skewJumpParams: ${k} must be in [0, 252], got ${p[k]}`);
  }
  return p;
}

/** The base params with the jump intensities of one (alert, measure) combination. */
function withIntensity(m: SyntheticParams, extra: [number, number]): SyntheticParams {
  return { ...m, jumpIntensity: [m.jumpIntensity[0] + extra[0], m.jumpIntensity[1] + extra[1]] };
}

/**
 * Generate the skew-jump market for `seed` (see the module doc for the model).
 *
 * @throws {RangeError} when `seed` is not an integer or a parameter is out of range
 * @throws {TypeError} on an unknown parameter key
 * @example
 * ```ts
 * import { generateSkewJumpMarket } from "./synthetic_nonlinear.ts";
 * const m = generateSkewJumpMarket(7, { days: 250, chains: false });
 * console.assert(m.chains.length === 0 && m.front.length === 250);
 * ```
 */
export function generateSkewJumpMarket(
  seed: number,
  market: Partial<SyntheticParams> = {},
  overrides: Omit<SkewJumpOverrides, "market"> = {},
): SkewJumpMarket {
  if (!Number.isInteger(seed)) throw new RangeError(`generateSkewJumpMarket: seed must be an integer, got ${seed}`);
  const sj = skewJumpParams({ ...overrides, market });
  const p = sj.market;
  const crash = withIntensity(p, [0, sj.crashIntensity]);
  const fear = withIntensity(p, [sj.fearIntensity, sj.fearIntensity]);
  const root = createPrng(seed);
  const pathRng = root.fork(), pricerRng = root.fork(), quoteRng = root.fork(), alertRng = root.fork();
  const T = p.days;
  const dates = businessDays(p.startDate, T);
  const regime = new Uint8Array(T), alert = new Uint8Array(T);
  const logVar = new Float64Array(T), chi = new Float64Array(T), front = new Float64Array(T);
  const jumps = new Float64Array(T);
  const state = { regime: 0, logVar: p.thetaV[0], logPrice: Math.log(p.f0), chi: 0, jump: 0 };
  let z = 0;
  for (let t = 0; t < T; t++) {
    if (t > 0) {
      stepSynthetic(z === 1 ? crash : p, state, pathRng);
      z = alertRng.next() < (z === 0 ? sj.pAlertOn : sj.pAlertOff) ? 1 - z : z;
    }
    regime[t] = state.regime;
    alert[t] = z;
    logVar[t] = state.logVar;
    chi[t] = state.chi;
    front[t] = Math.exp(state.logPrice);
    jumps[t] = t > 0 ? state.jump : 0;
  }
  const path = { dates, regime, logVar, chi, front };
  const { curve, chains } = curveAndChains(p, path, pricerRng, quoteRng, (t) => alert[t] ? fear : p);
  return { seed, params: p, dates, regime, logVar, chi, front, jumps, curve, chains, alert, skewJump: sj };
}

/**
 * Gaussian mixture components of `X_{t+h} − X_t` under the physical skew-jump model (regime, alert, variance
 * and jump counts simulated; `nPaths` fresh paths from `rng`), starting in `regime`, `alert`, `logVar`.
 * Same layout as `conditionalMixture` of `synthetic_dynamics.ts`.
 *
 * @throws {RangeError} on a bad state, horizon list or path count
 * @example
 * ```ts
 * import { defaultSkewJumpParams, skewJumpMixture } from "./synthetic_nonlinear.ts";
 * import { createPrng } from "../core/prng.ts";
 * const p = defaultSkewJumpParams();
 * const mix = skewJumpMixture(p, 1, 1, p.market.thetaV[1], [2], 500, createPrng(3));
 * console.assert(mix.mean.length === 500);
 * ```
 */
export function skewJumpMixture(
  sj: SkewJumpParams,
  regime: number,
  alert: number,
  logVar: number,
  horizons: readonly number[],
  nPaths: number,
  rng: Prng,
): ConditionalMixture {
  if (regime !== 0 && regime !== 1) throw new RangeError(`skewJumpMixture: regime must be 0 or 1, got ${regime}`);
  if (alert !== 0 && alert !== 1) throw new RangeError(`skewJumpMixture: alert must be 0 or 1, got ${alert}`);
  if (!Number.isFinite(logVar)) throw new RangeError(`skewJumpMixture: logVar must be finite, got ${logVar}`);
  if (!Number.isInteger(nPaths) || nPaths < 1) {
    throw new RangeError(`skewJumpMixture: nPaths must be an integer >= 1, got ${nPaths}`);
  }
  if (horizons.length === 0) throw new RangeError(`skewJumpMixture: horizons must be non-empty`);
  horizons.forEach((h, k) => {
    if (!Number.isInteger(h) || h < 1 || (k > 0 && h <= horizons[k - 1])) {
      throw new RangeError(`skewJumpMixture: horizons must be increasing integers >= 1, got horizons[${k}] = ${h}`);
    }
  });
  const p = sj.market;
  const H = horizons.length, last = horizons[H - 1];
  const mean = new Float64Array(H * nPaths), variance = new Float64Array(H * nPaths);
  const mJ = jumpCompensator(p);
  const sqDt = Math.sqrt(DT);
  const oneMinusRho2 = 1 - p.rho * p.rho;
  for (let i = 0; i < nPaths; i++) {
    let s = regime, z = alert, y = logVar, m = 0, V = 0, nJ = 0, k = 0;
    for (let n = 0; n < last; n++) {
      const uReg = rng.next(), zv = rng.normal(), uJump = rng.next(), uAlert = rng.next();
      const v = Math.exp(y);
      const lam = p.jumpIntensity[s] + (s === 1 && z === 1 ? sj.crashIntensity : 0);
      m += -(0.5 * v + lam * mJ) * DT + p.rho * Math.sqrt(v * DT) * zv;
      V += v * DT;
      nJ += poissonFromUniform(lam * DT, uJump);
      y += p.kappaV * (p.thetaV[s] - y) * DT + p.etaV[s] * sqDt * zv;
      s = uReg < (s === 0 ? p.pCalmToStress : p.pStressToCalm) ? 1 - s : s;
      z = uAlert < (z === 0 ? sj.pAlertOn : sj.pAlertOff) ? 1 - z : z;
      if (n + 1 === horizons[k]) {
        mean[k * nPaths + i] = m + nJ * p.jumpMean;
        variance[k * nPaths + i] = oneMinusRho2 * V + nJ * p.jumpSd * p.jumpSd;
        k++;
      }
    }
  }
  return { horizons: [...horizons], nPaths, mean, variance };
}

/** Poisson count by inversion of one uniform (as `synthetic_dynamics.ts` draws daily jump counts). */
function poissonFromUniform(mean: number, u: number): number {
  if (mean === 0) return 0;
  let k = 0, pk = Math.exp(-mean), cdf = pk;
  while (u > cdf && k < 1000) {
    k++;
    pk *= mean / k;
    cdf += pk;
  }
  return k;
}

/**
 * The oracle margin of the skew-jump market: for every day t, the true conditional τ-quantile (USD) of the
 * h-day loss of `position` front contracts (each day draws its own paths from `prng`, in date order).
 *
 * @throws {RangeError} on a bad `mpor`, `position` or `tau`
 * @example
 * ```ts
 * import { generateSkewJumpMarket, skewJumpOracleSeries } from "./synthetic_nonlinear.ts";
 * import { createPrng } from "../core/prng.ts";
 * const m = generateSkewJumpMarket(1, { days: 40, chains: false });
 * const q = skewJumpOracleSeries(m, 2, -1, 0.99, createPrng(2), { paths: 200 }); // short position
 * console.assert(q.length === 40);
 * ```
 */
export function skewJumpOracleSeries(
  market: SkewJumpMarket,
  mpor: number,
  position: number,
  tau: number,
  prng: Prng,
  opts: OracleOptions = {},
): Float64Array {
  if (!Number.isInteger(mpor) || mpor < 1) {
    throw new RangeError(`skewJumpOracleSeries: mpor must be an integer >= 1, got ${mpor}`);
  }
  if (!Number.isFinite(position) || position === 0) {
    throw new RangeError(`skewJumpOracleSeries: position must be a finite non-zero number, got ${position}`);
  }
  if (!(tau > 0 && tau < 1)) throw new RangeError(`skewJumpOracleSeries: tau must be in (0, 1), got ${tau}`);
  const T = market.front.length, paths = opts.paths ?? 4000, c = opts.contractSize ?? CONTRACT_SIZE;
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const mix = skewJumpMixture(
      market.skewJump,
      market.regime[t],
      market.alert[t],
      market.logVar[t],
      [mpor],
      paths,
      prng,
    );
    out[t] = mixtureLossDistribution(market.front[t], mix, 0, position, c).quantile(tau);
  }
  return out;
}
