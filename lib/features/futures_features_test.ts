import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import {
  defaultFuturesFeatureOptions,
  futuresFeatureColumns,
  validateFuturesFeatureOptions,
} from "./futures_features.ts";

function strip(T: number): Float64Array[] {
  const rng = createPrng(5);
  const c1 = new Float64Array(T);
  let p = 40;
  for (let t = 0; t < T; t++) c1[t] = p += rng.normal();
  return [c1, c1.map((x) => x + 1), c1.map((x) => x + 1.5), c1.map((x) => x + 2)];
}

Deno.test("futuresFeatureColumns: meta lookback = rows until the first value (all series start at row 0)", () => {
  for (const col of futuresFeatureColumns(strip(400))) {
    const first = col.values.findIndex((v) => Number.isFinite(v));
    // A log return reads its scale (full lookback) only as the fallback for prices ≤ 0.
    if (col.name.startsWith("ret_log_")) assert.equal(first, Number(col.name.slice(8, -1)), col.name);
    else assert.equal(first, col.lookback - 1, col.name);
  }
});

Deno.test("futuresFeatureColumns: curve in contango gives positive slope and negative roll yield", () => {
  const cols = futuresFeatureColumns(strip(100));
  const get = (n: string) => cols.find((c) => c.name === n)!.values;
  assert.ok(get("curve_slope")[50] > 0);
  assert.ok(get("roll_yield")[50] < 0);
  assert.ok(Math.abs(get("curve_curvature")[50] - (-0.5 + 0) / get("level_scale")[50]) < 1e-12);
  assert.throws(() => futuresFeatureColumns(strip(10).slice(0, 3)), /4 contracts/);
});

Deno.test("validateFuturesFeatureOptions: defaults, unknown keys, bad values", () => {
  assert.deepEqual(validateFuturesFeatureOptions({}, "x"), defaultFuturesFeatureOptions());
  // deno-lint-ignore no-explicit-any
  assert.throws(() => validateFuturesFeatureOptions({ foo: 1 } as any, "x"), TypeError);
  assert.throws(() => validateFuturesFeatureOptions({ volWindows: [0] }, "x"), /volWindows\[0\]/);
  assert.throws(() => validateFuturesFeatureOptions({ jumpWindow: 1 }, "x"), /jumpWindow/);
});
