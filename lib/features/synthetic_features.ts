/**
 * The synthetic-track feature frame: the same futures features as the real
 * track (from the synthetic `cl1..cl4`), plus the option-surface features of
 * each day's chain (`surface_features.ts`). Only observables are used — never
 * the market's latent regime or variance — and row t reads data ≤ t only
 * (tested by perturbing the market after t).
 *
 * @example
 * ```ts
 * import { buildSyntheticFeatures } from "./synthetic_features.ts";
 * import { generateSyntheticMarket } from "../market/synthetic_market.ts";
 * const frame = buildSyntheticFeatures(generateSyntheticMarket(1, { days: 30 }));
 * frame.names.includes("rr25_21d"); // true
 * ```
 * @module
 */

import type { SyntheticMarket } from "../market/synthetic_market.ts";
import { syntheticMarketPanel } from "../market/synthetic_panel.ts";
import { assembleFeatureFrame, type FeatureColumn, type FeatureFrame } from "./feature_frame.ts";
import {
  futuresFeatureColumns,
  type FuturesFeatureOptions,
  validateFuturesFeatureOptions,
} from "./futures_features.ts";
import { panelColumn } from "./panel_column.ts";
import { surfaceFeatureColumns, type SurfaceFeatureOptions } from "./surface_features.ts";

/** Options of the synthetic feature frame. */
export interface SyntheticFeatureOptions {
  /** Futures-feature options (defaults as on the real track). */
  futures?: Partial<FuturesFeatureOptions>;
  /** Surface-feature options, or `false` to leave the surface features out (historical + curve only). */
  surface?: Partial<SurfaceFeatureOptions> | false;
}

/**
 * Build the synthetic-track feature frame.
 *
 * @throws {RangeError} when the market has fewer than 4 curve contracts, chains of the wrong length, or bad options
 * @example
 * ```ts
 * import { generateSyntheticMarket } from "../market/synthetic_market.ts";
 * const market = generateSyntheticMarket(3, { days: 300, chains: false });
 * const frame = buildSyntheticFeatures(market, { surface: false }); // no option features
 * ```
 */
export function buildSyntheticFeatures(market: SyntheticMarket, opts: SyntheticFeatureOptions = {}): FeatureFrame {
  for (const k of Object.keys(opts)) {
    if (k !== "futures" && k !== "surface") throw new TypeError(`buildSyntheticFeatures: unknown option "${k}"`);
  }
  if (market.curve.length < 4) {
    throw new RangeError(`buildSyntheticFeatures: need 4 curve contracts, market has ${market.curve.length}`);
  }
  const o = validateFuturesFeatureOptions(opts.futures ?? {}, "buildSyntheticFeatures");
  const panel = syntheticMarketPanel(market);
  const strip = ["cl1", "cl2", "cl3", "cl4"].map((c) => panelColumn(panel, c));
  const cols: FeatureColumn[] = futuresFeatureColumns(strip, o);
  if (opts.surface !== false) {
    if (market.chains.length !== market.dates.length) {
      throw new RangeError(
        `buildSyntheticFeatures: market has ${market.chains.length} daily chains for ${market.dates.length} dates ` +
          `(generate with chains: true, or pass surface: false)`,
      );
    }
    market.chains.forEach((c, t) => {
      if (c.date !== market.dates[t]) {
        throw new RangeError(`buildSyntheticFeatures: chain ${t} is dated ${c.date}, expected ${market.dates[t]}`);
      }
    });
    cols.push(...surfaceFeatureColumns(market.chains, opts.surface ?? {}).columns);
  }
  return assembleFeatureFrame(market.dates, cols);
}
