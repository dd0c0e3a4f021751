/**
 * The architecture rules of docs/architecture.md, checked on every source file:
 *
 * 1. layers: an import in lib/ points to a strictly lower layer or stays in its own folder (type-only imports
 *    count); folders on the same layer do not import each other; lib/ never imports experiments/ or tasks/;
 * 2. lib/testing/ is test-only: only `*_test.ts`, `*_bench.ts` and other lib/testing files import it;
 * 3. file I/O (`Deno.readTextFile`, `Deno.writeFile`, `node:fs`, …) only in lib/data, lib/pipeline, lib/report and
 *    the files listed in IO_FILES (docs/architecture.md §4);
 * 4. nothing in lib/ names `tasks/` in code (comments may).
 *
 * `*_test.ts`, `*_bench.ts` and lib/testing/ files are exempt from 1, 3 and 4. Each violation prints as
 * `file:line imports X (layer a → layer b)`.
 */
import assert from "node:assert/strict";
import { normalizePath, scanModule } from "./imports.ts";

/** The layer table (docs/architecture.md §2). */
const LAYERS: Readonly<Record<string, number>> = {
  core: 0,
  data: 1,
  pipeline: 1,
  report: 1,
  market: 2,
  vol: 3,
  margin: 3,
  simm: 3,
  features: 4,
  targets: 4,
  backtest: 4,
  nn: 4,
  models: 5,
  attribution: 5,
  explain: 5,
  evaluation: 5,
  study: 6,
  deepmargin: 6,
  experiments: 7,
  tasks: 7,
};

/** Folders (or files) of lib/ that may read and write files. */
const IO_PREFIXES = ["lib/data/", "lib/pipeline/", "lib/report/"];
/** Single files outside those folders that may read files, each with its reason. */
const IO_FILES: Record<string, string> = {
  "lib/simm/load.ts": "reads ORE's SIMM calibration XML and CRIF files",
  "lib/vol/chain_load.ts": "reads vendored option-chain CSVs (TODO: move the reading part to lib/data)",
  "lib/nn/tf_backend.ts": "checks that the tfjs wasm binaries exist before the backend loads them",
};

/**
 * Violations that other work is removing right now, by file. Empty when the tree is clean; an entry here
 * must name what is wrong and carry a TODO.
 */
const KNOWN: Record<string, string> = {};

const FILE_IO =
  /(?<![\w$.])Deno\.(readTextFile|readFile|writeTextFile|writeFile|open|create|mkdir|remove|rename|stat|lstat|readDir|realPath|copyFile|truncate|makeTempDir|makeTempFile|chmod|chown|symlink|link|readLink|utime)(Sync)?\b/g;
const FS_MODULES = new Set(["node:fs", "node:fs/promises", "fs", "fs/promises"]);

const isExempt = (f: string) => /_(test|bench)\.ts$/.test(f) || f.startsWith("lib/testing/");

/** `lib/models/x.ts` → "models"; `experiments/…` → "experiments"; `tasks/…` → "tasks". */
function folderOf(f: string): string {
  const parts = f.split("/");
  return parts[0] === "lib" ? (parts.length > 2 ? parts[1] : "lib") : parts[0];
}

