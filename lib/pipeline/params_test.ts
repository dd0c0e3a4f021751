import assert from "node:assert/strict";
import { type ParamSchema, resolveParams } from "./params.ts";

const schema: ParamSchema = {
  mpor: { type: "integer", min: 1 },
  conf: { type: "number", min: 0, max: 1 },
  model: { type: "string", enum: ["mlp", "lstm"] },
  seeds: { type: "integer[]", minLength: 1 },
  from: { type: "date" },
};
const good = {
  base: { mpor: 2, conf: 0.99, model: "mlp", seeds: [1, 2], from: "2010-01-04" },
  profiles: { quick: { mpor: 1 }, full: {} },
};

Deno.test("resolveParams: profile overrides base", () => {
  assert.equal(resolveParams<{ mpor: number }>(good, schema, "quick", "p.json").mpor, 1);
  assert.equal(resolveParams<{ mpor: number }>(good, schema, "full", "p.json").mpor, 2);
});

Deno.test("resolveParams: unknown, missing, mistyped and out-of-range parameters are named", () => {
  const bad = (patch: Record<string, unknown>) => ({ ...good, base: { ...good.base, ...patch } });
  assert.throws(
    () => resolveParams(bad({ lookbak: 5 }), schema, "full", "p.json"),
    /p\.json: unknown parameter "lookbak" in base/,
  );
  assert.throws(
    () => resolveParams(bad({ conf: "0.99" }), schema, "full", "p.json"),
    /p\.json: conf \(profile full\): expected a finite number, got "0\.99"/,
  );
  assert.throws(() => resolveParams(bad({ conf: 1.5 }), schema, "full", "p.json"), /1\.5 is above the maximum 1/);
  assert.throws(() => resolveParams(bad({ model: "gru" }), schema, "full", "p.json"), /"gru" is not one of mlp, lstm/);
  assert.throws(
    () => resolveParams(bad({ seeds: [1, 2.5] }), schema, "full", "p.json"),
    /seeds \(profile full\)\[1\]: expected an integer/,
  );
  const { mpor: _m, ...noMpor } = good.base;
  assert.throws(
    () => resolveParams({ ...good, base: noMpor }, schema, "full", "p.json"),
    /parameter "mpor" is missing/,
  );
  assert.throws(
    () => resolveParams({ base: good.base, profiles: { quick: {} } }, schema, "quick", "p.json"),
    /profiles\.full is missing/,
  );
  assert.throws(() => resolveParams({ ...good, extra: 1 }, schema, "quick", "p.json"), /unknown top-level key "extra"/);
});
