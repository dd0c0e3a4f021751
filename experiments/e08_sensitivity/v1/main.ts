/**
 * e08 — sensitivity of the learned correction factor (docs/architecture.md §1.5
 * "Sensitivity"). One chronological split of the real crude track (built by
 * `lib/study`): train up to `validFrom`, validate from `validFrom` to
 * `trainEnd`, test on `[testFrom, testTo]` after a purge of h rows and an
 * `embargo`. Every setting changes one thing from the base:
 *
 * - features: with vs without the forward-looking features (OVX/VIX/SKEW/curve) — the key question;
 * - hidden width, learning rate (hyperparameters);
 * - coverage level τ (the baseline HS VaR is computed at the same level), MPOR h, HS lookback (design choices);
 * - bounds [mMin, mMax].
 *
 * The MLP is fitted once per seed, the static benchmark (an in-sample
 * calibrated constant, clipped to the same bounds) once per setting. Test
 * metrics: breach rate, Kupiec p, average margin relative to the static
 * margin of the same setting, pinball loss at the setting's τ; mean ± sd over
 * seeds. Hyperparameters (features, width, learning rate, bounds) are then
 * chosen on mean validation pinball loss, one dimension at a time, and the
 * combined choice is fitted and tested once: nothing is tuned on the test period.
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { panelFromCsv } from "../../../lib/data/mod.ts";
import type { Panel } from "../../../lib/data/panel.ts";
import {
  buildCrudeStudy,
  chronologicalSplit,
  type CrudeStudy,
  crudeStudyOptions,
  makeModel,
  NETWORK_SCHEMA,
  type NetworkParams,
  type Split,
  SPLIT_SCHEMA,
  type SplitParams,
  STUDY_SCHEMA,
  studyDataset,
  type StudyParams,
  type StudySide,
} from "../../../lib/study/mod.ts";
import { evaluateMultiplier, featureAblation, meanSd } from "../../../lib/evaluation/mod.ts";
import { panelUntil } from "../../../lib/data/mod.ts";

interface Params extends StudyParams, NetworkParams, SplitParams {
  forwardFeatures: string[];
  seeds: number[];
  hiddenGrid: number[];
  lrGrid: number[];
  tauGrid: number[];
  mporGrid: number[];
  mMinGrid: number[];
  mMaxGrid: number[];
  lookbackGrid: number[];
}

/** One configuration of the study and the network. */
interface Setting {
  id: string;
  group: "base" | "features" | "hidden" | "lr" | "tau" | "mpor" | "bounds" | "lookback" | "selected";
  label: string;
  tau: number;
  h: number;
  lookback: number;
  mMin: number;
  mMax: number;
  hidden: number[];
  lr: number;
  forward: boolean;
}

/** Hyperparameter groups chosen on validation (design choices τ, h, lookback are not). */
const TUNED = ["features", "hidden", "lr", "bounds"] as const;

const key = (x: number) => String(x).replace(".", "p").replace("-", "m");

function settings(p: Params): Setting[] {
  const base: Setting = {
    id: "base",
    group: "base",
    label: "base",
    tau: p.tau,
    h: p.mpor,
    lookback: p.lookback,
    mMin: p.mMin,
    mMax: p.mMax,
    hidden: [...p.mlpHidden],
    lr: p.netLr,
    forward: true,
  };
  const out: Setting[] = [base];
  out.push({ ...base, id: "hist", group: "features", label: "no forward features", forward: false });
  for (const w of p.hiddenGrid) {
    out.push({ ...base, id: `hid${w}`, group: "hidden", label: `hidden [${w}]`, hidden: [w] });
  }
  for (const lr of p.lrGrid) out.push({ ...base, id: `lr${key(lr)}`, group: "lr", label: `lr ${lr}`, lr });
  for (const tau of p.tauGrid) out.push({ ...base, id: `tau${key(tau)}`, group: "tau", label: `τ ${tau}`, tau });
  for (const h of p.mporGrid) out.push({ ...base, id: `mpor${h}`, group: "mpor", label: `h ${h}`, h });
  p.mMinGrid.forEach((lo, i) => {
    const hi = p.mMaxGrid[i];
    out.push({ ...base, id: `b${key(lo)}_${key(hi)}`, group: "bounds", label: `[${lo}, ${hi}]`, mMin: lo, mMax: hi });
  });
  for (const lb of p.lookbackGrid) {
    out.push({ ...base, id: `lb${lb}`, group: "lookback", label: `lookback ${lb}`, lookback: lb });
  }
  return out;
}

