/**
 * The core study's headline: one answer composed from its three tracks — the multi-asset panel (margin at equal
 * coverage pooled over every position), the non-linear synthetic market (the share of the oracle's saving a learned
 * model captures) and the single-instrument WTI study (its own equal-coverage headline, kept whole under `wti`).
 *
 * The panel and synthetic tracks arrive as parsed upstream metrics (`unknown`); every field read is checked and a
 * missing or malformed one is an error naming the file and the key, so a renamed upstream key cannot slip through as
 * `undefined`.
 * @module
 */
import type { EqualCoverageHeadline } from "./equal_coverage_study.ts";
import { checkFiniteNumber, checkInt } from "../core/check.ts";

/** A point estimate with its 95% interval. */
export interface IntervalEstimate {
  estimate: number;
  lo: number;
  hi: number;
}

/** Share of the oracle's saving over static captured by learned models, with intervals over market paths. */
export interface OracleCaptureHeadline {
  /** Number of synthetic market paths. */
  paths: number;
  /** The best learned model's share and its name. */
  best: IntervalEstimate;
  bestModel: string;
  /** Linear quantile regression's share. */
  linear: IntervalEstimate;
}

/** The core study's headline (issue 14's keys plus the single-instrument answer). */
export interface CoreStudyHeadline {
  /** Number of positions in the panel. */
  positions: number;
  /** First and last test date over the panel (ISO). */
  testFrom: string;
  testTo: string;
  /** The learned rule with the lowest margin at equal coverage, pooled over the panel, and its display name. */
  bestModel: string;
  bestLabel: string;
  /** Margin at the target breach rate over static, pooled over the panel. */
  marginAtTargetVsStatic: IntervalEstimate;
  linearAtTargetVsStatic: IntervalEstimate;
  /** Non-linear synthetic market: share of the oracle's margin saving over static (long side). */
  oracleCapture: OracleCaptureHeadline;
  /** The same for the oracle's pinball-loss gain. */
  pinballCapture: OracleCaptureHeadline;
  /** The single-instrument study (WTI front month, long and short) at equal coverage. */
  wti: EqualCoverageHeadline;
}

/** Where the upstream headlines were read from (file names for error messages). */
export interface CoreHeadlineSources {
  panel: { file: string; headline: unknown };
  synthetic: { file: string; headline: unknown };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function field(obj: unknown, key: string, file: string, path: string): unknown {
  if (typeof obj !== "object" || obj === null || !(key in obj)) {
    throw new RangeError(`${file}: ${path}${key} is missing`);
  }
  return (obj as Record<string, unknown>)[key];
}

function num(obj: unknown, key: string, file: string, path: string): number {
  return checkFiniteNumber(file, `${path}${key}`, field(obj, key, file, path));
}

function str(obj: unknown, key: string, file: string, path: string): string {
  const v = field(obj, key, file, path);
  if (typeof v !== "string" || v === "") {
    throw new RangeError(`${file}: ${path}${key} must be a non-empty string, got ${JSON.stringify(v)}`);
  }
  return v;
}

function interval(obj: unknown, key: string, file: string, path: string): IntervalEstimate {
  const v = field(obj, key, file, path), at = `${path}${key}.`;
  const out = { estimate: num(v, "estimate", file, at), lo: num(v, "lo", file, at), hi: num(v, "hi", file, at) };
  if (out.lo > out.hi) throw new RangeError(`${file}: ${at}lo ${out.lo} exceeds ${at}hi ${out.hi}`);
  return out;
}

function capture(obj: unknown, key: string, file: string): OracleCaptureHeadline {
  const c = field(obj, key, file, "headline."), at = `headline.${key}.`;
  return {
    paths: checkInt(file, `${at}paths`, field(c, "paths", file, at), 1),
    best: interval(c, "best", file, at),
    bestModel: str(c, "bestModel", file, at),
    linear: interval(c, "linear", file, at),
  };
}

/**
 * Compose the core study's headline from the panel's and the synthetic market's upstream headlines and the
 * single-instrument study's own.
 *
 * @throws {RangeError} naming the upstream file and key when a field is missing or malformed, or when the panel's
 * test dates are not ISO dates in order
 * @example
 * ```ts
 * import { coreStudyHeadline } from "./core_study_headline.ts";
 * const iv = { estimate: 0.9, lo: 0.85, hi: 0.95 };
 * const cap = { paths: 20, best: iv, bestModel: "mlp", linear: iv };
 * const wti = { bestModel: "mlp", marginAtTargetVsStatic: iv, linearAtTargetVsStatic: iv,
 *   conformal: { cells: 18, greenCells: 14, breachRate: 0.012 }, baselines: {} };
 * const h = coreStudyHeadline(wti, {
 *   panel: { file: "panel.json", headline: { positions: 14, testFrom: "2013-01-02", testTo: "2025-12-31",
 *     bestModel: "mlpPooled", bestLabel: "MLP, pooled", marginAtTargetVsStatic: iv, linearAtTargetVsStatic: iv } },
 *   synthetic: { file: "synth.json", headline: { oracleCapture: cap, pinballCapture: cap } },
 * });
 * console.assert(h.positions === 14 && h.oracleCapture.paths === 20 && h.wti.bestModel === "mlp");
 * ```
 */
export function coreStudyHeadline(wti: EqualCoverageHeadline, src: CoreHeadlineSources): CoreStudyHeadline {
  const { file: pf, headline: ph } = src.panel, { file: sf, headline: sh } = src.synthetic;
  const positions = checkInt(pf, "headline.positions", field(ph, "positions", pf, "headline."), 1);
  const testFrom = str(ph, "testFrom", pf, "headline."), testTo = str(ph, "testTo", pf, "headline.");
  if (!ISO_DATE.test(testFrom) || !ISO_DATE.test(testTo) || testFrom > testTo) {
    throw new RangeError(`${pf}: headline.testFrom/testTo must be ISO dates in order, got ${testFrom} … ${testTo}`);
  }
  return {
    positions,
    testFrom,
    testTo,
    bestModel: str(ph, "bestModel", pf, "headline."),
    bestLabel: str(ph, "bestLabel", pf, "headline."),
    marginAtTargetVsStatic: interval(ph, "marginAtTargetVsStatic", pf, "headline."),
    linearAtTargetVsStatic: interval(ph, "linearAtTargetVsStatic", pf, "headline."),
    oracleCapture: capture(sh, "oracleCapture", sf),
    pinballCapture: capture(sh, "pinballCapture", sf),
    wti,
  };
}
