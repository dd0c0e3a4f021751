import assert from "node:assert/strict";
import { levenbergMarquardt } from "./levenberg_marquardt.ts";

Deno.test("levenbergMarquardt: exponential fit recovers exact parameters", () => {
  const t = [0, 0.5, 1, 1.5, 2, 3];
  const y = t.map((s) => 2 * Math.exp(-0.7 * s) + 0.3);
  const r = levenbergMarquardt(
    (p, out) => {
      for (let i = 0; i < t.length; i++) out[i] = p[0] * Math.exp(p[1] * t[i]) + p[2] - y[i];
    },
    new Float64Array([1, -0.1, 0]),
    t.length,
  );
  assert.ok(Math.abs(r.x[0] - 2) < 1e-7 && Math.abs(r.x[1] + 0.7) < 1e-7 && Math.abs(r.x[2] - 0.3) < 1e-7, `${r.x}`);
  assert.ok(r.cost < 1e-20);
});

Deno.test("levenbergMarquardt: input validation", () => {
  assert.throws(() => levenbergMarquardt(() => {}, new Float64Array(3), 2), /at least 3 residuals, got m=2/);
  assert.throws(() => levenbergMarquardt((_p, o) => (o[0] = NaN), new Float64Array(1), 1), /not finite/);
});
