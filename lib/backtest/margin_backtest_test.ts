import assert from "node:assert/strict";
import { marginBacktest } from "./margin_backtest.ts";
import { kupiecPof } from "./kupiec.ts";

Deno.test("marginBacktest: counts breaches on the selected rows only, with Kupiec on that count", () => {
  const n = 300;
  const loss = Float64Array.from({ length: n }, (_, t) => (t % 50 === 0 ? 200 : 10));
  const im = new Float64Array(n).fill(100);
  const rows = [...Array(250).keys()].map((i) => i + 50);
  const b = marginBacktest(loss, im, rows, 0.99);
  assert.equal(b.n, 250);
  assert.equal(b.exceptions, 5); // rows 50, 100, 150, 200, 250
  assert.deepEqual([...b.flags.keys()].filter((i) => b.flags[i]).map((i) => rows[i]), [50, 100, 150, 200, 250]);
  assert.equal(b.breachRate, 0.02);
  const k = kupiecPof(5, 250, 0.99);
  assert.deepEqual([b.kupiecLR, b.kupiecP], [k.lr, k.pValue]);
  assert.equal(b.avgIm, 100);
  assert.ok(b.christoffersenIndP >= 0 && b.christoffersenIndP <= 1);
  assert.throws(() => marginBacktest(loss, Float64Array.of(NaN), [0], 0.99), RangeError);
});
