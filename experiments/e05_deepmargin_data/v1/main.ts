/**
 * e05 — DeepMargin data. Seeded random portfolios at real market dates of the
 * crude panel, labelled with the SPAN-like margin and the SPAN 2-like
 * reference. In-sample dates carry the train, validation and test splits
 * (distinct portfolios); later dates carry the out-of-time test split
 * (lib/deepmargin `planDatasetDays`). Days are labelled in parallel workers
 * (`workers`, lib/pipeline `runOnWorkers`); every day has its own seeded
 * streams, so the output does not depend on the number of workers. The exact
 * per-date SPAN 2-like cache is checked bitwise against `span2Margin` itself
 * on `verifyAgainstReference` portfolios of every split.
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { runOnWorkers } from "../../../lib/pipeline/workers.ts";
import { readCrudePanel } from "../../../lib/data/read_crude_panel.ts";
import { assembleDataset, checkAgainstReference, planDatasetDays } from "../../../lib/deepmargin/dataset_plan.ts";
import { labelOneDay, type Shared } from "./worker.ts";
import type { Dataset, Params } from "./outputs.ts";

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
    const panel = await readCrudePanel(ctx);
    const days = planDatasetDays(panel, p);
    const shared: Shared = {
      panel,
      seed: p.seed,
      day: {
        historyDays: p.historyDays,
        stressLength: p.stressLength,
        spanLookback: p.spanLookback,
        span2TreeSteps: p.span2TreeSteps,
      },
      gen: {
        maxPositions: p.maxPositions,
        maxQuantity: p.maxQuantity,
        optionShare: p.optionShare,
        americanShare: p.americanShare,
        hedgeShare: p.hedgeShare,
      },
    };
    const nOot = days.filter((d) => d.counts.oot !== undefined).length;
    ctx.log(`${days.length} market days (${days.length - nOot} in-sample, ${nOot} out-of-time), ${p.workers} workers`);
    const t0 = performance.now();
    const labelled = await runOnWorkers(days, {
      workers: p.workers,
      script: new URL("./worker.ts", import.meta.url),
      shared,
      handler: labelOneDay,
      jobId: (d) => `day ${d.index} (${panel.dates[d.index]})`,
      onProgress: (e) => {
        if (e.kind === "done" && (e.done % 10 === 0 || e.done === e.total)) ctx.log(`${e.done}/${e.total} days`);
      },
    });
    const rows = labelled.flatMap((r) => r.rows);
    const secs = (performance.now() - t0) / 1000;
    ctx.log(`labelled ${rows.length} portfolios in ${secs.toFixed(1)} s wall`);
    const tc = performance.now();
    const checked = checkAgainstReference(panel, rows, shared.day, p.verifyAgainstReference);
    ctx.log(
      `cache = span2Margin bitwise on ${checked} portfolios (${
        ((performance.now() - tc) / checked).toFixed(0)
      } ms each)`,
    );
    const dataset: Dataset = assembleDataset(
      panel,
      days,
      shared.day,
      rows,
      labelled.map((r) => r.instruments),
      p.stressLength,
      checked,
    );
    // compact JSON (the harness would pretty-print objects: ~10× larger)
    return { [`dataset.${ctx.profile}.json`]: JSON.stringify(dataset) + "\n" };
  },
});
