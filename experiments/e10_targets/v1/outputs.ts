/**
 * e10's parameters and outputs: what `main.ts` writes and `figures.ts` reads.
 * @module
 */
import type { TargetComparison, TargetComparisonParams } from "../../../lib/study/target_comparison.ts";
import type { SplitParams, StudySide } from "../../../lib/study/mod.ts";

/** Stage parameters (params.json, validated by main.ts's schema). */
export interface Params extends TargetComparisonParams, SplitParams {}

/** `metrics.<profile>.json` as main.ts returns it (the harness adds the stage header and the params). */
export type Metrics = { design?: TargetComparison["design"] } & Partial<Record<StudySide, TargetComparison["metrics"]>>;

/** The metrics file as written: {@link Metrics} with the echoed parameters. */
export type MetricsFile = Metrics & { params: Params };

/** `series.<profile>.json`: per side the test multipliers, and every (side, target, seed) point of the figure. */
export type Series = Partial<Record<StudySide, TargetComparison["series"]>> & { points: TargetComparison["points"] };
