import assert from "node:assert/strict";
import { validateDataset, validateFeatures, validateSplits } from "./dataset.ts";

const ds = (x: number[], d: number, r: number[]) => ({
  x: Float64Array.from(x),
  d,
  r: Float64Array.from(r),
  dates: r.map((_, i) => `2020-01-0${i + 1}`),
});

Deno.test("validateDataset: shapes, finiteness, minimum rows — errors name split, row, column", () => {
  assert.equal(validateDataset(ds([1, 2, 3, 4], 2, [1, 1]), "train", 2), 2);
  assert.throws(() => validateDataset(ds([1, 2, 3], 2, [1, 1]), "train"), /train\.x has length 3/);
  assert.throws(
    () => validateDataset(ds([1, NaN, 3, 4], 2, [1, 1]), "train"),
    /train\.x: row 0, column 1 is not finite: NaN/,
  );
  assert.throws(() => validateDataset(ds([1, 2, 3, Infinity], 2, [1, 1]), "valid"), /valid\.x: row 1, column 1/);
  assert.throws(() => validateDataset(ds([1, 2], 2, [NaN]), "train"), /train\.r\[0\]/);
  assert.throws(() => validateDataset(ds([1, 2], 2, [1]), "train", 5), /too few samples: 1 rows, need at least 5/);
  assert.throws(() => validateDataset({ ...ds([1], 1, [1]), x: [1] as unknown as Float64Array }, "train"), TypeError);
  const unordered = { ...ds([1, 2], 1, [1, 1]), dates: ["2020-01-02", "2020-01-01"] };
  assert.throws(() => validateDataset(unordered, "train"), /strictly increasing.*dates\[1\] = 2020-01-01/);
  assert.throws(() => validateFeatures(Float64Array.of(1, 2, 3), 2), /not a multiple/);
});

Deno.test("validateSplits: same d and chronological order", () => {
  const a = ds([1, 2], 1, [1, 1]), b = { ...ds([3], 1, [1]), dates: ["2020-02-01"] };
  assert.deepEqual(validateSplits("m", a, b, 2), { nTrain: 2, nValid: 1 });
  assert.throws(() => validateSplits("m", b, a, 1), /m\.fit: splits must be chronological/);
  assert.throws(() => validateSplits("m", a, { ...b, x: Float64Array.of(1, 2), d: 2 }, 2), /valid\.d = 2/);
  assert.throws(() => validateSplits("m", a, b, 3), /m\.fit train: too few samples/);
});
