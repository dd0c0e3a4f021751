/**
 * Benchmarks of the models (run with
 * `deno bench --allow-read=. lib/models/models_bench.ts`):
 *
 * - training throughput: one `fit` of {@link BENCH_EPOCHS} epochs over
 *   {@link BENCH_ROWS} rows, d = {@link BENCH_D}, batch {@link BENCH_BATCH}
 *   (samples/s = epochs·rows / time per iteration; includes model building);
 * - MLP inference: 100,000 multipliers in one batched `predict` (target ≥
 *   100,000/s, i.e. ≤ 1 s per iteration) and one single-row prediction
 *   (target p99 ≤ 1 ms).
 *
 * The same architectures are in `tasks/bench/torch_ref.py` for a PyTorch
 * comparison.
 * @module
 */
import type { Forecaster } from "./forecaster.ts";
import { lstm } from "./lstm.ts";
import { mlp } from "./mlp.ts";
import { quantileForest } from "./quantile_forest.ts";
import { linearQuantile } from "./linear_quantile.ts";
import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
import { transformer } from "./transformer.ts";

/** Rows per training benchmark. */
export const BENCH_ROWS = 2048;
/** Epochs per training benchmark (patience large so all run). */
export const BENCH_EPOCHS = 3;
/** Feature count. */
export const BENCH_D = 16;
/** Batch size. */
export const BENCH_BATCH = 64;

const p = syntheticQuantileProblem({ nTrain: BENCH_ROWS, nValid: 128, nTest: 100_000, seed: 1, tau: 0.99, d: BENCH_D });
const train = { epochs: BENCH_EPOCHS, batchSize: BENCH_BATCH, patience: 1000, learningRate: 1e-3 };

/**
 * Timed iterations per network (after one warm-up), as `tasks/bench/torch_ref.py`'s repeats: the MLP's fit takes
 * tens of milliseconds, so its best-of is taken over more runs on a shared machine.
 */
export const BENCH_ITERATIONS: Readonly<Record<string, number>> = { mlp: 10, lstm: 3, transformer: 3 };

const archs: Record<string, () => Forecaster> = {
  "mlp [64,32]": () => mlp({ ...train, hidden: [64, 32] }),
  "lstm L=20 units=32": () => lstm({ ...train, lookback: 20, units: 32 }),
  "transformer L=20 d=32 h=4 x2": () =>
    transformer({ ...train, lookback: 20, dModel: 32, heads: 4, layers: 2, ffn: 64 }),
};

for (const [name, make] of Object.entries(archs)) {
  Deno.bench(`train ${name}: ${BENCH_EPOCHS}×${BENCH_ROWS} samples, batch ${BENCH_BATCH}`, {
    group: "train",
    n: BENCH_ITERATIONS[name.split(" ")[0]],
    warmup: 1,
  }, async () => {
    const f = make();
    await f.fit(p.train, p.valid);
    f.dispose();
  });
}

Deno.bench(
  `train quantile_forest 20 trees: ${BENCH_ROWS} rows (1 fit)`,
  { group: "train", n: 2, warmup: 0 },
  async () => {
    await quantileForest({ nEstimators: 20, maxTrainRows: BENCH_ROWS }).fit(p.train, p.valid);
  },
);

Deno.bench(`train linear_quantile: ${BENCH_ROWS} rows (1 fit)`, { group: "train", n: 5, warmup: 1 }, async () => {
  await linearQuantile().fit(p.train, p.valid);
});

const model = mlp({ ...train, hidden: [64, 32], epochs: 1 });
await model.fit(p.train, p.valid);
const one = p.test.x.slice(0, BENCH_D);

Deno.bench("mlp predict 100,000 rows batched", { group: "infer", n: 10, warmup: 2 }, () => {
  model.predict(p.test.x);
});

Deno.bench("mlp predict 1 row", { group: "infer", n: 5000, warmup: 200 }, () => {
  model.predict(one);
});
