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
import { syntheticQuantileProblem } from "./synthetic_quantile_problem.ts";

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
  /** Relative slack on "pinball ≤ constant's pinball"; default 0.02. */
  readonly tolerance?: number;
  /** Live native tensors (tfjs `tf.memory().numTensors`) for a leak check; optional. */
  readonly liveTensors?: () => number;
}

/** The coverage level used by the contract problem. */
export const CONTRACT_TAU = 0.9;

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
    const base = { tau: CONTRACT_TAU, mMin: 0.8, mMax: 1.5, seed: 11 };
    const p = syntheticQuantileProblem({ nTrain: 400, nValid: 150, nTest: 300, seed: 5, tau: CONTRACT_TAU });

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
      await t.step("held-out pinball loss no worse than the static constant", () => {
        const q = clipMultiplier(empiricalQuantile(p.train.r, CONTRACT_TAU), base.mMin, base.mMax);
        const lConst = pinballLoss(p.test.r, new Float64Array(m.length).fill(q), CONTRACT_TAU);
        const lModel = pinballLoss(p.test.r, m, CONTRACT_TAU);
        assert.ok(lModel <= lConst * (1 + (c.tolerance ?? 0.02)), `model ${lModel} vs constant ${lConst}`);
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
