import assert from "node:assert/strict";
import { nelderMead } from "./nelder_mead.ts";

Deno.test("nelderMead: Rosenbrock minimum", () => {
  const r = nelderMead(
    (p) => 100 * (p[1] - p[0] * p[0]) ** 2 + (1 - p[0]) ** 2,
    new Float64Array([-1.2, 1]),
    { maxEval: 2000 },
  );
  assert.ok(Math.abs(r.x[0] - 1) < 1e-6 && Math.abs(r.x[1] - 1) < 1e-6, `${r.x}`);
  assert.ok(r.converged);
});

Deno.test("nelderMead: NaN objective treated as infeasible; bad x0 rejected", () => {
  const r = nelderMead((p) => (p[0] < 0 ? NaN : (p[0] - 2) ** 2), new Float64Array([1]));
  assert.ok(Math.abs(r.x[0] - 2) < 1e-6);
  assert.throws(() => nelderMead(() => 0, new Float64Array([NaN])), /x0\[0\] must be finite, got NaN/);
  assert.throws(() => nelderMead(() => 0, new Float64Array(0)), RangeError);
});
