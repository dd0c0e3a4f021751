/**
 * e06 v2 training worker (`serveWorker`): runs one job of `surrogateJobs` (a network or a baseline) on the e05
 * dataset, tokenized once per process and input set, with the duplicates of validation and test (copies of training
 * portfolios on the same date) left out. The two cores run different jobs in parallel; every job is seeded.
 * @module
 */
import type { Panel } from "../../../lib/data/panel.ts";
import {
  type DeepMarginDataset,
  type PreparedData,
  prepareExamples,
  type TrainSettings,
} from "../../../lib/deepmargin/training.ts";
import { inputSetTokenizer } from "../../../lib/deepmargin/input_sets.ts";
import { findDuplicatePortfolios, splitsWithoutDuplicates } from "../../../lib/deepmargin/duplicate_portfolios.ts";
import {
  type ForestSettings,
  runSurrogateJob,
  type SurrogateJob,
  type SurrogateOutcome,
} from "../../../lib/deepmargin/surrogate_jobs.ts";
import { serveWorker, type WorkerHandler } from "../../../lib/pipeline/workers.ts";

/** Sent to every worker once. */
export interface Shared {
  datasetPath: string;
  panel: Panel;
  settings: TrainSettings;
  forest: ForestSettings;
  /** Return the weights of these jobs (for the latency measurement). */
  keepWeights: string[];
}

let dataset: { path: string; ds: Promise<{ ds: DeepMarginDataset; bySet: Record<string, number[]> }> } | undefined;
const prepared = new Map<string, Promise<PreparedData>>();

/** The dataset and its deduplicated splits, read once per process. */
export function loadDataset(path: string): Promise<{ ds: DeepMarginDataset; bySet: Record<string, number[]> }> {
  if (dataset?.path !== path) {
    const ds = Deno.readTextFile(path).then((text) => {
      const ds = JSON.parse(text) as DeepMarginDataset;
      return { ds, bySet: splitsWithoutDuplicates(ds.rows, findDuplicatePortfolios(ds.rows)) };
    });
    dataset = { path, ds };
    prepared.clear();
  }
  return dataset.ds;
}

function preparedFor(s: Shared, inputs: string): Promise<PreparedData> {
  let p = prepared.get(inputs);
  if (p === undefined) {
    p = loadDataset(s.datasetPath).then(({ ds, bySet }) => ({
      ...prepareExamples(ds, s.panel, s.settings.offset, inputSetTokenizer(inputs)),
      bySet,
    }));
    prepared.set(inputs, p);
  }
  return p;
}

/** Run one job. */
export const trainJob: WorkerHandler<SurrogateJob, SurrogateOutcome, Shared> = async (job, ctx) =>
  runSurrogateJob(
    job,
    await preparedFor(ctx.shared, job.inputs),
    ctx.shared.settings,
    ctx.shared.forest,
    ctx.log,
    ctx.shared.keepWeights.includes(job.name),
  );

serveWorker(trainJob);
