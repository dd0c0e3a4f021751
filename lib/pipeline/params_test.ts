import assert from "node:assert/strict";
import { isIsoDate, type ParamLayer, type ParamSchema, resolveParamLayers, resolveParams } from "./params.ts";
import { loadParamLayers } from "./params_file.ts";

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

Deno.test("resolveParams: dates are checked by round trip through the calendar", () => {
  for (const d of ["2016-13-45", "2021-02-29", "2020-00-10", "2020-04-31"]) {
    assert.throws(
      () => resolveParams({ ...good, base: { ...good.base, from: d } }, schema, "full", "p.json"),
      new RegExp(`from \\(profile full\\): "${d}" is not a calendar date`),
    );
  }
  assert.equal(isIsoDate("2020-02-29"), true);
  assert.throws(
    () => resolveParams({ ...good, base: { ...good.base, from: "2016-1-5" } }, schema, "full", "p.json"),
    /expected an ISO date YYYY-MM-DD/,
  );
});

Deno.test("resolveParamLayers: extends chain merges each file's base then profile, root of the chain first", () => {
  const shared: ParamLayer = {
    file: "shared.json",
    raw: { base: { ...good.base, mpor: 5 }, profiles: { quick: { model: "lstm", mpor: 3 }, full: {} } },
  };
  const own: ParamLayer = {
    file: "own.json",
    raw: { extends: "shared.json", base: { conf: 0.9 }, profiles: { full: { mpor: 7 } } },
  };
  assert.deepEqual(resolveParamLayers([shared, own], schema, "quick"), {
    ...good.base,
    mpor: 3,
    model: "lstm",
    conf: 0.9,
  });
  assert.deepEqual(resolveParamLayers([shared, own], schema, "full"), { ...good.base, mpor: 7, conf: 0.9 });
  // errors name the file (and section) a value came from
  const badShared: ParamLayer = {
    file: "shared.json",
    raw: { base: { ...good.base, lookbak: 1 }, profiles: { quick: {}, full: {} } },
  };
  assert.throws(
    () => resolveParamLayers([badShared, own], schema, "full"),
    /shared\.json: unknown parameter "lookbak" in base/,
  );
  const badOwn: ParamLayer = { file: "own.json", raw: { profiles: { full: { conf: 2 } } } };
  assert.throws(
    () => resolveParamLayers([shared, badOwn], schema, "full"),
    /own\.json: conf \(profile full\): 2 is above/,
  );
  // resolveParams alone cannot follow extends (it does not know where the file is)
  assert.throws(() => resolveParams(own.raw, schema, "full", "own.json"), /"extends" needs the file's location/);
  // a profile missing from every layer
  assert.throws(
    () => resolveParamLayers([{ file: "a.json", raw: { base: good.base, profiles: { quick: {} } } }], schema, "quick"),
    /a\.json: profiles\.full is missing/,
  );
});

Deno.test("loadParamLayers: relative to the file, inside the project, no cycles; invalid JSON names the file", async () => {
  await Deno.mkdir(".cache/tmp", { recursive: true });
  const root = await Deno.makeTempDir({ dir: ".cache/tmp" });
  try {
    await Deno.mkdir(`${root}/experiments/shared`, { recursive: true });
    await Deno.mkdir(`${root}/experiments/e99_x/v1`, { recursive: true });
    const w = (f: string, v: unknown) =>
      Deno.writeTextFile(`${root}/${f}`, typeof v === "string" ? v : JSON.stringify(v));
    await w("experiments/shared/a.json", { extends: "b.json", base: { mpor: 1 } });
    await w("experiments/shared/b.json", { base: { conf: 0.99 }, profiles: { quick: {}, full: {} } });
    await w("experiments/e99_x/v1/params.json", { extends: "../../shared/a.json" });
    const layers = await loadParamLayers(root, "experiments/e99_x/v1/params.json");
    assert.deepEqual(layers.map((l) => l.file), [
      "experiments/shared/b.json",
      "experiments/shared/a.json",
      "experiments/e99_x/v1/params.json",
    ]);
    await w("experiments/shared/b.json", { extends: "a.json" });
    await assert.rejects(
      () => loadParamLayers(root, "experiments/e99_x/v1/params.json"),
      /experiments\/shared\/b\.json: "extends" cycle: experiments\/e99_x\/v1\/params\.json → experiments\/shared\/a\.json → experiments\/shared\/b\.json → experiments\/shared\/a\.json/,
    );
    await w("experiments/e99_x/v1/params.json", { extends: "../../../../../etc/x.json" });
    await assert.rejects(() => loadParamLayers(root, "experiments/e99_x/v1/params.json"), /points outside the project/);
    await w("experiments/e99_x/v1/params.json", { extends: "/etc/x.json" });
    await assert.rejects(() => loadParamLayers(root, "experiments/e99_x/v1/params.json"), /points outside the project/);
    await w("experiments/e99_x/v1/params.json", { extends: "../../shared/none.json" });
    await assert.rejects(() => loadParamLayers(root, "experiments/e99_x/v1/params.json"), /does not exist/);
    await w("experiments/e99_x/v1/params.json", '{"base": {mpor: 1}}');
    await assert.rejects(
      () => loadParamLayers(root, "experiments/e99_x/v1/params.json"),
      /^SyntaxError: experiments\/e99_x\/v1\/params\.json: invalid JSON: Expected/,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
