/**
 * e01's parameters and outputs: what `main.ts` writes and `figures.ts` reads.
 * @module
 */
import type { OverlapAwareBacktest } from "../../../lib/backtest/overlap_backtest.ts";

/** Stage parameters (params.json, validated by main.ts's schema). */
export interface Params {
  mpor: number;
  imTau: number;
  lookback: number;
  floorLookback: number;
  contractBbl: number;
  evalFrom: string;
  evalTo: string;
  /** Kupiec's null simulated under overlapping windows: draws and seed. */
  kupiecSims: number;
  kupiecSeed: number;
}

/**
 * A margin backtest without its per-row flags: `mpor` is the horizon (days) of the losses it compared with;
 * `kupiecOverlapP` / `christoffersenNonOverlapP` are the overlap-aware tests (the naive `kupiecP` and
 * `christoffersenIndP` over-reject with overlapping windows).
 */
export type Backtest = Omit<OverlapAwareBacktest, "flags">;

/**
 * One side's backtests: on the evaluation window, and on the part of it where CME's margin is known (CME's margin
 * against the `mpor`-day losses, `cme`, and against 1-day losses, `cmeMpor1`).
 */
export interface SideMetrics {
  hs: Backtest;
  hsFloor: Backtest;
  cmeWindow: {
    from: string;
    to: string;
    cme: Backtest;
    cmeMpor1: Backtest;
    hs: Backtest;
    hsFloor: Backtest;
    hsToCmeAvgIm: number;
  };
}

/** `metrics.<profile>.json` as main.ts returns it (the harness adds the stage header and the params). */
export interface Metrics {
  long: SideMetrics;
  short: SideMetrics;
  window: { from: string; to: string; days: number };
}

/** The metrics file as written: {@link Metrics} with the echoed parameters. */
export type MetricsFile = Metrics & { params: Params };

/** One side's daily series in USD (cents; null: not defined that day) and the HS breach flags. */
export interface SideSeries {
  loss: (number | null)[];
  imHs: (number | null)[];
  imHsFloor: (number | null)[];
  imCme: (number | null)[];
  breachHs: number[];
}

/** `series.<profile>.json`: the evaluation dates and both sides' series. */
export interface Series {
  dates: string[];
  long: SideSeries;
  short: SideSeries;
}
