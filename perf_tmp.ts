import { syntheticCrif } from "./lib/margin/simm/synthetic_crif.ts";
import { parseCrif } from "./lib/margin/simm/crif.ts";
import { parseSimmCalibration } from "./lib/margin/simm/calibration.ts";
import { computeSimm } from "./lib/margin/simm/regulation.ts";
const text = syntheticCrif({ lines: 10000, seed: 42 });
const cal = parseSimmCalibration(await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml"));
for (let k = 0; k < 8; k++) {
  const t0 = performance.now();
  const c = parseCrif(text, { file: "syn" });
  const t1 = performance.now();
  const r = computeSimm(c.records, { calibration: cal, mpor: 10, calculationCurrency: "USD" });
  const t2 = performance.now();
  console.log((t1 - t0).toFixed(1), (t2 - t1).toFixed(1), r.sides.Call.total.toExponential(6));
}
