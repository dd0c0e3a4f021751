import { syntheticCrif } from "./lib/margin/simm/synthetic_crif.ts";
import { parseCrif } from "./lib/margin/simm/crif.ts";
import { loadCalibration } from "./lib/margin/simm/load.ts";
import { netSensitivities } from "./lib/margin/simm/simm.ts";
import { riskClassMargin } from "./lib/margin/simm/risk_class_margin.ts";
const text = syntheticCrif({ lines: 10000, seed: 42 });
const cal = await loadCalibration("2.6");
const recs = parseCrif(text).records;
const S = { calibration: cal, mpor: 10 as const, calculationCurrency: "USD" };
for (let it = 0; it < 5; it++) {
  let t = performance.now();
  const net = netSensitivities(recs);
  const out: string[] = [`net ${(performance.now() - t).toFixed(1)}`];
  for (const [pc, m] of net) for (const [rc, s] of m) {
    t = performance.now();
    riskClassMargin(rc, s, S);
    out.push(`${pc}/${rc}(${s.length}) ${(performance.now() - t).toFixed(1)}`);
  }
  console.log(out.join("  "));
}
