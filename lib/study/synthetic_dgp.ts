/**
 * The data-generating processes of the synthetic track, by name: `"baseline"` (the base market of
 * `lib/market/synthetic_market.ts` and its oracle, what `buildSyntheticPath` of `synthetic_path.ts` uses) and
 * `"skewJump"` (`lib/market/synthetic_nonlinear.ts`: crash risk visible through option skew, realised only in
 * stress, so the oracle multiplier is non-linear in the features).
 *
 * @example
 * ```ts
 * import { syntheticDgp } from "./synthetic_dgp.ts";
 * const dgp = syntheticDgp("skewJump");
 * const m = dgp.market(3, 40);
 * console.assert(dgp.name === "skewJump" && m.chains.length === 40);
 * ```
 * @module
 */
import { generateSyntheticMarket } from "../market/synthetic_market.ts";
import { oracleQuantileSeries } from "../market/synthetic_oracle.ts";
import {
  generateSkewJumpMarket,
  type SkewJumpMarket,
  skewJumpOracleSeries,
  type SkewJumpOverrides,
  skewJumpParams,
} from "../market/synthetic_nonlinear.ts";
import type { Prng } from "../core/prng.ts";
import type { SyntheticMarket } from "../market/synthetic_market.ts";

/**
 * A data-generating process of the synthetic track: the market for a seed (the base market's fields, option chains
 * included) and the oracle quantile series of a position on it (`buildDgpPath` of `synthetic_dgp_path.ts`).
 */
export interface SyntheticDgp {
  /** Name reported in metrics (e.g. "baseline", "skewJump"). */
  name: string;
  /** The market of `seed` with `days` business days. */
  market(seed: number, days: number): SyntheticMarket;
  /** The oracle τ-quantile (USD) of the h-day loss of `position` contracts for every day of `market`. */
  oracle(
    market: SyntheticMarket,
    mpor: number,
    position: number,
    tau: number,
    prng: Prng,
    opts: { paths: number; contractSize: number },
  ): Float64Array;
}

/** Names of the synthetic data-generating processes. */
export const SYNTHETIC_DGPS = ["baseline", "skewJump"] as const;

/** A synthetic data-generating process name. */
export type SyntheticDgpName = typeof SYNTHETIC_DGPS[number];

/**
 * The data-generating process `name`. `overrides.market` changes base-market parameters (for the baseline: those
 * that leave its dynamics alone, e.g. `expiryDays`, are the sensible ones); the other keys change the skew-jump
 * parameters (`"skewJump"` only). Without overrides the baseline is exactly `generateSyntheticMarket(seed, { days })`.
 *
 * @throws {RangeError} on an unknown name, or skew-jump overrides for the baseline
 * @throws {TypeError} on an unknown override key
 * @example
 * ```ts
 * import { syntheticDgp } from "./synthetic_dgp.ts";
 * import { generateSyntheticMarket } from "../market/synthetic_market.ts";
 * const a = syntheticDgp("baseline").market(5, 30), b = generateSyntheticMarket(5, { days: 30 });
 * console.assert(a.front.every((v, i) => v === b.front[i])); // the base market, unchanged
 * ```
 */
export function syntheticDgp(name: SyntheticDgpName, overrides?: SkewJumpOverrides): SyntheticDgp {
  if (name === "baseline") {
    const { market: base = {}, ...rest } = overrides ?? {};
    if (Object.keys(rest).length > 0) {
      throw new RangeError(`syntheticDgp: "baseline" takes only market overrides, got ${Object.keys(rest).join(", ")}`);
    }
    return {
      name,
      market: (seed, days) => generateSyntheticMarket(seed, { ...base, days }),
      oracle: oracleQuantileSeries,
    };
  }
  if (name === "skewJump") {
    const sj = skewJumpParams(overrides);
    const { market: base, ...rest } = sj;
    return {
      name,
      market: (seed, days) => generateSkewJumpMarket(seed, { ...base, days }, rest),
      oracle: (market, mpor, position, tau, prng, opts) => {
        if (!("alert" in market)) throw new TypeError(`syntheticDgp("skewJump"): the market has no alert state`);
        return skewJumpOracleSeries(market as SkewJumpMarket, mpor, position, tau, prng, opts);
      },
    };
  }
  throw new RangeError(`syntheticDgp: unknown DGP "${name}" (one of ${SYNTHETIC_DGPS.join(", ")})`);
}
