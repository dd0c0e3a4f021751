/**
 * e05 label worker: builds the market days it is given and labels their portfolios (SPAN-like and the exact
 * SPAN 2-like cache). Runs in a Deno Worker so that the two cores label days in parallel; results do not depend
 * on the split of days between workers (each day has its own seeded streams).
 * @module
 */
import { panelFromCsv } from "../../../lib/data/mod.ts";
import { buildMarketDay, type MarketDayOptions } from "../../../lib/deepmargin/market_day.ts";
import { labelDay, type LabelledPortfolio } from "../../../lib/deepmargin/dataset.ts";
import type { GeneratorOptions } from "../../../lib/deepmargin/generator.ts";

/** A labelling job. */
export interface LabelJob {
  panelPath: string;
  days: { index: number; counts: Record<string, number> }[];
  seed: number;
  day: MarketDayOptions;
  gen: GeneratorOptions;
}

/** A job's result. */
export interface LabelResult {
  rows: LabelledPortfolio[];
  /** Distinct instruments per day (each fully revalued in every SPAN 2-like scenario once). */
  instruments: number[];
  error?: string;
}

/** Label the days of a job (also callable in-process). */
export async function runLabelJob(job: LabelJob, log: (m: string) => void = () => {}): Promise<LabelResult> {
  const panel = panelFromCsv(await Deno.readTextFile(job.panelPath), "data/derived/crude_panel.csv");
  const rows: LabelledPortfolio[] = [];
  const instruments: number[] = [];
  for (const [k, d] of job.days.entries()) {
    const day = buildMarketDay(panel, d.index, job.day);
    const r = labelDay(day, d.counts, job.seed, job.gen);
    rows.push(...r.rows);
    instruments.push(r.instruments);
    if (k % 10 === 9 || k === job.days.length - 1) log(`${k + 1}/${job.days.length} days (${day.date})`);
  }
  return { rows, instruments };
}

// deno-lint-ignore no-explicit-any
const self_ = globalThis as any;
if (typeof self_.WorkerGlobalScope !== "undefined" && self_ instanceof self_.WorkerGlobalScope) {
  self_.onmessage = async (e: MessageEvent<LabelJob & { id: number }>) => {
    try {
      const res = await runLabelJob(e.data, (m) => console.error(`[e05 worker ${e.data.id}] ${m}`));
      self_.postMessage(res);
    } catch (err) {
      self_.postMessage({ rows: [], instruments: [], error: `${(err as Error).name}: ${(err as Error).message}` });
    }
    self_.close();
  };
}
