/**
 * Parameters of the synthetic crude-oil-like market (the ground-truth track).
 *
 * The model, in one place (daily step `dt = 1/252`, all rates annual):
 *
 * - **Regime** `s_n ∈ {0 calm, 1 stress}`: a two-state Markov chain with daily
 *   switching probabilities `pCalmToStress`, `pStressToCalm`.
 * - **Log-variance** `y_n = ln v_n`, mean-reverting to a regime-dependent level:
 *   `y_{n+1} = y_n + κ_y (θ_{s_n} − y_n) dt + η_{s_n} √dt Z^v_n`.
 * - **Front futures** log-price `X_n = ln F1_n` (a generic, constant-maturity
 *   front contract), with spot–vol correlation `ρ` and compound-Poisson jumps
 *   (`N_n ~ Poisson(λ_{s_n} dt)`, each jump `J ~ N(μ_J, σ_J²)`):
 *   `X_{n+1} = X_n − (½ v_n + λ_{s_n} m_J) dt + √(v_n dt) (ρ Z^v_n + √(1−ρ²) Z^⊥_n) + Σ J`,
 *   with `m_J = e^{μ_J + σ_J²/2} − 1`, so `F1` is an exact martingale step by step
 *   (zero risk premium: the physical and pricing measures coincide for `F1`).
 * - **Curve** (Schwartz–Smith two-factor form): `ln F(t, τ) = ξ_t + e^{−κ_χ τ} χ_t + a τ`,
 *   with a mean-reverting short-term factor
 *   `χ_{n+1} = χ_n (1 − κ_χ dt) + σ_χ √dt (ρ_χ Z^F_n + √(1−ρ_χ²) Z^χ_n)` (`Z^F` the
 *   price's diffusive shock) and the long-term level `ξ_t` backed out from `F1`.
 *   `χ > 0` tilts the curve into backwardation, `a > 0` adds contango carry.
 *
 * @example
 * ```ts
 * import { defaultSyntheticParams, validateSyntheticParams } from "./synthetic_params.ts";
 * const p = validateSyntheticParams({ ...defaultSyntheticParams(), days: 500 });
 * ```
 * @module
 */

/** Full parameter set of the synthetic market. */
export interface SyntheticParams {
  /** Number of business days generated. */
  days: number;
  /** First business day, ISO `YYYY-MM-DD` (moved forward to a weekday if needed). */
  startDate: string;
  /** Initial front futures price (USD/bbl). */
  f0: number;
  /** Daily probability of switching calm → stress. */
  pCalmToStress: number;
  /** Daily probability of switching stress → calm. */
  pStressToCalm: number;
  /** Log-variance mean reversion speed κ_y (per year). */
  kappaV: number;
  /** Mean log-variance θ per regime: `[calm, stress]` (ln of annual variance). */
  thetaV: [number, number];
  /** Vol-of-vol η per regime (annual, of the log-variance). */
  etaV: [number, number];
  /** Correlation ρ between price and log-variance shocks. */
  rho: number;
  /** Jump intensity λ per regime (jumps per year). */
  jumpIntensity: [number, number];
  /** Mean μ_J of a log-jump. */
  jumpMean: number;
  /** Standard deviation σ_J of a log-jump. */
  jumpSd: number;
  /** Short-term curve factor mean reversion κ_χ (per year). */
  kappaChi: number;
  /** Short-term factor volatility σ_χ (annual). */
  sigmaChi: number;
  /** Correlation ρ_χ between the short-term factor and the price's diffusive shock. */
  rhoChi: number;
  /** Contango carry `a` of the curve (per year of tenor). */
  carry: number;
  /** Tenors of the generic curve contracts cl1..clN in years (constant maturity). */
  tenors: number[];
  /** Continuously compounded rate used to discount option premiums. */
  rate: number;
  /** Option slices: business days to expiry (constant maturity). */
  expiryDays: number[];
  /** Standardized strike grid `z`: `K = F·exp(z·σ_ref·√T)`, `σ_ref` the current instantaneous vol clamped. */
  strikeZ: number[];
  /** Variance paths per day in the conditional (Rao–Blackwellized) option pricer. */
  pricerPaths: number;
  /** Probability that a strike is missing from a day's chain (gaps). */
  missingProb: number;
  /** Relative half bid/ask spread (fraction of the model price). */
  spreadRel: number;
  /** Minimum half spread and price tick (USD/bbl). */
  tick: number;
  /** Mid-price noise as a fraction of the half spread (standard deviation). */
  midNoise: number;
  /** Whether to generate option chains at all. */
  chains: boolean;
}

/**
 * Default parameters: a 30%-vol calm regime and a 65%-vol stress regime, mildly
 * negative spot–vol correlation, downward-biased jumps, 4 curve tenors (1–4 months)
 * and option slices at 1, 2, 3 and 6 months.
 *
 * @example
 * ```ts
 * const p = defaultSyntheticParams();
 * p.expiryDays; // [21, 42, 63, 126]
 * ```
 */
