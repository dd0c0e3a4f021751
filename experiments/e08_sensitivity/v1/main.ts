/**
 * e08 — sensitivity of the learned correction factor (docs/architecture.md §1.5 "Sensitivity"). One chronological
 * split of the real crude track (built by `lib/study`): train up to `validFrom`, validate from `validFrom` to
 * `trainEnd`, test on `[testFrom, testTo]` after a purge of h rows and an `embargo`. Every setting changes one thing
 * from the base (`sensitivitySettings`): with vs without the forward-looking features (OVX/VIX/SKEW/curve) — the
 * key question; hidden width, learning rate; coverage level τ (the baseline HS VaR at the same level), MPOR h, HS
 * lookback; bounds [mMin, mMax].
 *
 * The MLP is fitted once per seed, the static benchmark (an in-sample calibrated constant, clipped to the same
 * bounds) once per setting (`settingFitter`). Test metrics: breach rate, Kupiec p, average margin relative to the
 * static margin of the same setting, pinball loss at the setting's τ; mean ± sd over seeds. Hyperparameters
 * (features, width, learning rate, bounds) are then chosen on mean validation pinball loss, one dimension at a
 * time (`selectOnValidation`), and the combined choice is fitted and tested once: nothing is tuned on the test
 * period.
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { readCrudePanel } from "../../../lib/data/mod.ts";
import { NETWORK_SCHEMA, SPLIT_SCHEMA, STUDY_SCHEMA, type StudySide } from "../../../lib/study/mod.ts";
import { selectOnValidation, sensitivitySettings, type Setting } from "../../../lib/study/sensitivity_settings.ts";
import { type SettingFit, settingFitter, type SettingRun } from "../../../lib/study/setting_fitter.ts";
import { featureAblation } from "../../../lib/evaluation/mod.ts";
import { meanSd } from "../../../lib/core/stats.ts";
import { meanSdByKey } from "../../../lib/evaluation/mean_sd_by_key.ts";
import type { Metrics, Params, Point, RunSummary, SettingMetrics, SideMetrics } from "./outputs.ts";

const KEYS = ["breachRate", "exceptions", "kupiecP", "marginRatio", "avgMultiplier", "pinball"] as const;
const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
const summary = (runs: SettingRun[]): RunSummary => ({
  ...meanSdByKey(runs.map((r) => r.test), KEYS),
  validPinball: meanSd(runs.map((r) => r.validPinball)),
});
const vmean = (g: SettingFit) => meanSd(g.runs.map((r) => r.validPinball)).mean;
const mean = (g: SettingFit, k: "breachRate" | "marginRatio") => meanSd(g.runs.map((r) => r.test[k])).mean;

await runStage<Params>(import.meta.url, {
  schema: {
    ...STUDY_SCHEMA,
    ...SPLIT_SCHEMA,
    ...NETWORK_SCHEMA,
    forwardFeatures: { type: "string[]", minLength: 1 },
    seeds: { type: "integer[]", min: 0, minLength: 1 },
    hiddenGrid: { type: "integer[]", min: 1 },
    lrGrid: { type: "number[]", min: 0 },
    tauGrid: { type: "number[]", min: 0.9, max: 0.999 },
    mporGrid: { type: "integer[]", min: 1, max: 20 },
    mMinGrid: { type: "number[]", min: 0 },
    mMaxGrid: { type: "number[]", min: 1 },
    lookbackGrid: { type: "integer[]", min: 50 },
  },
  async run(ctx) {
    const p = ctx.params;
    if (p.imTau !== p.tau) throw new RangeError(`params: imTau (${p.imTau}) must equal tau (${p.tau})`);
    const all = sensitivitySettings(p);
    for (const f of p.forwardFeatures) {
      if (!p.features.includes(f)) throw new RangeError(`params: forwardFeatures entry "${f}" is not in features`);
    }
    const t0 = performance.now();
    const fitSetting = settingFitter(await readCrudePanel(ctx, p.sampleEnd), p);
    const metrics = {} as Omit<Metrics, "params">;
    const points: Point[] = [];
    for (const side of p.sides as StudySide[]) {
      const sideOut: Record<string, unknown> = {};
      const got = new Map<string, SettingFit>();
      const record = (st: Setting, g: SettingFit): SettingMetrics => {
        got.set(st.id, g);
        const { group, label, tau, mpor, lookback, mMin, mMax, hidden, lr, forward } = st;
        g.runs.forEach((r, i) =>
          points.push({
            side,
            setting: st.id,
            group,
            label,
            seed: p.seeds[i],
            breachRate: r4(r.test.breachRate),
            marginRatio: r4(r.test.marginRatio),
            pinball: r4(r.test.pinball),
          })
        );
        return (sideOut[st.id] = {
          ...{ group, label, tau, mpor, lookback, mMin, mMax, hidden, lr, forward },
          ...{ nTrain: g.n.train, nValid: g.n.valid, nTest: g.n.test },
          ...{ mlp: summary(g.runs), static: summary([g.staticRun]), baselineHs: g.baseline },
        });
      };
      for (const st of all) {
        const t1 = performance.now();
        const mm = record(st, await fitSetting(side, st)).mlp;
        ctx.log(
          `${side} ${st.id}: breach ${(mm.breachRate.mean * 100).toFixed(2)}%, margin/static ${
            mm.marginRatio.mean.toFixed(3)
          }, ${((performance.now() - t1) / 1000).toFixed(1)}s`,
        );
      }
      // ---- the key question: with vs without forward-looking features ----
      const full = got.get("base")!, hist = got.get("hist")!;
      const abl = featureAblation({
        r: full.r,
        full: full.runs.map((x) => x.m),
        reduced: hist.runs.map((x) => x.m),
        tau: p.tau,
        mpor: p.mpor,
      });
      sideOut.ablation = {
        ...abl,
        nSeeds: abl.pinballDiff.n,
        breachRateDiff: mean(full, "breachRate") - mean(hist, "breachRate"),
        marginRatioDiff: mean(full, "marginRatio") - mean(hist, "marginRatio"),
        validPinballDiff: vmean(full) - vmean(hist),
      };
      // ---- selection on validation, one hyperparameter group at a time ----
      const { chosen, selected: sel, sameAsBase } = selectOnValidation(all, (id) => vmean(got.get(id)!));
      if (sameAsBase) {
        sideOut.selected = { ...(sideOut.base as object), group: "selected", label: "chosen on validation (= base)" };
      } else record(sel, await fitSetting(side, sel));
      const { forward, hidden, lr, mMin, mMax } = sel;
      const criterion = "mean validation pinball loss over seeds";
      sideOut.selection = { chosen, sameAsBase, forward, hidden, lr, mMin, mMax, criterion };
      metrics[side] = sideOut as SideMetrics;
      const b = got.get("base")!;
      metrics.design ??= {
        trainFrom: b.dates.train[0],
        trainTo: b.dates.train[1],
        validFrom: b.validDates[0],
        validTo: b.validDates[1],
        testFrom: b.dates.test[0],
        testTo: b.dates.test[1],
        nTrain: b.n.train,
        nValid: b.n.valid,
        nTest: b.n.test,
        nSeeds: p.seeds.length,
        nSettings: all.length,
        nFeatures: p.features.length,
        nHistFeatures: p.features.filter((f) => !p.forwardFeatures.includes(f)).length,
        nForwardFeatures: p.forwardFeatures.length,
      };
    }
    ctx.log(`done in ${((performance.now() - t0) / 1000).toFixed(0)}s`);
    const settings = all.map((st) => ({ id: st.id, group: st.group, label: st.label }));
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: { settings, points } };
  },
});
