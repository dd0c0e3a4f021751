import assert from "node:assert/strict";
import { localImportClosure, scanModule } from "./imports.ts";
import type { GraphNode } from "./graph.ts";
import { nodeKey, treeStamp } from "./runner.ts";

Deno.test("scanModule: imports with their names, re-exports, own exports", () => {
  const src = [
    `import { a, b as c, type T } from "./a.ts";`,
    `import d, * as ns from "./d.ts";`,
    `import type { U } from "../u.ts";`,
    `import { type V } from "./v.ts";`,
    `import "./side.ts";`,
    `import x from "npm:x@1";`,
    `export * from "./star.ts";`,
    `export * as sub from "./sub.ts";`,
    `export { e, f as g } from "./e.ts";`,
    `export type { W } from "./w.ts";`,
    `const m = await import("./dyn.ts");`,
    `const w = new Worker(new URL("./worker.ts", import.meta.url).href, { type: "module" });`,
    `const data = new URL("./data.json", import.meta.url);`,
    `export const k = 1;`,
    `export async function h() {}`,
    `export class K {}`,
    `export interface I {}`,
    `export type J = number;`,
    `export default 3;`,
    `const z = 1;`,
    `export { z as zz };`,
  ].join("\n");
  const s = scanModule(src);
  const rows = s.imports.map((i) => [i.line, i.specifier, i.kind, i.typeOnly, i.names.join(), i.bindings.join(";")]);
  assert.deepEqual(rows, [
    [1, "./a.ts", "import", false, "a,b,T", ""],
    [2, "./d.ts", "import", false, "*,default", ""],
    [3, "../u.ts", "import", true, "U", ""],
    [4, "./v.ts", "import", true, "V", ""],
    [5, "./side.ts", "import", false, "", ""],
    [6, "npm:x@1", "import", false, "default", ""],
    [7, "./star.ts", "reexport", false, "", "*,*"],
    [8, "./sub.ts", "reexport", false, "", "sub,*"],
    [9, "./e.ts", "reexport", false, "", "e,e;g,f"],
    [10, "./w.ts", "reexport", true, "", "W,W"],
    [11, "./dyn.ts", "import", false, "*", ""],
    [12, "./worker.ts", "import", false, "*", ""],
  ]);
  assert.deepEqual([...s.localExports].sort(), ["I", "J", "K", "default", "h", "k", "zz"]);
});

Deno.test("scanModule: comments, strings, templates and regexes are not code", () => {
  const src = [
    `/** @example`,
    ` * import { no } from "./doc.ts";`,
    ` */`,
    `// import "./line.ts";`,
    `const s = 'import { q } from "./str.ts"';`,
    "const t = `import('./tpl.ts') ${s + `nested ${1}`} export * from \"./t2.ts\"`;",
    `const r = /["'\`]/g; const u = "http://x/*";`,
    `import { real } from "./real.ts"; // "*/"`,
    `const v = 4 / 2 / 1; import("./late.ts");`,
    "const w = `tasks/${s}`;",
  ].join("\n");
  const s = scanModule(src);
  assert.deepEqual(s.imports.map((i) => [i.line, i.specifier]), [[8, "./real.ts"], [9, "./late.ts"]]);
  assert.equal(s.code.length, src.length);
  assert.equal(s.code.split("\n").length, src.split("\n").length);
  assert.ok(s.strings.some((x) => x.value === "tasks/" && x.line === 10));
  assert.ok(!s.strings.some((x) => x.value.includes("doc.ts")), "comment text is not a code string");
});

async function project(files: Record<string, string>): Promise<string> {
  const root = await Deno.makeTempDir();
  for (const [p, text] of Object.entries(files)) {
    const dir = p.includes("/") ? `${root}/${p.slice(0, p.lastIndexOf("/"))}` : root;
    await Deno.mkdir(dir, { recursive: true });
    await Deno.writeTextFile(`${root}/${p}`, text);
  }
  return root;
}

