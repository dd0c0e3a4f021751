import { createPrng } from "../core/prng.ts";
import { createMatrix } from "../margin/matrix.ts";
import { eulerEs, eulerVar } from "./euler.ts";
import { shapley } from "./shapley.ts";
import { scenarioMarginFn } from "./unit_margin_fn.ts";

const rng = createPrng(5);
const S = 2500;
const m12 = createMatrix(12, S, Array.from({ length: 12 * S }, () => rng.normal()));
const m20 = createMatrix(20, S, Array.from({ length: 20 * S }, () => rng.normal()));

Deno.bench("Euler ES + kernel VaR, 20 units × 2,500 scenarios", () => {
  eulerEs(m20, 0.99);
  eulerVar(m20, 0.99);
});

Deno.bench({
  name: "Shapley exact, 12 units × 2,500 scenarios (4,096 HS-ES evaluations)",
  n: 3,
  warmup: 1,
  fn() {
    shapley(scenarioMarginFn(m12, { tau: 0.99 }), 12);
  },
});

Deno.bench({
  name: "Shapley sampled, 20 units × 2,500 scenarios, 200 permutations",
  n: 3,
  warmup: 1,
  fn() {
    shapley(scenarioMarginFn(m20, { tau: 0.99 }), 20, { prng: createPrng(1), nPermutations: 200 });
  },
});
