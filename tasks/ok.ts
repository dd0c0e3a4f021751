/**
 * What CI runs, in order, stopping at the first step that fails:
 *
 *   deno task ok [--profile quick|full]
 *
 * `deno fmt --check`, `deno lint`, `deno task check`, `deno task test`, `deno task test:spawn` and
 * `deno task verify [--profile P]`. Each step is its own `deno` process with the permissions its task declares; this
 * script only starts them (`--allow-run=deno`). The last line says which steps passed.
 * @module
 */
import { type ParsedArgs, taskMain, type TaskSpec } from "../lib/pipeline/cli.ts";

/** The command line of `deno task ok`. */
export const OK_SPEC: TaskSpec = {
  usage: `deno task ok [--profile quick|full]
  --profile, -p quick|full   the profile verify re-runs (default quick, as CI)
Runs fmt --check, lint, check, test, test:spawn and verify in this order and stops at the first failure.`,
  flags: { profile: { kind: "string", alias: ["p"], choices: ["quick", "full"] } },
};

/**
 * The steps of `ok` as `deno` argument lists (verify last, with the profile when one is given).
 * @example
 * ```ts
 * import { okSteps } from "./ok.ts";
 * console.assert(okSteps().length === 6 && okSteps("full").at(-1)?.join(" ") === "task verify --profile full");
 * ```
 */
export function okSteps(profile?: string): string[][] {
  return [
    ["fmt", "--check"],
    ["lint"],
    ["task", "check"],
    ["task", "test"],
    ["task", "test:spawn"],
    ["task", "verify", ...(profile ? ["--profile", profile] : [])],
  ];
}

async function ok(args: ParsedArgs): Promise<number> {
  const steps = okSteps(args.flags.profile as string | undefined);
  for (const [i, step] of steps.entries()) {
    console.log(`[ok] ${i + 1}/${steps.length} deno ${step.join(" ")}`);
    const r = await new Deno.Command("deno", { args: step, stdout: "inherit", stderr: "inherit" }).output();
    if (!r.success) {
      console.error(`[ok] failed at step ${i + 1}/${steps.length}: deno ${step.join(" ")} (exit ${r.code})`);
      return r.code === 0 ? 1 : r.code;
    }
  }
  console.log(`[ok] all ${steps.length} steps passed`);
  return 0;
}

if (import.meta.main) Deno.exit(await taskMain(OK_SPEC, Deno.args, ok));
