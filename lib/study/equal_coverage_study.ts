/**
 * The core study compared at equal coverage (issue 13 §1–§5). A margin rule is any series of margins on a
 * position's test days — the static benchmark, a learned multiplier times its baseline, a clearing-house baseline —
 * and a position is one (loss, rules) set on common test days; part 2's multi-asset panel adds positions, not code.
 *
 * Per rule and position: breach rate, average margin relative to static, Kupiec with the null simulated under
 * overlapping h-day windows, Christoffersen on the non-overlapping subsample (every h-th day, the primary
 * independence test), yearly traffic-light zones (overlap-aware limits), procyclicality (peak-to-trough, largest 5-
 * and 30-day rise, mean |Δ margin|, days at a multiplier bound), Diebold–Mariano on the pinball loss of
 * `loss / base` against static and, for the networks, against linear quantile regression (Holm-adjusted within each
 * family: one family per position and benchmark), the frontier over `kGrid`, the margin at the target breach rate,
 * the deployable scale (k fitted per fold on training + validation rows only) and the rule under an adaptive
 * conformal layer (with the h-day feedback delay; its step γ chosen per rule and position from a fixed grid on the
 * first fold's fitting rows only). Pooled over positions: the margin at the target breach rate
 * relative to static with a paired moving-block bootstrap interval (the same seeded draws for every rule).
 *
 * @example
 * ```ts
 * import { evaluateEqualCoverage } from "./equal_coverage_study.ts";
 * import { createPrng } from "../core/prng.ts";
 * const rng = createPrng(3), n = 500, vol = Float64Array.from({ length: n }, (_, t) => (t % 200 < 100 ? 1 : 2));
 * const loss = vol.map((s) => s * rng.normal()), years = Array.from({ length: n }, (_, t) => 2020 + (t >= 250 ? 1 : 0));
 * const rule = (m: Float64Array) => ({ margin: m, fit: [m.slice(0, 250), m.slice(0, 250)] });
 * const pos = { id: "p", loss, base: new Float64Array(n).fill(2), years, foldSizes: [250, 250],
 *   fitLoss: [loss.slice(0, 250), loss.slice(0, 250)],
 *   rules: { static: rule(new Float64Array(n).fill(4.6)), vol: rule(vol.map((s) => 2.3 * s)) } };
 * const r = evaluateEqualCoverage([pos], { tau: 0.99, mpor: 2, blockLength: 20, resamples: 100, seed: 1,
 *   kGrid: [0.8, 1, 1.2], trafficSims: 200, kupiecSims: 200, aciGammaGrid: [0.001, 0.005, 0.02], aciWarmup: 50,
 *   reference: "static", linear: "linear", networks: [] });
 * console.assert(r.rules.vol.pooled.atTarget.estimate < 1);
 * ```
 * @module
 */
import { createPrng } from "../core/prng.ts";
import {
  christoffersenNonOverlapping,
  exceptions,
  holmAdjust,
  marginStability,
  OverlapNullCache,
  overlappingZoneLimits,
  stability,
  trafficLight,
  type Zone,
  type ZoneLimits,
} from "../backtest/mod.ts";
import { adaptiveConformal, selectConformalGamma } from "../evaluation/adaptive_conformal.ts";
import { applyScale, deployableScale, marginRatioAtTarget } from "../evaluation/equal_coverage.ts";
import { marginAtBreachRate, marginFrontier } from "../evaluation/frontier.ts";
import { pinballDm } from "../evaluation/pinball_dm.ts";

/** One rule on one position. */
export interface RuleSeries {
  /** Margin on the test days (USD, > 0). */
  margin: Float64Array;
  /** Per fold: the margin on its fitting rows (training + validation), for the deployable scale. */
  fit: Float64Array[];
  /** The learned multiplier and its bounds (days at a bound); absent for a baseline. */
  multiplier?: Float64Array;
  bounds?: readonly [number, number];
}

/** A position: its losses on the test days and every rule's margins. */
export interface CoveragePosition {
  id: string;
  /** Loss over (t, t+h] on each test day (USD, positive = loss). */
  loss: Float64Array;
  /** The baseline IM that defines the ratio `loss / base` for the pinball loss and the DM tests. */
  base: Float64Array;
  /** Test year of each test day. */
  years: readonly number[];
  /** Test days per fold (in order; they sum to the number of test days). */
  foldSizes: readonly number[];
  /** Per fold: the loss on its fitting rows. */
  fitLoss: Float64Array[];
  rules: Record<string, RuleSeries>;
}

