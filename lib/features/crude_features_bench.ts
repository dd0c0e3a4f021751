import { buildCrudeFeatures } from "./crude_features.ts";
import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";

const panel = makeCrudePanel(10_000, 1);

Deno.bench("buildCrudeFeatures: 10,000 days × 32 features", () => {
  buildCrudeFeatures(panel);
});
