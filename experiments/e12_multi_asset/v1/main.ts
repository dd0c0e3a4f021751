/**
 * e12 v1 — the multi-asset panel (issue 14 §1). Does a learned correction factor on a position's own baseline IM
 * hold less margin than the static multiplier at the same out-of-sample breach rate, across 14 positions in four
 * groups (WTI futures outright, calendar spreads, spot, Treasuries)?
 *
 * Panel: `loadPositionPanel` + `buildPositionPanel` (`DEFAULT_POSITIONS`: loss, HS and FHS IM, history and forward
 * features per position). Fits (`panelWalkForward` on `workers` workers with `pooledFitHandler`): per position a
 * yearly walk-forward through its last full year of static and linear QR on `loss / HS VaR`; pooled across positions
 * per test year, linear QR and an MLP (seeds) with a one-hot position input. Rules (`panelCoveragePositions`): HS
 * VaR, the clearing-house baselines (FHS, floored HS, EMIR Art. 28 tools) and every learned multiplier × HS VaR; each
 * position in units of its mean static margin. `evaluateEqualCoverage` per position group (frontier, margin at the
 * 1 − τ breach rate over static with a paired moving-block bootstrap interval, deployable scale, conformal layer,
 * overlap-aware Kupiec and Christoffersen, Holm-adjusted DM families); `panelAtTarget` pools the whole panel on the
 * union calendar of its test days.
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { runOnWorkers } from "../../../lib/pipeline/workers.ts";
import { loadPositionPanel } from "../../../lib/data/position_panel_sources.ts";
import { buildPositionPanel, positionSpans } from "../../../lib/study/position_panel.ts";
import { DEFAULT_POSITIONS } from "../../../lib/study/position_definition.ts";
import { CCP_RULES } from "../../../lib/study/margin_rules.ts";
import { pooledFitHandler } from "../../../lib/study/pooled_fit_jobs.ts";
import {
  panelCoveragePositions,
  panelRuns,
  panelWalkForward,
  positionTestDates,
} from "../../../lib/study/panel_walk_forward.ts";
import { normalizeCoveragePosition, panelAtTarget } from "../../../lib/study/panel_coverage.ts";
import { equalCoverageHeadline, evaluateEqualCoverage } from "../../../lib/study/equal_coverage_study.ts";
import { type GroupHeadline, GROUPS, type Metrics, type Params, SCHEMA, type Series, verdicts } from "./outputs.ts";

await runStage<Params>(import.meta.url, {
  schema: SCHEMA,
  async run(ctx) {
    const p = ctx.params, t0 = performance.now();
    const { panel } = await loadPositionPanel(ctx.root);
    const series = buildPositionPanel(panel, DEFAULT_POSITIONS, p);
    const wf = panelWalkForward(series, p);
    ctx.log(`${wf.positions.length} positions, ${wf.jobs.length} fits on ${p.workers} worker(s)`);
    const tFit = performance.now();
    const outcomes = await runOnWorkers(wf.jobs, {
      workers: p.workers,
      script: new URL("./worker.ts", import.meta.url),
      shared: wf.shared,
      handler: pooledFitHandler,
    });
    ctx.log(`fitted in ${((performance.now() - tFit) / 1000).toFixed(0)}s wall`);
    const positions = panelCoveragePositions(wf, panelRuns(wf, outcomes), p)
      .map((pos) => normalizeCoveragePosition(pos, "static"));
    const dates = wf.positions.map(positionTestDates);

    // ---------- equal coverage per group, pooled over its positions ----------
    const all = Object.keys(positions[0].rules);
    const baselines = ["baselineHs", ...CCP_RULES].filter((r) => all.includes(r));
    const learned = all.filter((r) => r !== "static" && !baselines.includes(r));
    const networks = learned.filter((r) => r.startsWith("mlp"));
    const equalCoverage: Metrics["equalCoverage"] = {}, groups: Record<string, GroupHeadline> = {};
    const series_: Series = { frontier: {} };
    for (const g of GROUPS) {
      const idx = wf.positions.flatMap((q, j) => (q.study.group === g ? [j] : []));
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
    const headline: Metrics["headline"] = {
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

    const pooledJobs = wf.jobs.filter((j) => "members" in j);
    const metrics: Omit<Metrics, "params"> = {
      target: 1 - p.tau,
      headline,
      rules: { baselines, learned, all },
      equalCoverage,
      design: {
        spans: positionSpans(series),
        testYears: Object.fromEntries(wf.positions.map((q) => [q.study.id, q.folds.map((f) => f.id)])),
        features: Object.fromEntries(wf.positions.map((q) => [q.study.id, q.study.featureNames])),
        fits: { perPosition: wf.jobs.length - pooledJobs.length, pooled: pooledJobs.length },
        pooledTrainRows: Object.fromEntries(wf.pooled.map((f) => [
          String(f.year),
          f.members.reduce((s, m) => {
            const sp = wf.shared.folds[m.id][m.fold];
            return s + sp.train.end - sp.train.start;
          }, 0),
        ])),
      },
    };
    ctx.log(`done in ${((performance.now() - t0) / 1000).toFixed(0)}s`);
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series_ };
  },
});
