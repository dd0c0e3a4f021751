/**
 * A small seeded study matrix for the study tests: `n` business days from 2010, two features, and a ratio
 * target whose upper quantile rises with the first feature.
 * @module
 */
import { createPrng } from "../core/prng.ts";
import { businessDays } from "../market/synthetic_market.ts";
import type { StudyMatrix } from "../study/dataset.ts";

/** `n` rows, features ["a", "b"], r = 0.8 + 0.3·|a|·z² + noise (seeded). */
export function testMatrix(n: number, seed = 1): StudyMatrix {
  const rng = createPrng(seed);
  const x = new Float64Array(n * 2), r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal(), b = rng.normal(), z = rng.normal();
    x[2 * i] = a;
    x[2 * i + 1] = b;
    r[i] = 0.8 + 0.3 * Math.abs(a) * z * z + 0.05 * rng.normal();
  }
  return { dates: businessDays("2010-01-04", n), x, d: 2, featureNames: ["a", "b"], r };
}
