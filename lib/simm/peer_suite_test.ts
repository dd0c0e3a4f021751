import assert from "node:assert/strict";
import { parsePeerCombinations, parsePeerInputs, selectInputs } from "./peer_suite.ts";

const INPUTS =
  "ProductClass|Sensitivity_Id|CollectRegulations|RiskType|Qualifier|Bucket|Label1|Label2|Amount|AmountCurrency|AmountUSD\n" +
  "RatesFX|S_IR_1|All|Risk_IRCurve|USD|1|2w|OIS|1|USD|1\n" +
  "RatesFX|S_IR_10|All|Risk_IRCurve|USD|1|1m|OIS|1|USD|1\n" +
  "RatesFX|S_IRV_1|All|Risk_IRVol|USD||1y||1|USD|1\n" +
  "RatesFX|JS_IR_2|USPR,JFSA|Risk_IRCurve|USD|1|2w|OIS|1|USD|1\n";

Deno.test("selectInputs: whole-component prefix match, repeats, All = every S_ row", () => {
  const inputs = parsePeerInputs(INPUTS, "in.csv");
  const ids = (field: string) => selectInputs(inputs, field).map((r) => inputs.find((x) => x.record === r)!.id);
  assert.deepEqual(ids("S_IR"), ["S_IR_1", "S_IR_10"]);
  assert.deepEqual(ids("S_IR_1"), ["S_IR_1"]);
  assert.deepEqual(ids("All S_IR,S_IRV"), ["S_IR_1", "S_IR_10", "S_IRV_1"]);
  assert.deepEqual(ids("S_IR_1,S_IR_1"), ["S_IR_1", "S_IR_1"]);
  assert.deepEqual(ids("All"), ["S_IR_1", "S_IR_10", "S_IRV_1"]);
  assert.deepEqual(inputs[0].record.collectRegulations, []);
  assert.deepEqual(inputs[3].record.collectRegulations, ["USPR", "JFSA"]);
});

Deno.test("parsePeerCombinations: ranges in Passes Required and expected columns", () => {
  const c = parsePeerCombinations(
    "Combination Id|Group|Sensitivity Ids|Passes Required|SIMM Delta|SIMM Vega|SIMM Curvature|SIMM Base Corr|SIMM AddOn|SIMM Benchmark\n" +
      "J8|Rates|S_IR_1|J6-J7,C3|1.5|0|0|0|0|1.5\n",
    "c.csv",
  );
  assert.deepEqual(c[0].passesRequired, ["J6", "J7", "C3"]);
  assert.equal(c[0].expected!.Delta, 1.5);
  assert.throws(
    () =>
      parsePeerCombinations(
        "Combination Id|Sensitivity Ids|Passes Required|SIMM Delta|SIMM Vega|SIMM Curvature|SIMM Base Corr|SIMM AddOn|SIMM Benchmark\nC1|S|None|x|0|0|0|0|0\n",
        "bad.csv",
      ),
    /bad\.csv:2: column SIMM Delta value "x"/,
  );
});
