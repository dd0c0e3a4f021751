import assert from "node:assert/strict";
import { downstream, parseStageSpec, topoOrder, upstreamClosure } from "./stage.ts";

const spec = (id: string, deps: string[] = []) =>
  parseStageSpec({ id, description: id, deps, outputs: ["metrics.{profile}.json"] }, `${id}/stage.json`, id, 1);

Deno.test("parseStageSpec: validates ids, outputs, reproduce mode and permissions", () => {
  const s = spec("e01_demo");
  assert.equal(s.alias, "e01");
  assert.deepEqual(s.reproduce, { mode: "bitwise" });
  assert.throws(
    () => parseStageSpec({ id: "demo", description: "d", outputs: ["a"] }, "s.json", ".", 1),
    /id "demo" must look like/,
  );
  assert.throws(
    () => parseStageSpec({ id: "e01_x", description: "d", outputs: ["m.json"] }, "s.json", ".", 1),
    /must contain \{profile\}/,
  );
  assert.throws(
    () =>
      parseStageSpec(
        { id: "e01_x", description: "d", outputs: ["m.{profile}.json"], permissions: ["-A"] },
        "s.json",
        ".",
        1,
      ),
    /"permissions": "-A" is not allowed/,
  );
  assert.throws(
    () => parseStageSpec({ id: "e01_x", description: "d", outputs: ["x"], foo: 1 }, "s.json", ".", 1),
    /unknown key "foo"/,
  );
});

Deno.test("topoOrder, upstreamClosure, downstream; cycles are named", () => {
  const a = spec("a01_a"), b = spec("b01_b", ["a01_a"]), c = spec("c01_c", ["b01_b"]);
  assert.deepEqual(topoOrder([c, b, a]).map((s) => s.id), ["a01_a", "b01_b", "c01_c"]);
  assert.deepEqual([...upstreamClosure([a, b, c], ["b01_b"])].sort(), ["a01_a", "b01_b"]);
  assert.deepEqual([...downstream([a, b, c], "a01_a")].sort(), ["b01_b", "c01_c"]);
  const x = spec("x01_x", ["y01_y"]), y = spec("y01_y", ["x01_x"]);
  assert.throws(() => topoOrder([x, y]), /dependency cycle: x01_x → y01_y → x01_x/);
});

Deno.test("parseStageSpec: volatile key prefixes are declared data", () => {
  const s = parseStageSpec(
    { id: "e01_x", description: "d", outputs: ["m.{profile}.json"], volatile: ["latency"] },
    "s.json",
    ".",
    1,
  );
  assert.deepEqual(s.volatile, ["latency"]);
  assert.throws(
    () =>
      parseStageSpec({ id: "e01_x", description: "d", outputs: ["m.{profile}.json"], volatile: [1] }, "s.json", ".", 1),
    /"volatile" must be an array of strings/,
  );
});

Deno.test("parseStageSpec: outDir is the stage's own folder or data/derived/<id>, normalised; nothing else", () => {
  const mk = (outDir: unknown) =>
    parseStageSpec(
      { id: "e01_x", description: "d", outputs: ["m.{profile}.json"], outDir },
      "experiments/e01_x/v1/stage.json",
      "experiments/e01_x/v1",
      1,
    );
  assert.equal(mk(undefined).outDir, "experiments/e01_x/v1");
  assert.equal(mk("./experiments/e01_x/v1/").outDir, "experiments/e01_x/v1");
  assert.equal(mk("data/derived/e01_x").outDir, "data/derived/e01_x");
  for (
    const bad of [
      ".",
      "",
      "/tmp",
      "data/derived",
      "data/raw",
      "experiments/e02_y/v1",
      "data/derived/e01_x/../e02_y",
      ".cache",
    ]
  ) {
    assert.throws(() => mk(bad), /experiments\/e01_x\/v1\/stage\.json: "outDir"/, bad);
  }
});

Deno.test("parseStageSpec: every permission flag carries a scoped value; anything else is refused with file and key", () => {
  const mk = (permissions: string[]) =>
    parseStageSpec({ id: "e01_x", description: "d", outputs: ["m.{profile}.json"], permissions }, "s.json", ".", 1);
  assert.deepEqual(
    mk(["--allow-env=NAPI_RS_FORCE_WASI", "--allow-sys=cpus,hostname", "--allow-ffi=node_modules/.deno/x/y.node"])
      .permissions,
    ["--allow-env=NAPI_RS_FORCE_WASI", "--allow-sys=cpus,hostname", "--allow-ffi=node_modules/.deno/x/y.node"],
  );
  for (
    const bad of [
      "--allow-ffi",
      "--allow-env",
      "--allow-sys",
      "-A",
      "--allow-all",
      "--allow-run=sh",
      "--allow-write=/",
      "--allow-read",
      "--allow-net=example.com",
      "--allow-import",
      "--allow-ffi=/usr/lib/x86_64-linux-gnu/libc.so.6",
      "--allow-ffi=node_modules/../../libc.so",
      "--allow-ffi=node_modules",
      "--allow-env=A B",
      "--allow-env=*",
      "--allow-sys=everything",
      "--no-prompt",
    ]
  ) {
    assert.throws(() => mk([bad]), /s\.json: "permissions": ".*" is not allowed/, bad);
  }
});

Deno.test("parseStageSpec: main and figures are file names in the stage's folder", () => {
  const mk = (extra: Record<string, string>) =>
    parseStageSpec({ id: "e01_x", description: "d", outputs: ["m.{profile}.json"], ...extra }, "s.json", ".", 1);
  assert.equal(mk({ main: "run.ts", figures: "figs.ts" }).main, "run.ts");
  for (const bad of ["../../../tasks/reproduce.ts", "/tmp/x.ts", "sub/main.ts", "main.js"]) {
    assert.throws(() => mk({ main: bad }), /s\.json: "main": ".*" must be a \.ts file name/, bad);
    assert.throws(() => mk({ figures: bad }), /s\.json: "figures": ".*" must be a \.ts file name/, bad);
  }
});
