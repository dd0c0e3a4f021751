/**
 * Command-line arguments of the task entry points (`tasks/*.ts`): `--help` prints the task's help and exits, and
 * `flagValue` reads the value after a flag.
 *
 * @example
 * ```ts
 * import { flagValue, taskArgs } from "./task_args.ts";
 * const args = taskArgs("usage: deno task figures [--stage ID]", ["--stage", "e01"]);
 * console.assert(flagValue(args, "--stage") === "e01" && flagValue(args, "--out-dir") === undefined);
 * ```
 * @module
 */

/** A copy of `args`; when it holds `--help`, print `help` and exit with status 0 instead. */
export function taskArgs(help: string, args: readonly string[] = Deno.args): string[] {
  if (args.includes("--help")) {
    console.log(help);
    Deno.exit(0);
  }
  return [...args];
}

/** The argument after `flag` (undefined when `flag` is absent or last). */
export function flagValue(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}