/** Parameters of {@link evaluateEqualCoverage}. */
export interface EqualCoverageStudyParams {
  /** Coverage level τ; the target breach rate is 1 − τ. */
  tau: number;
  mpor: number;
  /** Moving-block bootstrap: block length (days), resamples and seed. */
  blockLength: number;
  resamples: number;
  seed: number;
  /** Scales of the frontier. */
  kGrid: readonly number[];
  /** Simulations of the overlap-aware traffic-light limits and of Kupiec's overlap null. */
  trafficSims: number;
  kupiecSims: number;
  /**
   * Adaptive conformal layer: the grid of steps γ, and the warm-up. Per rule and position, γ is the grid value
   * whose breach rate is closest to the target (ties → smaller γ) when the layer runs over the first fold's fitting
   * rows (training + validation, all before the first test day; warm-up `min(aciWarmup, half of them)`); the layer
   * then reads the last `aciWarmup` of those rows (scores known before the test period) and runs over the test days.
   */
  aciGammaGrid: readonly number[];
  aciWarmup: number;
  /** The reference rule (static), the linear quantile regression and the networks (DM against linear). */
  reference: string;
  linear: string;
  networks: readonly string[];
}

/** A DM test with its Holm-adjusted p-value. */
export interface DmEntry {
  stat: number;
  p: number;
  pHolm: number;
}

/** A rule under the conformal layer on one position. */
export interface ConformalMetrics {
  /** The step γ chosen from `aciGammaGrid` on the first fold's fitting rows. */
  gamma: number;
  breachRate: number;
  marginVsStatic: number;
  meanAbsChange: number;
  /** Test years (cells) and how many are green. */
  cells: number;
  greenCells: number;
  zones: Record<string, Zone>;
}

/** One rule on one position. */
export interface RulePositionMetrics {
  exceptions: number;
  breachRate: number;
  avgMargin: number;
  marginVsStatic: number;
  pinball: number;
  kupiecOverlapP: number;
  christoffersenNonOverlapP: number;
  zones: Record<string, Zone>;
  greenYears: number;
  redYears: number;
  peakToTrough: number;
  maxInc5d: number;
  maxInc30d: number;
  meanAbsChange: number;
  /** Mean |Δm| of the multiplier (for a baseline: of its margin over the HS base). */
  meanAbsChangeMult: number;
  /** Share of days with the multiplier at a bound (learned rules). */
  atBoundShare?: number;
  atTarget: { k: number; avgMargin: number; vsStatic: number };
  deployable: { k: number[]; breachRate: number; marginVsStatic: number };
  conformal: ConformalMetrics;
  dmVsStatic?: DmEntry;
  dmVsLinear?: DmEntry;
}

/** One rule pooled over positions. */
export interface RulePooledMetrics {
  breachRate: number;
  marginVsStatic: number;
  /** Average margin at the target breach rate over static's, with the 95% paired block-bootstrap interval. */
  atTarget: { estimate: number; lo: number; hi: number };
  deployable: { breachRate: number; marginVsStatic: number };
  conformal: { breachRate: number; marginVsStatic: number; cells: number; greenCells: number };
}

/** A frontier point: scale, breach rate and average margin over static's (unscaled) average margin. */
export interface FrontierRow {
  k: number;
  breachRate: number;
  marginVsStatic: number;
}

/** Result of {@link evaluateEqualCoverage}. */
export interface EqualCoverageResult {
  rules: EqualCoverageTable;
  /** Per position and rule, the frontier over the k grid. */
  frontier: Record<string, Record<string, FrontierRow[]>>;
}

const sum = (x: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
};

/**
 * Evaluate every rule of every position (all positions must hold the same rules, the reference among them).
 *
 * @throws {RangeError} on no positions, a rule or the reference missing on a position, lengths that disagree, or
 *   from the statistics
 * @example
 * ```ts
 * import { evaluateEqualCoverage } from "./equal_coverage_study.ts";
 * const n = 300, loss = Float64Array.from({ length: n }, (_, t) => Math.sin(t * 7.1) * 3);
 * const m = new Float64Array(n).fill(2.9), rule = { margin: m, fit: [m] };
 * const pos = { id: "p", loss, base: m, years: new Array(n).fill(2020), foldSizes: [n], fitLoss: [loss],
 *   rules: { static: rule } };
 * const r = evaluateEqualCoverage([pos], { tau: 0.99, mpor: 1, blockLength: 20, resamples: 50, seed: 1,
 *   kGrid: [1], trafficSims: 100, kupiecSims: 100, aciGammaGrid: [0.005], aciWarmup: 20, reference: "static",
 *   linear: "linear", networks: [] });
 * console.assert(r.rules.static.pooled.atTarget.estimate === 1);
 * ```
 */
