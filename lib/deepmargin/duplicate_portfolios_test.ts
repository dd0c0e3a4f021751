import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { encodePosition, type LabelledPortfolio, type PositionTuple } from "./dataset.ts";
import {
  findDuplicatePortfolios,
  portfolioKey,
  type PortfolioRow,
  splitsWithoutDuplicates,
} from "./duplicate_portfolios.ts";
import { generatePortfolio } from "./generator.ts";
import { buildMarketDay } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";

const F: PositionTuple = [0, 0, 2, 0.1, 0, 0];
const C: PositionTuple = [1, 0, -1, 0.1, 70, 1];
const P: PositionTuple = [2, 2, 5, 0.2, 3.5, 2];

Deno.test("findDuplicatePortfolios: hand-built splits, every match rule", () => {
  const rows: PortfolioRow[] = [
    { set: "train", day: 1, positions: [F, C] }, // 0
    { set: "train", day: 1, positions: [P] }, // 1
    { set: "train", day: 1, positions: [F, C] }, // 2: repeat inside train
    { set: "val", day: 1, positions: [C, F] }, // 3: row 0 reordered
    { set: "val", day: 2, positions: [F, C] }, // 4: another date
    { set: "test", day: 1, positions: [P] }, // 5: row 1
    { set: "test", day: 1, positions: [[2, 2, 2, 0.2, 3.5, 2], [2, 2, 3, 0.2, 3.5, 2]] }, // 6: row 1 split in two
    { set: "test", day: 1, positions: [F, C, [0, 0, 3, 0.1, 0, 0], [0, 0, -3, 0.1, 0, 0]] }, // 7: row 0 + a flat pair
    { set: "test", day: 1, positions: [[2, 2, 5, 0.2, 3.5, 1]] }, // 8: European, not American
    { set: "test", day: 1, positions: [P] }, // 9: row 1 again
  ];
  const ms = findDuplicatePortfolios(rows);
  assert.equal(ms.reference, "train");
  assert.equal(ms.match, "multiset");
  assert.equal(ms.referenceRows, 3);
  assert.equal(ms.referenceDistinct, 2);
  assert.deepEqual(Object.keys(ms.sets), ["val", "test"]);
  assert.deepEqual(ms.sets.val, { n: 2, duplicates: 1, rows: [3], matches: [[3, 0]], withinSet: 0 });
  assert.deepEqual(ms.sets.test, { n: 5, duplicates: 2, rows: [5, 9], matches: [[5, 1], [9, 1]], withinSet: 1 });

  const ord = findDuplicatePortfolios(rows, { match: "ordered" });
  assert.equal(ord.sets.val.duplicates, 0); // reordered is not the same row
  assert.deepEqual(ord.sets.test.rows, [5, 9]);

  const net = findDuplicatePortfolios(rows, { match: "netted", sets: ["test"] });
  assert.deepEqual(Object.keys(net.sets), ["test"]);
  assert.deepEqual(net.sets.test.rows, [5, 6, 7, 9]);
  assert.deepEqual(net.sets.test.matches, [[5, 1], [6, 1], [7, 0], [9, 1]]);
  assert.equal(net.sets.test.withinSet, 2);

  // a different reference split
  assert.deepEqual(findDuplicatePortfolios(rows, { reference: "val", sets: ["train"] }).sets.train.rows, [0, 2]);
});

Deno.test("findDuplicatePortfolios: keys compare values exactly; errors name the row", () => {
  assert.notEqual(
    portfolioKey(1, [[0, 0, 2, 0.1, 0, 0]], "ordered"),
    portfolioKey(1, [[0, 0, 2, 0.1 + 1e-17 * 9, 0, 0]], "ordered"),
  );
  assert.notEqual(portfolioKey(1, [F], "multiset"), portfolioKey(2, [F], "multiset"));
  assert.equal(portfolioKey(3, [], "netted"), portfolioKey(3, [[0, 0, 1, 0.1, 0, 0], [0, 0, -1, 0.1, 0, 0]], "netted"));
  assert.throws(
    () => findDuplicatePortfolios([{ set: "val", day: 1, positions: [F] }]),
    /no rows in the reference split "train" \(splits: val\)/,
  );
  assert.throws(
    () => findDuplicatePortfolios([{ set: "train", day: 1, positions: [F] }], { sets: ["test"] }),
    /opts.sets names "test", which has no rows/,
  );
  assert.throws(
    () =>
      findDuplicatePortfolios([{ set: "train", day: 1, positions: [F] }, {
        set: "test",
        day: 1,
        positions: [[0, 0, NaN, 1, 0, 0]],
      }]),
    (e: Error) =>
      e instanceof RangeError && /rows\[1\]\.positions\[0\]\[2\] must be a finite number, got NaN/.test(e.message),
  );
  assert.throws(
    () => findDuplicatePortfolios([{ set: "train", day: 1, positions: [[0, 0, 1] as unknown as PositionTuple] }]),
    (e: Error) => e instanceof TypeError && /rows\[0\]\.positions\[0\] must be a 6-tuple/.test(e.message),
  );
  assert.throws(
    () => findDuplicatePortfolios([{ set: "train", day: 1, positions: [F] }], { match: "fuzzy" as "ordered" }),
    /match must be "multiset", "ordered" or "netted", got "fuzzy"/,
  );
});

Deno.test("findDuplicatePortfolios: generated splits — planted copies found, nothing else", () => {
  const day = buildMarketDay(syntheticPanel(2, 2650), 2649);
  const rng = createPrng(11);
  const row = (set: string, maxPositions: number): LabelledPortfolio => ({
    set,
    day: day.index,
    positions: generatePortfolio(rng, day, { minPositions: 3, maxPositions }).positions.map(encodePosition),
    span: 0,
    span2: 0,
    rr: 0,
    rr2: 0,
    nov: 0,
  });
  const rows = [
    ...Array.from({ length: 300 }, () => row("train", 20)),
    ...Array.from({ length: 100 }, () => row("test", 20)),
  ];
  // plant three copies of training portfolios (one reversed) into the test split
  rows[310] = { ...rows[7], set: "test" };
  rows[350] = { ...rows[42], set: "test", positions: [...rows[42].positions].reverse() };
  rows[399] = { ...rows[299], set: "test" };
  const d = findDuplicatePortfolios(rows, { sets: ["test"] });
  assert.deepEqual(d.sets.test.matches, [[310, 7], [350, 42], [399, 299]]);
  assert.equal(findDuplicatePortfolios(rows, { match: "ordered" }).sets.test.duplicates, 2);
});

Deno.test("splitsWithoutDuplicates: the checked splits lose their duplicates, the reference keeps every row", () => {
  const rows = [
    { set: "train", day: 1, positions: [[0, 0, 2, 0.1, 0, 0]] },
    { set: "train", day: 1, positions: [[0, 0, 2, 0.1, 0, 0]] },
    { set: "val", day: 1, positions: [[0, 0, 2, 0.1, 0, 0]] },
    { set: "test", day: 2, positions: [[0, 0, 2, 0.1, 0, 0]] }, // another date: not a copy
  ];
  assert.deepEqual(splitsWithoutDuplicates(rows, findDuplicatePortfolios(rows)), {
    train: [0, 1],
    test: [3],
  });
});