Deno.test("localImportClosure: follows each imported name through mod.ts chains to its defining file", async () => {
  const root = await project({
    "lib/x/mod.ts": `export * from "./a.ts";\nexport * from "./b.ts";\nexport { c as see } from "./c.ts";\n` +
      `export * from "./inner/mod.ts";\nexport type { T } from "./types.ts";`,
    "lib/x/a.ts": `import { helper } from "../y/mod.ts";\nexport function a() { return helper(); }`,
    "lib/x/b.ts": `export const b = 2;`,
    "lib/x/c.ts": `export const c = 3;`,
    "lib/x/types.ts": `export interface T { v: number }`,
    "lib/x/inner/mod.ts": `export * from "./deep.ts";\nexport * from "./other.ts";`,
    "lib/x/inner/deep.ts": `import "./registers.ts";\nexport const deep = 4;`,
    "lib/x/inner/registers.ts": `globalThis.x = 1;`,
    "lib/x/inner/other.ts": `export const other = 5;`,
    "lib/y/mod.ts": `export * from "./helper.ts";\nexport * from "./unused.ts";`,
    "lib/y/helper.ts": `export const helper = () => 1;`,
    "lib/y/unused.ts": `export const unused = 0;`,
    "s1.ts": `import { a, see } from "./lib/x/mod.ts";\nconsole.log(a(), see);`,
    "s2.ts": `import { deep, type T } from "./lib/x/mod.ts";\nconst t: T = { v: deep };`,
    "s3.ts": `import * as x from "./lib/x/mod.ts";\nconsole.log(x);`,
  });
  try {
    assert.deepEqual(await localImportClosure("s1.ts", root), [
      "lib/x/a.ts",
      "lib/x/c.ts",
      "lib/x/mod.ts",
      "lib/y/helper.ts",
      "lib/y/mod.ts",
      "s1.ts",
    ]);
    assert.deepEqual(await localImportClosure("s2.ts", root), [
      "lib/x/inner/deep.ts",
      "lib/x/inner/mod.ts",
      "lib/x/inner/registers.ts", // a side-effect import of a used file is followed
      "lib/x/mod.ts",
      "lib/x/types.ts", // type-only imports count
      "s2.ts",
    ]);
    const all = await localImportClosure("s3.ts", root); // a namespace import takes the whole module
    assert.ok(all.includes("lib/x/b.ts") && all.includes("lib/x/inner/other.ts"));
    assert.ok(!all.includes("lib/y/unused.ts")); // a.ts takes only helper from lib/y
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("localImportClosure: a name it cannot trace pulls in every export * source (conservative)", async () => {
  const root = await project({
    "mod.ts": `export * from "./a.ts";\nexport * from "./b.ts";`,
    "a.ts": `export const { hidden } = { hidden: 1 };`, // a destructuring export the scanner does not read
    "b.ts": `export const b = 2;`,
    "main.ts": `import { hidden } from "./mod.ts";`,
  });
  try {
    assert.deepEqual(await localImportClosure("main.ts", root), ["a.ts", "b.ts", "main.ts", "mod.ts"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("localImportClosure: a missing import is an error naming the importing file", async () => {
  const root = await project({ "main.ts": `import { a } from "./lib/gone.ts";` });
  try {
    await assert.rejects(
      () => localImportClosure("main.ts", root),
      /main\.ts: imports "\.\/lib\/gone\.ts" but lib\/gone\.ts/,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("cache key: touching a file no stage uses re-runs nothing; touching a used one re-runs", async () => {
  const root = await project({
    "lib/m/mod.ts": `export * from "./used.ts";\nexport * from "./unused.ts";`,
    "lib/m/used.ts": `export const used = 1;`,
    "lib/m/unused.ts": `export const unused = 2;`,
    "experiments/e99/v1/main.ts": `import { used } from "../../../lib/m/mod.ts";\nconsole.log(used);`,
  });
  const node: GraphNode = {
    id: "e99",
    kind: "stage",
    profile: "quick",
    deps: [],
    code: ["experiments/e99/v1/main.ts"],
    files: [],
    outputs: [],
    args: [],
  };
  const env = { lock: "lock", deno: "2" };
  try {
    const k0 = (await nodeKey(root, node, env)).key;
    await Deno.writeTextFile(`${root}/lib/m/unused.ts`, `export const unused = 3; // edited`);
    assert.equal((await nodeKey(root, node, env)).key, k0);
    await Deno.writeTextFile(`${root}/lib/m/used.ts`, `export const used = 4;`);
    assert.notEqual((await nodeKey(root, node, env)).key, k0);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("cache key: the tree stamp (commit, clean/dirty) enters the paper's key only", async () => {
  const root = await project({ "lib/p.ts": `export const p = 1;`, "paper/paper.md": "# P" });
  const base = { deps: [], code: ["lib/p.ts"], files: ["paper/paper.md"], outputs: [], args: [] };
  const paper: GraphNode = { ...base, id: "paper", kind: "paper", profile: "full" };
  const stage: GraphNode = { ...base, id: "e99", kind: "stage", profile: "full" };
  const env = { lock: "lock", deno: "2" };
  const clean = { ...env, tree: treeStamp({ commit: "abc", dirty: false }) };
  const dirty = { ...env, tree: treeStamp({ commit: "abc", dirty: true }) };
  const other = { ...env, tree: treeStamp({ commit: "def", dirty: false }) };
  try {
    const key = async (n: GraphNode, e: typeof env) => (await nodeKey(root, n, e)).key;
    const p0 = await key(paper, clean);
    assert.notEqual(await key(paper, dirty), p0);
    assert.notEqual(await key(paper, other), p0);
    assert.equal(await key(paper, clean), p0);
    assert.equal(await key(stage, clean), await key(stage, dirty));
    assert.equal(await key(stage, other), await key(stage, env));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("localImportClosure: every stage of this project resolves, and no stage uses models/apc_baseline.ts", async () => {
  const entries: string[] = [];
  for await (const e of Deno.readDir("experiments")) {
    for await (const v of Deno.readDir(`experiments/${e.name}`)) {
      try {
        await Deno.stat(`experiments/${e.name}/${v.name}/main.ts`);
        entries.push(`experiments/${e.name}/${v.name}/main.ts`);
      } catch { /* not a stage version */ }
    }
  }
  assert.ok(entries.length > 5);
  for (const entry of entries) {
    const files = await localImportClosure(entry);
    assert.ok(files.includes(entry));
    assert.ok(!files.includes("lib/models/apc_baseline.ts"), `${entry} pulls in lib/models/apc_baseline.ts`);
  }
});
