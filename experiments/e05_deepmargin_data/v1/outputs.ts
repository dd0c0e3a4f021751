/**
 * e05's parameters and output: `dataset.{profile}.json` (a {@link Dataset}, read by e06).
 * @module
 */
import type { DeepMarginDataset } from "../../../lib/deepmargin/training.ts";

/** The stage's parameters (`params.json`). */
export interface Params {
  seed: number;
  historyDays: number;
  stressLength: number;
  spanLookback: number;
  span2TreeSteps: number;
  inSampleFrom: string;
  inSampleTo: string;
  ootFrom: string;
  ootTo: string;
  maxPositions: number;
  maxQuantity: number;
  optionShare: number;
  americanShare: number;
  hedgeShare: number;
  verifyAgainstReference: number;
  daysIn: number;
  daysOot: number;
  nTrain: number;
  nVal: number;
  nTest: number;
  nOot: number;
  workers: number;
}

/** `dataset.{profile}.json`: days, day options, statistics and the labelled portfolios. */
export type Dataset = DeepMarginDataset;
