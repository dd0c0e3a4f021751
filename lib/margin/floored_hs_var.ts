/**
 * Historical-simulation VaR margin of a position from its overlapping h-day P&L series, on a short window and with
 * EMIR's long-window floor (Art. 28(1)(c)): `IM_t` = HS VaR of the last `lookback` h-day P&Ls ending at or before t,
 * `IMfloor_t = max(IM_t, VaR over floorLookback)` (the floor applies only once the long window is full).
 * @module
 */
import { apcFloor } from "./apc.ts";
import { hsMargin } from "./hs.ts";
import { rollingMargin } from "./rolling_margin.ts";

/** Options of {@link flooredHsVar}. */
export interface FlooredHsVarOptions {
  /** Quantile level τ of the VaR, in (0, 1). */
  tau: number;
  /** Short window (h-day P&Ls). */
  lookback: number;
  /** Floor window (h-day P&Ls), e.g. 10 years. */
  floorLookback: number;
}

/**
 * HS VaR and floored HS VaR at every row of `pnl` (the position's h-day P&L ending at each row, NaN before the first
 * one); NaN until a window is full.
 *
 * @throws {RangeError} when `pnl` holds no value, or a NaN after its first value; from the margin engine on a bad
 *   tau or lookback
 * @example
 * ```ts
 * import { flooredHsVar } from "./floored_hs_var.ts";
 * const pnl = Float64Array.from({ length: 12 }, (_, t) => (t < 2 ? NaN : t === 3 ? -50 : -1));
 * const { im, imFloor } = flooredHsVar(pnl, { tau: 0.9, lookback: 2, floorLookback: 8 });
 * console.assert(Number.isNaN(im[2]) && im[6] === 1 && imFloor[9] === 50); // the floor remembers the loss of 50
 * ```
 */
export function flooredHsVar(
  pnl: Float64Array,
  opts: FlooredHsVarOptions,
): { im: Float64Array; imFloor: Float64Array } {
  const first = pnl.findIndex((x) => !Number.isNaN(x));
  if (first < 0) throw new RangeError(`flooredHsVar: the P&L series holds no value`);
  const x = pnl.subarray(first);
  const var99 = (w: Float64Array) => hsMargin(w, { tau: opts.tau, measure: "var" });
  const pad = (m: Float64Array) => {
    const out = new Float64Array(pnl.length).fill(NaN);
    out.set(m, first);
    return out;
  };
  const im = pad(rollingMargin(x, var99, { lookback: opts.lookback }));
  const imLong = pad(rollingMargin(x, var99, { lookback: opts.floorLookback }));
  return { im, imFloor: apcFloor(im, imLong) };
}
