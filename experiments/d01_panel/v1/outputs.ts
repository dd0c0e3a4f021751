/**
 * d01's parameters and outputs: the aligned panel as CSV and its load report, which later stages read through
 * `readCrudePanel` (lib/data/read_crude_panel.ts).
 * @module
 */
import type { LoadReport } from "../../../lib/data/load.ts";
import type { Panel } from "../../../lib/data/panel.ts";

/** Stage parameters (params.json, validated by main.ts's schema). */
export interface Params {
  /** First and last calendar date of the panel (ISO). */
  from: string;
  to: string;
}

/** `crude_panel.report.json`: checksums, documented data points met, the calendar rule, column metadata and fills. */
export type PanelReport = LoadReport & { meta: Panel["meta"]; fill: Panel["fill"] };

/** The stage's outputs: `crude_panel.csv` (text) and the report. */
export type Outputs = {
  "crude_panel.csv": string;
  "crude_panel.report.json": PanelReport;
};
