/**
 * What `deno task reproduce` would do, without running anything (`deno task status`): per node (stage, figures,
 * paper) whether it is up to date or will run and why — which code files, params keys, data files or upstream outputs
 * changed, with counts — the last wall time as its ETA, and per stage whether the committed metrics of each profile
 * were made by the code now in the tree (their manifest's inputs against the current ones). `formatDag` prints the
 * graph.
 *
 * The reasons compare the node's current inputs with the inputs its cache record stored (records written before
 * records kept inputs fall back to the stage's tracked manifest of that profile).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { diffInputs } from "./status.ts";
 * const d = diffInputs({ "lib/a.ts": "1", "p/params.json": "2" }, { "lib/a.ts": "9", "lib/b.ts": "3", "p/params.json": "2" });
 * assert.deepEqual(d, { changed: ["lib/a.ts"], added: ["lib/b.ts"], removed: [] });
 * ```
 * @module
 */

import { buildGraph, type GraphNode, neededNodes, resolveTargets } from "./graph.ts";
import { gitState, type NodeKey, nodeKey, treeStamp } from "./runner.ts";
import { type RunRecord, runRecordPath, type StageManifest } from "./manifest.ts";
import { type Profile, PROFILES } from "./params.ts";
import { sha256Hex } from "../core/hash.ts";
import { discoverStages, type StageSpec } from "./stage.ts";

/** Files whose hash differs between two input maps. */
export interface InputDiff {
  changed: string[];
  added: string[];
  removed: string[];
}

/** Compare two `{path: sha256}` maps (sorted path lists). */
export function diffInputs(before: Record<string, string>, now: Record<string, string>): InputDiff {
  const changed: string[] = [], added: string[] = [], removed: string[] = [];
  for (const f of Object.keys(now).sort()) {
    if (!(f in before)) added.push(f);
    else if (before[f] !== now[f]) changed.push(f);
  }
  for (const f of Object.keys(before).sort()) if (!(f in now)) removed.push(f);
  return { changed, added, removed };
}

/** Leaf keys (`a.b[2]`) whose values differ between two parameter objects. */
export function diffParamKeys(before: unknown, now: unknown, path = ""): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  if (isObj(before) && isObj(now)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(now)])].sort();
    return keys.flatMap((k) => diffParamKeys(before[k], now[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(now) ? [] : [path || "(all)"];
}

/** The status of one node. */
export interface NodeStatus {
  id: string;
  kind: GraphNode["kind"];
  profile: Profile;
  state: "up to date" | "will run" | "error";
  /** Why it will run (empty when up to date), or the error. */
  reasons: string[];
  /** The last run's wall time (seconds) from `.cache/pipeline/runs`, or null when unknown. */
  etaSeconds: number | null;
}

/** Whether a stage's committed outputs of one profile were made by the inputs now in the tree. */
export interface CommittedStatus {
  stage: string;
  profile: Profile;
  /** True when the tracked manifest's inputs equal the current ones (code, params, data, upstream outputs). */
  current: boolean;
  detail: string;
}

/** The whole report. */
export interface PipelineStatus {
  profile: Profile;
  nodes: NodeStatus[];
  committed: CommittedStatus[];
}

interface CacheRecordLike {
  key: string;
  outputs: Record<string, string>;
  inputs?: Record<string, string>;
  params?: Record<string, unknown> | null;
}

async function readJson<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await Deno.readTextFile(path)) as T;
  } catch {
    return null;
  }
}

const list = (fs: string[], max = 3) =>
  fs.slice(0, max).join(", ") + (fs.length > max ? `, … (+${fs.length - max})` : "");

/** Sort changed input files into code / params / data / upstream reasons, each with a count and the first names. */
export function explainInputs(n: GraphNode, d: InputDiff, upstreamOutputs: ReadonlySet<string>): string[] {
  const files = [...d.changed, ...d.added, ...d.removed];
  const params = files.filter((f) => f.endsWith("params.json"));
  const upstream = files.filter((f) => upstreamOutputs.has(f));
  const data = files.filter((f) => !params.includes(f) && !upstream.includes(f) && n.files.includes(f));
  const code = files.filter((f) => !params.includes(f) && !upstream.includes(f) && !data.includes(f));
  const out: string[] = [];
  const say = (what: string, fs: string[]) => {
    if (fs.length > 0) out.push(`${what}: ${fs.length} file(s) changed (${list(fs)})`);
  };
  say("code", code);
  say("params", params);
  say("data", data);
  say("upstream outputs", upstream);
  return out;
}

