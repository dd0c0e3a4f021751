import assert from "node:assert/strict";
import { requireFeature } from "./require_feature.ts";
import { assembleFeatureFrame, featureColumn } from "./feature_frame.ts";

Deno.test("requireFeature: the frame's column, or an error naming who asked, the feature and the frame's features", () => {
  const f = assembleFeatureFrame(["2020-01-02", "2020-01-03"], [
    { name: "a", values: Float64Array.of(1, 2), description: "a", unit: "1", group: "historical", lookback: 1 },
    { name: "b", values: Float64Array.of(3, 4), description: "b", unit: "1", group: "forward", lookback: 1 },
  ]);
  assert.deepEqual(requireFeature(f, "b", "x"), featureColumn(f, "b"));
  assert.throws(() => requireFeature(f, "c", "params crudeCorr"), /^RangeError: params crudeCorr: .*"c".*have a, b/);
});
