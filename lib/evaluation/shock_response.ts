/**
 * The response of a multiplier to hypothetical shocks, over seeds: given the
 * per-seed multipliers of the unshocked row (`none`) and of each shocked
 * copy, the seed-mean multiplier before (`m`) and, per shock, after (`m`),
 * the mean change (`dm`) and the sample sd over seeds of the per-seed change
 * (`dmSd`).
 *
 * @example
 * ```ts
 * import { shockResponse } from "./shock_response.ts";
 * const r = shockResponse({ none: [1, 1.2], volX: [1.3, 1.5] });
 * console.assert(Math.abs(r.effects.volX.dm - 0.3) < 1e-12 && r.effects.volX.dmSd === 0);
 * ```
 * @module
 */
import { meanSd } from "../core/stats.ts";

/** One shock's effect. */
export interface ShockEffect {
  m: number;
  dm: number;
  dmSd: number;
}

/** The unshocked seed-mean multiplier and each shock's {@link ShockEffect}, in the input's key order. */
export interface ShockResponse {
  m: number;
  effects: Record<string, ShockEffect>;
}

/**
 * Summarise `bySeed[key][seed]` (key `none` = unshocked; every list the same length).
 *
 * @throws {RangeError} when `none` is missing or a list's length differs from it
 * @example
 * ```ts
 * import { shockResponse } from "./shock_response.ts";
 * console.assert(shockResponse({ none: [1], jump: [1.4] }).m === 1);
 * ```
 */
export function shockResponse(bySeed: Record<string, readonly number[]>): ShockResponse {
  const none = bySeed.none;
  if (!none) throw new RangeError(`shockResponse: no "none" (unshocked) entry in [${Object.keys(bySeed)}]`);
  const mean = (a: readonly number[]) => meanSd(a).mean;
  const m0 = mean(none);
  const effects: Record<string, ShockEffect> = {};
  for (const [k, a] of Object.entries(bySeed)) {
    if (k === "none") continue;
    if (a.length !== none.length) {
      throw new RangeError(`shockResponse: "${k}" has ${a.length} seeds, "none" has ${none.length}`);
    }
    effects[k] = { m: mean(a), dm: mean(a) - m0, dmSd: meanSd(a.map((x, i) => x - none[i])).sd };
  }
  return { m: m0, effects };
}
