/**
 * e01's parameters and outputs: what `main.ts` writes and `figures.ts` reads.
 * @module
 */
import type { MarginBacktest } from "../../../lib/backtest/margin_backtest.ts";

/** Stage parameters (params.json, validated by main.ts's schema). */
export interface Params {
  mpor: number;
  imTau: number;
  lookback: number;
  floorLookback: number;
  contractBbl: number;
  evalFrom: string;
  evalTo: string;
}

/** A margin backtest without its per-row flags. */
export type Backtest = Omit<MarginBacktest, "flags">;

/** One side's backtests: on the evaluation window, and on the part of it where CME's margin is known. */
export interface SideMetrics {
  hs: Backtest;
  hsFloor: Backtest;
  cmeWindow: { from: string; to: string; cme: Backtest; hs: Backtest; hsFloor: Backtest; hsToCmeAvgIm: number };
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
