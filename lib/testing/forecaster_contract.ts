/**
 * The contract every {@link Forecaster} must pass, run by each model's test
 * file: config validation, input validation before training, bounded finite
 * output of the right length, determinism under a seed, held-out pinball loss
 * no worse than the static constant (for learnable models), no mutation of and
 * no references kept to the training data, and an exact save/load round trip.
 *
 * The problem is {@link syntheticQuantileProblem} at τ = 0.9 (small enough to
 * run in seconds, with a known conditional quantile).
 * @module
 */
import assert from "node:assert/strict";
import { clipMultiplier } from "../targets/bounded_multiplier.ts";
import { empiricalQuantile } from "../targets/empirical_quantile.ts";
import { pinballLoss } from "../targets/pinball_loss.ts";
import type { Dataset } from "../models/dataset.ts";
import type { Forecaster, SavedForecaster } from "../models/forecaster.ts";
import type { BaseModelConfig } from "../models/model_config.ts";
import { type SyntheticQuantileProblem, syntheticQuantileProblem } from "./synthetic_quantile_problem.ts";

/** One model under the contract. */
export interface ForecasterContractCase {
  /** Test name prefix. */
  readonly name: string;
  /** Build an unfitted model; `overrides` carry the base fields the contract varies (tau, bounds, seed). */
  readonly make: (overrides: Partial<BaseModelConfig>) => Forecaster;
  /** Restore from `save()` output (after a JSON round trip). */
  readonly load: (saved: SavedForecaster) => Forecaster | Promise<Forecaster>;
  /** Whether the model learns from features (checked against the constant); default true. */
  readonly learnable?: boolean;
  /** Share of the constant → oracle pinball gap the model must close ({@link learnsCheck}); default 0.5. */
  readonly minGapShare?: number;
  /** Live native tensors (tfjs `tf.memory().numTensors`) for a leak check; optional. */
  readonly liveTensors?: () => number;
}

/** The quantile level τ used by the contract problem. */
export const CONTRACT_TAU = 0.9;

/** Bounds of the contract's models. */
export const CONTRACT_BOUNDS: { readonly mMin: number; readonly mMax: number } = { mMin: 0.8, mMax: 1.5 };

/**
 * The contract's problem: {@link syntheticQuantileProblem} with 400 / 150 / 300 rows, seed 5, τ = {@link CONTRACT_TAU}.
 *
 * @example
 * ```ts
 * import { contractProblem } from "./forecaster_contract.ts";
 * console.assert(contractProblem().test.r.length === 300);
 * ```
 */
export function contractProblem(): SyntheticQuantileProblem {
  return syntheticQuantileProblem({ nTrain: 400, nValid: 150, nTest: 300, seed: 5, tau: CONTRACT_TAU });
}

/** The numbers behind {@link learnsCheck}. */
export interface LearnsCheck {
  /** Held-out pinball loss of the model. */
  model: number;
  /** Of the static constant: the training τ-quantile of r, clipped to the bounds. */
  constant: number;
  /** Of the true conditional quantile, clipped to the bounds (the best any model can do in expectation). */
  oracle: number;
  /** `(constant − model) / (constant − oracle)`: 0 for the constant, 1 for the oracle. */
  gapShare: number;
}

/**
 * The "learns" check: the model's held-out pinball loss must close at least `minGapShare` (default 0.5) of the gap
 * between the static constant and the true conditional quantile. A model that ignores its inputs fails it: even the
 * best constant in hindsight on the test rows closes under 1% of the gap on the contract problem, while the
 * real forecasters close 0.84 (transformer) to 0.98 (linear quantile regression).
 *
 * @throws {AssertionError} when the model closes less than `minGapShare` of the gap
 * @example
 * ```ts
 * import { contractProblem, learnsCheck } from "./forecaster_contract.ts";
 * const p = contractProblem();
 * const oracle = p.testQuantile.map((q) => Math.min(1.5, Math.max(0.8, q)));
 * console.assert(learnsCheck(p, oracle).gapShare === 1);
 * ```
 */
export function learnsCheck(
  p: SyntheticQuantileProblem,
  m: Float64Array,
  minGapShare = 0.5,
): LearnsCheck {
  const { mMin, mMax } = CONTRACT_BOUNDS;
  const q = clipMultiplier(empiricalQuantile(p.train.r, CONTRACT_TAU), mMin, mMax);
  const constant = pinballLoss(p.test.r, new Float64Array(m.length).fill(q), CONTRACT_TAU);
  const oracle = pinballLoss(p.test.r, p.testQuantile.map((v) => clipMultiplier(v, mMin, mMax)), CONTRACT_TAU);
  const model = pinballLoss(p.test.r, m, CONTRACT_TAU);
  const gapShare = (constant - model) / (constant - oracle);
  assert.ok(
    gapShare >= minGapShare,
    `closes ${gapShare.toFixed(3)} of the constant → oracle pinball gap, needs ${minGapShare} ` +
      `(model ${model}, constant ${constant}, oracle ${oracle})`,
  );
  return { model, constant, oracle, gapShare };
}

function copyDataset(ds: Dataset): Dataset {
  return { x: ds.x.slice(), d: ds.d, r: ds.r.slice(), dates: [...ds.dates] };
}

function withRows(ds: Dataset, n: number): Dataset {
  return { x: ds.x.slice(0, n * ds.d), d: ds.d, r: ds.r.slice(0, n), dates: ds.dates.slice(0, n) };
}

