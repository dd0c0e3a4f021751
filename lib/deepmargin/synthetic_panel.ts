/**
 * A small synthetic crude panel (random-walk CL1..CL4, Brent and Henry Hub
 * spots, OVX, VIX, 3-month yield) with the columns `buildMarketDay` reads —
 * for tests and benchmarks that must not depend on the vendored data.
 *
 * @example
 * ```ts
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * import { buildMarketDay } from "./market_day.ts";
 * const panel = syntheticPanel(1, 2700);
 * const day = buildMarketDay(panel, 2699);
 * ```
 * @module
 */
import { createPrng } from "../core/prng.ts";
import type { Panel } from "../data/panel.ts";

/**
 * Build a synthetic panel of `days` business days.
 *
 * @throws {RangeError} when `days` is not an integer >= 2
 * @example
 * ```ts
 * syntheticPanel(7, 100).columns.cl1.length; // 100
 * ```
 */
export function syntheticPanel(seed: number, days: number): Panel {
  if (!Number.isInteger(days) || days < 2) {
    throw new RangeError(`syntheticPanel: days must be an integer >= 2, got ${days}`);
  }
  const rng = createPrng(seed);
  const cols: Record<string, Float64Array> = {};
  for (const c of ["cl1", "cl2", "cl3", "cl4", "brent_spot", "hh_spot", "ovx", "vix", "ust3m"]) {
    cols[c] = new Float64Array(days);
  }
  let w = 60, b = 64, g = 3.5, vol = 0.35;
  const dates: string[] = [];
  const t0 = Date.UTC(2000, 0, 3);
  for (let t = 0; t < days; t++) {
    vol = Math.min(1.2, Math.max(0.15, vol * Math.exp(0.05 * rng.normal())));
    const z = rng.normal();
    w = Math.max(5, w + w * vol * 0.063 * z);
    b = Math.max(5, b + b * vol * 0.063 * (0.9 * z + 0.44 * rng.normal()));
    g = Math.max(0.5, g * Math.exp(0.04 * rng.normal()));
    for (let k = 1; k <= 4; k++) cols[`cl${k}`][t] = w * (1 + 0.005 * (k - 1));
    cols.brent_spot[t] = b;
    cols.hh_spot[t] = g;
    cols.ovx[t] = 100 * vol;
    cols.vix[t] = 18 + 4 * rng.normal() ** 2;
    cols.ust3m[t] = 2;
    dates.push(new Date(t0 + (Math.floor(t / 5) * 7 + (t % 5)) * 86400000).toISOString().slice(0, 10));
  }
  return { dates, columns: cols, meta: {}, fill: {} };
}
