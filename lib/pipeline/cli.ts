/**
 * One command-line convention for every task (`tasks/*.ts`) and every stage `main.ts`: `parseTaskArgs(spec, argv)`
 * reads `--flag`, `--flag value`, `--flag=value` and the declared aliases (`-h`, `-p`, …); `--help` (or `-h`) asks for
 * the usage and nothing else; an unknown flag, a repeated flag (unless declared `multiple`), a missing value or a value
 * outside the declared choices is a `RangeError` naming the flag and the value — all before any work.
 * `taskMain(spec, argv, run)` is the wrapper the tasks use: it prints the usage and exits 0 on `--help`, prints
 * `error: …` and exits 2 on a bad command line, then calls `run` with the parsed arguments.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTaskArgs, type TaskSpec } from "./cli.ts";
 * const spec: TaskSpec = {
 *   usage: "deno task x [--profile quick|full] [--only ID ...] [--force]",
 *   flags: {
 *     profile: { kind: "string", alias: ["p"], choices: ["quick", "full"] },
 *     only: { kind: "string", multiple: true },
 *     force: { kind: "boolean" },
 *   },
 * };
 * const a = parseTaskArgs(spec, ["-p", "quick", "--only=e01", "--only", "e04"]);
 * assert.deepEqual([a.help, a.flags.profile, a.flags.only, a.flags.force], [false, "quick", ["e01", "e04"], false]);
 * assert.equal(parseTaskArgs(spec, ["--strcit", "--help"]).help, true); // --help wins: nothing else is done
 * assert.throws(() => parseTaskArgs(spec, ["--strcit"]), /unknown flag "--strcit"/);
 * assert.throws(() => parseTaskArgs(spec, ["--force", "--force"]), /--force is given twice/);
 * assert.throws(() => parseTaskArgs(spec, ["--profile"]), /--profile needs a value/);
 * ```
 * @module
 */

/** One flag of a task: a switch (`boolean`) or a flag that takes a value (`string`). */
export interface FlagSpec {
  kind: "boolean" | "string";
  /** Other names (without dashes): one letter → `-x`, longer → `--name`. */
  alias?: readonly string[];
  /** May be given more than once (values are collected in order); otherwise a repeat is an error. */
  multiple?: boolean;
  /** The accepted values (string flags). */
  choices?: readonly string[];
  /** One line for the generated flag list (not needed when `usage` already describes the flag). */
  description?: string;
}

/** A task's command line: its usage text and its flags (names without dashes); positionals are refused by default. */
export interface TaskSpec {
  usage: string;
  flags: Readonly<Record<string, FlagSpec>>;
  /** Positional arguments accepted: at most `max` (default 0). */
  positionals?: { max: number; name?: string };
}

/** Parsed flag values: booleans for switches, strings (or arrays for `multiple`) for value flags; absent → undefined. */
export type ParsedFlags = Record<string, string | string[] | boolean | undefined>;

/** The result of {@link parseTaskArgs}. */
export interface ParsedArgs {
  /** `--help` or `-h` was given: print the usage and do nothing else (the other arguments are not checked). */
  help: boolean;
  flags: ParsedFlags;
  positionals: string[];
}

/** Map every spelling (`--name`, `--alias`, `-a`) to the flag's canonical name. */
function spellings(spec: TaskSpec): Map<string, string> {
  const m = new Map<string, string>();
  for (const [name, f] of Object.entries(spec.flags)) {
    if (name === "help" || name === "h" || f.alias?.includes("h") || f.alias?.includes("help")) {
      throw new RangeError(`cli.ts: flag "${name}" takes --help/-h, which every task reserves for its usage`);
    }
    for (const s of [name, ...(f.alias ?? [])]) {
      const spelled = s.length === 1 ? `-${s}` : `--${s}`;
      if (m.has(spelled)) throw new RangeError(`cli.ts: "${spelled}" is declared twice in the task's flags`);
      m.set(spelled, name);
    }
  }
  return m;
}

/**
 * Parse `argv` against `spec`. `--help`/`-h` anywhere (before a bare `--`) returns `{ help: true }` without checking
 * anything else.
 * @throws {RangeError} for an unknown flag, a repeated one, a missing value, a value outside `choices`, a value given
 * to a switch, or too many positional arguments — naming the flag and the value
 */
