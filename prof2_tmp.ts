import { syntheticCrif } from "./lib/margin/simm/synthetic_crif.ts";
import { parseCrif } from "./lib/margin/simm/crif.ts";
import { loadCalibration } from "./lib/margin/simm/load.ts";
import { computeSimm } from "./lib/margin/simm/regulation.ts";
const text = syntheticCrif({ lines: 10000, seed: 42 });
const cal = await loadCalibration("2.6");
for (let it = 0; it < 30; it++) computeSimm(parseCrif(text).records, { calibration: cal, mpor: 10, calculationCurrency: "USD" });
