import assert from "node:assert/strict";
import { validateDataset, validateFeatures } from "./dataset.ts";

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
  assert.throws(() => validateFeatures(Float64Array.of(1, 2, 3), 2), /not a multiple/);
});
