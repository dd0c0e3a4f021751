// Test helper (not exported from mod.ts): a small synthetic panel with every column the position panel reads.
import type { Panel } from "../data/panel.ts";
import { createPrng } from "../core/prng.ts";
import { makeCrudePanel } from "./crude_panel_fixture.ts";

/**
 * `makeCrudePanel(T, seed)` (cl1..cl4 dip below zero at rows 200–202, OVX starts at row 50) with a positive Brent
 * price and the Treasury curve ust1y, ust2y, ust5y, ust10y, ust20y, ust30y (percent, a random walk in level and
 * slope).
 */
export function makePositionPanel(T = 700, seed = 1): Panel {
  const p = makeCrudePanel(T, seed);
  const rng = createPrng(seed + 1000);
  const c = p.columns;
  c.brent_spot = c.brent_spot.map((x) => Math.abs(x) + 5);
  const tenors: [string, number][] = [["ust1y", 1], ["ust2y", 2], ["ust5y", 5], ["ust10y", 10], ["ust20y", 20], [
    "ust30y",
    30,
  ]];
  for (const [k] of tenors) c[k] = new Float64Array(T);
  let level = 3, slope = 1;
  for (let t = 0; t < T; t++) {
    level = Math.max(0.5, level + 0.05 * rng.normal());
    slope = slope + 0.02 * rng.normal();
    for (const [k, m] of tenors) c[k][t] = Math.max(0, level + slope * Math.log(m / 2) / Math.log(15));
  }
  for (const [k] of tenors) p.meta[k] = { unit: "percent", source: "test", description: k };
  p.meta.brent_spot = { unit: "USD/bbl", source: "test", description: "brent_spot" };
  return p;
}