export function parseTaskArgs(spec: TaskSpec, argv: readonly string[]): ParsedArgs {
  const names = spellings(spec);
  const end = argv.indexOf("--");
  const head = end < 0 ? argv : argv.slice(0, end);
  if (head.includes("--help") || head.includes("-h")) return { help: true, flags: {}, positionals: [] };
  const flags: ParsedFlags = {};
  for (const [name, f] of Object.entries(spec.flags)) flags[name] = f.kind === "boolean" ? false : undefined;
  const seen = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (i === end) {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      positionals.push(a);
      continue;
    }
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const spelled = eq < 0 ? a : a.slice(0, eq);
    const name = names.get(spelled);
    if (name === undefined) {
      const known = [...names.keys()].join(", ");
      throw new RangeError(`unknown flag "${spelled}" (known: ${known || "none"}, --help)`);
    }
    const f = spec.flags[name];
    if (seen.has(name) && !f.multiple) throw new RangeError(`--${name} is given twice (as "${spelled}")`);
    seen.add(name);
    if (f.kind === "boolean") {
      if (eq >= 0) throw new RangeError(`--${name} takes no value (got "${a}")`);
      flags[name] = true;
      continue;
    }
    let v: string | undefined;
    if (eq >= 0) v = a.slice(eq + 1);
    else {
      v = argv[i + 1];
      if (v === undefined || (v.startsWith("-") && v !== "-" && names.has(v.split("=")[0])) || i + 1 === end) {
        throw new RangeError(`--${name} needs a value`);
      }
      i++;
    }
    if (v === "") throw new RangeError(`--${name} needs a value (got an empty one)`);
    if (f.choices && !f.choices.includes(v)) {
      throw new RangeError(`--${name}: "${v}" is not one of ${f.choices.join(", ")}`);
    }
    flags[name] = f.multiple ? [...((flags[name] as string[] | undefined) ?? []), v] : v;
  }
  const max = spec.positionals?.max ?? 0;
  if (positionals.length > max) {
    const what = max === 0 ? "no positional arguments" : `at most ${max} ${spec.positionals?.name ?? "argument"}(s)`;
    throw new RangeError(`unexpected argument "${positionals[max]}" (this task takes ${what}; see --help)`);
  }
  return { help: false, flags, positionals };
}

/**
 * The flag as a string (undefined when absent).
 * @throws {TypeError} when the flag is a switch or `multiple`
 */
export function stringFlag(p: ParsedArgs, name: string): string | undefined {
  const v = p.flags[name];
  if (v !== undefined && typeof v !== "string") throw new TypeError(`cli.ts: --${name} is not a single-value flag`);
  return v;
}

/**
 * A positive integer flag (`--jobs 2`), or `fallback` when absent.
 * @throws {RangeError} naming the flag and the value when it is not a positive integer
 */
export function positiveIntFlag(p: ParsedArgs, name: string, fallback: number): number {
  const v = stringFlag(p, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^[0-9]+$/.test(v) || !Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`--${name} must be a positive integer, got "${v}"`);
  }
  return n;
}

/**
 * Parse `argv`; on `--help` print `spec.usage` to stdout and return 0 without calling `run`; on a bad command line
 * print `error: …` and the first usage line to stderr and return 2; otherwise return what `run` returns (errors it
 * throws → `error: …` on stderr, 1).
 *
 * @example
 * ```ts
 * import { taskMain } from "./cli.ts";
 * const spec = { usage: "deno task demo [--n N]", flags: { n: { kind: "string" as const } } };
 * let ran = false;
 * console.assert((await taskMain(spec, ["--help"], () => { ran = true; return 0; }, () => {})) === 0 && !ran);
 * ```
 */
export async function taskMain(
  spec: TaskSpec,
  argv: readonly string[],
  run: (args: ParsedArgs) => number | void | Promise<number | void>,
  print: (text: string, stream: "stdout" | "stderr") => void = (t, s) =>
    s === "stdout" ? console.log(t) : console.error(t),
): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseTaskArgs(spec, argv);
  } catch (e) {
    print(`error: ${(e as Error).message}\nusage: ${spec.usage.split("\n")[0]}`, "stderr");
    return 2;
  }
  if (args.help) {
    print(spec.usage, "stdout");
    return 0;
  }
  try {
    return (await run(args)) ?? 0;
  } catch (e) {
    print(`error: ${(e as Error).message}`, "stderr");
    return 1;
  }
}
