/**
 * Validate every stage's parameters, for every profile, before any stage starts: a typo in `profiles.full` during
 * a quick run, or in e09's `params.json` while e04 would run for minutes first, is reported at once. The schemas
 * live in each stage's `main.ts` (`runStage(import.meta.url, { schema, run })`); this module imports each `main.ts`
 * with the harness in collecting mode (`collectStageDefinitions`), so nothing runs, and resolves the stage's
 * params (with their `extends` chain) for each profile against the schema it collected.
 *
 * The pipeline runs it as a child process with read access only (`deno run --allow-read=<root> …
 * validate_params.ts <root> --needed <ids>`); it prints one line per problem and exits 1 if there is any. A stage
 * the run does not need whose `main.ts` cannot even be loaded (mid-edit) is a warning, not a problem.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { validateAllStageParams } from "./validate_params.ts";
 * import { discoverStages } from "./stage.ts";
 * const stages = (await discoverStages(".")).filter((s) => s.id === "d01_panel");
 * assert.deepEqual(await validateAllStageParams(Deno.cwd(), stages), []); // quick and full both valid
 * ```
 * @module
 */

import { collectStageDefinitions, loadStageParams, type StageDefinition } from "./harness.ts";
import { PROFILES } from "./params.ts";
import { discoverStages, type StageSpec } from "./stage.ts";

/**
 * Import each stage's `main.ts` in collecting mode and validate its params for every profile. Returns one message
 * per problem (file, profile and key named), empty when all are valid.
 */
export async function validateAllStageParams(
  root: string,
  stages: readonly StageSpec[],
  opts: { needed?: ReadonlySet<string>; warn?: (msg: string) => void } = {},
): Promise<string[]> {
  const problems: string[] = [];
  for (const s of stages) {
    const url = new URL(`file://${root}/${s.dir}/${s.main}`).href;
    let def: StageDefinition<unknown> | null = null;
    collectStageDefinitions((metaUrl, d) => {
      if (metaUrl === url) def = d;
    });
    try {
      await import(url);
    } catch (e) {
      // A stage this run does not need may be mid-edit: its params cannot be checked, which is said, not fatal.
      // deno-lint-ignore no-control-regex
      const why = (e as Error).message.replace(/\x1b\[[0-9;]*m/g, "");
      const msg = `${s.dir}/${s.main}: cannot be loaded, so its params are not checked: ${why}`;
      if (opts.needed && !opts.needed.has(s.id)) opts.warn?.(msg);
      else problems.push(msg);
      continue;
    } finally {
      collectStageDefinitions(null);
    }
    if (def === null) {
      problems.push(`${s.dir}/${s.main}: does not call runStage(import.meta.url, …) at top level`);
      continue;
    }
    for (const profile of PROFILES) {
      try {
        await loadStageParams(root, s.dir, (def as StageDefinition<unknown>).schema, profile);
      } catch (e) {
        const msg = (e as Error).message;
        if (!problems.includes(msg)) problems.push(msg); // a bad key in base is bad for every profile: say it once
      }
    }
  }
  return problems;
}

if (import.meta.main) {
  // validate_params.ts [ROOT] [--needed ID,ID…]: stages outside --needed that cannot be loaded are warnings
  const root = Deno.args[0] ?? Deno.cwd();
  const i = Deno.args.indexOf("--needed");
  const needed = i >= 0 ? new Set((Deno.args[i + 1] ?? "").split(",").filter((x) => x !== "")) : undefined;
  try {
    const warn = (m: string) => console.error(`warning: ${m}`);
    const problems = await validateAllStageParams(root, await discoverStages(root), { needed, warn });
    for (const p of problems) console.error(`params: ${p}`);
    Deno.exit(problems.length > 0 ? 1 : 0);
  } catch (e) {
    console.error(`params: ${(e as Error).message}`);
    Deno.exit(1);
  }
}
