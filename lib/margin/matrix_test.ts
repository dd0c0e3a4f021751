import assert from "node:assert/strict";
import { checkMatrix, createMatrix } from "./matrix.ts";

Deno.test("createMatrix: row-major layout", () => {
  const m = createMatrix(2, 3, [1, 2, 3, 4, 5, 6]);
  assert.equal(m.data[1 * m.cols + 2], 6);
  assert.equal(createMatrix(3, 4).data.length, 12);
});

Deno.test("matrix: bad input is named", () => {
  assert.throws(() => createMatrix(-1, 2), /rows must be an integer >= 0, got -1/);
  assert.throws(() => createMatrix(1, 2, [1, Infinity]), /values\[1\] must be a finite number, got Infinity/);
  assert.throws(
    () => checkMatrix("f", "m", { rows: 2, cols: 2, data: new Float64Array(3) }),
    /m.data.length must be rows\*cols = 2\*2 = 4, got 3/,
  );
  assert.throws(() => checkMatrix("f", "m", { rows: 1, cols: 1, data: [1] as unknown as Float64Array }), TypeError);
});
