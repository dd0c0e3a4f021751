/**
 * Stage d01_panel: the aligned crude panel (CSV) and its load report (checksums,
 * documented data points met, calendar rule, per-column fill records).
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { loadCrudePanel, panelToCsv } from "../../../lib/data/mod.ts";
import type { Outputs, Params } from "./outputs.ts";

await runStage<Params>(import.meta.url, {
  schema: { from: { type: "date" }, to: { type: "date" } },
  async run(ctx) {
    const { panel, report } = await loadCrudePanel(ctx.root, { from: ctx.params.from, to: ctx.params.to });
    ctx.log(`panel: ${panel.dates.length} trading days, ${Object.keys(panel.columns).length} series`);
    const outputs: Outputs = {
      "crude_panel.csv": panelToCsv(panel),
      "crude_panel.report.json": { ...report, meta: panel.meta, fill: panel.fill },
    };
    return outputs;
  },
});
