/**
 * e03's parameters and outputs: what `main.ts` writes and `figures.ts` reads.
 * @module
 */
import type { AttributionHistory } from "../../../lib/attribution/attribution_history.ts";
import type { MeasureAttribution } from "../../../lib/attribution/desk_attribution.ts";

/** Stage parameters (params.json, validated by main.ts's schema). */
export interface Params {
  mpor: number;
  imTau: number;
  lookback: number;
  asOf: string;
  unitIds: string[];
  unitLabels: string[];
  instruments: string[];
  quantities: number[];
  contractSizes: number[];
  marginalEps: number;
  eulerEsTol: number;
  shapleyTol: number;
  sensitivityDates: string[];
  historyFrom: string;
  historyTo: string;
}

/** Both measures' attribution at one as-of date, with its scenario window. */
export interface AttributionAt {
  asOf: string;
  windowFrom: string;
  windowTo: string;
  scenarios: number;
  es: MeasureAttribution;
  var: MeasureAttribution;
}

/** `metrics.<profile>.json` as main.ts returns it (the harness adds the stage header and the params). */
export interface Metrics {
  units: Record<
    string,
    { label: string; instrument: string; quantity: number; contractSize: number; absQuantity: number }
  >;
  /** At `asOf`, with the cross-check of the standalone margins against the plain HS engine. */
  main: AttributionAt & { checks: { standaloneVsHsVarEsMaxAbs: number } };
  /** At each of `sensitivityDates`, keyed `d<YYYYMMDD>`. */
  byDate: Record<string, AttributionAt>;
  history: AttributionHistory["summary"];
}

/** The metrics file as written: {@link Metrics} with the echoed parameters. */
export type MetricsFile = Metrics & { params: Params };

/** `series.<profile>.json`: the month-end history of each measure, in cents. */
export type Series = { unitIds: string[]; unitLabels: string[] } & AttributionHistory["series"];
