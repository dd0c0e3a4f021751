/**
 * The one way a stage reads the verified crude panel written by the `d01_panel` stage.
 * @module
 */
import type { Panel } from "./panel.ts";
import { panelFromCsv } from "./panel_io.ts";
import { panelUntil } from "./panel_until.ts";

/** What {@link readCrudePanel} needs from a stage context: the path of an upstream stage's output. */
export interface UpstreamReader {
  /** Absolute path of an upstream stage's output file `name`. */
  upstream(stageId: string, name: string): Promise<string>;
}

/**
 * Read `crude_panel.csv` from the `d01_panel` stage's outputs, optionally cut at `until` (ISO date, inclusive).
 *
 * @throws {RangeError} naming the file and line when the CSV is malformed, or the missing upstream output
 * @example
 * ```ts ignore
 * import { readCrudePanel } from "./read_crude_panel.ts";
 * const panel = await readCrudePanel(ctx, "2021-12-31");
 * ```
 */
export async function readCrudePanel(ctx: UpstreamReader, until?: string): Promise<Panel> {
  const path = await ctx.upstream("d01_panel", "crude_panel.csv");
  const panel = panelFromCsv(await Deno.readTextFile(path), "data/derived/crude_panel.csv");
  return until === undefined ? panel : panelUntil(panel, until);
}
