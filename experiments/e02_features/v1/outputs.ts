/**
 * e02's parameters and outputs: what `main.ts` writes and `figures.ts` reads.
 * @module
 */
import type { FeatureFigureSeries, FeatureFrameReport } from "../../../lib/features/feature_frame_report.ts";
import type { FeatureOracleReport } from "../../../lib/features/feature_oracle_report.ts";
import type { SviParamSeries, SyntheticSurfaceFits } from "../../../lib/features/synthetic_surface_fits.ts";
import type { ChainSampleFits } from "../../../lib/vol/chain_sample_fits.ts";
import type { SmileFigureData } from "../../../lib/vol/smile_figure_data.ts";

/** Stage parameters (params.json, validated by main.ts's schema). */
export interface Params {
  vixSession: "1545" | "eod";
  vixMaxRelSpread: number;
  fitWeighting: "vegaSpread" | "equal";
  sabrBeta: number;
  rhoBoundAbs: number;
  vixCalendarKMin: number;
  vixCalendarKMax: number;
  vixFigureExpiries: string[];
  smileGridN: number;
  synthSeed: number;
  synthDays: number;
  oraclePaths: number;
  mpor: number;
  imTau: number;
  lookback: number;
  contractBbl: number;
  calendarKMin: number;
  calendarKMax: number;
  calendarGridN: number;
  ssviEvery: number;
  sviFigureExpiryDays: number;
  crudeFrom: string;
  crudeTo: string;
  forwardVolWindow: number;
  crudeCorr: string[];
  synthCorr: string[];
  crudeFigure: string[];
  figureEvery: number;
  seriesDigits: number;
}

/** `metrics.<profile>.json` as main.ts returns it (the harness adds the stage header and the params). */
export interface Metrics {
  /** The real VIX options sample: file, checksum, quote date and session, then the fit report. */
  vix: { file: string; sha256: string; quoteDate: string | null; session: string } & Omit<ChainSampleFits, "figure">;
  synthetic: { fits: SyntheticSurfaceFits & { seed: number }; features: FeatureOracleReport };
  crude: FeatureFrameReport;
}

/** The metrics file as written: {@link Metrics} with the echoed parameters. */
export type MetricsFile = Metrics & { params: Params };

/** `series.<profile>.json`. */
export interface Series {
  /** Quotes and fitted curves of the VIX figure expiries. */
  vixSmile: SmileFigureData[];
  /** SVI parameters of one synthetic slice and its ATM vol, every `figureEvery` days. */
  synthSvi: SviParamSeries & { atmVol: (number | null)[] };
  /** Crude features of the figure, every `figureEvery` rows of the window. */
  crude: FeatureFigureSeries;
}
