/**
 * Run the pipeline graph with a content-hash cache. A node's key hashes its
 * code (the local import closure of its entry modules), its resolved
 * parameters, its data and input files, its upstream outputs, `deno.lock` and
 * the Deno version. An unchanged node is skipped; a changed one re-runs, and
 * so does everything downstream whose inputs change. Independent nodes run in
 * parallel child processes. Cache records are written only after a node's
 * outputs are all in place, so a run killed at any moment resumes cleanly.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runPipeline } from "./runner.ts";
 * // a one-stage project under a temp root: deno.lock and experiments/e99_hello/v1/{stage,params}.json, main.ts
 * await Deno.mkdir(".cache/tmp", { recursive: true });
 * const root = await Deno.realPath(await Deno.makeTempDir({ dir: ".cache/tmp" }));
 * const dir = `${root}/experiments/e99_hello/v1`;
 * await Deno.mkdir(dir, { recursive: true });
 * await Deno.writeTextFile(`${root}/deno.lock`, "{}");
 * const stage = { id: "e99_hello", description: "demo", profiles: false, outputs: ["hello.txt"] };
 * await Deno.writeTextFile(`${dir}/stage.json`, JSON.stringify(stage));
 * await Deno.writeTextFile(`${dir}/params.json`, '{"profiles": {"quick": {}, "full": {}}}');
 * const harness = new URL("./harness.ts", import.meta.url).href; // main.ts calls runStage, as every stage does
 * await Deno.writeTextFile(
 *   `${dir}/main.ts`,
 *   `import { runStage } from "${harness}";\nawait runStage(import.meta.url, { schema: {}, run: () => Promise.resolve({ "hello.txt": "hi" }) });\n`,
 * );
 * const opts = { root, profile: "quick" as const, noPaper: true, jobs: 2, log: () => {} };
 * assert.deepEqual((await runPipeline(opts)).map((r) => r.status), ["ran"]); // in a child `deno run`
 * assert.deepEqual((await runPipeline(opts)).map((r) => r.status), ["skipped"]); // inputs unchanged: cached
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */

import { canonicalJson, sha256Hex } from "../core/hash.ts";
import { removeStaleTemps, writeFileAtomic } from "./atomic.ts";
import { buildGraph, type GraphNode, neededNodes, resolveTargets } from "./graph.ts";
import { localImportClosure } from "./imports.ts";
import { acquirePipelineLock } from "./lock.ts";
import {
  manifestText,
  type RunRecord,
  runRecordPath,
  type StageManifest,
  stageManifest,
  writeManifest,
} from "./manifest.ts";
import { mergeParamLayers, type Profile, PROFILES } from "./params.ts";
import { loadParamLayers } from "./params_file.ts";
import { discoverStages, type StageSpec } from "./stage.ts";
import { assertNoSymlink, trackedSymlinks } from "./symlinks.ts";

/** Options of a pipeline run. */
export interface RunOptions {
  root: string;
  profile: Profile;
  only?: string[];
  force?: boolean;
  jobs?: number;
  /** Skip the paper node (e.g. when only metrics are wanted). */
  noPaper?: boolean;
  log?: (msg: string) => void;
  /** The caller already holds the run lock (`acquirePipelineLock`), e.g. verify around its whole run. */
  lockHeld?: boolean;
  /**
   * Write outputs whose only change is in a stage's declared `volatile` keys (machine-dependent timings). By
   * default such a file is kept and the fresh values go to the run record.
   */
  updateVolatile?: boolean;
}

/** Outcome per node. */
export interface NodeResult {
  id: string;
  status: "skipped" | "ran";
  wallSeconds: number;
}

async function fileHash(root: string, path: string, what: string, known?: Record<string, string>): Promise<string> {
  await assertNoSymlink(root, path, what);
  try {
    return await sha256Hex(await Deno.readFile(`${root}/${path}`));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      if (known && path in known) return known[path];
      throw new RangeError(`${what}: required file ${path} is missing`);
    }
    throw e;
  }
}

