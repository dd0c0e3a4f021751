import assert from "node:assert/strict";
import { ssviRmseVol } from "./ssvi_rmse_vol.ts";
import { ssviTotalVariance } from "./ssvi.ts";

Deno.test("ssviRmseVol: 0 on the surface's own quotes; a uniform vol shift of δ gives an RMSE of δ", () => {
  const p = { rho: -0.4, eta: 1.2, gamma: 0.4 }, thetas = Float64Array.of(0.01, 0.03);
  const slices = [0.1, 0.4].map((T, i) => {
    const k = Float64Array.of(-0.3, -0.1, 0, 0.1, 0.3);
    return { T, k, w: k.map((x) => ssviTotalVariance(p, thetas[i], x)) };
  });
  assert.ok(ssviRmseVol(p, thetas, slices) < 1e-12);
  const shifted = slices.map((s) => ({ ...s, w: s.w.map((w) => (Math.sqrt(w / s.T) + 0.02) ** 2 * s.T) }));
  assert.ok(Math.abs(ssviRmseVol(p, thetas, shifted) - 0.02) < 1e-12);
});
