/**
 * ISDA SIMM attributed to trades (or any units) with this library's generic methods: the SIMM engine
 * gives the margin as a function of unit weights (`simmMarginFunction` in `lib/simm`), and
 * {@link simmAttribution} runs standalone, Euler (finite-difference components, {@link marginal}),
 * pro-rata, incremental and Shapley over it. There is one attribution library; SIMM only supplies the
 * margin function.
 *
 * **Where SIMM is non-additive (Euler sum ≠ total).** Without concentration add-ons every SIMM step is
 * positively homogeneous of degree one in the sensitivities: weighted sensitivities are linear, K_b and
 * the inter-bucket / ψ aggregations are square roots of quadratic forms, the clamp
 * S_b = max(min(Σ WS, K_b), −K_b) and the curvature max(·, 0) commute with positive scaling, and the
 * curvature λ depends on θ = Σ CVR / Σ |CVR| only, which is scale free. Euler's theorem then gives
 * Σ_i a_i = SIMM (up to the finite-difference error, and except at kinks such as a bucket where the
 * clamp or the curvature floor switches, or a change of winning regulation). Concentration breaks this:
 * once |Σ s| of a qualifier / currency / pair exceeds its threshold T, CR = sqrt(|Σ s| / T) > 1 makes the
 * weighted sensitivity RW·s·CR grow like |s|^{3/2}, so SIMM is locally homogeneous of a degree between 1
 * and 1.5 and the Euler components sum to **more** than the total (for a single concentrated factor,
 * exactly 1.5 × its margin). At |Σ s| = T the margin has a kink (CR switches from 1 to the square root).
 * Delta (CR) and vega (VCR) concentration both do this; the 1-day calibration applies none. Fixed
 * add-ons and notional add-ons are linear in their own rows; product-class multipliers are linear.
 *
 * @example
 * ```ts
 * import { simmAttribution } from "./simm_attribution.ts";
 * import { parseCrif } from "../simm/crif.ts";
 * import { loadCalibration } from "../simm/load.ts";
 * const crif = parseCrif(
 *   "TradeID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\n" +
 *     "A,RatesFX,Risk_FX,EUR,,,,1000,USD\nB,RatesFX,Risk_FX,GBP,,,,1000,USD\n",
 * );
 * const a = simmAttribution(crif.records, { calibration: await loadCalibration("2.6"), mpor: 10, calculationCurrency: "USD" });
 * console.assert(a.units.join() === "A,B" && Math.abs(a.eulerGap) < 1e-6 * a.total);
 * ```
 * @module
 */
import type { Prng } from "../core/prng.ts";
import type { CrifRecord } from "../simm/crif.ts";
import type { SimmSettings } from "../simm/risk_class_margin.ts";
import { simmMarginFunction } from "../simm/simm_margin_function.ts";
import { incremental } from "./incremental.ts";
import { marginal } from "./marginal.ts";
import { proRata } from "./pro_rata.ts";
import { shapley, type ShapleyResult } from "./shapley.ts";
import { standalone } from "./standalone.ts";
import { evalMargin } from "./unit_margin_fn.ts";

/**
 * Attribution methods {@link simmAttribution} can run.
 *
 * @example
 * ```ts
 * import type { SimmAttributionMethod } from "./simm_attribution.ts";
 * const m: SimmAttributionMethod = "shapley";
 * ```
 */
export type SimmAttributionMethod = "standalone" | "euler" | "pro-rata" | "incremental" | "shapley";

/**
 * Every method, in report order.
 *
 * @example
 * ```ts
 * import { SIMM_ATTRIBUTION_METHODS } from "./simm_attribution.ts";
 * console.assert(SIMM_ATTRIBUTION_METHODS.length === 5);
 * ```
 */
export const SIMM_ATTRIBUTION_METHODS: readonly SimmAttributionMethod[] = [
  "standalone",
  "euler",
  "pro-rata",
  "incremental",
  "shapley",
];

/**
 * Options of {@link simmAttribution}.
 *
 * @example
 * ```ts
 * import type { SimmAttributionOptions } from "./simm_attribution.ts";
 * const o: SimmAttributionOptions = { unitOf: (r) => r.portfolio, methods: ["euler", "shapley"] };
 * ```
 */
