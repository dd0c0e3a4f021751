/**
 * e05 label worker (`serveWorker`): builds one market day and labels its
 * portfolios (SPAN-like and the exact SPAN 2-like cache). The two cores label
 * days in parallel; every day has its own seeded streams, so the labels do
 * not depend on which worker labels a day.
 * @module
 */
import type { Panel } from "../../../lib/data/panel.ts";
import { buildMarketDay, type MarketDayOptions } from "../../../lib/deepmargin/market_day.ts";
import { labelDay, type LabelledPortfolio } from "../../../lib/deepmargin/dataset.ts";
import type { GeneratorOptions } from "../../../lib/deepmargin/generator.ts";
import type { PlannedDay } from "../../../lib/deepmargin/dataset_plan.ts";
import { serveWorker, type WorkerHandler } from "../../../lib/pipeline/workers.ts";

/** Sent to every worker once. */
export interface Shared {
  panel: Panel;
  seed: number;
  day: MarketDayOptions;
  gen: GeneratorOptions;
}

/** A labelled day: its portfolios and the number of distinct instruments revalued. */
export interface LabelResult {
  rows: LabelledPortfolio[];
  instruments: number;
}

/** Label one day. */
export const labelOneDay: WorkerHandler<PlannedDay, LabelResult, Shared> = (d, ctx) => {
  const { panel, seed, day, gen } = ctx.shared;
  const r = labelDay(buildMarketDay(panel, d.index, day), d.counts, seed, gen);
  return { rows: r.rows, instruments: r.instruments };
};

serveWorker(labelOneDay);