export function evaluateEqualCoverage(
  positions: readonly CoveragePosition[],
  p: EqualCoverageStudyParams,
): EqualCoverageResult {
  const fn = "evaluateEqualCoverage";
  if (positions.length === 0) throw new RangeError(`${fn}: no positions`);
  const names = Object.keys(positions[0].rules);
  if (!names.includes(p.reference)) throw new RangeError(`${fn}: the reference rule "${p.reference}" is missing`);
  for (const pos of positions) {
    const n = pos.loss.length;
    if (pos.base.length !== n || pos.years.length !== n || sum(pos.foldSizes) !== n) {
      throw new RangeError(`${fn}: position "${pos.id}": base, years and fold sizes must cover its ${n} test days`);
    }
    for (const r of names) {
      const s = pos.rules[r];
      if (s === undefined) throw new RangeError(`${fn}: position "${pos.id}" has no rule "${r}"`);
      if (s.margin.length !== n || s.fit.length !== pos.foldSizes.length) {
        throw new RangeError(`${fn}: rule "${r}" on "${pos.id}": margin or fit folds do not match the position`);
      }
    }
  }
  const target = 1 - p.tau, h = p.mpor;
  const zoneCache = new Map<number, ZoneLimits>();
  const zoneFor = (n: number) => {
    if (!zoneCache.has(n)) {
      zoneCache.set(n, overlappingZoneLimits(n, h, p.tau, createPrng(p.seed + 104729 + n), { nSims: p.trafficSims }));
    }
    return zoneCache.get(n)!;
  };
  const yearZones = (pos: CoveragePosition, flags: Uint8Array) => {
    const zones: Record<string, Zone> = {};
    for (const y of new Set(pos.years)) {
      let c = 0, k = 0;
      for (let i = 0; i < flags.length; i++) {
        if (pos.years[i] === y) {
          k++;
          c += flags[i];
        }
      }
      zones[String(y)] = trafficLight(c, zoneFor(k));
    }
    return zones;
  };
  const count = (z: Record<string, Zone>, c: Zone) => Object.values(z).filter((v) => v === c).length;
  const ratio = (pos: CoveragePosition, m: ArrayLike<number>) => Float64Array.from(m, (v, i) => v / pos.base[i]);

  // Per position: the reference's average margins, then every rule.
  const refAvg = positions.map((pos) => sum(pos.rules[p.reference].margin) / pos.loss.length);
  const refAt = positions.map((pos) => marginAtBreachRate(pos.loss, pos.rules[p.reference].margin, target).avgMargin);
  const out: EqualCoverageResult = { rules: {}, frontier: {} };
  const conformalOf = new Map<string, Float64Array>();
  const deployOf = new Map<string, Float64Array>();
  const kupiecMemo = new Map<string, number>(), nulls = new OverlapNullCache(); // one simulation per window length
  for (const pos of positions) out.frontier[pos.id] = {};
  for (const r of names) {
    const perPos: Record<string, RulePositionMetrics> = {};
    positions.forEach((pos, j) => {
      const s = pos.rules[r], n = pos.loss.length, avg = sum(s.margin) / n;
      const ex = exceptions(pos.loss, s.margin);
      const at = marginAtBreachRate(pos.loss, s.margin, target);
      out.frontier[pos.id][r] = marginFrontier(pos.loss, s.margin, p.kGrid).map((f) => ({
        k: f.k,
        breachRate: f.breachRate,
        marginVsStatic: f.avgMargin / refAvg[j],
      }));
      // Deployable: k per fold from its fitting rows only, applied to its test days.
      const ks: number[] = [], dep = new Float64Array(n);
      let off = 0;
      pos.foldSizes.forEach((size, f) => {
        const k = deployableScale(pos.fitLoss[f], s.fit[f], target);
        ks.push(k);
        dep.set(applyScale(s.margin.subarray(off, off + size), k), off);
        off += size;
      });
      deployOf.set(`${r}|${pos.id}`, dep);
      const depEx = exceptions(pos.loss, dep);
      // γ from the grid on the first fold's fitting rows only (no test day enters the choice).
      const nFit = s.fit[0].length;
      const { gamma } = selectConformalGamma(pos.fitLoss[0], s.fit[0], p.aciGammaGrid, {
        target,
        delay: h,
        warmup: Math.max(1, Math.min(p.aciWarmup, Math.floor(nFit / 2))),
      });
      // The layer warms up on the last `aciWarmup` fitting rows of the first fold, then runs over the test days.
      const w = Math.min(p.aciWarmup, nFit), f0 = nFit - w;
      const aciIn = (test: Float64Array, fit: Float64Array) => {
        const x = new Float64Array(w + n);
        x.set(fit.subarray(f0));
        x.set(test, w);
        return x;
      };
      const aci = adaptiveConformal(aciIn(pos.loss, pos.fitLoss[0]), aciIn(s.margin, s.fit[0]), {
        target,
        gamma,
        delay: h,
        warmup: Math.max(1, w - h),
      });
      aci.margin = aci.margin.slice(w);
      conformalOf.set(`${r}|${pos.id}`, aci.margin);
      const aciEx = exceptions(pos.loss, aci.margin), aciZones = yearZones(pos, aciEx.flags);
      const zones = yearZones(pos, ex.flags);
      const kKey = `${n}|${ex.count}`; // the null is simulated from the same seed each time: memoised exactly
      if (!kupiecMemo.has(kKey)) {
        kupiecMemo.set(
          kKey,
          nulls.kupiec(ex.count, n, p.tau, h, { simulations: p.kupiecSims, seed: p.seed + 7919 }).pValue,
        );
      }
      // Baselines have no multiplier of their own: their margin over the HS base, with bounds no day reaches.
      const [bLo, bHi] = s.bounds ?? [0, Number.MAX_VALUE];
      const st = marginStability(s.margin, s.multiplier ?? ratio(pos, s.margin), { min: bLo, max: bHi }, 1e-9);
      perPos[pos.id] = {
        exceptions: ex.count,
        breachRate: ex.rate,
        avgMargin: avg,
        marginVsStatic: avg / refAvg[j],
        pinball: pinballMean(ratio(pos, pos.loss), ratio(pos, s.margin), p.tau),
        kupiecOverlapP: kupiecMemo.get(kKey)!,
        christoffersenNonOverlapP: christoffersenNonOverlapping(ex.flags, p.tau, h).independence.pValue,
        zones,
        greenYears: count(zones, "green"),
        redYears: count(zones, "red"),
        peakToTrough: st.peakToTrough,
        maxInc5d: st.maxIncrease5d,
        maxInc30d: st.maxIncrease30d,
        meanAbsChange: st.meanAbsChangeMargin,
        meanAbsChangeMult: st.meanAbsChangeMultiplier,
        ...(s.multiplier && { atBoundShare: st.shareAtBound }),
        atTarget: { k: at.k, avgMargin: at.avgMargin, vsStatic: at.avgMargin / refAt[j] },
        deployable: { k: ks, breachRate: depEx.rate, marginVsStatic: sum(dep) / n / refAvg[j] },
        conformal: {
          gamma,
          breachRate: aciEx.rate,
          marginVsStatic: sum(aci.margin) / n / refAvg[j],
          meanAbsChange: stability(aci.margin).meanAbsChange,
          cells: Object.keys(aciZones).length,
          greenCells: count(aciZones, "green"),
          zones: aciZones,
        },
      };
    });
    out.rules[r] = { pooled: undefined as unknown as RulePooledMetrics, positions: perPos };
  }
  // DM families (per position): every other rule against static; every network against linear. Holm within each.
  for (const pos of positions) {
    const rr = ratio(pos, pos.loss);
    const family = (bench: string, members: string[], key: "dmVsStatic" | "dmVsLinear") => {
      if (!names.includes(bench)) return;
      const ms = members.filter((m) => m !== bench && names.includes(m));
      const tests = ms.map((m) =>
        pinballDm(rr, ratio(pos, pos.rules[m].margin), ratio(pos, pos.rules[bench].margin), p.tau, h)
      );
      const adj = holmAdjust(tests.map((t) => t.pValue));
      ms.forEach((m, i) => {
        out.rules[m].positions[pos.id][key] = { stat: tests[i].stat, p: tests[i].pValue, pHolm: adj[i] };
      });
    };
    family(p.reference, names, "dmVsStatic");
    family(p.linear, [...p.networks], "dmVsLinear");
  }
  // Pooled over positions.
  const pooledRate = (flagsOf: (pos: CoveragePosition) => number) =>
    sum(positions.map(flagsOf)) / sum(positions.map((pos) => pos.loss.length));
  const pooledMargin = (m: (pos: CoveragePosition) => Float64Array) =>
    sum(positions.map((pos) => sum(m(pos)))) / sum(positions.map((pos) => sum(pos.rules[p.reference].margin)));
  for (const r of names) {
    const at = marginRatioAtTarget(
      positions.map((pos) => ({
        loss: pos.loss,
        margin: pos.rules[r].margin,
        reference: pos.rules[p.reference].margin,
      })),
      target,
      { blockLength: p.blockLength, resamples: p.resamples, prng: createPrng(p.seed) },
    );
    const per = out.rules[r].positions;
    out.rules[r].pooled = {
      breachRate: pooledRate((pos) => per[pos.id].exceptions),
      marginVsStatic: pooledMargin((pos) => pos.rules[r].margin),
      atTarget: at,
      deployable: {
        breachRate: pooledRate((pos) => exceptions(pos.loss, deployOf.get(`${r}|${pos.id}`)!).count),
        marginVsStatic: pooledMargin((pos) => deployOf.get(`${r}|${pos.id}`)!),
      },
      conformal: {
        breachRate: pooledRate((pos) => exceptions(pos.loss, conformalOf.get(`${r}|${pos.id}`)!).count),
        marginVsStatic: pooledMargin((pos) => conformalOf.get(`${r}|${pos.id}`)!),
        cells: sum(positions.map((pos) => per[pos.id].conformal.cells)),
        greenCells: sum(positions.map((pos) => per[pos.id].conformal.greenCells)),
      },
    };
  }
  return out;
}