/** Inputs of a node and its cache key. */
export interface NodeKey {
  key: string;
  inputs: Record<string, string>;
  /** The resolved parameters of the node's profile (after `extends`), or undefined for nodes without params. */
  params?: Record<string, unknown>;
}

/**
 * Compute a node's key from the current state of its inputs: its code closure, its params files (the whole
 * `extends` chain), its data and upstream outputs, and the resolved parameters of its profile. `known` supplies
 * the hash of an input file that is missing on disk (used when manifests are refreshed without re-running).
 */
export async function nodeKey(
  root: string,
  n: GraphNode,
  env: KeyEnv,
  known?: Record<string, string>,
  /** Hashes already computed in this pass (`deno task status` shares one over every node). */
  hashes?: Map<string, string>,
): Promise<NodeKey> {
  const inputs: Record<string, string> = {};
  for (const entry of n.code) for (const f of await localImportClosure(entry, root)) inputs[f] = "";
  for (const f of n.files) inputs[f] = "";
  let params: Record<string, unknown> | undefined;
  if (n.paramsFile) {
    const layers = await loadParamLayers(root, n.paramsFile);
    for (const l of layers) inputs[l.file] = "";
    params = mergeParamLayers(layers, n.profile).values;
  }
  for (const f of Object.keys(inputs)) {
    let h = hashes?.get(f);
    if (h === undefined) {
      h = await fileHash(root, f, n.id, known);
      if (!known) hashes?.set(f, h); // a hash taken from `known` (file missing) is not the file's: not shared
    }
    inputs[f] = h;
  }
  const { tree, ...rest } = env;
  // the paper stamps the tree's commit and clean/dirty state at its end: that state is one of its inputs
  const stamp = n.kind === "paper" && tree !== undefined ? { tree } : {};
  const key = await sha256Hex(canonicalJson({ id: n.id, profile: n.profile, inputs, params, ...rest, ...stamp }));
  return { key, inputs, params };
}

interface CacheRecord {
  key: string;
  outputs: Record<string, string>;
  /** The inputs and resolved params behind `key` (`deno task status` names what changed since). */
  inputs?: Record<string, string>;
  params?: Record<string, unknown>;
}

function recordPath(n: GraphNode): string {
  return `.cache/pipeline/${n.id.replace(":", "_")}.${n.profile}.json`;
}

async function readRecord(root: string, n: GraphNode): Promise<CacheRecord | null> {
  try {
    return JSON.parse(await Deno.readTextFile(`${root}/${recordPath(n)}`));
  } catch {
    return null;
  }
}

