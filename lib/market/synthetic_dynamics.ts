/**
 * One-day transition of the synthetic market and its conditional (mixture)
 * distribution. The generator, the option pricer and the oracle all use these
 * definitions, so "the model" is exactly the daily Markov chain written here
 * (no discretisation error between the simulated market and its ground truth).
 *
 * Conditional on a path of regimes, log-variance shocks and jump counts, the
 * h-day log-price change is exactly Gaussian (the orthogonal price shock and the
 * jump sizes are integrated out analytically):
 * `X_{t+h} − X_t ~ N(m, s²)` with
 * `m = Σ [−(½ v_n + λ_{s_n} m_J) dt + ρ √(v_n dt) Z^v_n] + N μ_J`,
 * `s² = (1 − ρ²) Σ v_n dt + N σ_J²`, `N` the number of jumps on the path.
 * Averaging over simulated paths gives a smooth (Rao–Blackwellized) mixture of
 * lognormals for the terminal futures price.
 *
 * @example
 * ```ts
 * import { conditionalMixture, stepSynthetic } from "./synthetic_dynamics.ts";
 * import { defaultSyntheticParams } from "./synthetic_params.ts";
 * import { createPrng } from "../core/prng.ts";
 * const p = defaultSyntheticParams();
 * const s = { regime: 0, logVar: p.thetaV[0], logPrice: Math.log(70), chi: 0, jump: 0 };
 * stepSynthetic(p, s, createPrng(1));
 * const mix = conditionalMixture(p, 0, p.thetaV[0], [10], 256, createPrng(2));
 * ```
 * @module
 */

import type { Prng } from "../core/prng.ts";
import type { SyntheticParams } from "./synthetic_params.ts";

/** Daily time step in years (252 business days a year). */
export const DT = 1 / 252;

/** The Markov state of the synthetic market on one day. */
export interface SyntheticState {
  /** 0 calm, 1 stress. */
  regime: number;
  /** ln of the instantaneous annual variance. */
  logVar: number;
  /** ln of the front futures price. */
  logPrice: number;
  /** Short-term curve factor χ. */
  chi: number;
  /** Sum of log-jumps on the last step (output only). */
  jump: number;
}

/** Expected relative jump size `m_J = E[e^J − 1]`. */
export function jumpCompensator(p: SyntheticParams): number {
  return Math.exp(p.jumpMean + 0.5 * p.jumpSd * p.jumpSd) - 1;
}

/**
 * Poisson draw by inversion (suited to the small means of daily jump counts).
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * poisson(0.05, createPrng(3)); // usually 0
 * ```
 */
export function poisson(mean: number, rng: Prng): number {
  if (!(mean >= 0)) throw new RangeError(`poisson: mean must be >= 0, got ${mean}`);
  return poissonFromUniform(mean, rng.next());
}

function poissonFromUniform(mean: number, u: number): number {
  if (mean === 0) return 0;
  let k = 0;
  let pk = Math.exp(-mean);
  let cdf = pk;
  while (u > cdf && k < 1000) {
    k++;
    pk *= mean / k;
    cdf += pk;
  }
  return k;
}

/**
 * Advance `state` by one business day in place, drawing from `rng` in a fixed
 * order (regime uniform, Z^v, Z^⊥, jump-count uniform, jump normals, Z^χ).
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { defaultSyntheticParams } from "./synthetic_params.ts";
 * const s = { regime: 0, logVar: Math.log(0.09), logPrice: Math.log(70), chi: 0, jump: 0 };
 * stepSynthetic(defaultSyntheticParams(), s, createPrng(5));
 * ```
 */
export function stepSynthetic(p: SyntheticParams, state: SyntheticState, rng: Prng): void {
  const s = state.regime;
  const v = Math.exp(state.logVar);
  const uReg = rng.next();
  const zv = rng.normal();
  const zp = rng.normal();
  const nJ = poissonFromUniform(p.jumpIntensity[s] * DT, rng.next());
  let jump = 0;
  for (let j = 0; j < nJ; j++) jump += p.jumpMean + p.jumpSd * rng.normal();
  const zc = rng.normal();
  const sq = Math.sqrt(v * DT);
  const zF = p.rho * zv + Math.sqrt(1 - p.rho * p.rho) * zp;
  state.logPrice += -(0.5 * v + p.jumpIntensity[s] * jumpCompensator(p)) * DT + sq * zF + jump;
  state.logVar += p.kappaV * (p.thetaV[s] - state.logVar) * DT + p.etaV[s] * Math.sqrt(DT) * zv;
  state.chi = state.chi * (1 - p.kappaChi * DT) +
    p.sigmaChi * Math.sqrt(DT) * (p.rhoChi * zF + Math.sqrt(1 - p.rhoChi * p.rhoChi) * zc);
  state.regime = uReg < (s === 0 ? p.pCalmToStress : p.pStressToCalm) ? 1 - s : s;
  state.jump = jump;
}

/**
 * Gaussian mixture components of `X_{t+h} − X_t` for each horizon, one per path:
 * `mean[k·nPaths + i]`, `variance[k·nPaths + i]` for `horizons[k]`.
 */