function pinballMean(r: Float64Array, m: Float64Array, tau: number): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const u = r[i] - m[i];
    s += u >= 0 ? tau * u : (tau - 1) * u;
  }
  return s / r.length;
}

/** The headline of the equal-coverage study (issue 13, "Metrics the paper and checks read"). */
export interface EqualCoverageHeadline {
  /** The learned rule with the lowest pooled margin at the target breach rate. */
  bestModel: string;
  marginAtTargetVsStatic: { estimate: number; lo: number; hi: number };
  linearAtTargetVsStatic: { estimate: number; lo: number; hi: number };
  /** The best model under the conformal layer: position × test-year cells, green cells, pooled breach rate. */
  conformal: { cells: number; greenCells: number; breachRate: number };
  baselines: Record<string, { marginVsStatic: number; breachRate: number }>;
}

/**
 * The headline: best learned rule at equal coverage, linear QR, the best rule's conformal version and the baselines.
 *
 * @throws {RangeError} when a learned rule, the linear rule or a baseline is not in the result
 * @example
 * ```ts
 * import { equalCoverageHeadline } from "./equal_coverage_study.ts";
 * const m = { breachRate: 0.01, marginVsStatic: 1, atTarget: { estimate: 0.9, lo: 0.8, hi: 1 },
 *   deployable: { breachRate: 0.01, marginVsStatic: 1 },
 *   conformal: { breachRate: 0.01, marginVsStatic: 1, cells: 2, greenCells: 2 } };
 * const h = equalCoverageHeadline({ rules: { linear: { pooled: m, positions: {} } }, frontier: {} }, ["linear"],
 *   "linear", []);
 * console.assert(h.bestModel === "linear" && h.linearAtTargetVsStatic.estimate === 0.9);
 * ```
 */