export function defaultSyntheticParams(): SyntheticParams {
  const strikeZ: number[] = [];
  for (let i = -10; i <= 10; i++) strikeZ.push(i * 0.3);
  return {
    days: 2500,
    startDate: "2000-01-03",
    f0: 70,
    pCalmToStress: 1 / 500,
    pStressToCalm: 1 / 60,
    kappaV: 4,
    thetaV: [Math.log(0.3 * 0.3), Math.log(0.65 * 0.65)],
    etaV: [1.0, 1.4],
    rho: -0.35,
    jumpIntensity: [3, 15],
    jumpMean: -0.03,
    jumpSd: 0.06,
    kappaChi: 1.5,
    sigmaChi: 0.3,
    rhoChi: 0.5,
    carry: 0.04,
    tenors: [1 / 12, 2 / 12, 3 / 12, 4 / 12],
    rate: 0.03,
    expiryDays: [21, 42, 63, 126],
    strikeZ,
    pricerPaths: 64,
    missingProb: 0.1,
    spreadRel: 0.03,
    tick: 0.01,
    midNoise: 0.5,
    chains: true,
  };
}

const KEYS = Object.keys(defaultSyntheticParams()) as (keyof SyntheticParams)[];

function finite(name: string, x: unknown): number {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new RangeError(`SyntheticParams.${name} must be a finite number, got ${String(x)}`);
  }
  return x;
}

function inRange(name: string, x: unknown, lo: number, hi: number, loOpen = false, hiOpen = false): void {
  const v = finite(name, x);
  if ((loOpen ? v <= lo : v < lo) || (hiOpen ? v >= hi : v > hi)) {
    throw new RangeError(
      `SyntheticParams.${name} must be in ${loOpen ? "(" : "["}${lo}, ${hi}${hiOpen ? ")" : "]"}, got ${v}`,
    );
  }
}

/**
 * Check a parameter object (unknown key, wrong type or out-of-range value → error)
 * and return it typed.
 *
 * @throws {TypeError} on an unknown key or a non-object
 * @throws {RangeError} naming the parameter and its value when out of range
 * @example
 * ```ts
 * validateSyntheticParams({ ...defaultSyntheticParams(), rho: -0.5 });
 * ```
 */
export function validateSyntheticParams(p: SyntheticParams): SyntheticParams {
  if (p === null || typeof p !== "object") throw new TypeError(`SyntheticParams must be an object, got ${p}`);
  for (const k of Object.keys(p)) {
    if (!KEYS.includes(k as keyof SyntheticParams)) throw new TypeError(`SyntheticParams: unknown key "${k}"`);
  }
  for (const k of KEYS) {
    if (p[k] === undefined) throw new TypeError(`SyntheticParams: missing key "${k}"`);
  }
  if (!Number.isInteger(p.days) || p.days < 2) {
    throw new RangeError(`SyntheticParams.days must be an integer >= 2, got ${p.days}`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.startDate) || Number.isNaN(Date.parse(p.startDate + "T00:00:00Z"))) {
    throw new RangeError(`SyntheticParams.startDate must be an ISO date YYYY-MM-DD, got "${p.startDate}"`);
  }
  inRange("f0", p.f0, 0, Infinity, true, true);
  inRange("pCalmToStress", p.pCalmToStress, 0, 1);
  inRange("pStressToCalm", p.pStressToCalm, 0, 1);
  inRange("kappaV", p.kappaV, 0, 252);
  for (const i of [0, 1]) {
    finite(`thetaV[${i}]`, p.thetaV[i]);
    inRange(`etaV[${i}]`, p.etaV[i], 0, 20);
    inRange(`jumpIntensity[${i}]`, p.jumpIntensity[i], 0, 252);
  }
  inRange("rho", p.rho, -1, 1, true, true);
  finite("jumpMean", p.jumpMean);
  inRange("jumpSd", p.jumpSd, 0, 5);
  inRange("kappaChi", p.kappaChi, 0, 252);
  inRange("sigmaChi", p.sigmaChi, 0, 20);
  inRange("rhoChi", p.rhoChi, -1, 1);
  finite("carry", p.carry);
  if (!Array.isArray(p.tenors) || p.tenors.length < 1) throw new RangeError(`SyntheticParams.tenors must be non-empty`);
  p.tenors.forEach((x, i) => inRange(`tenors[${i}]`, x, 0, 50, true));
  for (let i = 1; i < p.tenors.length; i++) {
    if (!(p.tenors[i] > p.tenors[i - 1])) {
      throw new RangeError(`SyntheticParams.tenors must increase, got ${p.tenors[i]} after ${p.tenors[i - 1]}`);
    }
  }
  finite("rate", p.rate);
  p.expiryDays.forEach((x, i) => {
    if (!Number.isInteger(x) || x < 1) {
      throw new RangeError(`SyntheticParams.expiryDays[${i}] must be an integer >= 1, got ${x}`);
    }
  });
  for (let i = 1; i < p.expiryDays.length; i++) {
    if (!(p.expiryDays[i] > p.expiryDays[i - 1])) {
      throw new RangeError(
        `SyntheticParams.expiryDays must increase, got ${p.expiryDays[i]} after ${p.expiryDays[i - 1]}`,
      );
    }
  }
  p.strikeZ.forEach((x, i) => finite(`strikeZ[${i}]`, x));
  if (!Number.isInteger(p.pricerPaths) || p.pricerPaths < 1) {
    throw new RangeError(`SyntheticParams.pricerPaths must be an integer >= 1, got ${p.pricerPaths}`);
  }
  inRange("missingProb", p.missingProb, 0, 1, false, true);
  inRange("spreadRel", p.spreadRel, 0, 1);
  inRange("tick", p.tick, 0, 10, true);
  inRange("midNoise", p.midNoise, 0, 10);
  if (typeof p.chains !== "boolean") throw new TypeError(`SyntheticParams.chains must be a boolean, got ${p.chains}`);
  return p;
}