interface Run {
  test: ReturnType<typeof evaluateMultiplier>;
  validPinball: number;
  m: Float64Array;
}

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
    if (p.confidence !== p.tau) throw new RangeError(`params: confidence (${p.confidence}) must equal tau (${p.tau})`);
    if (p.mMinGrid.length !== p.mMaxGrid.length) {
      throw new RangeError(`params: mMinGrid and mMaxGrid must pair up (${p.mMinGrid.length} vs ${p.mMaxGrid.length})`);
    }
    for (const f of p.forwardFeatures) {
      if (!p.features.includes(f)) throw new RangeError(`params: forwardFeatures entry "${f}" is not in features`);
    }
    const histFeatures = p.features.filter((f) => !p.forwardFeatures.includes(f));
    const t0 = performance.now();
    const panelPath = await ctx.upstream("d01_panel", "crude_panel.csv");
    const panel: Panel = panelUntil(
      panelFromCsv(await Deno.readTextFile(panelPath), "data/derived/crude_panel.csv"),
      p.sampleEnd,
    );
    const studies = new Map<string, { s: CrudeStudy; sp: Split }>();
    const studyOf = (side: StudySide, st: Setting) => {
      const k = `${side}|${st.h}|${st.lookback}|${st.tau}`;
      if (!studies.has(k)) {
        const s = buildCrudeStudy(
          panel,
          crudeStudyOptions({ ...p, mpor: st.h, confidence: st.tau, lookback: st.lookback }, side),
        );
        const sp = chronologicalSplit(s.dates, {
          trainEnd: p.trainEnd,
          validFrom: p.validFrom,
          validShare: 0.5,
          horizon: st.h,
          embargo: p.embargo,
          testFrom: p.testFrom,
          testTo: p.testTo,
          minTrain: 500,
          minValid: 100,
          minTest: 250,
        });
        studies.set(k, { s, sp });
      }
      return studies.get(k)!;
    };

    /** Fit static + MLP (every seed) for one setting and side; test metrics against that setting's static. */
    const fitSetting = async (side: StudySide, st: Setting) => {
      const { s, sp } = studyOf(side, st);
      const names = st.forward ? p.features : histFeatures;
      const train = studyDataset(s, sp.train, names), valid = studyDataset(s, sp.valid, names);
      const test = studyDataset(s, sp.test, names);
      const mp = { ...p, tau: st.tau, mMin: st.mMin, mMax: st.mMax, mlpHidden: st.hidden, netLr: st.lr };
      const stat = makeModel("static", mp, p.seeds[0]);
      const statRep = await stat.fit(train, valid);
      const mS = stat.predict(test.x);
      const loss = s.loss.slice(sp.test.start, sp.test.end), im = s.im.slice(sp.test.start, sp.test.end);
      const ev = (m: Float64Array) => evaluateMultiplier({ loss, im, r: test.r, m, bench: mS, tau: st.tau });
      const ones = new Float64Array(mS.length).fill(1);
      const runs: Run[] = [];
      for (const seed of p.seeds) {
        const net = makeModel("mlp", mp, seed);
        const rep = await net.fit(train, valid);
        const m = net.predict(test.x);
        net.dispose();
        runs.push({ test: ev(m), validPinball: rep.validPinball, m });
      }
      return {
        runs,
        staticRun: { test: ev(mS), validPinball: statRep.validPinball, m: mS },
        baseline: ev(ones),
        r: test.r,
        dates: {
          train: [s.dates[sp.train.start], s.dates[sp.train.end - 1]],
          test: [test.dates[0], test.dates.at(-1)],
        },
        n: { train: train.r.length, valid: valid.r.length, test: test.r.length },
        validDates: [valid.dates[0], valid.dates.at(-1)],
      };
    };

    const summary = (runs: Run[]) => {
      const out: Record<string, unknown> = {};
      for (const k of ["breachRate", "exceptions", "kupiecP", "marginRatio", "avgMultiplier", "pinball"] as const) {
        out[k] = meanSd(runs.map((r) => r.test[k]));
      }
      out.validPinball = meanSd(runs.map((r) => r.validPinball));
      return out;
    };
    const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

    const metrics: Record<string, unknown> = {};
    const points: Record<string, unknown>[] = [];
    const all = settings(p);
    for (const side of p.sides as StudySide[]) {
      const sideOut: Record<string, unknown> = {};
      const got = new Map<string, Awaited<ReturnType<typeof fitSetting>>>();
      const record = (st: Setting, g: Awaited<ReturnType<typeof fitSetting>>) => {
        got.set(st.id, g);
        sideOut[st.id] = {
          group: st.group,
          label: st.label,
          tau: st.tau,
          mpor: st.h,
          lookback: st.lookback,
          mMin: st.mMin,
          mMax: st.mMax,
          hidden: st.hidden,
          lr: st.lr,
          forward: st.forward,
          nTrain: g.n.train,
          nValid: g.n.valid,
          nTest: g.n.test,
          mlp: summary(g.runs),
          static: summary([g.staticRun]),
          baselineHs: g.baseline,
        };
        g.runs.forEach((r, i) =>
          points.push({
            side,
            setting: st.id,
            group: st.group,
            label: st.label,
            seed: p.seeds[i],
            breachRate: r4(r.test.breachRate),
            marginRatio: r4(r.test.marginRatio),
            pinball: r4(r.test.pinball),
          })
        );
      };
      for (const st of all) {
        const t1 = performance.now();
        record(st, await fitSetting(side, st));
        const mm = (sideOut[st.id] as { mlp: Record<string, { mean: number }> }).mlp;
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
        h: p.mpor,
      });
      const mean = (g: typeof full, k: "breachRate" | "marginRatio" | "pinball") =>
        meanSd(g.runs.map((r) => r.test[k])).mean;
      const vmean = (g: typeof full) => meanSd(g.runs.map((r) => r.validPinball)).mean;
      sideOut.ablation = {
        ...abl,
        nSeeds: abl.pinballDiff.n,
        breachRateDiff: mean(full, "breachRate") - mean(hist, "breachRate"),
        marginRatioDiff: mean(full, "marginRatio") - mean(hist, "marginRatio"),
        validPinballDiff: vmean(full) - vmean(hist),
      };
      // ---- selection on validation, one hyperparameter group at a time ----
      const chosen: Record<string, string> = {};
      let sel: Setting = { ...all[0] };
      for (const g of TUNED) {
        const cands = all.filter((st) => st.group === g || st.id === "base");
        let best = cands[0];
        for (const c of cands) if (vmean(got.get(c.id)!) < vmean(got.get(best.id)!)) best = c;
        chosen[g] = best.id;
        if (g === "features") sel.forward = best.forward;
        if (g === "hidden") sel.hidden = best.hidden;
        if (g === "lr") sel.lr = best.lr;
        if (g === "bounds") sel = { ...sel, mMin: best.mMin, mMax: best.mMax };
      }
      sel = { ...sel, id: "selected", group: "selected", label: "chosen on validation" };
      const sameAsBase = sel.forward === all[0].forward && sel.hidden.join() === all[0].hidden.join() &&
        sel.lr === all[0].lr && sel.mMin === all[0].mMin && sel.mMax === all[0].mMax;
      if (sameAsBase) {
        sideOut.selected = { ...(sideOut.base as object), group: "selected", label: "chosen on validation (= base)" };
      } else record(sel, await fitSetting(side, sel));
      sideOut.selection = {
        chosen,
        sameAsBase,
        forward: sel.forward,
        hidden: sel.hidden,
        lr: sel.lr,
        mMin: sel.mMin,
        mMax: sel.mMax,
        criterion: "mean validation pinball loss over seeds",
      };
      metrics[side] = sideOut;
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
        nHistFeatures: histFeatures.length,
        nForwardFeatures: p.forwardFeatures.length,
      };
    }
    const wall = (performance.now() - t0) / 1000;
    ctx.log(`done in ${wall.toFixed(0)}s`);
    const settingsList = all.map((st) => ({ id: st.id, group: st.group, label: st.label }));
    return {
      [`metrics.${ctx.profile}.json`]: metrics,
      [`series.${ctx.profile}.json`]: { settings: settingsList, points },
    };
  },
});