/**
 * Register the contract tests (one `Deno.test` with steps) for a model.
 *
 * @example
 * ```ts ignore
 * // in lib/models/mlp_test.ts (registers a Deno.test, so not run as a doc test)
 * import { loadMlp, mlp } from "../models/mlp.ts";
 * runForecasterContract({ name: "mlp", make: (o) => mlp({ ...o, hidden: [8] }), load: loadMlp });
 * ```
 */
export function runForecasterContract(c: ForecasterContractCase): void {
  Deno.test(`${c.name}: forecaster contract`, async (t) => {
    const base = { tau: CONTRACT_TAU, ...CONTRACT_BOUNDS, seed: 11 };
    const p = contractProblem();

    await t.step("rejects invalid bounds and tau at construction", () => {
      assert.throws(
        () => c.make({ ...base, mMin: 1.5, mMax: 0.8 }),
        (e) => e instanceof RangeError && /mMin/.test(e.message),
      );
      assert.throws(() => c.make({ ...base, mMin: 1, mMax: 1 }), RangeError);
      for (const tau of [0, 1, 1.2, -0.1, NaN]) {
        assert.throws(() => c.make({ ...base, tau }), (e) => e instanceof RangeError && /tau/.test(e.message));
      }
    });

    await t.step("rejects bad data before any training", async () => {
      const f = c.make(base);
      let epochs = 0;
      const onEpoch = () => epochs++;
      const badTrain = copyDataset(p.train);
      badTrain.x[7 * badTrain.d + 1] = NaN;
      await assert.rejects(
        f.fit(badTrain, p.valid, { onEpoch }),
        (e) => e instanceof RangeError && /train/.test(e.message) && /row 7/.test(e.message),
      );
      const badValid = copyDataset(p.valid);
      badValid.x[3] = Infinity;
      await assert.rejects(
        f.fit(p.train, badValid, { onEpoch }),
        (e) => e instanceof RangeError && /valid/.test(e.message),
      );
      const badR = copyDataset(p.train);
      badR.r[2] = -Infinity;
      await assert.rejects(f.fit(badR, p.valid, { onEpoch }), RangeError);
      await assert.rejects(
        f.fit(withRows(p.train, 5), p.valid, { onEpoch }),
        (e) => e instanceof RangeError && /too few samples/.test(e.message),
      );
      await assert.rejects(f.fit(p.train, withRows(p.valid, 0), { onEpoch }), RangeError);
      await assert.rejects(
        f.fit(p.valid, p.train, { onEpoch }),
        (e) => e instanceof RangeError && /chronological/.test(e.message),
      );
      assert.equal(epochs, 0, "no epoch may run on bad input");
      assert.throws(() => f.predict(p.test.x), TypeError, "predict before fit");
      f.dispose();
    });

    const trainCopy = copyDataset(p.train), validCopy = copyDataset(p.valid);
    const a = c.make(base);
    const report = await a.fit(trainCopy, validCopy);
    const m = a.predict(p.test.x);

    await t.step("outputs finite multipliers within bounds, one per row", () => {
      assert.equal(m.length, p.test.r.length);
      for (let i = 0; i < m.length; i++) {
        assert.ok(Number.isFinite(m[i]) && m[i] >= base.mMin && m[i] <= base.mMax, `m[${i}] = ${m[i]}`);
      }
      assert.equal(report.nTrain <= p.train.r.length, true);
      assert.equal(report.nValid, p.valid.r.length);
      assert.ok(report.epochs >= 1 && report.bestEpoch >= 1 && Number.isFinite(report.validPinball));
      assert.throws(() => a.predict(p.test.x.subarray(1)), RangeError, "ragged frame");
      const bad = p.test.x.slice();
      bad[4] = NaN;
      assert.throws(() => a.predict(bad), RangeError, "NaN feature at predict");
    });

    await t.step("does not mutate or keep references to train/valid", () => {
      assert.deepEqual(trainCopy.x, p.train.x);
      assert.deepEqual(trainCopy.r, p.train.r);
      assert.deepEqual(validCopy.x, p.valid.x);
      assert.deepEqual(validCopy.r, p.valid.r);
      trainCopy.x.fill(NaN), trainCopy.r.fill(NaN), validCopy.x.fill(NaN), validCopy.r.fill(NaN);
      assert.deepEqual(a.predict(p.test.x), m);
    });

    if (c.learnable ?? true) {
      await t.step("learns: held-out pinball closes half the constant → oracle gap (a constant cannot)", () => {
        learnsCheck(p, m, c.minGapShare ?? 0.5);
      });
    }

    await t.step("same seed → bitwise identical predictions (and fit + dispose leaks no tensors)", async () => {
      const before = c.liveTensors?.();
      const b = c.make(base);
      await b.fit(p.train, p.valid);
      assert.deepEqual(b.predict(p.test.x), m);
      b.dispose();
      if (before !== undefined) assert.equal(c.liveTensors!(), before);
    });

    await t.step("save → JSON → load restores identical predictions and config", async () => {
      const saved = JSON.parse(JSON.stringify(a.save())) as SavedForecaster;
      assert.equal(saved.kind, a.kind);
      const g = await c.load(saved);
      assert.deepEqual(g.config, a.config);
      assert.deepEqual(g.predict(p.test.x), m);
      g.dispose();
    });

    if (c.liveTensors) {
      await t.step("predict leaks no tensors", () => {
        const before = c.liveTensors!();
        a.predict(p.test.x);
        a.predict(p.test.x.subarray(0, p.test.d));
        assert.equal(c.liveTensors!(), before);
      });
    }
    a.dispose();
  });
}
