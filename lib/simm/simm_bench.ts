/**
 * Target: a 10,000-line CRIF (generated deterministically, seed 42) parsed and computed end to end —
 * both sides, regulations, full breakdown — in ≤ 200 ms on one core.
 * Run: `deno bench --allow-read=. lib/simm/simm_bench.ts`
 */
import { parseCrif } from "./crif.ts";
import { loadCalibration } from "./load.ts";
import { computeSimm } from "./regulation.ts";
import { syntheticCrif } from "./synthetic_crif.ts";

const text = syntheticCrif({ lines: 10_000, seed: 42 });
const calibration = await loadCalibration("2.6");

Deno.bench("SIMM 2.6 10-day: parse + compute a 10,000-line CRIF", { baseline: true }, () => {
  const crif = parseCrif(text, { file: "synthetic.csv" });
  computeSimm(crif.records, { calibration, mpor: 10, calculationCurrency: "USD" });
});

Deno.bench("parse only (10,000 lines)", () => {
  parseCrif(text, { file: "synthetic.csv" });
});

const records = parseCrif(text, { file: "synthetic.csv" }).records;
Deno.bench("compute only (10,000 lines)", () => {
  computeSimm(records, { calibration, mpor: 10, calculationCurrency: "USD" });
});
