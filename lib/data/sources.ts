/**
 * The crude-oil track's data sources as validated configuration: which file,
 * which column, which date format, plausible ranges and the documented data
 * points from each SOURCE.md. Paths are relative to the project root.
 *
 * @example
 * ```ts
 * import { CRUDE_SOURCES } from "./sources.ts";
 * CRUDE_SOURCES.map((s) => s.spec.column); // ["wti_spot", "brent_spot", ...]
 * ```
 * @module
 */

import type { SeriesSpec } from "./series.ts";

/** One series: the file it lives in, its spec, and gap-filling policy on the panel calendar. */
export interface SourceEntry {
  file: string;
  source: string;
  spec: SeriesSpec;
  /** Longest run of business days that may be forward-filled; a longer gap is an error. */
  maxFillGap: number;
}

const PRICE = { min: 0.01, max: 1000 };

/** The series of the crude panel. */
export const CRUDE_SOURCES: readonly SourceEntry[] = [
  {
    file: "data/raw/eia-oil/wti-daily.csv",
    source: "EIA RWTC (public domain)",
    maxFillGap: 5,
    spec: {
      column: "wti_spot",
      dateCol: "Date",
      dateFormat: "iso",
      valueCol: "Price",
      ...PRICE,
      unit: "USD/bbl",
      description: "WTI Cushing spot price",
      known: [{ date: "2020-04-20", value: -36.98, note: "genuine negative WTI, day before May-2020 expiry" }],
    },
  },
  {
    file: "data/raw/eia-oil/brent-daily.csv",
    source: "EIA RBRTE (public domain)",
    maxFillGap: 5,
    spec: {
      column: "brent_spot",
      dateCol: "Date",
      dateFormat: "iso",
      valueCol: "Price",
      ...PRICE,
      unit: "USD/bbl",
      description: "Brent spot price (FOB Europe)",
    },
  },
  {
    file: "data/raw/eia-natural-gas/henry-hub-daily.csv",
    source: "EIA RNGWHHD (public domain)",
    maxFillGap: 12,
    spec: {
      column: "hh_spot",
      dateCol: "Date",
      dateFormat: "iso",
      valueCol: "Price",
      ...PRICE,
      unit: "USD/MMBtu",
      description: "Henry Hub natural gas spot price",
      known: [{ date: "2018-01-05", value: null, note: "empty Price cell documented in SOURCE.md" }],
    },
  },
  ...[1, 2, 3, 4].map((c): SourceEntry => ({
    file: "data/raw/eia-nymex-crude-futures/eia-nymex-wti-futures-c1-c4-daily.csv",
    source: `EIA RCLC${c} (NYMEX settlement, public domain)`,
    maxFillGap: 5,
    spec: {
      column: `cl${c}`,
      dateCol: "Date",
      dateFormat: "iso",
      valueCol: `RCLC${c}`,
      ...PRICE,
      unit: "USD/bbl",
      description: `NYMEX WTI futures contract ${c} settlement`,
      known: [
        ...(c === 1
          ? [
            { date: "1990-08-13", value: null, note: "empty cell documented in SOURCE.md" },
            { date: "1992-11-27", value: null, note: "empty cell documented in SOURCE.md" },
            { date: "2020-04-20", value: -37.63, note: "genuine negative settlement of the May-2020 contract" },
          ]
          : []),
        ...(c === 1 || c === 3
          ? [{ date: "1992-12-24", value: null, note: "empty cell documented in SOURCE.md" }]
          : []),
        ...(c === 2 || c === 4
          ? [{ date: "2001-09-14", value: null, note: "empty cell documented in SOURCE.md" }]
          : []),
      ],
    },
  })),
  {
    file: "data/raw/cboe-vol-indices/OVXCLS_fred.csv",
    source: "Cboe OVX via FRED OVXCLS (Cboe terms, unclear licence)",
    maxFillGap: 5,
    spec: {
      column: "ovx",
      dateCol: "date",
      dateFormat: "iso",
      valueCol: "ovxcls",
      min: 5,
      max: 400,
      unit: "index points",
      description: "Cboe Crude Oil ETF Volatility Index (close)",
      emptyMeansNoObservation: true,
      placeholders: ["."],
    },
  },
  {
    file: "data/raw/cboe-vix/vix-daily.csv",
    source: "Cboe VIX (Cboe terms, unclear licence)",
    maxFillGap: 5,
    spec: {
      column: "vix",
      dateCol: "DATE",
      dateFormat: "iso",
      valueCol: "CLOSE",
      min: 5,
      max: 150,
      unit: "index points",
      description: "Cboe VIX (close)",
    },
  },
  {
    file: "data/raw/cboe-vol-indices/VIX3M_History.csv",
    source: "Cboe VIX3M (Cboe terms, unclear licence)",
    maxFillGap: 5,
    spec: {
      column: "vix3m",
      dateCol: "DATE",
      dateFormat: "mdy",
      valueCol: "CLOSE",
      min: 5,
      max: 150,
      unit: "index points",
      description: "Cboe 3-month VIX (close)",
    },
  },
  {
    file: "data/raw/cboe-vol-indices/SKEW_History.csv",
    source: "Cboe SKEW (Cboe terms, unclear licence)",
    maxFillGap: 12,
    spec: {
      column: "skew",
      dateCol: "DATE",
      dateFormat: "mdy",
      valueCol: "SKEW",
      min: 90,
      max: 250,
      unit: "index points",
      description: "Cboe SKEW index (close)",
    },
  },
  ...([["ust3m", "DGS3MO", ["1981-12-09"]], ["ust2y", "DGS2", []], ["ust10y", "DGS10", []]] as const).map((
    [col, fred, extra],
  ): SourceEntry => ({
    file: "data/raw/fred-treasury-cmt/fred-cmt-yields-daily-merged.csv",
    source: `FRED ${fred} (public domain)`,
    maxFillGap: 5,
    spec: {
      column: col,
      dateCol: "date",
      dateFormat: "iso",
      valueCol: fred,
      min: -5,
      max: 25,
      unit: "percent",
      description: `US Treasury constant-maturity yield ${fred}`,
      known: [...extra, "1987-01-01", "1988-01-01", "1989-01-02"].map((d) => ({
        date: d,
        value: null,
        note: "empty cell in FRED's merged file (holiday row carrying only DGS20)",
      })),
    },
  })),
  {
    file: "data/raw/fred-fed-funds/DFF.csv",
    source: "FRED DFF (public domain)",
    maxFillGap: 5,
    spec: {
      column: "fed_funds",
      dateCol: "date",
      dateFormat: "iso",
      valueCol: "value",
      min: 0,
      max: 25,
      unit: "percent",
      description: "Effective federal funds rate (calendar-daily)",
    },
  },
];
