/**
 * DeepMargin v2's summaries (issue 15): each network's training record (kept epoch against the cap: a kept epoch
 * at the cap means under-trained) and the headline the checks read — reductions of SPAN-like's median absolute
 * error by the anchor-like and the wide transformer (mean over seeds), against the anchor's, and the latency in µs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { trainingRecords } from "./surrogate_summary.ts";
 * const r = trainingRecords([{ type: "net", name: "mlp_anchor_s1", bestEpoch: 1, trainSize: 10, pred: {},
 *   history: [{ epoch: 0, loss: 1, val: 9 }, { epoch: 1, loss: 0.5, val: 7 }] }], (name) => 2);
 * assert.equal(r.records.mlp_anchor_s1.bestAtCap, true); // kept epoch 2 of a cap of 2
 * ```
 * @module
 */
import type { SurrogateOutcome } from "./surrogate_jobs.ts";
import type { SurrogateStudy } from "./surrogate_study.ts";
import type { TrainOutcome } from "./training.ts";
import type { WarmColdLatency } from "./warm_cold_latency.ts";

/** One network's training record: the kept epoch (1-based), the epochs run and the cap. */
export interface TrainingRecord {
  bestEpoch: number;
  epochsRun: number;
  cap: number;
  /** The kept epoch is the cap (under-trained: raise the cap). */
  bestAtCap: boolean;
  bestValMedae: number;
  trainPortfolios: number;
}

/**
 * Training records and curves of the networks, and the ridge λ of the baselines, by job name.
 *
 * @example
 * ```ts
 * import { trainingRecords } from "./surrogate_summary.ts";
 * trainingRecords([{ type: "ridge", name: "ridge_anchor", pred: {}, trainSize: 5, lambda: 0.1 }], () => 1).ridgeLambda;
 * // { ridge_anchor: 0.1 }
 * ```
 */
export function trainingRecords(outcomes: readonly SurrogateOutcome[], capOf: (name: string) => number): {
  records: Record<string, TrainingRecord>;
  history: Record<string, TrainOutcome["history"]>;
  ridgeLambda: Record<string, number>;
} {
  const records: Record<string, TrainingRecord> = {}, history: Record<string, TrainOutcome["history"]> = {};
  const ridgeLambda: Record<string, number> = {};
  for (const o of outcomes) {
    if (o.type !== "net") {
      if (o.lambda !== undefined) ridgeLambda[o.name] = o.lambda;
      continue;
    }
    const cap = capOf(o.name);
    records[o.name] = {
      bestEpoch: o.bestEpoch + 1,
      epochsRun: o.history.length,
      cap,
      bestAtCap: o.bestEpoch + 1 >= cap,
      bestValMedae: o.history[o.bestEpoch].val,
      trainPortfolios: o.trainSize,
    };
    history[o.name] = o.history;
  }
  return { records, history, ridgeLambda };
}

/** The headline the checks read. */
export interface Headline {
  /** SPAN-like MedAE ÷ anchor-like transformer's, out of time, mean over seeds. */
  ootRatio: number;
  ootRatioWide: number;
  testRatio: number;
  testRatioWide: number;
  ootRatioSpread: { mean: number; sd: number; min: number; max: number };
  /** The anchor's reduction, whether it is reached out of time, and anchor ÷ ours. */
  anchorRatio: number;
  anchorReached: boolean;
  anchorOverOot: number;
  /** Wall clock (µs; volatile); null when not measured. */
  latencyUs: {
    surrogateP50: number;
    surrogateP99: number;
    surrogateColdP50: number;
    warmExactP50: number;
    warmExactP99: number;
    coldCacheP50: number;
    coldExactP50: number;
    coldExactP99: number;
  } | null;
}

/**
 * The headline from the study's metrics, the anchor's reduction and the latency (null: not measured).
 *
 * @example
 * ```ts ignore
 * const h = surrogateHeadline(study.metrics, 1136.42 / 140.51, null);
 * h.ootRatio; // SPAN-like MedAE ÷ anchor-like transformer's, out of time
 * ```
 */
export function surrogateHeadline(
  m: SurrogateStudy["metrics"],
  anchorRatio: number,
  latency: WarmColdLatency | null,
): Headline {
  const us = (ms: number) => ms * 1000;
  const ootRatio = m.oot.anchor.transformer.mean.ratio;
  return {
    ootRatio,
    ootRatioWide: m.oot.wide.transformer.mean.ratio,
    testRatio: m.test.anchor.transformer.mean.ratio,
    testRatioWide: m.test.wide.transformer.mean.ratio,
    ootRatioSpread: m.oot.anchor.transformer.spread.ratio,
    anchorRatio,
    anchorReached: ootRatio >= anchorRatio,
    anchorOverOot: anchorRatio / ootRatio,
    latencyUs: latency === null ? null : {
      surrogateP50: us(latency.surrogate.warm.p50),
      surrogateP99: us(latency.surrogate.warm.p99),
      surrogateColdP50: us(latency.surrogate.cold.p50),
      warmExactP50: us(latency.exactCache.warm.p50),
      warmExactP99: us(latency.exactCache.warm.p99),
      coldCacheP50: us(latency.exactCache.cold.p50),
      coldExactP50: us(latency.exactEngine.cold.p50),
      coldExactP99: us(latency.exactEngine.cold.p99),
    },
  };
}