export interface ConditionalMixture {
  horizons: number[];
  nPaths: number;
  mean: Float64Array;
  variance: Float64Array;
}

/**
 * Random inputs for `nPaths` paths of `steps` days, reusable across states
 * (common random numbers): regime uniforms, log-variance normals, jump uniforms.
 */
export interface PathDraws {
  nPaths: number;
  steps: number;
  uRegime: Float64Array;
  zVar: Float64Array;
  uJump: Float64Array;
}

/**
 * Draw the random inputs for `conditionalMixtureFromDraws`.
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * const d = drawPaths(64, 126, createPrng(9));
 * ```
 */
export function drawPaths(nPaths: number, steps: number, rng: Prng): PathDraws {
  if (!Number.isInteger(nPaths) || nPaths < 1) {
    throw new RangeError(`drawPaths: nPaths must be an integer >= 1, got ${nPaths}`);
  }
  if (!Number.isInteger(steps) || steps < 1) {
    throw new RangeError(`drawPaths: steps must be an integer >= 1, got ${steps}`);
  }
  const n = nPaths * steps;
  const uRegime = new Float64Array(n), zVar = new Float64Array(n), uJump = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    uRegime[i] = rng.next();
    zVar[i] = rng.normal();
    uJump[i] = rng.next();
  }
  return { nPaths, steps, uRegime, zVar, uJump };
}

/**
 * Conditional mixture from given path draws, starting in `regime` with log-variance `logVar`.
 * `horizons` must be increasing integers in `[1, draws.steps]`.
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { defaultSyntheticParams } from "./synthetic_params.ts";
 * const p = defaultSyntheticParams();
 * const mix = conditionalMixtureFromDraws(p, 0, p.thetaV[0], [21, 63], drawPaths(64, 63, createPrng(1)));
 * ```
 */
export function conditionalMixtureFromDraws(
  p: SyntheticParams,
  regime: number,
  logVar: number,
  horizons: readonly number[],
  draws: PathDraws,
): ConditionalMixture {
  checkHorizons(horizons, draws.steps);
  if (regime !== 0 && regime !== 1) throw new RangeError(`conditionalMixture: regime must be 0 or 1, got ${regime}`);
  if (!Number.isFinite(logVar)) throw new RangeError(`conditionalMixture: logVar must be finite, got ${logVar}`);
  const { nPaths, steps } = draws;
  const H = horizons.length;
  const mean = new Float64Array(H * nPaths), variance = new Float64Array(H * nPaths);
  const mJ = jumpCompensator(p);
  const sqDt = Math.sqrt(DT);
  const oneMinusRho2 = 1 - p.rho * p.rho;
  const last = horizons[H - 1];
  for (let i = 0; i < nPaths; i++) {
    let s = regime, y = logVar, m = 0, V = 0, nJ = 0, k = 0;
    const base = i * steps;
    for (let n = 0; n < last; n++) {
      const v = Math.exp(y);
      const lam = p.jumpIntensity[s];
      const zv = draws.zVar[base + n];
      m += -(0.5 * v + lam * mJ) * DT + p.rho * Math.sqrt(v * DT) * zv;
      V += v * DT;
      nJ += poissonFromUniform(lam * DT, draws.uJump[base + n]);
      y += p.kappaV * (p.thetaV[s] - y) * DT + p.etaV[s] * sqDt * zv;
      s = draws.uRegime[base + n] < (s === 0 ? p.pCalmToStress : p.pStressToCalm) ? 1 - s : s;
      if (n + 1 === horizons[k]) {
        mean[k * nPaths + i] = m + nJ * p.jumpMean;
        variance[k * nPaths + i] = oneMinusRho2 * V + nJ * p.jumpSd * p.jumpSd;
        k++;
      }
    }
  }
  return { horizons: [...horizons], nPaths, mean, variance };
}

function checkHorizons(horizons: readonly number[], maxSteps: number): void {
  if (horizons.length === 0) throw new RangeError(`conditionalMixture: horizons must be non-empty`);
  for (let k = 0; k < horizons.length; k++) {
    const h = horizons[k];
    if (!Number.isInteger(h) || h < 1 || h > maxSteps || (k > 0 && h <= horizons[k - 1])) {
      throw new RangeError(
        `conditionalMixture: horizons must be increasing integers in [1, ${maxSteps}], got horizons[${k}] = ${h}`,
      );
    }
  }
}

/**
 * Conditional mixture with fresh draws from `rng` (`nPaths` paths).
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { defaultSyntheticParams } from "./synthetic_params.ts";
 * const p = defaultSyntheticParams();
 * conditionalMixture(p, 1, p.thetaV[1], [1, 10], 1000, createPrng(4));
 * ```
 */
export function conditionalMixture(
  p: SyntheticParams,
  regime: number,
  logVar: number,
  horizons: readonly number[],
  nPaths: number,
  rng: Prng,
): ConditionalMixture {
  checkHorizons(horizons, Number.MAX_SAFE_INTEGER);
  return conditionalMixtureFromDraws(
    p,
    regime,
    logVar,
    horizons,
    drawPaths(nPaths, horizons[horizons.length - 1], rng),
  );
}
