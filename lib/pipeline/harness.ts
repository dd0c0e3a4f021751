/**
 * The stage harness: what an experiment's `main.ts` calls. It parses the
 * command line (`--profile`, `--out-dir`, `--result`), loads and validates
 * `params.json` for the profile, runs the experiment, echoes the parameters
 * into every `metrics.*.json`, checks that exactly the declared outputs were
 * produced, and writes them atomically (an output equal to the file in place,
 * or differing only in the stage's `volatile` keys, leaves that file untouched;
 * see `volatile.ts`). Progress goes to stderr. With a collector set
 * (`collectStageDefinitions`), `runStage` only hands over the stage's schema:
 * that is how every stage's params are validated before any stage runs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runStage } from "./harness.ts";
 * // a stage folder experiments/<id>/v<N>/ (here under a temp root); its main.ts passes its import.meta.url
 * await Deno.mkdir(".cache/tmp", { recursive: true });
 * const root = await Deno.realPath(await Deno.makeTempDir({ dir: ".cache/tmp" }));
 * const dir = `${root}/experiments/e99_demo/v1`;
 * await Deno.mkdir(dir, { recursive: true });
 * const stage = { id: "e99_demo", description: "demo", outputs: ["metrics.{profile}.json"] };
 * await Deno.writeTextFile(`${dir}/stage.json`, JSON.stringify(stage));
 * await Deno.writeTextFile(`${dir}/params.json`, '{"base": {"n": 3}, "profiles": {"quick": {}, "full": {}}}');
 * await runStage<{ n: number }>(`file://${dir}/main.ts`, {
 *   schema: { n: { type: "integer", min: 1 } },
 *   run: (ctx) => Promise.resolve({ [`metrics.${ctx.profile}.json`]: { total: ctx.params.n * 2 } }),
 * });
 * const m = JSON.parse(await Deno.readTextFile(`${dir}/metrics.full.json`)); // no --profile: full
 * assert.deepEqual([m.stage, m.params, m.total], ["e99_demo", { n: 3 }, 6]); // params echoed into the metrics
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */

import process from "node:process";
import { canonicalJson } from "../core/hash.ts";
import { writeFileAtomic } from "./atomic.ts";
import { type ParamSchema, parseProfile, type Profile, resolveParamLayers } from "./params.ts";
import { loadParamLayers, readJsonFile } from "./params_file.ts";
import { parseStageSpec, stageOutputs, type StageSpec } from "./stage.ts";
import { parseTaskArgs, stringFlag, type TaskSpec } from "./cli.ts";
import { startHeartbeat } from "./progress.ts";
import { assertNoSymlink } from "./symlinks.ts";
import type { Mismatch } from "./compare.ts";
import { volatileOnlyChange } from "./volatile.ts";

/** What a running stage sees. */
export interface StageContext<P> {
  /** Project root (absolute). */
  root: string;
  profile: Profile;
  params: P;
  spec: StageSpec;
  /** Where outputs will be written (absolute). */
  outDir: string;
  /** Progress line on stderr, prefixed with the stage id. */
  log(msg: string): void;
  /** Absolute path of an upstream stage's output file `name` (committed location). */
  upstream(stageId: string, name: string): Promise<string>;
}

/** An experiment: its parameter schema and its run function returning named outputs. */
export interface StageDefinition<P> {
  schema: ParamSchema;
  run(ctx: StageContext<P>): Promise<Record<string, unknown>>;
}

/** Parsed harness command line. */
export interface HarnessArgs {
  profile: Profile;
  outDir?: string;
  result?: string;
  /** Write outputs whose only change is in the stage's `volatile` keys (default: keep the file in place). */
  updateVolatile?: boolean;
  /** `--help` / `-h`: print {@link HARNESS_SPEC}'s usage and run nothing. */
  help?: boolean;
}

/** The command line every stage `main.ts` takes (lib/pipeline/cli.ts conventions). */
export const HARNESS_SPEC: TaskSpec = {
  usage: `deno run [permissions] experiments/<id>/v<N>/main.ts [--profile quick|full] [--out-dir DIR] [--result FILE]
  --profile, -p quick|full   parameter set (default full)
  --out-dir DIR              write the outputs there instead of the stage's folder
  --result FILE              write the run report (peak memory, kept volatile values) there
  --update-volatile          write an output even when only its machine-dependent ("volatile") values changed
Usually run through the pipeline: deno task reproduce --only <id> (see deno task status).`,
  flags: {
    profile: { kind: "string", alias: ["p"], choices: ["quick", "full"] },
    "out-dir": { kind: "string" },
    result: { kind: "string" },
    "update-volatile": { kind: "boolean" },
  },
};