/** Hash a node's outputs as they are on disk (null for a missing one). */
async function outputHashes(root: string, n: GraphNode): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const o of n.outputs) {
    try {
      out[o] = await sha256Hex(await Deno.readFile(`${root}/${o}`));
    } catch {
      out[o] = null;
    }
  }
  return out;
}

/**
 * Compute the status of every node of `profile` (or of `only` and what it needs), reading only: no stage is run,
 * nothing is written.
 */
export async function pipelineStatus(
  root: string,
  profile: Profile,
  opts: { only?: readonly string[]; stages?: readonly StageSpec[]; noPaper?: boolean } = {},
): Promise<PipelineStatus> {
  const stages = opts.stages ?? await discoverStages(root);
  const nodes = buildGraph(stages, root, profile).filter((n) => !opts.noPaper || n.kind !== "paper");
  const targets = opts.only && opts.only.length > 0 ? resolveTargets(nodes, opts.only) : nodes.map((n) => n.id);
  const needed = neededNodes(nodes, targets);
  const env = {
    lock: await sha256Hex(await Deno.readFile(`${root}/deno.lock`)),
    deno: Deno.version.deno,
    tree: treeStamp(await gitState(root)),
  };
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const willRun = new Set<string>();
  const hashes = new Map<string, string>(); // each file is read and hashed once
  const keys = new Map<string, NodeKey>();
  const result: NodeStatus[] = [];
  for (const n of nodes) {
    if (!needed.has(n.id)) continue;
    const run = await readJson<RunRecord>(`${root}/${runRecordPath(n.id, n.profile)}`);
    const st: NodeStatus = {
      id: n.id,
      kind: n.kind,
      profile: n.profile,
      state: "up to date",
      reasons: [],
      etaSeconds: run?.wallSeconds ?? null,
    };
    result.push(st);
    let k: NodeKey;
    try {
      k = await nodeKey(root, n, env, undefined, hashes);
      keys.set(n.id, k);
    } catch (e) {
      // an input that an upstream node about to run will write (a fresh clone has no data/derived yet) is no error
      const upstream = n.deps.filter((d) => willRun.has(d));
      st.state = upstream.length > 0 ? "will run" : "error";
      if (upstream.length > 0) st.reasons.push(`upstream will run: ${upstream.join(", ")}`);
      st.reasons.push(upstream.length > 0 ? `inputs not built yet (${(e as Error).message})` : (e as Error).message);
      willRun.add(n.id);
      continue;
    }
    const rec = await readJson<CacheRecordLike>(`${root}/.cache/pipeline/${n.id.replace(":", "_")}.${n.profile}.json`);
    const outs = await outputHashes(root, n);
    const upstreamRun = n.deps.filter((d) => willRun.has(d));
    if (rec && rec.key === k.key && n.outputs.every((o) => outs[o] === rec.outputs[o])) {
      if (upstreamRun.length === 0) continue;
    }
    st.state = "will run";
    willRun.add(n.id);
    if (upstreamRun.length > 0) st.reasons.push(`upstream will run: ${upstreamRun.join(", ")}`);
    if (!rec) {
      st.reasons.push("never run here (no cache record in .cache/pipeline)");
    } else if (rec.key !== k.key) {
      let before = rec.inputs;
      let beforeParams = rec.params;
      if (!before && n.manifestDir) {
        const m = await readJson<StageManifest>(`${root}/${n.manifestDir}/manifest.${n.profile}.json`);
        before = m?.inputs;
        beforeParams = m?.params;
      }
      const upstreamOutputs = new Set(n.deps.flatMap((d) => byId.get(d)?.outputs ?? []));
      const why = before ? explainInputs(n, diffInputs(before, k.inputs), upstreamOutputs) : [];
      const pk = beforeParams !== undefined && k.params ? diffParamKeys(beforeParams, k.params) : [];
      if (pk.length > 0) why.push(`param values: ${pk.length} key(s) changed (${list(pk)})`);
      if (why.length === 0) {
        why.push(
          !before
            ? "cache key changed (inputs not recorded)"
            : n.kind === "paper"
            ? "the commit or clean/dirty state stamped at its end, deno.lock or the Deno version changed"
            : "deno.lock or the Deno version changed",
        );
      }
      st.reasons.push(...why);
    }
    const bad = n.outputs.filter((o) => rec && outs[o] !== rec.outputs[o]);
    if (bad.length > 0) st.reasons.push(`outputs missing or edited since the last run: ${bad.length} (${list(bad)})`);
  }
  const committed: CommittedStatus[] = [];
  for (const p of PROFILES) {
    for (const n of buildGraph(stages, root, p)) {
      if (n.kind !== "stage" || !n.manifestDir || n.profile !== p || !needed.has(n.id)) continue;
      if (committed.some((c) => c.stage === n.id && c.profile === p)) continue;
      const m = await readJson<StageManifest>(`${root}/${n.manifestDir}/manifest.${p}.json`);
      if (!m) {
        committed.push({ stage: n.id, profile: p, current: false, detail: "no committed manifest" });
        continue;
      }
      let k = n.profile === profile ? keys.get(n.id) : undefined;
      try {
        k ??= await nodeKey(root, n, env, Object.fromEntries(n.files.map((f) => [f, m.inputs[f] ?? ""])), hashes);
      } catch (e) {
        committed.push({ stage: n.id, profile: p, current: false, detail: (e as Error).message });
        continue;
      }
      // inputs the tree does not hold (derived data) were filled from the manifest above: they count as equal
      const d = diffInputs(m.inputs, k.inputs);
      const why = explainInputs(n, d, new Set(n.deps.flatMap((x) => byId.get(x)?.outputs ?? [])));
      committed.push({
        stage: n.id,
        profile: p,
        current: why.length === 0,
        detail: why.length === 0 ? "made by the code and params in the tree" : why.join("; "),
      });
    }
  }
  return { profile, nodes: result, committed };
}

