import assert from "node:assert/strict";
import { DEFAULT_TARGET_CONFIG, targetConfig, validateBounds, validateTau } from "./target_config.ts";

Deno.test("targetConfig: defaults and overrides", () => {
  assert.deepEqual(targetConfig(), DEFAULT_TARGET_CONFIG);
  const c = targetConfig({ tau: 0.975, mpor: 2, lookback: 60, mMin: 0.9, mMax: 2 });
  assert.equal(c.mpor, 2);
  assert.ok(Object.isFrozen(c));
});

Deno.test("targetConfig: rejects bad values with a RangeError naming them", () => {
  assert.throws(() => targetConfig({ mMin: 1.5, mMax: 0.8 }), (e) => e instanceof RangeError && /mMin/.test(e.message));
  assert.throws(() => targetConfig({ mMin: 1, mMax: 1 }), RangeError);
  for (const tau of [0, 1, -0.5, 1.5, NaN]) {
    assert.throws(() => targetConfig({ tau }), (e) => e instanceof RangeError && /tau/.test(e.message));
  }
  assert.throws(() => targetConfig({ mpor: 0 }), (e) => e instanceof RangeError && /\bmpor\b/.test(e.message));
  assert.throws(() => targetConfig({ mpor: 1.5 }), /mpor must be/);
  assert.throws(() => targetConfig({ lookback: 0 }), /lookback/);
  assert.throws(() => targetConfig({ foo: 1 } as never), /unknown key "foo"/);
  assert.throws(() => validateTau(2, "level"), /level/);
  assert.throws(() => validateBounds(NaN, 1), /mMin/);
});
