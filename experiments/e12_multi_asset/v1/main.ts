/**
 * e12 v1 — the multi-asset panel (issue 14 §1–2). Does a learned correction factor on a position's own baseline IM
 * hold less margin than the static multiplier at the same out-of-sample breach rate, across 14 positions in four
 * groups (WTI futures outright, calendar spreads, spot, Treasuries)? Do forward-looking features help?
 *
 * Panel as `buildPositionPanel`; per test year a rolling-origin CV inside the training window (`panelCvJobs`,
 * `panelChoices`: grid of widths, learning rate and weight decay, seed 1, pooled MLP) picks the configuration of
 * every network of that year (`withHyper`); fits on `workers` workers (`runPanelJobs`): per position static and
 * linear QR and an MLP, pooled across positions an MLP with a one-hot position input, and the history-only twins
 * (`withHistoryOnly`). Equal coverage per group (`evaluateEqualCoverage`) and over the panel (`panelAtTarget`);
 * the ablation per group and pooled (`forwardAblation`: DM on pinball, margin at equal coverage).
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { loadPositionPanel } from "../../../lib/data/position_panel_sources.ts";
import { buildPositionPanel } from "../../../lib/study/position_panel.ts";
import { DEFAULT_POSITIONS } from "../../../lib/study/position_definition.ts";
import { CCP_RULES } from "../../../lib/study/margin_rules.ts";
import { hyperGrid } from "../../../lib/evaluation/hyper_search.ts";
import {
  jobYear,
  panelChoices,
  panelCvJobs,
  type PanelCvOutcome,
  runPanelJobs,
  withHyper,
} from "../../../lib/study/panel_hyper_cv.ts";
import {
  ablationPositions,
  forwardAblation,
  historyModel,
  withHistoryOnly,
} from "../../../lib/study/panel_forward_ablation.ts";
import type { VariantFitOutcome } from "../../../lib/study/variant_fit_jobs.ts";
import { panelRuns, panelWalkForward, positionTestDates } from "../../../lib/study/panel_walk_forward.ts";
import { panelAtTarget } from "../../../lib/study/panel_coverage.ts";
import { equalCoverageHeadline, evaluateEqualCoverage } from "../../../lib/study/equal_coverage_study.ts";
import {
  ablationHeadline,
  designRecord,
  type GroupHeadline,
  GROUPS,
  type Metrics,
  networkFits,
  type Params,
  SCHEMA,
  type Series,
  tuningRecord,
  verdicts,
} from "./outputs.ts";

await runStage<Params>(import.meta.url, {
  schema: SCHEMA,
  async run(ctx) {
    const p = ctx.params, t0 = performance.now(), sec = (t: number) => ((performance.now() - t) / 1000).toFixed(0);
    const { panel } = await loadPositionPanel(ctx.root);
    const series = buildPositionPanel(panel, DEFAULT_POSITIONS, p);
    const wf0 = panelWalkForward(series, p), wf = withHistoryOnly(wf0, p.ablationModels);
    const grid = hyperGrid({ hidden: p.gridHidden, lr: p.gridLr, weightDecay: p.gridWeightDecay });
    const pool = { workers: p.workers, script: new URL("./worker.ts", import.meta.url), shared: wf.shared };
    const cvJobs = panelCvJobs(wf, grid, { cvFolds: p.cvFolds, cvTrainRows: p.cvTrainRows, seed: p.seeds[0] });
    let tFit = performance.now();
    const cvOut = await runPanelJobs<PanelCvOutcome>(cvJobs, pool);
    const choices = panelChoices(cvJobs, cvOut, grid);
    ctx.log(`CV: ${cvJobs.length} fits in ${sec(tFit)}s; chose ${choices.map((c) => `${c.year}:${c.chosen}`)}`);
    const jobs = withHyper(wf, wf.jobs, choices);
    ctx.log(`${wf.positions.length} positions, ${jobs.length} fits on ${p.workers} worker(s)`);
    tFit = performance.now();
    const outcomes = await runPanelJobs<VariantFitOutcome>(jobs, pool);
    ctx.log(`fitted in ${sec(tFit)}s wall`);
    const { withHistory, positions } = ablationPositions(wf, panelRuns(wf, outcomes), p);
    const dates = wf.positions.map(positionTestDates);

    // ---------- equal coverage per group, pooled over its positions ----------
    const all = Object.keys(positions[0].rules);
    const baselines = ["baselineHs", ...CCP_RULES].filter((r) => all.includes(r));
    const learned = all.filter((r) => r !== "static" && !baselines.includes(r));
    const networks = learned.filter((r) => r.startsWith("mlp"));
    const equalCoverage: Metrics["equalCoverage"] = {}, groups: Record<string, GroupHeadline> = {};
    const series_: Series = { frontier: {}, curves: [] };
    const idxOf = (g: string) => wf.positions.flatMap((q, j) => (q.study.group === g ? [j] : []));
    for (const g of GROUPS) {
      const idx = idxOf(g);
      if (idx.length === 0) continue;
      const ec = evaluateEqualCoverage(idx.map((j) => positions[j]), {
        ...p,
        seed: p.bootstrapSeed,
        reference: "static",
        linear: "linear",
        networks,
      });
      equalCoverage[g] = ec.rules;
      Object.assign(series_.frontier, ec.frontier);
      const d = idx.flatMap((j) => [dates[j][0], dates[j].at(-1)!]).sort();
      const gh = equalCoverageHeadline(ec, learned, "linear", CCP_RULES);
      const at = Object.fromEntries(learned.map((r) => [r, ec.rules[r].pooled.atTarget]));
      groups[g] = { positions: idx.length, testFrom: d[0], testTo: d.at(-1)!, ...gh, ...verdicts(at, gh.bestModel) };
      const h = groups[g].marginAtTargetVsStatic;
      ctx.log(`${g}: best ${groups[g].bestModel} ${h.estimate.toFixed(3)} [${h.lo.toFixed(3)}, ${h.hi.toFixed(3)}]`);
    }

    // ---------- the whole panel on its union calendar ----------
    const at = panelAtTarget(positions, dates, learned, { ...p, seed: p.bootstrapSeed, reference: "static" });
    const bestModel = learned.reduce((b, r) => (at[r].estimate < at[b].estimate ? r : b), learned[0]);
    const flat = dates.flat().sort();
    const headline: Omit<Metrics["headline"], "tuning" | "forwardAblation"> & Partial<Metrics["headline"]> = {
      positions: wf.positions.length,
      testFrom: flat[0],
      testTo: flat.at(-1)!,
      bestModel,
      marginAtTargetVsStatic: at[bestModel],
      linearAtTargetVsStatic: at.linear,
      learnedAtTargetVsStatic: at,
      ...verdicts(at, bestModel),
      groups,
    };
    const b = at[bestModel];
    ctx.log(`panel: best ${bestModel} ${b.estimate.toFixed(3)} [${b.lo.toFixed(3)}, ${b.hi.toFixed(3)}]`);

    // ---------- tuning record, training curves, the history-only ablation ----------
    const nets = networkFits(jobs, outcomes, (k) => jobYear(wf, jobs[k]));
    series_.curves = nets.curves;
    const tuning = tuningRecord(p, grid, choices, cvJobs, cvOut, nets.fits);
    const cap = { bestEpochAtCap: tuning.bestEpochAtCap, fits: nets.fits.length, cap: p.netEpochs };
    headline.tuning = { configs: grid.length, ...cap };
    const scopes = { panel: wf.positions.map((_, j) => j), ...Object.fromEntries(GROUPS.map((g) => [g, idxOf(g)])) };
    const pairs = Object.fromEntries(p.ablationModels.map((m) => [m, historyModel(m)]));
    const ablation = forwardAblation(withHistory, dates, scopes, pairs, { ...p, seed: p.bootstrapSeed });
    const fa = ablation.panel.mlpPooled;
    headline.forwardAblation = ablationHeadline("mlpPooled", fa);
    ctx.log(`ablation: DM p ${fa.dmP.toFixed(3)}; best epoch at cap ${tuning.bestEpochAtCap}/${nets.fits.length}`);

    const metrics: Omit<Metrics, "params"> = {
      design: designRecord(wf, series),
      target: 1 - p.tau,
      headline: headline as Metrics["headline"],
      rules: { baselines, learned, all },
      equalCoverage,
      tuning,
      forwardAblation: ablation,
    };
    ctx.log(`done in ${sec(t0)}s`);
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series_ };
  },
});
