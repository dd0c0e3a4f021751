/**
 * Reproduces ORE's SIMM 2.6 example (Examples/InitialMargin, 10-day MPOR, USD, regulations enforced)
 * row by row: data/raw/simm/ore-example-2.6/simm.csv against our breakdown of crif.csv, same rows in the
 * same order, amounts to 1e-9 relative (ORE prints 9 decimals).
 */
import assert from "node:assert/strict";
import { parseDelimited } from "./csv.ts";
import { loadCalibration, loadCrif } from "./load.ts";
import { computeSimm, reportRows } from "./regulation.ts";
import { simmCsv } from "./report.ts";

const DIR = "data/raw/simm/ore-example-2.6";

/** Our SIMM 2.6 report of ORE's crif.csv (10-day MPOR, USD). */
async function oreReport() {
  const crif = await loadCrif(`${DIR}/crif.csv`);
  return computeSimm(crif.records, {
    calibration: await loadCalibration("2.6"),
    mpor: 10,
    calculationCurrency: "USD",
    version: "2.6",
  });
}

Deno.test("ORE SIMM 2.6 example: simm.csv reproduced row by row", async () => {
  const report = await oreReport();
  const expected = parseDelimited(await Deno.readTextFile(`${DIR}/simm.csv`), ",", "simm.csv");
  const rows = reportRows(report);
  assert.equal(rows.length, expected.rows.length);
  expected.rows.forEach((e, i) => {
    const r = rows[i];
    const where = `simm.csv line ${expected.lines[i]}`;
    assert.deepEqual(
      [r.portfolio, r.productClass, r.riskClass, r.marginType, r.bucket, r.side, r.regulation],
      e.slice(0, 7),
      where,
    );
    const want = Number(e[7]);
    assert.ok(Math.abs(r.initialMargin - want) <= 1e-9 * want, `${where}: expected ${want}, got ${r.initialMargin}`);
  });
  assert.equal(report.sides.Call.regulation, "ESA");
  assert.equal(report.sides.Post.regulation, "CFTC");
  // our CSV writer gives the same text as ORE's file for the shared columns
  const ours = simmCsv(report).trim().split("\n").map((l) => l.split(",").slice(0, 8).join(","));
  const theirs = (await Deno.readTextFile(`${DIR}/simm.csv`)).trim().split("\n").map((l) =>
    l.split(",").slice(0, 8).join(",")
  );
  assert.deepEqual(ours, theirs);
});

Deno.test("ORE SIMM 2.6 example: per-regulation results tie within each side", async () => {
  const report = await oreReport();
  const call = report.sides.Call.portfolios[0].byRegulation;
  assert.deepEqual([...call.keys()], ["ESA", "USPR"]);
  assert.equal(call.get("ESA")!.total, call.get("USPR")!.total);
  assert.ok(Math.abs(report.sides.Call.total - 1086219.458910127) < 1e-6);
  assert.ok(Math.abs(report.sides.Post.total - 1022075.910765837) < 1e-6);
});

Deno.test("ORE SIMM 2.6 example: regulation_breakdown_simm.csv matches every regulation's breakdown", async () => {
  const report = await oreReport();
  const expected = parseDelimited(await Deno.readTextFile(`${DIR}/regulation_breakdown_simm.csv`), ",", "rb.csv");
  let compared = 0;
  for (const side of ["Call", "Post"] as const) {
    const mine = expected.rows.filter((e) => e[5] === side);
    const group = mine[0][6]; // e.g. "ESA,USPR": ORE reports the records' regulation set
    for (const reg of group.split(",")) {
      const res = report.sides[side].portfolios[0].byRegulation.get(reg)!;
      assert.equal(res.rows.length, mine.length, `${side} ${reg}`);
      res.rows.forEach((r, i) => {
        const e = mine[i];
        assert.deepEqual(
          [r.productClass, r.riskClass, r.marginType, r.bucket],
          e.slice(1, 5),
          `${side} ${reg} row ${i}`,
        );
        assert.ok(Math.abs(r.initialMargin - Number(e[7])) <= 1e-9 * Number(e[7]), `${side} ${reg} row ${i}`);
        compared++;
      });
    }
  }
  assert.equal(compared, 2 * expected.rows.length);
});
