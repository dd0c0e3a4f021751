import assert from "node:assert/strict";
import { ACTION, actionLabels } from "./action_label.ts";

Deno.test("actionLabels: raise / keep / lower with a dead band, -1 for no target", () => {
  assert.deepEqual(actionLabels(Float64Array.of(1.3, 1.0, 0.85, NaN), { band: 0.05 }), Int8Array.of(2, 1, 0, -1));
  assert.deepEqual(actionLabels(Float64Array.of(1.2), { band: 0.05, reference: 1.2 }), Int8Array.of(ACTION.keep));
  assert.throws(() => actionLabels(Float64Array.of(1), { band: -1 }), /band/);
});
