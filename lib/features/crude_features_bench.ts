import { buildCrudeFeatures } from "./crude_features.ts";
import { makeCrudePanel } from "./_test_panel.ts";

const panel = makeCrudePanel(10_000, 1);

Deno.bench("buildCrudeFeatures: 10,000 days × 32 features", () => {
  buildCrudeFeatures(panel);
});
