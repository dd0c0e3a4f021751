import { parseCrif } from "./lib/margin/simm/crif.ts";
import { parseSimmCalibration } from "./lib/margin/simm/calibration.ts";
import { computeSimm, reportRows } from "./lib/margin/simm/regulation.ts";
const crif = parseCrif(await Deno.readTextFile("data/raw/simm/ore-example-2.6/crif.csv"), { file: "crif.csv" });
const cal = parseSimmCalibration(await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml"));
const rep = computeSimm(crif.records, { calibration: cal, mpor: 10, calculationCurrency: "USD" });
for (const r of reportRows(rep)) console.log([r.portfolio, r.productClass, r.riskClass, r.marginType, r.bucket, r.side, r.regulation, r.initialMargin.toFixed(9)].join(","));
