/**
 * e04 v2 — the core study compared at equal coverage (issue 13). Does any learned correction factor on a baseline
 * initial margin hold less margin than the static multiplier at the same out-of-sample breach rate?
 *
 * Fits (`lib/study` `walkForwardBatch` + `variantJobs`, run by `runTunedBatch` on `workers` workers: each real-track
 * network run first gets its configuration by rolling-origin CV in its training window): v1's yearly walk-forward of
 * static, linear QR, forest, networks on `loss / HS VaR` (long, short WTI); stability-aware MLPs (`mlpSmooth`,
 * `mlpAddOn`); `fhsModels` on `loss / FHS` (`<model>Fhs`); v1's synthetic track. Fits also predict their fitting rows.
 * Rules (`coreStudyPositions`): HS VaR, the clearing-house baselines (`ccpMargins`: FHS, floored HS, EMIR Art. 28
 * buffer, stressed weight, floor), every learned multiplier × its baseline, `mlpGuard` (falls back to static out of
 * the fitted feature range). `evaluateEqualCoverage` scores each rule per position and pooled: frontier, margin at
 * the 1 − τ breach rate over static with a paired moving-block bootstrap interval, deployable scale, conformal
 * layer, overlap-aware Kupiec and Christoffersen, Holm-adjusted DM families, yearly zones, procyclicality.
 * `evaluateWalkForward` keeps v1's per-seed tables. The headline (`coreStudyHeadline`) answers for the whole core
 * study: pooled over the multi-asset panel (`e12_multi_asset`), the oracle capture on the non-linear synthetic market
 * (`e11_nonlinear_synthetic`), and this stage's single-instrument answer under `headline.wti`.
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { readUpstreamJson } from "../../../lib/pipeline/upstream_json.ts";
import { readCrudePanel } from "../../../lib/data/mod.ts";
import * as study from "../../../lib/study/mod.ts";
import { addSyntheticPath, walkForwardBatch } from "../../../lib/study/walk_forward_batch.ts";
import { evaluateWalkForward } from "../../../lib/study/walk_forward_evaluation.ts";
import { evaluateSynthetic } from "../../../lib/study/synthetic_evaluation.ts";
import { buildSyntheticPaths } from "../../../lib/study/synthetic_path_jobs.ts";
import { CCP_RULES } from "../../../lib/study/margin_rules.ts";
import { CORE_STUDY_SCHEMA, EQUAL_COVERAGE_SCHEMA } from "../../../lib/study/equal_coverage_params.ts";
import { SEQUENCE_TUNING_SCHEMA, TUNING_SCHEMA } from "../../../lib/study/study_params.ts";
import { runPreSeries } from "../../../lib/study/variant_fit_jobs.ts";
import { runTunedBatch, tuningGrids } from "../../../lib/study/series_hyper_cv.ts";
import { seriesTuningRecord } from "../../../lib/study/series_tuning_record.ts";
import { addEqualCoverageJobs, coreLearnedRules, coreStudyPositions } from "../../../lib/study/core_study_rules.ts";
import { equalCoverageHeadline, evaluateEqualCoverage } from "../../../lib/study/equal_coverage_study.ts";
import { coreStudyDesign } from "../../../lib/study/core_study_design.ts";
import { coreStudyHeadline } from "../../../lib/study/core_study_headline.ts";
import { trainingSummary } from "../../../lib/study/training_summary.ts";
import { type Metrics, MODEL_LABELS, type Params, type Series } from "./outputs.ts";

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r0 = (x: number) => Math.round(x);
const sig6 = (x: number) => Number(x.toPrecision(6));

await runStage<Params>(import.meta.url, {
  schema: { ...CORE_STUDY_SCHEMA, ...EQUAL_COVERAGE_SCHEMA, ...TUNING_SCHEMA, ...SEQUENCE_TUNING_SCHEMA },
  async run(ctx) {
    const p = ctx.params;
    study.checkStudyParams(p);
    study.checkSyntheticParams(p);
    const tStart = performance.now();
    const panel = await readCrudePanel(ctx, p.sampleEnd);
    const wf = walkForwardBatch(panel, p), { batch, folds, nReal } = wf, sDates = wf.study.long.dates;
    const splits = folds.map((f) => f.split);
    const paths = await buildSyntheticPaths(p, {
      workers: p.workers,
      script: new URL("./path_worker.ts", import.meta.url),
    });
    for (const path of paths) addSyntheticPath(batch, path, p);
    const ccp = addEqualCoverageJobs(wf, panel, p); // clearing-house baselines, FHS-ratio fits, variant MLPs
    ctx.log(`${batch.jobs.length} fits (${nReal} real-track v1 models) on ${p.workers} worker(s)`);
    const tFit = performance.now(), grids = tuningGrids(p), cv = { ...p, seed: p.seeds[0] };
    const tuned = await runTunedBatch(batch, grids, cv, {
      workers: p.workers,
      script: new URL("./worker.ts", import.meta.url),
      tune: (j) => !study.isSyntheticKey(j.data), // the real track's networks; the synthetic track keeps v1's
    });
    const { jobs, outcomes } = tuned, runs = study.runSeries(jobs, outcomes), pre = runPreSeries(jobs, outcomes);
    ctx.log(`${tuned.cvJobs.length} CV fits, then the fits: ${((performance.now() - tFit) / 1000).toFixed(0)}s wall`);

    // ---------- v1's per-seed tables ----------
    const ev = evaluateWalkForward(wf, runs, p), { evalRows, zone } = ev;
    const series = { dates: evalRows.map((i) => sDates[i]) } as Series;
    for (const side of study.STUDY_SIDES) {
      const s = ev.sides[side], b = s.best;
      series[side] = {
        loss: Array.from(s.loss, r0),
        im: Array.from(s.im, r0),
        static: Array.from(s.static, r3),
        ...(b && { best: b.model, bestMean: Array.from(b.mean, r3) }),
        ...(b && { bestLo: Array.from(b.lo, r3), bestHi: Array.from(b.hi, r3) }),
      };
    }

    // ---------- equal coverage ----------
    const positions = coreStudyPositions({
      sides: Object.fromEntries(study.STUDY_SIDES.map((s) => [s, { study: wf.study[s], baselines: ccp[s] }])),
      splits,
      runs,
      pre,
      learned: coreLearnedRules(p),
      guards: p.models.includes("mlp")
        ? [{ rule: "mlpGuard", of: "mlp", features: p.features, slack: p.guardSlack }]
        : [],
      reference: "static",
    });
    const ec = evaluateEqualCoverage(positions, {
      ...p,
      seed: p.bootstrapSeed,
      reference: "static",
      linear: "linear",
      networks: Object.keys(positions[0].rules).filter((r) =>
        r.startsWith("mlp") || r === "lstm" || r === "transformer"
      ),
    });
    const all = Object.keys(ec.rules),
      baselines = ["baselineHs", ...CCP_RULES, "staticFhs"].filter((r) => all.includes(r));
    const learnedNames = all.filter((r) => r !== "static" && !baselines.includes(r));
    const wti = equalCoverageHeadline(ec, learnedNames, "linear", CCP_RULES);
    const upstream = async (id: string) => {
      const { value, path } = await readUpstreamJson(ctx, id, `metrics.${ctx.profile}.json`);
      return { file: path.slice(ctx.root.length + 1), headline: (value as { headline?: unknown }).headline };
    };
    const headline = coreStudyHeadline(wti, {
      panel: await upstream("e12_multi_asset"),
      synthetic: await upstream("e11_nonlinear_synthetic"),
    });
    series.frontier = ec.frontier;
    series.training = study.trainingCurves(jobs, outcomes, 0, { round: sig6 }).flatMap((c) => { // first test year
      const [baseline, position] = c.data.includes("|") ? c.data.split("|") : ["hs", c.data];
      if (baseline !== "hs" && baseline !== "fhs") return []; // not the synthetic track
      const { model, kind, seed, epochs, train, val, bestEpoch } = c, testYear = folds[c.fold].id;
      return [{ model, kind, position, baseline, testYear, seed, epochs, train, val, bestEpoch }];
    });
    const guardShare = Object.fromEntries(positions.map((pos) => {
      const g = pos.rules.mlpGuard, m = pos.rules.mlp;
      return [pos.id, g ? g.margin.filter((v, i) => v !== m.margin[i]).length / g.margin.length : 0];
    }));
    const h = wti.marginAtTargetVsStatic;
    ctx.log(
      `WTI best at equal coverage: ${wti.bestModel} ${h.estimate.toFixed(3)} [${h.lo.toFixed(3)}, ${h.hi.toFixed(3)}]`,
    );

    const metrics = {
      target: 1 - p.tau,
      headline,
      bestModelLabel: MODEL_LABELS[wti.bestModel] ?? wti.bestModel,
      rules: { baselines, learned: learnedNames, all },
      equalCoverage: ec.rules,
      guardShare,
      long: ev.sides.long.metrics,
      short: ev.sides.short.metrics,
      design: coreStudyDesign(panel, wf, p, outcomes, zone),
      training: trainingSummary(jobs, outcomes, p.netEpochs),
      tuning: seriesTuningRecord(grids, tuned.choices, tuned.cvOutcomes, { ...cv, yearOf: (f) => folds[f].id }),
    } as Omit<Metrics, "params">;
    if (paths.length > 0) metrics.synthetic = evaluateSynthetic(paths, runs, p);
    ctx.log(`done in ${((performance.now() - tStart) / 1000).toFixed(0)}s`);
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
