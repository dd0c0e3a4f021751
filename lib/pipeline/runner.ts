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
 * const root = await Deno.makeTempDir(), dir = `${root}/experiments/e99_hello/v1`;
 * await Deno.mkdir(dir, { recursive: true });
 * await Deno.writeTextFile(`${root}/deno.lock`, "{}");
 * const stage = { id: "e99_hello", description: "demo", profiles: false, outputs: ["hello.txt"] };
 * await Deno.writeTextFile(`${dir}/stage.json`, JSON.stringify(stage));
 * await Deno.writeTextFile(`${dir}/params.json`, '{"profiles": {"quick": {}, "full": {}}}');
 * await Deno.writeTextFile(`${dir}/main.ts`, 'await Deno.writeTextFile(new URL("hello.txt", import.meta.url), "hi");');
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
import type { Profile } from "./params.ts";
import { discoverStages } from "./stage.ts";

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
}

/** Outcome per node. */
export interface NodeResult {
  id: string;
  status: "skipped" | "ran";
  wallSeconds: number;
}

async function fileHash(root: string, path: string, what: string): Promise<string> {
  try {
    return await sha256Hex(await Deno.readFile(`${root}/${path}`));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new RangeError(`${what}: required file ${path} is missing`);
    }
    throw e;
  }
}

/** Inputs of a node and its cache key. */
export interface NodeKey {
  key: string;
  inputs: Record<string, string>;
  params?: unknown;
}

/** Compute a node's key from the current state of its inputs. */
export async function nodeKey(root: string, n: GraphNode, env: { lock: string; deno: string }): Promise<NodeKey> {
  const inputs: Record<string, string> = {};
  for (const entry of n.code) for (const f of await localImportClosure(entry, root)) inputs[f] = "";
  for (const f of n.files) inputs[f] = "";
  for (const f of Object.keys(inputs)) inputs[f] = await fileHash(root, f, n.id);
  let params: unknown;
  if (n.paramsFile) {
    const raw = JSON.parse(await Deno.readTextFile(`${root}/${n.paramsFile}`));
    params = { base: raw.base ?? {}, profile: raw.profiles?.[n.profile] ?? {} };
  }
  const key = await sha256Hex(canonicalJson({ id: n.id, profile: n.profile, inputs, params, ...env }));
  return { key, inputs, params };
}

interface CacheRecord {
  key: string;
  outputs: Record<string, string>;
}

async function readRecord(root: string, n: GraphNode): Promise<CacheRecord | null> {
  try {
    return JSON.parse(await Deno.readTextFile(`${root}/.cache/pipeline/${n.id.replace(":", "_")}.${n.profile}.json`));
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

async function gitState(root: string): Promise<{ commit: string | null; dirty: boolean | null }> {
  try {
    const rev = await new Deno.Command("git", {
      args: ["-C", root, "rev-parse", "HEAD"],
      stdout: "piped",
      stderr: "null",
    })
      .output();
    const st = await new Deno.Command("git", {
      args: ["-C", root, "status", "--porcelain", "--untracked-files=no"],
      stdout: "piped",
      stderr: "null",
    }).output();
    return {
      commit: rev.success ? new TextDecoder().decode(rev.stdout).trim() : null,
      dirty: st.success ? new TextDecoder().decode(st.stdout).trim() !== "" : null,
    };
  } catch {
    return { commit: null, dirty: null };
  }
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
  const env = {
    lock: await fileHash(root, "deno.lock", "pipeline"),
    deno: Deno.version.deno,
  };
  const git = await gitState(root);
  await Deno.mkdir(`${root}/.cache/pipeline/results`, { recursive: true });
  for (const d of new Set(todo.flatMap((n) => n.outputs.map((o) => o.slice(0, o.lastIndexOf("/")))))) {
    await removeStaleTemps(`${root}/${d}`);
  }
  const done = new Map<string, NodeResult>();
  const running = new Map<string, Promise<void>>();
  const failed: string[] = [];
  const t0 = performance.now();
  const runNode = async (n: GraphNode): Promise<void> => {
    const k = await nodeKey(root, n, env);
    const rec = await readRecord(root, n);
    if (!opts.force && rec && rec.key === k.key && await outputsMatch(root, rec, n)) {
      done.set(n.id, { id: n.id, status: "skipped", wallSeconds: 0 });
      log(`[reproduce] ${n.id} (${n.profile}): up to date, skipped`);
      return;
    }
    log(`[reproduce] ${n.id} (${n.profile}): running…`);
    const start = performance.now();
    const child = new Deno.Command("deno", {
      args: ["run", ...n.args],
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
      let peak: number | null = null;
      try {
        peak = JSON.parse(await Deno.readTextFile(`${root}/.cache/pipeline/results/${n.id}.${n.profile}.json`))
          .peakRssBytes;
      } catch { /* child did not report */ }
      const manifest = {
        stage: n.id,
        version: n.stage!.version,
        profile: n.profile,
        git,
        deno: Deno.version.deno,
        v8: Deno.version.v8,
        denoLockSha256: env.lock,
        cacheKey: k.key,
        params: k.params,
        seeds: extractSeeds(k.params),
        inputs: k.inputs,
        outputs,
        wallSeconds: Math.round(wall * 1000) / 1000,
        peakRssBytes: peak,
      };
      await writeFileAtomic(`${root}/${n.manifestDir}/manifest.${n.profile}.json`, canonicalJson(manifest, 2) + "\n");
    }
    await writeFileAtomic(
      `${root}/.cache/pipeline/${n.id.replace(":", "_")}.${n.profile}.json`,
      JSON.stringify({ key: k.key, outputs } satisfies CacheRecord),
    );
    done.set(n.id, { id: n.id, status: "ran", wallSeconds: wall });
    log(`[reproduce] ${n.id} (${n.profile}): done in ${wall.toFixed(1)}s`);
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
  log(
    `[reproduce] ${done.size} node(s): ${ran} ran, ${done.size - ran} skipped, ${
      ((performance.now() - t0) / 1000).toFixed(1)
    }s`,
  );
  return [...done.values()];
}

function extractSeeds(params: unknown): unknown {
  const p = params as { base?: Record<string, unknown>; profile?: Record<string, unknown> } | undefined;
  const merged = { ...(p?.base ?? {}), ...(p?.profile ?? {}) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(merged)) if (/seed/i.test(k)) out[k] = v;
  return out;
}
