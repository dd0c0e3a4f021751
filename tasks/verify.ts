/**
 * Verify that code, committed metrics, figures and the paper agree.
 *
 *   deno task verify [--profile quick|full] [--only <stage>]
 *
 * 1. Re-runs every stage with the chosen profile (default quick) into a
 *    temporary folder and compares with the committed metrics — bitwise, or
 *    within the tolerance the stage declares. Mismatches name the key and both
 *    values.
 * 2. Regenerates every figure from the committed full-profile outputs and
 *    requires identical bytes.
 * 3. Builds the paper with every binding resolved (strict: no bare numerals) and the paper check passing (body
 *    pages, figure fonts at print size, references, stage ids and code paths in the prose, cross-references).
 * 4. Reports (without failing) tracked manifests that do not describe the current code and committed outputs.
 * @module
 */
import { discoverStages, stageOutputs, type StageSpec, topoOrder } from "../lib/pipeline/stage.ts";
import { compareMetrics } from "../lib/pipeline/compare.ts";
import { isVolatileKey } from "../lib/pipeline/volatile.ts";
import { parseProfile, type Profile } from "../lib/pipeline/params.ts";
import { buildGraph, paperPermissions } from "../lib/pipeline/graph.ts";
import { nodeThreads, runPipeline, staleManifests, threadPool } from "../lib/pipeline/runner.ts";
import { acquirePipelineLock } from "../lib/pipeline/lock.ts";
import { type ParsedArgs, positiveIntFlag, stringFlag, taskMain, type TaskSpec } from "../lib/pipeline/cli.ts";

/** The command line of `deno task verify`. */
export const VERIFY_SPEC: TaskSpec = {
  usage: `deno task verify [--profile quick|full] [--only <stage>] [--jobs N]
  --profile, -p quick|full   profile to re-run and compare (default quick)
  --only, --stage ID         compare only this stage (id or alias such as e01); figures and paper are still checked
  --jobs, -j N               stages re-run in parallel (default 2)
Re-runs the profile's stages into a temp dir and compares with committed metrics,
regenerates figures (byte-identical), and builds the paper (strict bindings, paper check).`,
  flags: {
    profile: { kind: "string", alias: ["p"], choices: ["quick", "full"] },
    only: { kind: "string", alias: ["stage"] },
    jobs: { kind: "string", alias: ["j"] },
  },
};

async function run(args: string[]): Promise<boolean> {
  const out = await new Deno.Command("deno", { args: ["run", ...args], stdout: "inherit", stderr: "inherit" }).output();
  return out.success;
}