async function outputsMatch(root: string, rec: CacheRecord, n: GraphNode): Promise<boolean> {
  for (const o of n.outputs) {
    try {
      if ((await sha256Hex(await Deno.readFile(`${root}/${o}`))) !== rec.outputs[o]) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Run `git -C root …args`; stdout as text when git succeeds, else null (a missing git throws). */
async function git(root: string, ...args: string[]): Promise<string | null> {
  const r = await new Deno.Command("git", { args: ["-C", root, ...args], stdout: "piped", stderr: "null" }).output();
  return r.success ? new TextDecoder().decode(r.stdout) : null;
}

/**
 * What every node key hashes besides its inputs: the lock file's hash and Deno's version; `tree` (the commit and
 * clean/dirty state, {@link treeStamp}) enters only the paper's key, which stamps it at its end.
 */
export interface KeyEnv {
  lock: string;
  deno: string;
  tree?: string;
}

/**
 * The tree state the paper stamps, as a key input: `commit:clean`, `commit:dirty` or `unknown`.
 * @example
 * ```ts
 * import { treeStamp } from "./runner.ts";
 * console.assert(treeStamp({ commit: "abc", dirty: false }) === "abc:clean");
 * console.assert(treeStamp({ commit: null, dirty: null }) === "unknown");
 * ```
 */
export function treeStamp(g: { commit: string | null; dirty: boolean | null }): string {
  if (g.commit === null) return "unknown";
  return `${g.commit}:${g.dirty === null ? "unknown" : g.dirty ? "dirty" : "clean"}`;
}

/** HEAD's commit and whether tracked files differ from it (null where git cannot say: no git, not a repository). */
export async function gitState(root: string): Promise<{ commit: string | null; dirty: boolean | null }> {
  try {
    const rev = await git(root, "rev-parse", "HEAD");
    const st = await git(root, "status", "--porcelain", "--untracked-files=no");
    return { commit: rev === null ? null : rev.trim(), dirty: st === null ? null : st.trim() !== "" };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** Tracked files with uncommitted changes and untracked files (root-relative), or null when git cannot say. */
async function uncommitted(root: string): Promise<string[] | null> {
  try {
    const top = await git(root, "rev-parse", "--show-prefix");
    const st = await git(root, "status", "--porcelain", "-z", "--untracked-files=all", ".");
    if (top === null || st === null) return null;
    const prefix = top.trim();
    const out: string[] = [];
    for (const rec of st.split("\0")) {
      if (rec.length > 3) out.push(rec.slice(3).startsWith(prefix) ? rec.slice(3 + prefix.length) : rec.slice(3));
    }
    return out;
  } catch {
    return null;
  }
}

/** A temp file untouched for this long is a leftover of a killed writer, never one in flight. */
const STALE_TEMP_MS = 60_000;

/** Root of the project this module belongs to (where `lib/pipeline/validate_params.ts` lives). */
const LIB_ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

/**
 * Validate every stage's params for every profile in a read-only child process, before any stage starts
 * (`validate_params.ts`). The verdict is cached under a key over every stage's code closure and params files.
 * @throws {RangeError} listing every problem (file, profile and key)
 */
export async function checkAllParams(
  root: string,
  stages: readonly StageSpec[],
  needed: ReadonlySet<string> = new Set(stages.map((s) => s.id)),
  log: (msg: string) => void = (m) => console.error(m),
): Promise<void> {
  const parts: Record<string, Record<string, string>> = {};
  let cacheable = true;
  for (const s of stages) {
    try {
      const files = new Set(await localImportClosure(`${s.dir}/${s.main}`, root));
      for (const l of await loadParamLayers(root, `${s.dir}/params.json`)) files.add(l.file);
      const h: Record<string, string> = {};
      for (const f of [...files].sort()) h[f] = await fileHash(root, f, s.id);
      parts[s.id] = h;
    } catch (e) {
      if (needed.has(s.id) || e instanceof SyntaxError) throw e;
      cacheable = false; // a stage this run does not need is mid-edit: the validator below says what it can
    }
  }
  const key = await sha256Hex(canonicalJson({ deno: Deno.version.deno, parts }));
  const recFile = `${root}/.cache/pipeline/params-check.json`;
  try {
    if (JSON.parse(await Deno.readTextFile(recFile)).key === key) return;
  } catch { /* not checked yet */ }
  const read = root === LIB_ROOT ? root : `${root},${LIB_ROOT}`;
  const out = await new Deno.Command("deno", {
    args: [
      "run",
      "--frozen",
      "--deny-net",
      `--allow-read=${read}`,
      `${LIB_ROOT}/lib/pipeline/validate_params.ts`,
      root,
      "--needed",
      [...needed].join(","),
    ],
    cwd: root,
    stdout: "null",
    stderr: "piped",
  }).output();
  const msg = new TextDecoder().decode(out.stderr).trim();
  if (!out.success) throw new RangeError(`invalid parameters (no stage was started):\n${msg}`);
  if (msg !== "") { for (const line of msg.split("\n")) log(`[reproduce] ${line}`); }
  // warnings (a stage that cannot be loaded) are not cached, so they are said again next time
  if (msg === "" && cacheable) await writeFileAtomic(recFile, JSON.stringify({ key }));
}

/**
 * Refuse symbolic links the stages would be handed: any tracked file whose git mode is a link, and every path
 * of the nodes about to run (inputs are checked as they are hashed; here the output folders and outputs).
 * @throws {RangeError} naming the link
 */
async function checkNoLinks(root: string, nodes: readonly GraphNode[]): Promise<void> {
  const tracked = await trackedSymlinks(root);
  if (tracked && tracked.length > 0) {
    throw new RangeError(
      `tracked symbolic links are refused (they escape the scoped permissions): ${tracked.join(", ")}`,
    );
  }
  for (const n of nodes) for (const o of n.outputs) await assertNoSymlink(root, o, `${n.id}: output`);
}

/**
 * Run (or skip) every needed node. Throws a RangeError naming the node when one fails.
 */
export async function runPipeline(opts: RunOptions): Promise<NodeResult[]> {
  const { root, profile } = opts;
  const log = opts.log ?? ((m: string) => console.error(m));
  const jobs = Math.max(1, opts.jobs ?? 2);
  const stages = await discoverStages(root);
  let nodes = buildGraph(stages, root, profile);
  if (opts.noPaper) nodes = nodes.filter((n) => n.kind !== "paper");
  const targets = opts.only && opts.only.length > 0 ? resolveTargets(nodes, opts.only) : nodes.map((n) => n.id);
  const needed = neededNodes(nodes, targets);
  const todo = nodes.filter((n) => needed.has(n.id));
  const release = opts.lockHeld ? () => {} : await acquirePipelineLock(root, log);
  try {
    await checkNoLinks(root, todo);
    await checkAllParams(root, stages, new Set(todo.filter((n) => n.kind === "stage").map((n) => n.id)), log);
    const env = {
      lock: await fileHash(root, "deno.lock", "pipeline"),
      deno: Deno.version.deno,
    };
    const git = await gitState(root);
    await Deno.mkdir(`${root}/.cache/pipeline/results`, { recursive: true });
    // Only under the lock (no other run can have a temp file in flight here), and only temps older than a minute
    // (a writer outside the pipeline, such as `deno task figures`, does not take the lock).
    for (const d of new Set(todo.flatMap((n) => n.outputs.map((o) => o.slice(0, o.lastIndexOf("/")))))) {
      await removeStaleTemps(`${root}/${d}`, STALE_TEMP_MS);
    }
    const threads = await nodeThreads(root, todo);
    return await runNodes(root, todo, needed, env, git, jobs, threads, !!opts.force, !!opts.updateVolatile, log);
  } finally {
    release();
  }
}

/** The machine's cores: the most threads the running stages may use together. */
export function coreCount(): number {
  const n = navigator.hardwareConcurrency;
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/**
 * Threads each node uses while it runs: a stage's resolved `workers` parameter (its worker pool), else 1. The
 * runner starts a node only while the running nodes' threads plus its own stay within {@link coreCount} (a node
 * that alone wants more runs by itself), so `--jobs` × a stage's `workers` never oversubscribes the cores.
 */
export async function nodeThreads(root: string, nodes: readonly GraphNode[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const n of nodes) {
    let w = 1;
    if (n.kind === "stage" && n.paramsFile) {
      try {
        const v = mergeParamLayers(await loadParamLayers(root, n.paramsFile), n.profile).values.workers;
        if (typeof v === "number" && Number.isInteger(v) && v > 1) w = v;
      } catch { /* the params check has reported it */ }
    }
    out.set(n.id, w);
  }
  return out;
}

/**
 * A counting semaphore over the cores: `acquire(w)` waits until `w` threads are free (w is capped at the total) and
 * resolves to the count it holds, which `release` gives back. The runner and verify start a stage only inside it.
 */
export function threadPool(total: number = coreCount()): {
  acquire(w: number): Promise<number>;
  release(w: number): void;
} {
  let free = total;
  const waiting: { w: number; go: () => void }[] = [];
  const wake = () => {
    for (let i = 0; i < waiting.length;) {
      if (waiting[i].w <= free) {
        free -= waiting[i].w;
        waiting.splice(i, 1)[0].go();
      } else i++;
    }
  };
  return {
    acquire(w: number): Promise<number> {
      const need = Math.min(w, total);
      return new Promise((go) => {
        waiting.push({ w: need, go: () => go(need) });
        wake();
      });
    },
    release(w: number) {
      free += w;
      wake();
    },
  };
}

/** The closing table of a run: node, ran/skipped, wall time, and whether its metrics equal the committed ones. */
async function closingTable(root: string, todo: readonly GraphNode[], done: Map<string, NodeResult>): Promise<string> {
  const changed = await uncommitted(root);
  const rows = todo.filter((n) => done.has(n.id)).map((n) => {
    const r = done.get(n.id)!;
    const metrics = n.outputs.filter((o) => o.slice(o.lastIndexOf("/") + 1).startsWith("metrics."));
    let vs = "—";
    if (metrics.length > 0) {
      vs = changed === null ? "?" : metrics.some((m) => changed.includes(m)) ? "differ from HEAD" : "= committed";
    }
    return [n.id, r.status, r.status === "ran" ? `${r.wallSeconds.toFixed(1)}s` : "", vs];
  });
  const head = ["node", "ran/skipped", "wall", "metrics"];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((r) => "  " + r.map((c, i) => c.padEnd(w[i])).join("  ").trimEnd()).join("\n");
}

async function runNodes(
  root: string,
  todo: GraphNode[],
  needed: Set<string>,
  env: KeyEnv,
  git: RunRecord["git"],
  jobs: number,
  threads: Map<string, number>,
  force: boolean,
  updateVolatile: boolean,
  log: (msg: string) => void,
): Promise<NodeResult[]> {
  const done = new Map<string, NodeResult>();
  const running = new Map<string, Promise<void>>();
  const failed: string[] = [];
  const t0 = performance.now();
  const cores = threadPool(coreCount());
  let started = 0;
  const runNode = async (n: GraphNode): Promise<void> => {
    const i = `[${++started}/${todo.length}]`;
    // the tree as the paper will see it (upstream nodes of this run may have rewritten tracked outputs)
    const k = await nodeKey(root, n, n.kind === "paper" ? { ...env, tree: treeStamp(await gitState(root)) } : env);
    const rec = await readRecord(root, n);
    if (!force && rec && rec.key === k.key && await outputsMatch(root, rec, n)) {
      done.set(n.id, { id: n.id, status: "skipped", wallSeconds: 0 });
      log(`[reproduce] ${i} ${n.id} (${n.profile}): up to date, skipped`);
      return;
    }
    const held = await cores.acquire(threads.get(n.id) ?? 1);
    try {
      await runChild(n, k, i, held);
    } finally {
      cores.release(held);
    }
  };
  const runChild = async (n: GraphNode, k: NodeKey, i: string, held: number): Promise<void> => {
    const last = await Deno.readTextFile(`${root}/${runRecordPath(n.id, n.profile)}`)
      .then((t) => (JSON.parse(t) as RunRecord).wallSeconds).catch(() => null);
    log(
      `[reproduce] ${i} ${n.id} (${n.profile}): running…${last === null ? "" : ` (last run ${last.toFixed(0)}s)`}${
        held > 1 ? ` on ${held} threads` : ""
      }`,
    );
    const resultFile = `${root}/.cache/pipeline/results/${n.id}.${n.profile}.json`;
    await Deno.remove(resultFile).catch(() => {});
    const start = performance.now();
    const child = new Deno.Command("deno", {
      args: ["run", ...n.args, ...(updateVolatile && n.kind === "stage" ? ["--update-volatile"] : [])],
      cwd: root,
      stdout: "inherit",
      stderr: "inherit",
    });
    const status = await child.output();
    const wall = (performance.now() - start) / 1000;
    if (!status.success) {
      failed.push(n.id);
      throw new RangeError(`stage ${n.id} (${n.profile}) failed with exit code ${status.code}; see its message above`);
    }
    const outputs: Record<string, string> = {};
    for (const o of n.outputs) outputs[o] = await fileHash(root, o, `${n.id} did not write its declared output`);
    if (n.kind === "stage" && n.manifestDir) {
      let peak: number | null = null, volatileKept: RunRecord["volatileKept"] = {};
      try {
        const r = JSON.parse(await Deno.readTextFile(resultFile));
        peak = r.peakRssBytes ?? null;
        volatileKept = r.volatileKept ?? {};
      } catch { /* child did not report */ }
      const manifest: StageManifest = stageManifest({
        stage: n.id,
        version: n.stage!.version,
        profile: n.profile,
        lock: env.lock,
        cacheKey: k.key,
        params: k.params ?? null,
        inputs: k.inputs,
        outputs,
      });
      await writeManifest(`${root}/${n.manifestDir}/manifest.${n.profile}.json`, manifest);
      const run: RunRecord = {
        stage: n.id,
        profile: n.profile,
        cacheKey: k.key,
        git,
        wallSeconds: Math.round(wall * 1000) / 1000,
        peakRssBytes: peak,
        volatileKept,
      };
      await writeFileAtomic(`${root}/${runRecordPath(n.id, n.profile)}`, canonicalJson(run, 2) + "\n");
    }
    await writeFileAtomic(
      `${root}/${recordPath(n)}`,
      JSON.stringify({ key: k.key, outputs, inputs: k.inputs, params: k.params } satisfies CacheRecord),
    );
    done.set(n.id, { id: n.id, status: "ran", wallSeconds: wall });
    log(`[reproduce] ${i} ${n.id} (${n.profile}): done in ${wall.toFixed(1)}s`);
  };
  const pending = [...todo];
  while (pending.length > 0 || running.size > 0) {
    if (failed.length === 0) {
      for (let i = 0; i < pending.length && running.size < jobs;) {
        const n = pending[i];
        if (n.deps.every((d) => !needed.has(d) || done.has(d))) {
          pending.splice(i, 1);
          const p = runNode(n).finally(() => running.delete(n.id));
          running.set(n.id, p);
        } else i++;
      }
    }
    if (running.size === 0) break;
    try {
      await Promise.race(running.values());
    } catch (e) {
      // let the others finish, then report
      await Promise.allSettled(running.values());
      throw e;
    }
  }
  const ran = [...done.values()].filter((r) => r.status === "ran").length;
  log(await closingTable(root, todo, done));
  log(
    `[reproduce] ${done.size} node(s): ${ran} ran, ${done.size - ran} skipped, ${
      ((performance.now() - t0) / 1000).toFixed(1)
    }s`,
  );
  return [...done.values()];
}

/**
 * What every stage's tracked manifests (both profiles) would hold for the current code, params and the outputs in
 * the tree, without running anything. An output that is not in the tree (derived data under `data/derived`) keeps
 * the hash its previous manifest recorded for the same file name. A manifest that cannot be computed (its code
 * does not resolve, an output is neither on disk nor in the previous manifest) is left out and named in `failed`.
 */
export async function currentManifests(
  root: string,
  failed: string[] = [],
): Promise<[string, StageManifest][]> {
  const stages = await discoverStages(root);
  const known: Record<string, string> = {};
  for (const s of stages) {
    for (const p of PROFILES) {
      let old: { outputs?: Record<string, string> } = {};
      try {
        old = JSON.parse(await Deno.readTextFile(`${root}/${s.dir}/manifest.${p}.json`));
      } catch { /* none yet */ }
      const byName = new Map(Object.entries(old.outputs ?? {}).map(([k, v]) => [k.slice(k.lastIndexOf("/") + 1), v]));
      for (const o of s.outputs) {
        const name = o.replaceAll("{profile}", p);
        const h = byName.get(name);
        if (h) known[`${s.outDir}/${name}`] = h;
      }
    }
  }
  const env = { lock: await fileHash(root, "deno.lock", "pipeline"), deno: Deno.version.deno };
  const manifests: [string, StageManifest][] = [];
  for (const profile of PROFILES) {
    for (const n of buildGraph(stages, root, profile)) {
      if (n.kind !== "stage" || !n.manifestDir || n.profile !== profile) continue;
      let k: NodeKey;
      const outputs: Record<string, string> = {};
      try {
        k = await nodeKey(root, n, env, known);
        for (const o of n.outputs) outputs[o] = await fileHash(root, o, `${n.id} (${profile}): output`, known);
      } catch (e) {
        // one broken stage (mid-edit code, a missing output) must not hold back the others: report it
        failed.push(`${n.manifestDir}/manifest.${profile}.json: ${(e as Error).message}`);
        continue;
      }
      const m = stageManifest({
        stage: n.id,
        version: n.stage!.version,
        profile,
        lock: env.lock,
        cacheKey: k.key,
        params: k.params ?? null,
        inputs: k.inputs,
        outputs,
      });
      manifests.push([`${n.manifestDir}/manifest.${profile}.json`, m]);
    }
  }
  return manifests;
}

/**
 * Tracked manifests whose content differs from {@link currentManifests} (verify reports them), and those that
 * cannot be computed (with the reason).
 */
export async function staleManifests(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const [path, m] of await currentManifests(root, out)) {
    const text = await Deno.readTextFile(`${root}/${path}`).catch(() => null);
    if (text !== manifestText(m)) out.push(path);
  }
  return out;
}

/**
 * Rewrite every stage's tracked manifests (both profiles) from the current code, params and the committed outputs,
 * without running anything (`deno task reproduce --refresh-manifests`): the manifests then describe HEAD's code
 * and the outputs in the tree. Refused while an input or output has uncommitted changes (unless `allowDirty`).
 * Returns the manifests it changed.
 * @throws {RangeError} naming the uncommitted files; or, after writing the others, naming each manifest that could
 * not be computed (code that does not resolve, an output neither on disk nor in the previous manifest)
 */
export async function refreshManifests(
  root: string,
  log: (msg: string) => void = (m) => console.error(m),
  opts: { allowDirty?: boolean } = {},
): Promise<string[]> {
  const release = await acquirePipelineLock(root, log);
  try {
    const failed: string[] = [];
    const manifests = await currentManifests(root, failed);
    // The manifests must describe committed files: refuse when an input or output has uncommitted changes.
    const dirty = await uncommitted(root);
    if (dirty && !opts.allowDirty) {
      const used = new Set(manifests.flatMap(([, m]) => [...Object.keys(m.inputs), ...Object.keys(m.outputs)]));
      const hit = dirty.filter((f) => used.has(f));
      if (hit.length > 0) {
        throw new RangeError(
          `--refresh-manifests: ${hit.length} input or output file(s) have uncommitted changes (${
            hit.slice(0, 8).join(", ")
          }${
            hit.length > 8 ? ", …" : ""
          }); the manifests would describe the working tree, not HEAD. Commit first, or pass --allow-dirty`,
        );
      }
    }
    const changed: string[] = [];
    for (const [path, m] of manifests) if (await writeManifest(`${root}/${path}`, m)) changed.push(path);
    log(`[reproduce] manifests refreshed: ${changed.length} changed${changed.length ? ": " + changed.join(", ") : ""}`);
    if (failed.length > 0) {
      throw new RangeError(`${failed.length} manifest(s) could not be refreshed:\n  ${failed.join("\n  ")}`);
    }
    return changed;
  } finally {
    release();
  }
}
