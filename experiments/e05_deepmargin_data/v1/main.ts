/**
 * e05 — DeepMargin data. Seeded random portfolios at real market dates of the
 * crude panel, labelled with the SPAN-like margin and the SPAN 2-like
 * reference. In-sample dates carry the train, validation and test splits
 * (distinct portfolios); later dates carry the out-of-time test split. Days
 * are labelled in parallel workers (`workers`); every day has its own seeded
 * streams, so the output does not depend on the number of workers. The exact
 * per-date SPAN 2-like cache is checked bitwise against `span2Margin` itself
 * on `verifyAgainstReference` portfolios of every split.
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { panelFromCsv } from "../../../lib/data/mod.ts";
import { buildMarketDay, isUsableDate } from "../../../lib/deepmargin/market_day.ts";
import { type LabelledPortfolio, toPortfolio } from "../../../lib/deepmargin/dataset.ts";
import { span2Margin } from "../../../lib/margin/span2.ts";
import { type LabelJob, type LabelResult, runLabelJob } from "./worker.ts";

interface Params {
  seed: number;
  historyDays: number;
  stressLength: number;
  spanLookback: number;
  span2TreeSteps: number;
  inSampleFrom: string;
  inSampleTo: string;
  ootFrom: string;
  ootTo: string;
  maxPositions: number;
  maxQuantity: number;
  optionShare: number;
  americanShare: number;
  hedgeShare: number;
  verifyAgainstReference: number;
  daysIn: number;
  daysOot: number;
  nTrain: number;
  nVal: number;
  nTest: number;
  nOot: number;
  workers: number;
}

/** `n` spread over `k` days: the first `n mod k` days get one more. */
function spread(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}

/** `k` evenly spaced entries of `xs`. */
function evenly(xs: number[], k: number, what: string): number[] {
  if (xs.length < k) throw new RangeError(`e05: only ${xs.length} usable ${what} dates, need ${k}`);
  return Array.from({ length: k }, (_, i) => xs[Math.floor(((i + 0.5) * xs.length) / k)]);
}