async function verifyStage(root: string, s: StageSpec, profile: Profile, tmp: string): Promise<string[]> {
  const p: Profile = s.profiles ? profile : "full";
  const outDir = `${tmp}/${s.id}`;
  await Deno.mkdir(outDir, { recursive: true });
  const ok = await run([
    "--frozen",
    "--deny-net",
    `--allow-read=${root}`,
    `--allow-write=${outDir}`, // its own temporary output folder only
    ...s.permissions,
    `${root}/${s.dir}/${s.main}`,
    "--profile",
    p,
    "--out-dir",
    outDir,
  ]);
  if (!ok) return [`${s.id} (${p}): the stage failed to run`];
  const problems: string[] = [];
  for (const name of stageOutputs(s, p)) {
    const committedPath = `${root}/${s.outDir}/${name}`;
    const freshPath = `${outDir}/${name}`;
    let committed: Uint8Array;
    try {
      committed = await Deno.readFile(committedPath);
    } catch {
      // Derived data (data/derived) is not committed: the fresh copy is the reference.
      if (s.outDir.startsWith("data/derived")) continue;
      problems.push(
        `${s.id}: committed output ${s.outDir}/${name} is missing (run \`deno task reproduce --profile ${p}\`)`,
      );
      continue;
    }
    const fresh = await Deno.readFile(freshPath);
    if (bytesEqual(committed, fresh)) continue;
    if (!name.endsWith(".json")) {
      if (s.reproduce.mode === "bitwise") problems.push(`${s.id}: ${name} differs from the committed bytes`);
      continue;
    }
    const all = compareMetrics(
      JSON.parse(new TextDecoder().decode(committed)),
      JSON.parse(new TextDecoder().decode(fresh)),
      s.reproduce,
    );
    const isVolatile = (k: string) => isVolatileKey(k, s.volatile);
    const mm = all.filter((m) => !isVolatile(m.key));
    if (all.length > mm.length) {
      console.error(
        `[verify] ${s.id}: ${all.length - mm.length} machine-dependent value(s) under ${
          s.volatile.join(", ")
        } differ (not compared)`,
      );
    }
    const shown = mm.slice(0, 20).map((m) =>
      `${s.id}: ${name}: ${m.key}: committed ${JSON.stringify(m.committed)} vs recomputed ${
        JSON.stringify(m.recomputed)
      }`
    );
    problems.push(...shown);
    if (mm.length > 20) problems.push(`${s.id}: ${name}: … and ${mm.length - 20} more differing keys`);
    if (all.length === 0 && s.reproduce.mode === "bitwise") {
      problems.push(`${s.id}: ${name}: same values but different bytes (formatting changed)`);
    }
  }
  return problems;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Verify; the exit code (0: everything agrees). */
async function verify(a: ParsedArgs): Promise<number> {
  const root = Deno.cwd();
  const profile = parseProfile(stringFlag(a, "profile") ?? "quick");
  const only = stringFlag(a, "only");
  const jobs = positiveIntFlag(a, "jobs", 2);
  // names are checked before any work (no lock, no build)
  const stages = topoOrder(await discoverStages(root));
  if (only && !stages.some((s) => s.profiles && (s.id === only || s.alias === only))) {
    const known = stages.filter((s) => s.profiles).map((s) => `${s.id} (${s.alias})`).join(", ");
    throw new RangeError(`--only: unknown stage "${only}" (known: ${known})`);
  }
  const problems: string[] = [];
  // One run at a time on this tree: verify holds the pipeline lock for its whole run.
  const release = await acquirePipelineLock(root, (m) => console.error(m.replace("[reproduce]", "[verify]")));
  try {
    // Upstream data stages (not committed) must exist first: build them through the cached pipeline.
    // Stages whose outputs live in data/derived are not committed: build them (cached) so that the stages
    // downstream find their inputs; their re-run below then checks that they reproduce.
    const derived = stages.filter((s) => !s.profiles || s.outDir.startsWith("data/derived")).map((s) => s.id);
    await runPipeline({ root, profile, only: derived, jobs, noPaper: true, lockHeld: true });
    const tmp = await Deno.makeTempDir({ dir: `${root}/.cache`, prefix: "verify-" });
    try {
      // 1. metrics (independent stages in parallel, `jobs` at a time)
      const sel = stages.filter((s) => s.profiles && (!only || s.id === only || s.alias === only));
      const queue = [...sel];
      // jobs × a stage's workers never exceed the cores (as in the runner)
      const threads = await nodeThreads(root, buildGraph(stages, root, profile));
      const cores = threadPool();
      const workers = Array.from({ length: Math.max(1, jobs) }, async () => {
        while (queue.length) {
          const s = queue.shift()!;
          const held = await cores.acquire(threads.get(s.id) ?? 1);
          console.error(`[verify] ${s.id}: re-running the ${profile} profile`);
          const p = await verifyStage(root, s, profile, tmp).finally(() => cores.release(held));
          problems.push(...p);
          console.error(`[verify] ${s.id}: ${p.length === 0 ? "metrics match" : `${p.length} mismatch(es)`}`);
        }
      });
      await Promise.all(workers);
      // 2. figures
      const figDir = `${tmp}/figures`;
      const ok = await run([
        "--frozen",
        "--deny-net",
        `--allow-read=${root}`,
        `--allow-write=${figDir},${root}/.cache`,
        `${root}/tasks/figures.ts`,
        "--out-dir",
        figDir,
      ]);
      if (!ok) problems.push("figures: regeneration failed");
      else {
        for (const s of stages) {
          for (const id of s.figureIds) {
            for (const ext of ["vl.json", "svg", "png"]) {
              let a: Uint8Array | null = null;
              try {
                a = await Deno.readFile(`${root}/figures/${id}.${ext}`);
              } catch { /* missing */ }
              const b = await Deno.readFile(`${figDir}/${id}.${ext}`);
              if (a === null) problems.push(`figures/${id}.${ext} is not committed (run \`deno task figures\`)`);
              else if (!bytesEqual(a, b)) {
                problems.push(
                  `figures/${id}.${ext} differs from its regeneration from committed metrics (${a.length} vs ${b.length} bytes); run \`deno task figures\``,
                );
              }
            }
          }
        }
        console.error(`[verify] figures: regenerated and compared`);
      }
      // 3. paper
      const paperOk = await run([
        ...paperPermissions(root, `${tmp}/paper`),
        "--frozen",
        "--deny-net",
        `${root}/tasks/paper.ts`,
        "--out-dir",
        `${tmp}/paper`,
        "--strict",
      ]);
      if (!paperOk) problems.push("paper: build or paper check failed (see the message above)");
      else console.error(`[verify] paper: built with every binding resolved; the paper check passes`);
      // 4. provenance: do the tracked manifests describe this code and the committed outputs? (reported, not failed)
      const stale = await staleManifests(root);
      if (stale.length > 0) {
        console.error(
          `[verify] note: ${stale.length} manifest(s) do not describe the current code and outputs (${
            stale.slice(0, 4).join(", ")
          }${stale.length > 4 ? ", …" : ""}); after committing, run \`deno task reproduce --refresh-manifests\``,
        );
      } else console.error(`[verify] manifests: describe the current code and outputs`);
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  } catch (e) {
    problems.push((e as Error).message);
  } finally {
    release();
  }
  if (problems.length > 0) {
    for (const p of problems) console.error(`[verify] MISMATCH ${p}`);
    console.error(`[verify] FAILED: ${problems.length} problem(s)`);
    return 1;
  }
  console.error("[verify] OK: metrics, figures and paper agree with the code");
  return 0;
}

if (import.meta.main) Deno.exit(await taskMain(VERIFY_SPEC, Deno.args, verify));
