import assert from "node:assert/strict";
import { fitSmile, vegaSpreadWeights } from "./smile_fit.ts";
import { sviTotalVariance } from "./svi.ts";
import { sabrVol } from "./sabr.ts";

const T = 0.5, F = 100;
const k = Float64Array.from({ length: 11 }, (_, i) => -0.5 + 0.1 * i);
const strikes = k.map((x) => F * Math.exp(x));

Deno.test("fitSmile: a SABR smile is fitted by SABR to ~0 and by SVI close; errors are in vol and ≥ RMSE ≥ 0", () => {
  const sabr = { alpha: 0.3, beta: 1, rho: -0.3, nu: 0.8 };
  const vol = strikes.map((K) => sabrVol(K, F, T, sabr));
  const w = vol.map((v) => v * v * T);
  const f = fitSmile({ k, w, strikes, vol, forward: F, T }, { sabrBeta: 1, label: "sabr", gridN: 50 });
  assert.ok(f.sabrRmse < 1e-4, `SABR RMSE ${f.sabrRmse}`);
  assert.ok(f.sviRmse < 0.01, `SVI RMSE ${f.sviRmse}`);
  assert.ok(f.sviMax >= f.sviRmse && f.sabrMax >= f.sabrRmse);
  assert.ok(f.sabrConverged);
});

Deno.test("fitSmile: an arbitrage-free SVI smile is refitted exactly and passes the quoted-range butterfly check", () => {
  const svi = { a: 0.02, b: 0.1, rho: -0.4, m: 0, sigma: 0.2 };
  const w = k.map((x) => sviTotalVariance(svi, x)), vol = w.map((x) => Math.sqrt(x / T));
  const f = fitSmile({ k, w, strikes, vol, forward: F, T }, { sabrBeta: 1, label: "svi", gridN: 50 });
  assert.ok(f.sviRmse < 1e-5);
  assert.ok(f.sviButterflyOkQuoted && f.sviLeeOk);
  assert.throws(
    () =>
      fitSmile({ k: k.slice(0, 2), w: w.slice(0, 2), strikes, vol, forward: F, T }, {
        sabrBeta: 1,
        label: "short",
        gridN: 5,
      }),
    /short/,
  );
});

Deno.test("vegaSpreadWeights: mean 1, proportional to (vega / spread)²", () => {
  const q = [{ vega: 2, bid: 1, ask: 1.5 }, { vega: 1, bid: 1, ask: 2 }, { vega: 4, bid: 0.5, ask: 1.5 }];
  const wt = vegaSpreadWeights(q);
  assert.ok(Math.abs(wt.reduce((a, b) => a + b, 0) / 3 - 1) < 1e-12);
  assert.ok(Math.abs(wt[0] / wt[1] - 16) < 1e-12 && Math.abs(wt[2] / wt[1] - 16) < 1e-12);
});
