/**
 * e06 training worker (`serveWorker`): trains one DeepMargin job on the e05
 * dataset, tokenized once per worker. The two cores train different jobs in
 * parallel (tfjs wasm is single-threaded); every job is seeded on its own.
 * @module
 */
import type { Panel } from "../../../lib/data/panel.ts";
import {
  type DeepMarginDataset,
  type PreparedData,
  prepareExamples,
  runTrainJob,
  type TrainJob,
  type TrainOutcome,
  type TrainSettings,
} from "../../../lib/deepmargin/training.ts";
import { serveWorker, type WorkerHandler } from "../../../lib/pipeline/workers.ts";

/** Sent to every worker once. */
export interface Shared {
  datasetPath: string;
  panel: Panel;
  settings: TrainSettings;
  /** Return the weights of these jobs (for the latency measurement). */
  keepWeights: string[];
}

let cache: { path: string; prep: Promise<PreparedData> } | undefined;

/** The tokenized dataset, prepared once per process. */
export function prepared(s: Pick<Shared, "datasetPath" | "panel" | "settings">): Promise<PreparedData> {
  if (cache?.path !== s.datasetPath) {
    const prep = Deno.readTextFile(s.datasetPath).then((text) =>
      prepareExamples(JSON.parse(text) as DeepMarginDataset, s.panel, s.settings.offset)
    );
    cache = { path: s.datasetPath, prep };
  }
  return cache.prep;
}

/** Train one job. */
export const trainJob: WorkerHandler<TrainJob, TrainOutcome, Shared> = async (job, ctx) =>
  runTrainJob(job, await prepared(ctx.shared), ctx.shared.settings, ctx.log, ctx.shared.keepWeights.includes(job.name));

serveWorker(trainJob);
