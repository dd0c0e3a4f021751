/**
 * A small hyper-parameter grid for the networks and the choice by cross-validation (issue 14 §2): configurations
 * given as parallel lists (hidden widths "16-8", learning rate, L2 weight decay), validated, and the configuration
 * with the lowest mean inner-validation loss chosen (the first on a tie, so the choice is deterministic).
 *
 * @example
 * ```ts
 * import { chooseConfig, hyperGrid } from "./hyper_search.ts";
 * const grid = hyperGrid({ hidden: ["16-8", "32"], lr: [0.003, 0.01], weightDecay: [0, 1e-4] });
 * const c = chooseConfig([[0.02, 0.03], [0.02, 0.025]]);
 * console.assert(grid[1].hidden.join() === "32" && c.index === 1 && c.meanLoss[0] === 0.025);
 * ```
 * @module
 */

/** One network configuration of the grid. */
export interface HyperConfig {
  /** Hidden layer widths. */
  hidden: number[];
  /** Adam learning rate. */
  lr: number;
  /** L2 weight decay on the kernels (0: none). */
  weightDecay: number;
}

/** The grid as parallel lists: configuration i is (`hidden[i]`, `lr[i]`, `weightDecay[i]`). */
export interface HyperGridSpec {
  /** Widths joined by "-", e.g. "32-16". */
  hidden: readonly string[];
  lr: readonly number[];
  weightDecay: readonly number[];
}

/**
 * The configurations of a grid spec.
 *
 * @throws {RangeError} naming the list and index on an empty grid, lists of different lengths, a width that is not
 *   an integer ≥ 1, a learning rate ≤ 0, a weight decay < 0, or a duplicate configuration
 * @example
 * ```ts
 * import { hyperGrid } from "./hyper_search.ts";
 * console.assert(hyperGrid({ hidden: ["8"], lr: [0.01], weightDecay: [0] })[0].lr === 0.01);
 * ```
 */
export function hyperGrid(spec: HyperGridSpec): HyperConfig[] {
  const fn = "hyperGrid (lib/evaluation/hyper_search.ts)";
  const n = spec.hidden.length;
  if (n === 0) throw new RangeError(`${fn}: the grid is empty`);
  if (spec.lr.length !== n || spec.weightDecay.length !== n) {
    throw new RangeError(
      `${fn}: hidden, lr and weightDecay must have one entry per configuration, got ${n}, ${spec.lr.length}, ` +
        `${spec.weightDecay.length}`,
    );
  }
  const seen = new Set<string>();
  return spec.hidden.map((h, i) => {
    const hidden = String(h).split("-").map(Number);
    if (hidden.some((w) => !Number.isInteger(w) || w < 1)) {
      throw new RangeError(`${fn}: hidden[${i}] must be widths >= 1 joined by "-", got ${JSON.stringify(h)}`);
    }
    const lr = spec.lr[i], weightDecay = spec.weightDecay[i];
    if (!(lr > 0) || !Number.isFinite(lr)) throw new RangeError(`${fn}: lr[${i}] must be > 0, got ${lr}`);
    if (!(weightDecay >= 0) || !Number.isFinite(weightDecay)) {
      throw new RangeError(`${fn}: weightDecay[${i}] must be >= 0, got ${weightDecay}`);
    }
    const key = `${hidden.join("-")}|${lr}|${weightDecay}`;
    if (seen.has(key)) throw new RangeError(`${fn}: configuration ${i} (${key}) repeats an earlier one`);
    seen.add(key);
    return { hidden, lr, weightDecay };
  });
}

/**
 * The configuration with the lowest mean loss over its inner folds (`losses[config][fold]`), the first on a tie.
 *
 * @throws {RangeError} on no configuration, no fold, folds of different numbers, or a loss that is not finite
 * @example
 * ```ts
 * import { chooseConfig } from "./hyper_search.ts";
 * console.assert(chooseConfig([[1, 2], [2, 1]]).index === 0); // a tie keeps the first
 * ```
 */
export function chooseConfig(losses: readonly (readonly number[])[]): { index: number; meanLoss: number[] } {
  const fn = "chooseConfig (lib/evaluation/hyper_search.ts)";
  if (losses.length === 0) throw new RangeError(`${fn}: no configuration`);
  const k = losses[0].length;
  if (k === 0) throw new RangeError(`${fn}: configuration 0 has no fold`);
  const meanLoss = losses.map((row, i) => {
    if (row.length !== k) throw new RangeError(`${fn}: configuration ${i} has ${row.length} folds, not ${k}`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new RangeError(`${fn}: loss of configuration ${i} fold ${j} is ${v}`);
    });
    return row.reduce((s, v) => s + v, 0) / k;
  });
  let index = 0;
  for (let i = 1; i < meanLoss.length; i++) if (meanLoss[i] < meanLoss[index]) index = i;
  return { index, meanLoss };
}
