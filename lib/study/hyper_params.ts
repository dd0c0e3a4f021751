/**
 * A tuning configuration ({@link HyperConfig}: widths, learning rate, weight decay) written into a model's parameters
 * under the factory's names, for each network kind (issue 14 §2):
 *
 * - `mlp`: `mlpHidden` = the widths (depth = their number), `netLr`, `netWeightDecay`;
 * - `lstm`: `lstmUnits` = the one width, `netLr` (no weight decay: the LSTM has none, so a decay > 0 is an error);
 * - `transformer`: `trfDModel` = the one width, `trfFfn` = twice it (the block's usual 2× expansion), `netLr`
 *   (no weight decay); the width must be a multiple of `trfHeads`.
 *
 * @example
 * ```ts
 * import { hyperParams } from "./hyper_params.ts";
 * const base = { tau: 0.99, mMin: 0.8, mMax: 1.5, trfHeads: 2 };
 * const q = hyperParams(base, { hidden: [16], lr: 0.01, weightDecay: 0 }, "transformer");
 * console.assert(q.trfDModel === 16 && q.trfFfn === 32 && q.netLr === 0.01);
 * ```
 * @module
 */
import type { HyperConfig } from "../evaluation/hyper_search.ts";
import type { ModelParams } from "./model_factory.ts";

/**
 * `p` with configuration `h` applied for a network of `kind` (default the MLP); other fields unchanged.
 *
 * @throws {RangeError} naming the kind and value on a kind that is not a network, a sequence model given more than
 *   one width or a weight decay, or a Transformer width that is not a multiple of `trfHeads`
 * @example
 * ```ts
 * import { hyperParams } from "./hyper_params.ts";
 * const q = hyperParams({ tau: 0.99, mMin: 0.8, mMax: 1.5 }, { hidden: [8], lr: 0.01, weightDecay: 1e-4 });
 * console.assert(q.mlpHidden![0] === 8 && q.netLr === 0.01 && q.netWeightDecay === 1e-4);
 * ```
 */
export function hyperParams<P extends ModelParams>(p: P, h: HyperConfig, kind = "mlp"): P & ModelParams {
  const fn = "hyperParams (lib/study/hyper_params.ts)";
  if (kind === "mlp") return { ...p, mlpHidden: [...h.hidden], netLr: h.lr, netWeightDecay: h.weightDecay };
  if (kind !== "lstm" && kind !== "transformer") {
    throw new RangeError(`${fn}: model "${kind}" has no tuning configuration (networks: mlp, lstm, transformer)`);
  }
  if (h.hidden.length !== 1) {
    throw new RangeError(`${fn}: a ${kind} takes one width, got ${h.hidden.join("-")}`);
  }
  if (h.weightDecay !== 0) throw new RangeError(`${fn}: a ${kind} has no weight decay, got ${h.weightDecay}`);
  const w = h.hidden[0];
  if (kind === "lstm") return { ...p, lstmUnits: w, netLr: h.lr };
  const heads = p.trfHeads ?? 1;
  if (w % heads !== 0) throw new RangeError(`${fn}: transformer width ${w} is not a multiple of trfHeads ${heads}`);
  return { ...p, trfDModel: w, trfFfn: 2 * w, netLr: h.lr };
}
