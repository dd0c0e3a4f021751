import assert from "node:assert/strict";
import { mathKernels } from "./wasm_math.ts";

const grid = (lo: number, hi: number, n: number) =>
  Float32Array.from({ length: n }, (_, i) => lo + (hi - lo) * i / (n - 1));
/** Every float32 grid point plus the awkward ones (±0, tiny, the branch points, the clamp). */
const xs = Float32Array.from([
  ...grid(-20, 20, 400_001),
  ...grid(-1e-3, 1e-3, 2001),
  0,
  -0,
  1e-30,
  -1e-30,
  1 / 16,
  -1 / 16,
  -87,
  -100,
  100,
]);
const k = mathKernels();

function errors(got: Float32Array, want: (x: number) => number, x: Float32Array): { abs: number; rel: number } {
  let abs = 0, rel = 0;
  for (let i = 0; i < x.length; i++) {
    const w = want(x[i]), e = Math.abs(got[i] - w);
    abs = Math.max(abs, e);
    if (Math.abs(w) > 1e-30) rel = Math.max(rel, e / Math.abs(w));
  }
  return { abs, rel };
}

Deno.test("wasm exp: relative error ≤ 2e-7 against Math.exp on x ≤ 0 (down to the clamp at −87)", () => {
  const x = Float32Array.from(xs.filter((v) => v <= 0 && v >= -87));
  const e = errors(k.exp(x), Math.exp, x);
  assert.ok(e.rel <= 2e-7, `exp relative error ${e.rel}`);
  assert.equal(k.exp(Float32Array.of(0))[0], 1);
});

Deno.test("wasm logistic: relative error ≤ 4e-7 against the float64 formula; exact 0.5 at 0", () => {
  const e = errors(k.logistic(xs), (v) => 1 / (1 + Math.exp(-v)), xs);
  assert.ok(e.rel <= 4e-7, `logistic relative error ${e.rel}`);
  assert.equal(k.logistic(Float32Array.of(0))[0], 0.5);
  assert.equal(k.logistic(Float32Array.of(100))[0], 1);
});

Deno.test("wasm tanh: absolute and relative error ≤ 4e-7 against Math.tanh; odd; saturates", () => {
  const got = k.tanh(xs);
  const e = errors(got, Math.tanh, xs);
  assert.ok(e.abs <= 4e-7, `tanh absolute error ${e.abs}`);
  assert.ok(e.rel <= 4e-7, `tanh relative error ${e.rel}`);
  const neg = k.tanh(xs.map((v) => -v));
  for (let i = 0; i < xs.length; i++) assert.ok(neg[i] === -got[i], `tanh(${-xs[i]}) ≠ −tanh(${xs[i]})`);
  assert.deepEqual(Array.from(k.tanh(Float32Array.of(100, -100, 0))), [1, -1, 0]);
});

Deno.test("wasm softmax: rows of 20, 7 and 3 within 1e-6 of the float64 softmax; rows sum to 1", () => {
  for (const cols of [20, 7, 3]) {
    const rows = 11, scale = 0.35;
    const x = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 1.7) * 9);
    const y = k.softmax(x, cols, scale);
    for (let r = 0; r < rows; r++) {
      const row = Array.from(x.subarray(r * cols, (r + 1) * cols), (v) => v * scale);
      const m = Math.max(...row), e = row.map((v) => Math.exp(v - m)), s = e.reduce((a, b) => a + b, 0);
      let sum = 0;
      e.forEach((v, j) => {
        assert.ok(Math.abs(y[r * cols + j] - v / s) < 1e-6, `row ${r} col ${j}`);
        sum += y[r * cols + j];
      });
      assert.ok(Math.abs(sum - 1) < 1e-6);
    }
  }
});
