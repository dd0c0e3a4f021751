/**
 * e10 — alternative targets for the correction factor (docs/architecture.md §1.1). One
 * chronological split of the real crude track (built by `lib/study`), both
 * sides, the same features and network for every target:
 *
 * - **quantile** (primary): the MLP learns the conditional τ-quantile of the
 *   ratio `r_t = L_{t,t+h} / IM_t` with the pinball loss;
 * - **backtest-optimal (MSE)**: the MLP regresses, with squared error, the
 *   backtest-optimal multiplier `m*_t` = the smallest multiplier whose breach
 *   rate over the forward window `[t+1, t+W]` is at most `1 − τ`;
 * - **raise / keep / lower**: a classifier learns whether `m*_t` lies above,
 *   within or below a band of ± `actionBand` around the static multiplier,
 *   and the predicted class moves the multiplier by ± `actionStep` from it.
 *
 * `m*_t` looks `W + h` rows ahead, so the split purges `W + h` rows between
 * train, validation and test (for every target, so the comparison is fair).
 * The static multiplier (the in-sample τ-quantile of `r`) is the benchmark
 * and the classifier's reference. Test metrics: breach rate, Kupiec p,
 * margin relative to the static margin, pinball loss, mean |Δm|; for the
 * classifier also accuracy, macro-F1 and the confusion matrix against the
 * test period's realised classes, and the "label oracle" (the realised
 * classes through the same step rule) as the best a perfect classifier could
 * do. Mean ± sd over seeds. Nothing is chosen on the test period: `W`, the
 * band and the step are fixed parameters.
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { readCrudePanel } from "../../../lib/data/read_crude_panel.ts";
import {
  buildCrudeStudy,
  checkStudyParams,
  crudeStudyOptions,
  NETWORK_SCHEMA,
  SPLIT_SCHEMA,
  STUDY_SCHEMA,
  type StudySide,
} from "../../../lib/study/mod.ts";
import { compareTargets } from "../../../lib/study/target_comparison.ts";
import type { Metrics, Params, Series } from "./outputs.ts";

await runStage<Params>(import.meta.url, {
  schema: {
    ...STUDY_SCHEMA,
    ...SPLIT_SCHEMA,
    ...NETWORK_SCHEMA,
    optWindow: { type: "integer", min: 20, max: 500 },
    actionBand: { type: "number", min: 0, max: 0.5 },
    actionStep: { type: "number", min: 0, max: 0.5 },
    seeds: { type: "integer[]", min: 0, minLength: 1 },
  },
  async run(ctx) {
    const p = ctx.params;
    if (p.imTau !== p.tau) throw new RangeError(`params: imTau (${p.imTau}) must equal tau (${p.tau})`);
    checkStudyParams(p);
    const t0 = performance.now();
    const panel = await readCrudePanel(ctx, p.sampleEnd);
    const metrics: Metrics = {};
    const series: Series = { points: [] };
    for (const side of p.sides as StudySide[]) {
      const c = await compareTargets(buildCrudeStudy(panel, crudeStudyOptions(p, side)), p, ctx.log);
      metrics[side] = c.metrics;
      series[side] = c.series;
      series.points.push(...c.points);
      metrics.design ??= c.design;
    }
    ctx.log(`done in ${((performance.now() - t0) / 1000).toFixed(0)}s`);
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