/** Seconds as `12s`, `3m05s`. */
export function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.round(s - 60 * m)).padStart(2, "0")}s`;
}

/** The report as text lines. */
export function formatStatus(st: PipelineStatus): string {
  const lines: string[] = [`profile ${st.profile}`];
  let eta = 0, unknown = 0;
  for (const n of st.nodes) {
    const t = n.etaSeconds === null ? "" : ` (last ${formatSeconds(n.etaSeconds)})`;
    lines.push(
      `  ${n.state === "up to date" ? "✓" : n.state === "error" ? "✗" : "→"} ${n.id} [${n.profile}]: ${n.state}${
        n.state === "will run" ? t : ""
      }`,
    );
    for (const r of n.reasons) lines.push(`      ${r}`);
    if (n.state === "will run") n.etaSeconds === null ? unknown++ : eta += n.etaSeconds;
  }
  const todo = st.nodes.filter((n) => n.state !== "up to date").length;
  lines.push(
    `${todo} of ${st.nodes.length} node(s) will run; ETA ${
      todo > 0 && todo === unknown
        ? "unknown (no recorded wall times in .cache/pipeline/runs)"
        : `${formatSeconds(eta)} of serial wall time${unknown > 0 ? ` + ${unknown} node(s) with no recorded time` : ""}`
    }`,
  );
  const stale = st.committed.filter((c) => !c.current);
  lines.push(
    `committed metrics: ${st.committed.length - stale.length} of ${st.committed.length} made by the code in the tree`,
  );
  for (const c of stale) lines.push(`  ! ${c.stage} [${c.profile}]: ${c.detail}`);
  return lines.join("\n");
}

/** The graph as text: each node with what it needs, in run order. */
export function formatDag(nodes: readonly GraphNode[]): string {
  return nodes.map((n) => `${n.id} [${n.kind}, ${n.profile}]${n.deps.length ? ` ← ${n.deps.join(", ")}` : ""}`).join(
    "\n",
  );
}
