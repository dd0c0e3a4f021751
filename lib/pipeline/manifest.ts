/**
 * Stage manifests. The tracked `manifest.<profile>.json` beside a stage describes *what* produced its outputs and
 * nothing about *when* or *where*: stage, version, profile, Deno and V8 versions, `deno.lock` hash, the cache key,
 * the resolved parameters and seeds, and the sha256 of every input (code closure, params files, data, upstream
 * outputs) and output. It holds no wall time, memory, commit or dirty flag, so an unchanged stage re-run rewrites
 * it byte for byte and a fresh clone stays clean; it is written only when its content changes. The volatile
 * facts of a run (git commit and dirty flag, wall time, peak memory) go to the untracked run record
 * `.cache/pipeline/runs/<id>.<profile>.json`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stageManifest, writeManifest } from "./manifest.ts";
 * await Deno.mkdir(".cache/tmp", { recursive: true });
 * const dir = await Deno.makeTempDir({ dir: ".cache/tmp" });
 * const m = stageManifest({
 *   stage: "e99_x", version: 1, profile: "quick", lock: "ab", cacheKey: "cd",
 *   params: { seed: 7, n: 2 }, inputs: { "experiments/e99_x/v1/main.ts": "ef" }, outputs: { "m.json": "01" },
 * });
 * assert.deepEqual(m.seeds, { seed: 7 });
 * assert.equal(await writeManifest(`${dir}/manifest.quick.json`, m), true); // written
 * assert.equal(await writeManifest(`${dir}/manifest.quick.json`, m), false); // same content: left alone
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import { canonicalJson } from "../core/hash.ts";
import { writeFileAtomic } from "./atomic.ts";

/** The tracked manifest: reproducible facts only. */
export interface StageManifest {
  stage: string;
  version: number;
  profile: string;
  deno: string;
  v8: string;
  denoLockSha256: string;
  cacheKey: string;
  /** The resolved parameters of the profile (after `extends`), as echoed into the metrics. */
  params: Record<string, unknown> | null;
  seeds: Record<string, unknown>;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
}

/** The untracked record of one run: what differs between runs of the same inputs. */
export interface RunRecord {
  stage: string;
  profile: string;
  cacheKey: string;
  git: { commit: string | null; dirty: boolean | null };
  wallSeconds: number;
  peakRssBytes: number | null;
  /**
   * Per output kept in place because only the stage's machine-dependent (`volatile`) values differed: each such
   * value as in the kept file (`committed`) and as this run measured it (`recomputed`).
   */
  volatileKept: Record<string, { key: string; committed: unknown; recomputed: unknown }[]>;
}

/** Parameters whose name contains "seed" (any case). */
export function extractSeeds(params: Record<string, unknown> | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params ?? {})) if (/seed/i.test(k)) out[k] = v;
  return out;
}

/** Assemble a tracked manifest (Deno and V8 versions from the running Deno). */
export function stageManifest(
  m: Pick<StageManifest, "stage" | "version" | "profile" | "cacheKey" | "params" | "inputs" | "outputs"> & {
    lock: string;
  },
): StageManifest {
  return {
    stage: m.stage,
    version: m.version,
    profile: m.profile,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    denoLockSha256: m.lock,
    cacheKey: m.cacheKey,
    params: m.params,
    seeds: extractSeeds(m.params),
    inputs: m.inputs,
    outputs: m.outputs,
  };
}

/** Canonical text of a manifest (sorted keys, 2-space indent, trailing newline). */
export function manifestText(m: StageManifest): string {
  return canonicalJson(m, 2) + "\n";
}

/** Write the manifest atomically unless the file already holds exactly this content. Returns whether it wrote. */
export async function writeManifest(path: string, m: StageManifest): Promise<boolean> {
  const text = manifestText(m);
  try {
    if ((await Deno.readTextFile(path)) === text) return false;
  } catch { /* missing or unreadable: write it */ }
  await writeFileAtomic(path, text);
  return true;
}

/** Where the run record of a node lives (root-relative). */
export function runRecordPath(id: string, profile: string): string {
  return `.cache/pipeline/runs/${id.replace(":", "_")}.${profile}.json`;
}