/**
 * Parse `--profile P --out-dir D --result F --update-volatile` (or `--help`).
 * @throws {RangeError} for an unknown or repeated flag or a missing value
 */
export function parseHarnessArgs(args: readonly string[]): HarnessArgs {
  const p = parseTaskArgs(HARNESS_SPEC, args);
  if (p.help) return { profile: "full", help: true };
  return {
    profile: parseProfile(stringFlag(p, "profile") ?? "full"),
    outDir: stringFlag(p, "out-dir"),
    result: stringFlag(p, "result"),
    updateVolatile: p.flags["update-volatile"] === true,
  };
}

/** Serialise one output value: strings and bytes as-is, everything else as canonical JSON. */
export function serialiseOutput(v: unknown): string | Uint8Array {
  if (typeof v === "string" || v instanceof Uint8Array) return v;
  return canonicalJson(v, 2) + "\n";
}

/**
 * Peak resident set size of this process in bytes (`process.resourceUsage().maxRSS`, which needs no permission),
 * or null where unavailable.
 */
export function peakRssBytes(): number | null {
  try {
    const kb = process.resourceUsage().maxRSS;
    return Number.isFinite(kb) && kb > 0 ? kb * 1024 : null;
  } catch {
    return null;
  }
}

/** A stage's location, from the `import.meta.url` of its `main.ts`. */
export function stageLocation(metaUrl: string): { root: string; rel: string; version: number } {
  const dirAbs = new URL(".", metaUrl).pathname.replace(/\/$/, "");
  const m = /^(.*)\/experiments\/([^/]+)\/v(\d+)$/.exec(dirAbs);
  if (!m) throw new RangeError(`runStage: ${dirAbs} is not an experiments/<id>/v<N> folder`);
  return { root: m[1], rel: `experiments/${m[2]}/v${m[3]}`, version: Number(m[3]) };
}

type Collector = (metaUrl: string, def: StageDefinition<unknown>) => void;
let collector: Collector | null = null;

/**
 * While a collector is set, `runStage` runs nothing: it hands the stage's definition (its parameter schema) to the
 * collector and returns. `validate_params.ts` imports every stage's `main.ts` this way to validate all parameters
 * before any stage starts. Pass null to stop collecting.
 */
export function collectStageDefinitions(fn: Collector | null): void {
  collector = fn;
}

/**
 * Read the stage's `params.json` (with its `extends` chain) and validate it for `profile` against `schema`.
 * @throws {TypeError|RangeError|SyntaxError} naming the file, profile and key
 */
export async function loadStageParams<P>(root: string, rel: string, schema: ParamSchema, profile: Profile): Promise<P> {
  const layers = await loadParamLayers(root, `${rel}/params.json`);
  return resolveParamLayers<P>(layers, schema, profile);
}

/**
 * Run a stage from its `main.ts`. Exits the process non-zero with a one-line
 * message on any error (bad params, missing upstream output, failed run).
 */