export function equalCoverageHeadline(
  r: EqualCoverageResult,
  learned: readonly string[],
  linear: string,
  baselines: readonly string[],
): EqualCoverageHeadline {
  const get = (k: string) => {
    const v = r.rules[k];
    if (v === undefined) throw new RangeError(`equalCoverageHeadline: no rule "${k}" in the result`);
    return v.pooled;
  };
  if (learned.length === 0) throw new RangeError("equalCoverageHeadline: no learned rules");
  let best = learned[0];
  for (const k of learned) if (get(k).atTarget.estimate < get(best).atTarget.estimate) best = k;
  const b = get(best);
  return {
    bestModel: best,
    marginAtTargetVsStatic: { ...b.atTarget },
    linearAtTargetVsStatic: { ...get(linear).atTarget },
    conformal: { cells: b.conformal.cells, greenCells: b.conformal.greenCells, breachRate: b.conformal.breachRate },
    baselines: Object.fromEntries(
      baselines.map((k) => [k, { marginVsStatic: get(k).marginVsStatic, breachRate: get(k).breachRate }]),
    ),
  };
}

/** Every rule's metrics at equal coverage: pooled over the positions and per position (a stage's `equalCoverage`). */
export type EqualCoverageTable = Record<
  string,
  { pooled: RulePooledMetrics; positions: Record<string, RulePositionMetrics> }
>;
