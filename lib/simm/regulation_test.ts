import assert from "node:assert/strict";
import { parseCrif } from "./crif.ts";
import { loadCalibration } from "./load.ts";
import { computeSimm, regulationGroups, reportRows } from "./regulation.ts";

const cal = await loadCalibration("2.6");
const S = { calibration: cal, mpor: 10 as const, calculationCurrency: "USD" };
const HEAD =
  "TradeID,PortfolioID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency,CollectRegulations,PostRegulations";
const crif = (...lines: string[]) => parseCrif([HEAD, ...lines].join("\n"), { file: "r.csv" }).records;

Deno.test("regulation groups: each record under every listed regulation; unregulated rows dropped when others name one", () => {
  const recs = crif(
    'A,P,RatesFX,Risk_FX,EUR,,,,1,USD,"ESA,USPR",',
    "B,P,RatesFX,Risk_FX,GBP,,,,1,USD,USPR,",
    "C,P,RatesFX,Risk_FX,JPY,,,,1,USD,,",
  );
  const g = regulationGroups(recs, "Call");
  assert.deepEqual([...g.keys()].sort(), ["ESA", "USPR"]);
  assert.deepEqual(g.get("USPR")!.map((r) => r.tradeId), ["A", "B"]);
  assert.deepEqual(g.get("ESA")!.map((r) => r.tradeId), ["A"]);
  assert.deepEqual([...regulationGroups(recs, "Post").keys()], ["Unspecified"]);
});

Deno.test("winning regulation: largest total; ties go to the alphabetically first; multiplier only where named", () => {
  const recs = crif(
    "A,P,RatesFX,Risk_FX,EUR,,,,1000000,USD,USPR,SEC",
    "B,P,RatesFX,Risk_FX,EUR,,,,1000000,USD,ESA,CFTC",
    ",P,,Param_ProductClassMultiplier,RatesFX,,,,2,,ESA,",
    "C,P,RatesFX,Risk_FX,EUR,,,,1000000,USD,,SEC",
  );
  const rep = computeSimm(recs, S);
  assert.equal(rep.sides.Call.regulation, "ESA");
  assert.ok(Math.abs(rep.sides.Call.total - 14.8e6) < 1e-6);
  assert.equal(rep.sides.Post.regulation, "SEC");
  assert.ok(Math.abs(rep.sides.Post.total - 14.8e6) < 1e-6);
  const tie = computeSimm(crif('A,P,RatesFX,Risk_FX,EUR,,,,1,USD,"USPR,ESA","SEC,CFTC"'), S);
  assert.equal(tie.sides.Call.regulation, "ESA");
  assert.equal(tie.sides.Post.regulation, "CFTC");
});

Deno.test("portfolios are computed separately and summed in the 'All' row", () => {
  const rep = computeSimm(
    crif("A,P1,RatesFX,Risk_FX,EUR,,,,1000000,USD,,", "B,P2,RatesFX,Risk_FX,EUR,,,,-1000000,USD,,"),
    S,
  );
  assert.equal(rep.sides.Call.portfolios.length, 2);
  assert.ok(Math.abs(rep.sides.Call.total - 14.8e6) < 1e-6);
  const all = reportRows(rep).filter((r) => r.portfolio === "All" && r.side === "Call");
  assert.equal(all.length, 1);
  assert.equal(all[0].initialMargin, rep.sides.Call.total);
});

Deno.test("computeSimm: a non-finite result is a RangeError naming side, regulation, portfolio and the largest amount's line", () => {
  // amounts the parser would refuse (|amount| > 1e15), fed directly: Infinity must never become a total
  const recs = crif("A,P1,RatesFX,Risk_FX,EUR,,,,1,USD,ESA,SEC", "B,P1,RatesFX,Risk_FX,GBP,,,,1,USD,ESA,SEC")
    .map((r, i) => ({ ...r, amount: i === 1 ? 1e200 : 1e160, amountUsd: i === 1 ? 1e200 : 1e160 }));
  assert.throws(
    () => computeSimm(recs, S),
    (e: unknown) =>
      e instanceof RangeError &&
      /non-finite SIMM \(Infinity\) on side Call, regulation ESA, portfolio "P1"; the largest amount is 1e\+200 USD at r\.csv:3$/
        .test(e.message),
  );
  const huge = crif("A,,RatesFX,Risk_FX,EUR,,,,1,USD,,").map((r) => ({ ...r, amountUsd: 1e308 }));
  assert.throws(() => computeSimm(huge, S), /non-finite SIMM .* regulation Unspecified, portfolio ""; .* at r\.csv:2$/);
});
