/**
 * The plan of the DeepMargin dataset (what the e05 stage labels): evenly
 * spaced usable market days of the crude panel in an in-sample range (train,
 * validation and test portfolios) and a later out-of-time range (out-of-time
 * portfolios), each split's count spread evenly over its days; the dataset
 * statistics; and the bitwise check of the per-date SPAN 2-like cache against
 * `span2Margin` itself.
 *
 * @example
 * ```ts
 * import { spreadCounts } from "./dataset_plan.ts";
 * spreadCounts(10, 4); // [3, 3, 2, 2]
 * ```
 * @module
 */
import type { Panel } from "../data/panel.ts";
import { span2Margin } from "../margin/span2.ts";
import { type LabelledPortfolio, toPortfolio } from "./dataset.ts";
import { buildMarketDay, isUsableDate, type MarketDayOptions } from "./market_day.ts";
import type { DatasetDay, DeepMarginDataset } from "./training.ts";

/**
 * `n` spread over `k` days: the first `n mod k` days get one more.
 *
 * @example
 * ```ts
 * import { spreadCounts } from "./dataset_plan.ts";
 * spreadCounts(5, 2); // [3, 2]
 * ```
 */
export function spreadCounts(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
}

/**
 * `k` evenly spaced entries of `xs` (the middle of each of `k` equal slices).
 *
 * @throws {RangeError} when `xs` has fewer than `k` entries (naming `what`)
 * @example
 * ```ts
 * import { evenlySpaced } from "./dataset_plan.ts";
 * evenlySpaced([0, 1, 2, 3, 4, 5], 2, "test"); // [1, 4]
 * ```
 */
export function evenlySpaced(xs: readonly number[], k: number, what: string): number[] {
  if (xs.length < k) throw new RangeError(`evenlySpaced: only ${xs.length} usable ${what} dates, need ${k}`);
  return Array.from({ length: k }, (_, i) => xs[Math.floor(((i + 0.5) * xs.length) / k)]);
}

/** Date ranges, day counts and portfolio counts of a dataset. */
export interface DatasetPlanOptions {
  historyDays: number;
  inSampleFrom: string;
  inSampleTo: string;
  ootFrom: string;
  ootTo: string;
  daysIn: number;
  daysOot: number;
  nTrain: number;
  nVal: number;
  nTest: number;
  nOot: number;
}

/** A planned market day: panel row and portfolios per split. */
export interface PlannedDay {
  index: number;
  counts: Record<string, number>;
}

/**
 * The market days of a dataset: `daysIn` in-sample days (train/val/test counts) then `daysOot` out-of-time
 * days (oot counts), among the panel's usable dates ({@link isUsableDate}).
 *
 * @throws {RangeError} when the out-of-time range does not start after the in-sample range, or too few dates
 * @example
 * ```ts
 * import { planDatasetDays } from "./dataset_plan.ts";
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * const panel = syntheticPanel(1, 2700);
 * const days = planDatasetDays(panel, { historyDays: 2600, inSampleFrom: panel.dates[2620], inSampleTo: panel.dates[2660],
 *   ootFrom: panel.dates[2670], ootTo: panel.dates[2699], daysIn: 2, daysOot: 1, nTrain: 10, nVal: 2, nTest: 3, nOot: 4 });
 * days.length; // 3
 * ```
 */
export function planDatasetDays(panel: Panel, o: DatasetPlanOptions): PlannedDay[] {
  if (o.ootFrom <= o.inSampleTo) {
    throw new RangeError(`planDatasetDays: ootFrom (${o.ootFrom}) must come after inSampleTo (${o.inSampleTo})`);
  }
  const usable = (from: string, to: string) =>
    panel.dates.map((d, i) => [d, i] as const).filter(([d, i]) =>
      d >= from && d <= to && isUsableDate(panel, i, o.historyDays)
    ).map(([, i]) => i);
  const daysIn = evenlySpaced(usable(o.inSampleFrom, o.inSampleTo), o.daysIn, "in-sample");
  const daysOot = evenlySpaced(usable(o.ootFrom, o.ootTo), o.daysOot, "out-of-time");
  const [tr, va, te] = [
    spreadCounts(o.nTrain, o.daysIn),
    spreadCounts(o.nVal, o.daysIn),
    spreadCounts(o.nTest, o.daysIn),
  ];
  const oo = spreadCounts(o.nOot, o.daysOot);
  return [
    ...daysIn.map((index, k) => ({ index, counts: { train: tr[k], val: va[k], test: te[k] } })),
    ...daysOot.map((index, k) => ({ index, counts: { oot: oo[k] } })),
  ];
}

/**
 * The dataset (the e05 output): its days with dates, the day options, statistics and the rows (in day order).
 * `instruments[k]` is the number of distinct instruments revalued on day k; `stressLength` the stressed window.
 *
 * @example
 * ```ts
 * import { assembleDataset } from "./dataset_plan.ts";
 * const ds = assembleDataset({ dates: ["2020-01-02"] }, [{ index: 0, counts: { oot: 0 } }], {}, [], [0], 250, 0);
 * ds.stats.span2Scenarios; // 2520 + 250 + 6
 * ```
 */
export function assembleDataset(
  panel: Pick<Panel, "dates">,
  days: readonly PlannedDay[],
  dayOptions: MarketDayOptions,
  rows: LabelledPortfolio[],
  instruments: readonly number[],
  stressLength: number,
  referenceChecked: number,
): DeepMarginDataset {
  const out: DatasetDay[] = days.map((d) => ({ index: d.index, date: panel.dates[d.index], counts: d.counts }));
  return {
    days: out,
    dayOptions,
    stats: {
      portfolios: rows.length,
      positions: rows.reduce((s, r) => s + r.positions.length, 0),
      bySet: Object.fromEntries(
        ["train", "val", "test", "oot"].map((s) => [s, rows.filter((r) => r.set === s).length]),
      ),
      instrumentsRevalued: instruments.reduce((a, b) => a + b, 0),
      span2Scenarios: 2520 + stressLength + 6,
      referenceChecked,
    },
    rows,
  };
}

/**
 * Check the cached SPAN 2-like labels against `span2Margin` itself (bitwise) on the first `perSet` portfolios
 * of every split; returns the number checked.
 *
 * @throws {Error} naming the day and both values on the first difference
 * @example
 * ```ts
 * import { checkAgainstReference } from "./dataset_plan.ts";
 * import { labelDay } from "./dataset.ts";
 * import { buildMarketDay } from "./market_day.ts";
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * const panel = syntheticPanel(1, 2700);
 * const opts = { span2TreeSteps: 20 };
 * const { rows } = labelDay(buildMarketDay(panel, 2699, opts), { test: 2 }, 1, { maxPositions: 3 });
 * checkAgainstReference(panel, rows, opts, 1); // 1
 * ```
 */
export function checkAgainstReference(
  panel: Panel,
  rows: readonly LabelledPortfolio[],
  dayOptions: MarketDayOptions,
  perSet: number,
): number {
  let checked = 0;
  for (const set of ["train", "val", "test", "oot"]) {
    for (const r of rows.filter((x) => x.set === set).slice(0, perSet)) {
      const day = buildMarketDay(panel, r.day, dayOptions);
      const ref = span2Margin(toPortfolio(r), day.market, day.history, day.span2Params).total;
      if (!Object.is(ref, r.span2)) {
        throw new Error(
          `checkAgainstReference: SPAN 2-like cache ${r.span2} differs from span2Margin ${ref} (day ${r.day})`,
        );
      }
      checked++;
    }
  }
  return checked;
}