async function sourceFiles(dir: string, out: string[] = []): Promise<string[]> {
  for await (const e of Deno.readDir(dir)) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory && e.name !== "node_modules" && !e.name.startsWith(".")) await sourceFiles(p, out);
    else if (e.isFile && /\.(ts|tsx|js|mjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Every violation of the rules in `files` (root-relative), as printable lines. */
async function architectureViolations(files: readonly string[], root = "."): Promise<string[]> {
  const out: string[] = [];
  for (const f of files) {
    const exempt = isExempt(f);
    const from = folderOf(f);
    const s = scanModule(await Deno.readTextFile(`${root}/${f}`));
    const inLib = f.startsWith("lib/");
    const ioAllowed = IO_PREFIXES.some((p) => f.startsWith(p)) || f in IO_FILES;
    for (const imp of s.imports) {
      const where = `${f}:${imp.line}`;
      if (FS_MODULES.has(imp.specifier) && inLib && !exempt && !ioAllowed) {
        out.push(
          `${where} imports ${imp.specifier} (file I/O outside ${IO_PREFIXES.join(", ")}, ${
            Object.keys(IO_FILES).join(", ")
          })`,
        );
      }
      if (!imp.specifier.startsWith("./") && !imp.specifier.startsWith("../")) continue;
      if (exempt) continue;
      const dir = f.slice(0, f.lastIndexOf("/"));
      const target = normalizePath(`${dir}/${imp.specifier}`);
      const to = folderOf(target);
      if (target.startsWith("lib/testing/")) {
        out.push(
          `${where} imports ${imp.specifier} (layer ${LAYERS[from] ?? "?"} ${from} → lib/testing, which is test-only)`,
        );
        continue;
      }
      if (to === from) continue;
      const a = LAYERS[from], b = LAYERS[to];
      if (a === undefined || b === undefined) {
        const unknown = a === undefined ? from : to;
        out.push(
          `${where} imports ${imp.specifier} (folder "${unknown}" has no layer: add it to docs/architecture.md and LAYERS)`,
        );
      } else if (!(b < a)) {
        const why = b === a ? "same layer" : "upward";
        out.push(`${where} imports ${imp.specifier} (layer ${a} ${from} → layer ${b} ${to}: ${why})`);
      }
    }
    if (!inLib || exempt) continue;
    if (!ioAllowed) {
      const lines = s.code.split("\n");
      for (let i = 0; i < lines.length; i++) {
        for (const m of lines[i].matchAll(FILE_IO)) {
          out.push(
            `${f}:${i + 1} calls ${m[0]} (file I/O outside ${IO_PREFIXES.join(", ")}, ${
              Object.keys(IO_FILES).join(", ")
            })`,
          );
        }
      }
    }
    for (const str of s.strings) {
      if (/(^|[^\w-])tasks\//.test(str.value)) {
        out.push(`${f}:${str.line} names "${str.value}" (lib/ must not name tasks/)`);
      }
    }
  }
  return out;
}

Deno.test("architecture: imports follow the layer table, lib/testing is test-only, file I/O only where allowed, lib/ never names tasks/", async () => {
  const files = [
    ...await sourceFiles("lib"),
    ...await sourceFiles("experiments"),
    ...await sourceFiles("tasks"),
  ].sort();
  const all = await architectureViolations(files);
  const known = all.filter((v) => v.slice(0, v.indexOf(":")) in KNOWN);
  const fresh = all.filter((v) => !known.includes(v));
  if (known.length > 0) console.error(`known violations (TODO, see KNOWN):\n${known.join("\n")}`);
  assert.deepEqual(fresh, [], `architecture violations (docs/architecture.md):\n${fresh.join("\n")}\n`);
  for (const f of Object.keys(KNOWN)) {
    assert.ok(known.some((v) => v.startsWith(`${f}:`)), `${f} is clean: remove it from KNOWN`);
  }
  for (const f of Object.keys(IO_FILES)) {
    assert.ok(files.includes(f), `IO_FILES names ${f}, which does not exist`);
    const io = [...scanModule(await Deno.readTextFile(f)).code.matchAll(FILE_IO)];
    assert.ok(
      io.length > 0,
      `IO_FILES names ${f}, which does no file I/O any more: remove it (and from docs/architecture.md §4)`,
    );
  }
});

Deno.test("architecture: every lib/ folder has a layer", async () => {
  const folders: string[] = [];
  for await (const e of Deno.readDir("lib")) {
    if (!e.isDirectory || e.name === "testing") continue;
    let hasTs = false;
    for await (const f of Deno.readDir(`lib/${e.name}`)) hasTs ||= f.name.endsWith(".ts");
    if (hasTs) folders.push(e.name);
  }
  assert.deepEqual(folders.filter((f) => !(f in LAYERS)).sort(), []);
});

Deno.test("architecture: the checker reports each kind of violation with file and line", async () => {
  const root = await Deno.makeTempDir();
  const put = async (p: string, text: string) => {
    await Deno.mkdir(`${root}/${p.slice(0, p.lastIndexOf("/"))}`, { recursive: true });
    await Deno.writeTextFile(`${root}/${p}`, text);
  };
  try {
    await put("lib/core/a.ts", `export const a = 1;`);
    await put("lib/market/m.ts", `import { a } from "../core/a.ts";\nimport { x } from "../models/x.ts";`);
    await put("lib/models/x.ts", `import type { E } from "../explain/e.ts";\nexport const x = 1;`);
    await put(
      "lib/explain/e.ts",
      `export type E = number;\nconst p = "tasks/paper.ts"; // tasks/ in a comment is fine`,
    );
    await put("lib/vol/v.ts", `import { f } from "../testing/f.ts";\nawait Deno.readTextFile("x"); // Deno.readFile`);
    await put("lib/testing/f.ts", `export const f = await Deno.readTextFile("y");`);
    await put("lib/vol/v_test.ts", `import { f } from "../testing/f.ts";\nimport { e } from "../../experiments/x.ts";`);
    await put("lib/data/d.ts", `import * as fs from "node:fs";\nawait Deno.writeTextFile("z", "");`);
    const files = ["lib/core/a.ts", "lib/market/m.ts", "lib/models/x.ts", "lib/explain/e.ts", "lib/vol/v.ts"];
    files.push("lib/testing/f.ts", "lib/vol/v_test.ts", "lib/data/d.ts");
    assert.deepEqual(await architectureViolations(files, root), [
      "lib/market/m.ts:2 imports ../models/x.ts (layer 2 market → layer 5 models: upward)",
      "lib/models/x.ts:1 imports ../explain/e.ts (layer 5 models → layer 5 explain: same layer)",
      'lib/explain/e.ts:2 names "tasks/paper.ts" (lib/ must not name tasks/)',
      "lib/vol/v.ts:1 imports ../testing/f.ts (layer 3 vol → lib/testing, which is test-only)",
      "lib/vol/v.ts:2 calls Deno.readTextFile (file I/O outside lib/data/, lib/pipeline/, lib/report/, lib/simm/load.ts, lib/vol/chain_load.ts, lib/nn/tf_backend.ts)",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("architecture: no stage's computation imports its figure module (a figure edit must not re-run the stage)", async () => {
  const { discoverStages } = await import("./stage.ts");
  const { localImportClosure } = await import("./imports.ts");
  const bad: string[] = [];
  for (const s of await discoverStages(".")) {
    if (!s.figures) continue;
    const fig = normalizePath(`${s.dir}/${s.figures}`);
    const closure = await localImportClosure(`${s.dir}/${s.main}`, ".");
    if (closure.includes(fig)) bad.push(`${s.dir}/${s.main} imports ${fig}: move what both need into outputs.ts`);
  }
  assert.deepEqual(bad, []);
});
