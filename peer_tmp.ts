import { parsePeerInputs, parsePeerCombinations, selectInputs } from "./lib/margin/simm/peer_suite.ts";
import { parseSimmCalibration } from "./lib/margin/simm/calibration.ts";
import { computeSimm } from "./lib/margin/simm/regulation.ts";
const dir = "data/raw/simm/simmisdaunittests/2.5";
const inputs = parsePeerInputs(await Deno.readTextFile(`${dir}/sensitivity_inputs.csv`), "in");
const cal = parseSimmCalibration(await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.5.xml"));
for (const mpor of [10, 1] as const) {
  const combos = parsePeerCombinations(await Deno.readTextFile(`${dir}/sensitivity_combinations_${mpor}.csv`), "c");
  let pass = 0; const fails: string[] = [];
  for (const c of combos) {
    const recs = selectInputs(inputs, c.sensitivityIds);
    const r = computeSimm(recs, { calibration: cal, mpor, calculationCurrency: "USD" });
    const res = r.sides.Call.portfolios[0].result;
    const got: Record<string, number> = { ...res.byMarginType, Total: res.total };
    let ok = true; const diffs: string[] = [];
    for (const k of ["Delta", "Vega", "Curvature", "BaseCorr", "AdditionalIM", "Total"]) {
      const e = (c.expected as any)[k], g = got[k];
      const good = e === 0 ? Math.abs(g) < 1e-6 : Math.abs(g - e) <= 1e-12 * Math.abs(e);
      if (!good) { ok = false; diffs.push(`${k} exp ${e} got ${g} rel ${(g - e) / e}`); }
    }
    if (ok) pass++; else fails.push(`${c.id} ${c.description} ${c.sensitivityIds.slice(0,60)}: ${diffs.join("; ")}`);
  }
  console.log(`mpor ${mpor}: ${pass}/${combos.length}`);
  console.log(fails.slice(0, Number(Deno.args[0] ?? 40)).join("\n"));
}