export interface SimmAttributionOptions {
  /** Unit key of a record (default: its trade id). Multiplier and notional-factor rows are never scaled. */
  unitOf?: (r: CrifRecord) => string;
  /** Methods to run (default all). Shapley costs 2ⁿ SIMM evaluations up to `exactMax` units. */
  methods?: readonly SimmAttributionMethod[];
  /** Relative finite-difference step of the Euler components (default 1e-4). */
  eps?: number;
  /** Largest number of units for exact Shapley (default 12). */
  exactMax?: number;
  /** Permutations of sampled Shapley above `exactMax` (default 1000). */
  nPermutations?: number;
  /** Seeded PRNG for sampled Shapley (required above `exactMax` units). */
  prng?: Prng;
}

/**
 * SIMM attribution by unit; a method not run is `undefined` (and `eulerGap` NaN without Euler).
 *
 * @example
 * ```ts
 * import type { SimmAttribution } from "./simm_attribution.ts";
 * const a: SimmAttribution = { units: ["A"], total: 1, eulerGap: NaN };
 * ```
 */
export interface SimmAttribution {
  /** Unit keys in first-seen order. */
  units: readonly string[];
  /** SIMM of the whole CRIF (call side, winning regulation, summed over portfolios). */
  total: number;
  /** Each unit's SIMM on its own. */
  standalone?: Float64Array;
  /** Euler components `∂SIMM/∂w_j` at w = 1 (central finite differences). */
  euler?: Float64Array;
  /** Σ Euler components − total: 0 up to the step error without concentration, > 0 with it. */
  eulerGap: number;
  /** Total shared in proportion to standalone SIMM. */
  proRata?: Float64Array;
  /** SIMM(all) − SIMM(all but unit j). */
  incremental?: Float64Array;
  /** Shapley values (sum to total − SIMM(∅) = total). */
  shapley?: ShapleyResult;
}

/**
 * Run `lib/attribution`'s methods over SIMM as a function of unit weights.
 *
 * @throws {RangeError} on an unknown method name, a CRIF with no attributable unit, bad method options
 *   (from the methods themselves) or a non-finite SIMM value
 * @example
 * ```ts
 * import { simmAttribution } from "./simm_attribution.ts";
 * import { parseCrif } from "../simm/crif.ts";
 * import { loadCalibration } from "../simm/load.ts";
 * const crif = parseCrif("TradeID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\nA,RatesFX,Risk_FX,EUR,,,,100,USD\nB,RatesFX,Risk_FX,EUR,,,,-100,USD");
 * const a = simmAttribution(crif.records, { calibration: await loadCalibration("2.6"), mpor: 10, calculationCurrency: "USD" }, { methods: ["incremental"] });
 * console.assert(a.total === 0 && a.incremental![0] < 0); // each trade hedges the other
 * ```
 */
export function simmAttribution(
  records: readonly CrifRecord[],
  settings: SimmSettings,
  options: SimmAttributionOptions = {},
): SimmAttribution {
  const name = "simmAttribution";
  const methods = options.methods ?? SIMM_ATTRIBUTION_METHODS;
  for (const m of methods) {
    if (!SIMM_ATTRIBUTION_METHODS.includes(m)) {
      throw new RangeError(
        `${name}: unknown method ${JSON.stringify(m)} (one of ${SIMM_ATTRIBUTION_METHODS.join(", ")})`,
      );
    }
  }
  const { units, margin } = simmMarginFunction(records, options.unitOf ?? ((r) => r.tradeId), settings);
  const n = units.length;
  if (n === 0) throw new RangeError(`${name}: the CRIF has no sensitivity or add-on record to attribute`);
  const total = evalMargin(name, margin, new Float64Array(n).fill(1));
  const out: SimmAttribution = { units, total, eulerGap: NaN };
  if (methods.includes("standalone")) out.standalone = standalone(margin, n);
  if (methods.includes("euler")) {
    const e = marginal(margin, n, { eps: options.eps });
    out.euler = e.component;
    let s = 0;
    for (const c of e.component) s += c;
    out.eulerGap = s - total;
  }
  if (methods.includes("pro-rata")) out.proRata = proRata(margin, n);
  if (methods.includes("incremental")) out.incremental = incremental(margin, n);
  if (methods.includes("shapley")) {
    out.shapley = shapley(margin, n, {
      exactMax: options.exactMax,
      nPermutations: options.nPermutations,
      prng: options.prng,
    });
  }
  return out;
}
