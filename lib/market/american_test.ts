import assert from "node:assert/strict";
import { binomialFuturesOption } from "./american.ts";
import { black76Price } from "./black76.ts";

Deno.test("binomial tree: European converges to Black-76", () => {
  for (const isCall of [true, false]) {
    for (const K of [60, 70, 85]) {
      const tree = binomialFuturesOption(isCall, 70, K, 0.5, 0.4, 0.03, { american: false, steps: 800 });
      const b76 = black76Price(isCall, 70, K, 0.5, 0.4, Math.exp(-0.03 * 0.5));
      assert.ok(Math.abs(tree - b76) < 2e-2, `${isCall} ${K}: ${tree} vs ${b76}`);
    }
  }
});

Deno.test("binomial tree: American ≥ European ≥ intrinsic·df, early exercise premium with r > 0", () => {
  const am = binomialFuturesOption(false, 50, 80, 1, 0.3, 0.08, { american: true, steps: 300 });
  const eu = binomialFuturesOption(false, 50, 80, 1, 0.3, 0.08, { american: false, steps: 300 });
  assert.ok(am >= 30 - 1e-12); // deep ITM American put is worth at least intrinsic
  assert.ok(am > eu);
  assert.ok(eu < 30);
});

Deno.test("binomial tree: bad input is named", () => {
  assert.throws(() => binomialFuturesOption(true, -1, 1, 1, 0.2, 0), /futures price F must be finite and > 0, got -1/);
  assert.throws(
    () => binomialFuturesOption(true, 1, 1, 1, 0.2, 0, { steps: 0 }),
    /steps must be an integer >= 1, got 0/,
  );
});