await runStage<Params>(import.meta.url, {
  schema: {
    seed: { type: "integer", min: 0 },
    historyDays: { type: "integer", min: 2522 },
    stressLength: { type: "integer", min: 10 },
    spanLookback: { type: "integer", min: 20 },
    span2TreeSteps: { type: "integer", min: 10 },
    inSampleFrom: { type: "date" },
    inSampleTo: { type: "date" },
    ootFrom: { type: "date" },
    ootTo: { type: "date" },
    maxPositions: { type: "integer", min: 1, max: 20 },
    maxQuantity: { type: "integer", min: 1 },
    optionShare: { type: "number", min: 0, max: 1 },
    americanShare: { type: "number", min: 0, max: 1 },
    hedgeShare: { type: "number", min: 0, max: 1 },
    verifyAgainstReference: { type: "integer", min: 0 },
    daysIn: { type: "integer", min: 1 },
    daysOot: { type: "integer", min: 1 },
    nTrain: { type: "integer", min: 1 },
    nVal: { type: "integer", min: 1 },
    nTest: { type: "integer", min: 1 },
    nOot: { type: "integer", min: 1 },
    workers: { type: "integer", min: 1, max: 8 },
  },
  async run(ctx) {
    const p = ctx.params;
    if (p.ootFrom <= p.inSampleTo) {
      throw new RangeError(`e05: ootFrom (${p.ootFrom}) must come after inSampleTo (${p.inSampleTo})`);
    }
    const panelPath = await ctx.upstream("d01_panel", "crude_panel.csv");
    const panel = panelFromCsv(await Deno.readTextFile(panelPath), "data/derived/crude_panel.csv");
    const usable = (from: string, to: string) =>
      panel.dates.map((d, i) => [d, i] as const).filter(([d, i]) =>
        d >= from && d <= to && isUsableDate(panel, i, p.historyDays)
      ).map(([, i]) => i);
    const daysIn = evenly(usable(p.inSampleFrom, p.inSampleTo), p.daysIn, "in-sample");
    const daysOot = evenly(usable(p.ootFrom, p.ootTo), p.daysOot, "out-of-time");
    const [tr, va, te] = [spread(p.nTrain, p.daysIn), spread(p.nVal, p.daysIn), spread(p.nTest, p.daysIn)];
    const oo = spread(p.nOot, p.daysOot);
    const days = [
      ...daysIn.map((index, k) => ({ index, counts: { train: tr[k], val: va[k], test: te[k] } })),
      ...daysOot.map((index, k) => ({ index, counts: { oot: oo[k] } })),
    ];
    const dayOpts = {
      historyDays: p.historyDays,
      stressLength: p.stressLength,
      spanLookback: p.spanLookback,
      span2TreeSteps: p.span2TreeSteps,
    };
    const gen = {
      maxPositions: p.maxPositions,
      maxQuantity: p.maxQuantity,
      optionShare: p.optionShare,
      americanShare: p.americanShare,
      hedgeShare: p.hedgeShare,
    };
    const jobs: LabelJob[] = Array.from({ length: p.workers }, () => ({
      panelPath,
      days: [],
      seed: p.seed,
      day: dayOpts,
      gen,
    }));
    // days interleaved over workers (later dates have longer histories, not costlier ones)
    days.forEach((d, k) => jobs[k % p.workers].days.push(d));
    ctx.log(
      `${days.length} market days (${daysIn.length} in-sample, ${daysOot.length} out-of-time), ${p.workers} workers`,
    );
    const t0 = performance.now();
    let results: LabelResult[];
    if (p.workers === 1) results = [await runLabelJob(jobs[0], ctx.log)];
    else {
      results = await Promise.all(jobs.map((job, id) =>
        new Promise<LabelResult>((resolve, reject) => {
          const w = new Worker(new URL("./worker.ts", import.meta.url).href, { type: "module" });
          w.onmessage = (e: MessageEvent<LabelResult>) => {
            w.terminate();
            if (e.data.error) reject(new Error(`e05 worker ${id}: ${e.data.error}`));
            else resolve(e.data);
          };
          w.onerror = (e) => {
            e.preventDefault();
            w.terminate();
            reject(new Error(`e05 worker ${id}: ${e.message}`));
          };
          w.postMessage({ ...job, id });
        })
      ));
    }
    const secs = (performance.now() - t0) / 1000;
    // restore the day order (independent of the worker split)
    const byDay = new Map<number, LabelledPortfolio[]>();
    const instrumentsByDay = new Map<number, number>();
    for (const [j, r] of results.entries()) {
      jobs[j].days.forEach((d, k) => instrumentsByDay.set(d.index, r.instruments[k]));
      for (const row of r.rows) {
        const a = byDay.get(row.day);
        if (a) a.push(row);
        else byDay.set(row.day, [row]);
      }
    }
    const rows = days.flatMap((d) => byDay.get(d.index) ?? []);
    const nPortfolios = rows.length;
    const nPositions = rows.reduce((s, r) => s + r.positions.length, 0);
    ctx.log(`labelled ${nPortfolios} portfolios (${nPositions} positions) in ${secs.toFixed(1)} s wall`);

    // bitwise check of the cache against span2Margin on the first portfolios of each split
    let checked = 0;
    const tc = performance.now();
    for (const set of ["train", "val", "test", "oot"]) {
      const sample = rows.filter((r) => r.set === set).slice(0, p.verifyAgainstReference);
      for (const r of sample) {
        const day = buildMarketDay(panel, r.day, dayOpts);
        const ref = span2Margin(toPortfolio(r), day.market, day.history, day.span2Params).total;
        if (!Object.is(ref, r.span2)) {
          throw new Error(`e05: SPAN 2-like cache ${r.span2} differs from span2Margin ${ref} (day ${r.day})`);
        }
        checked++;
      }
    }
    ctx.log(
      `cache = span2Margin bitwise on ${checked} portfolios (${
        ((performance.now() - tc) / checked).toFixed(0)
      } ms each)`,
    );
    const instruments = [...instrumentsByDay.values()].reduce((a, b) => a + b, 0);
    return {
      // compact JSON (the harness would pretty-print objects: ~10× larger)
      [`dataset.${ctx.profile}.json`]: JSON.stringify({
        days: days.map((d) => ({ index: d.index, date: panel.dates[d.index], counts: d.counts })),
        dayOptions: dayOpts,
        stats: {
          portfolios: nPortfolios,
          positions: nPositions,
          bySet: Object.fromEntries(
            ["train", "val", "test", "oot"].map((s) => [s, rows.filter((r) => r.set === s).length]),
          ),
          instrumentsRevalued: instruments,
          span2Scenarios: 2520 + p.stressLength + 6,
          referenceChecked: checked,
        },
        rows,
      }) + "\n",
    };
  },
});