export async function runStage<P>(metaUrl: string, def: StageDefinition<P>): Promise<void> {
  if (collector) {
    collector(metaUrl, def as StageDefinition<unknown>);
    return;
  }
  const { root, rel, version } = stageLocation(metaUrl);
  try {
    const args = parseHarnessArgs(Deno.args);
    if (args.help) {
      console.log(`${rel}/main.ts: ${HARNESS_SPEC.usage}`);
      return;
    }
    const spec = parseStageSpec(await readJsonFile(root, `${rel}/stage.json`), `${rel}/stage.json`, rel, version);
    const profile: Profile = spec.profiles ? args.profile : "full";
    const params = await loadStageParams<P>(root, rel, def.schema, profile);
    if (args.outDir === undefined) await assertNoSymlink(root, spec.outDir, `${spec.id}: outDir`);
    const outDir = args.outDir ?? `${root}/${spec.outDir}`;
    const t0 = performance.now();
    const log = (msg: string) => {
      const s = ((performance.now() - t0) / 1000).toFixed(1);
      console.error(`[${spec.id}${spec.profiles ? ":" + profile : ""} +${s}s] ${msg}`);
    };
    const ctx: StageContext<P> = {
      root,
      profile,
      params,
      spec,
      outDir,
      log,
      async upstream(stageId: string, name: string): Promise<string> {
        if (!spec.deps.includes(stageId)) {
          throw new RangeError(`${spec.id} reads ${stageId}/${name} but stage.json does not list "${stageId}" in deps`);
        }
        const dir = await findStageOutDir(root, stageId);
        const p = `${root}/${dir}/${name}`;
        try {
          await Deno.stat(p);
        } catch {
          throw new RangeError(
            `${spec.id}: upstream output ${dir}/${name} of stage ${stageId} is missing; run \`deno task reproduce --only ${stageId}\` first`,
          );
        }
        return p;
      },
    };
    // every 30 s on stderr: `fits k/K, ETA …` while a worker pool runs, else `still running`
    const stopHeartbeat = startHeartbeat(log);
    let outputs: Record<string, unknown>;
    try {
      outputs = await def.run(ctx);
    } finally {
      stopHeartbeat();
    }
    const expected = stageOutputs(spec, profile).sort();
    const got = Object.keys(outputs).sort();
    if (expected.join("\n") !== got.join("\n")) {
      throw new RangeError(
        `${spec.id}: produced outputs [${got.join(", ")}] but stage.json declares [${expected.join(", ")}]`,
      );
    }
    const serialised = new Map<string, string | Uint8Array>();
    for (const name of got) {
      let v = outputs[name];
      if (name.startsWith("metrics.") && v !== null && typeof v === "object" && !(v instanceof Uint8Array)) {
        v = { stage: spec.id, version: spec.version, profile, reproduce: spec.reproduce, params, ...v };
      }
      serialised.set(name, serialiseOutput(v));
    }
    const kept: Record<string, Mismatch[]> = {};
    const written: string[] = [];
    for (const [name, data] of serialised) {
      // In place (not verify's --out-dir): an output equal to the file there, or differing only in the stage's
      // machine-dependent keys, leaves that file untouched, so a re-run on another machine keeps the tree clean.
      if (args.outDir === undefined && !args.updateVolatile) {
        const existing = await Deno.readFile(`${outDir}/${name}`).catch(() => null);
        const same = existing === null ? null : volatileOnlyChange(existing, data, spec.volatile);
        if (same !== null) {
          if (same.length > 0) {
            kept[name] = same;
            log(
              `kept ${name}: only ${same.length} machine-dependent value(s) under ${
                spec.volatile.join(", ")
              } differ (fresh values in the run record; --update-volatile writes them)`,
            );
          }
          continue;
        }
      }
      await writeFileAtomic(`${outDir}/${name}`, data);
      written.push(name);
    }
    log(written.length > 0 ? `wrote ${written.join(", ")}` : `outputs unchanged: ${got.join(", ")}`);
    if (args.result) {
      // The stage may write this one file (not its folder), so it is written in place, not through a temp file;
      // the runner removes it before the stage starts and treats an unreadable one as "not reported".
      await Deno.writeTextFile(args.result, JSON.stringify({ peakRssBytes: peakRssBytes(), volatileKept: kept }));
    }
  } catch (e) {
    const err = e as Error;
    console.error(`error in ${rel}: ${err.message}`);
    // Input errors are explained by their message; anything else is a bug and gets its stack.
    if (!(err instanceof RangeError || err instanceof TypeError || err instanceof SyntaxError)) {
      console.error(err.stack);
    }
    Deno.exit(1);
  }
}

async function findStageOutDir(root: string, stageId: string): Promise<string> {
  let best = -1;
  for await (const v of Deno.readDir(`${root}/experiments/${stageId}`)) {
    const m = /^v(\d+)$/.exec(v.name);
    if (m && Number(m[1]) > best) best = Number(m[1]);
  }
  const rel = `experiments/${stageId}/v${best}`;
  const spec = parseStageSpec(
    JSON.parse(await Deno.readTextFile(`${root}/${rel}/stage.json`)),
    `${rel}/stage.json`,
    rel,
    best,
  );
  return spec.outDir;
}
