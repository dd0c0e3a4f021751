import assert from "node:assert/strict";
import fc from "fast-check";
import { businessDays } from "../market/synthetic_market.ts";
import { chronologicalSplit } from "./split.ts";
import { blockFolds, concatFolds, foldRows, yearlyFolds } from "./walk_forward.ts";

const DATES = businessDays("2010-01-04", 1600); // 2010 … 2016-02

Deno.test("yearlyFolds: one chronological split per test year, ids are the years", () => {
  const o = { horizon: 2, embargo: 2, validShare: 0.2 };
  const f = yearlyFolds(DATES, { ...o, years: [2013, 2014] });
  assert.deepEqual(f.map((x) => x.id), [2013, 2014]);
  assert.deepEqual(
    f[1].split,
    chronologicalSplit(DATES, { ...o, trainEnd: "2013-12-31", testFrom: "2014-01-01", testTo: "2014-12-31" }),
  );
  for (const { id, split } of f) {
    assert.ok(DATES[split.test.start] >= `${id}-01-01` && DATES[split.test.start - 1] < `${id}-01-01`);
    assert.ok(DATES[split.test.end - 1] <= `${id}-12-31`);
    assert.ok(split.valid.end - 1 + 2 + 2 < split.test.start, "purge + embargo");
    assert.equal(split.train.end, split.valid.start - 2);
  }
  const rows = foldRows(f);
  assert.equal(rows.length, f[0].split.test.end - f[0].split.test.start + f[1].split.test.end - f[1].split.test.start);
  assert.equal(rows[0], f[0].split.test.start);
});

Deno.test("yearlyFolds: errors name the year", () => {
  const o = { horizon: 2, embargo: 2, validShare: 0.2 };
  assert.throws(() => yearlyFolds(DATES, { ...o, years: [2030] }), /test year 2030: .*too few test rows/);
  assert.throws(() => yearlyFolds(DATES, { ...o, years: [2010], minTrain: 250 }), /test year 2010/);
  assert.throws(() => yearlyFolds(DATES, { ...o, years: [] }), RangeError);
});

Deno.test("blockFolds: equal blocks over the last share, purge and embargo before each (property)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.double({ min: 0.1, max: 0.6, noNaN: true }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 0, max: 5 }),
      (blocks, share, h, emb) => {
        const f = blockFolds(DATES, { blocks, testShare: share, horizon: h, embargo: emb, validShare: 0.2 });
        const start = Math.floor(DATES.length * (1 - share)), size = Math.floor((DATES.length - start) / blocks);
        assert.equal(f.length, blocks);
        f.forEach(({ id, split }, k) => {
          assert.equal(id, k + 1);
          assert.equal(split.test.start, start + k * size);
          assert.equal(split.test.end, k === blocks - 1 ? DATES.length : start + (k + 1) * size);
          assert.ok(split.valid.end - 1 + h + emb < split.test.start);
        });
      },
    ),
    { seed: 7, numRuns: 60 },
  );
  assert.throws(
    () => blockFolds(DATES.slice(0, 20), { blocks: 30, testShare: 0.5, horizon: 1, embargo: 0, validShare: 0.2 }),
    /blocks/,
  );
  assert.throws(
    () => blockFolds(DATES, { blocks: 2, testShare: 1, horizon: 1, embargo: 0, validShare: 0.2 }),
    /testShare/,
  );
});

Deno.test("concatFolds: joins in order and checks the total", () => {
  assert.deepEqual(Array.from(concatFolds([Float64Array.of(1, 2), Float64Array.of(3)], 3)), [1, 2, 3]);
  assert.throws(() => concatFolds([Float64Array.of(1)], 2), /1 rows, expected 2/);
});
