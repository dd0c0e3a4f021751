/**
 * `deno task simm …`: a launcher that grants the SIMM command exactly the paths it is given. It reads
 * the path options (`--crif`, `--out`, `--calibration-dir`, `--fx`) from the arguments, makes them
 * absolute (relative to the folder `deno task` was started from, `INIT_CWD`), and re-runs
 * `tasks/simm.ts` as
 *
 * ```sh
 * deno run --frozen --deny-net --no-prompt --allow-read=<crif>,<calibration dir>[,<fx>],<out> \
 *   --allow-write=<out> tasks/simm.ts <the same arguments, paths absolute>
 * ```
 *
 * with standard input, output and error passed through (so `--crif -` reads a pipe) and its exit
 * code. Nothing else is granted: no read access to the project or to the CRIF's folder, no
 * environment, no network. The launcher itself needs only `--allow-run=deno` and
 * `--allow-env=INIT_CWD`. Every other check (repeated or unknown options, symbolic links, the CRIF
 * itself) is the command's (`lib/simm/cli.ts`).
 *
 * @example
 * ```sh
 * deno task simm --crif /tmp/some.csv --version 2.6 --mpor 10 --out /tmp/simm-out
 * cat some.csv | deno task simm --crif - --version 2.6 --mpor 10
 * ```
 * @module
 */

import { isAbsolute, resolve } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";
import { DEFAULT_CALIBRATION_DIR } from "../lib/simm/mod.ts";

/** Path-valued options, and the default of those that have one (relative to the project root). */
const PATH_OPTIONS: Readonly<Record<string, string | undefined>> = {
  crif: undefined,
  out: ".cache/simm",
  "calibration-dir": DEFAULT_CALIBRATION_DIR,
  fx: undefined,
};

/**
 * The child's `deno` arguments for the SIMM arguments `argv`: path options made absolute against
 * `userCwd` (defaults against `projectRoot`), read access to exactly the CRIF (unless `-`), the
 * calibration folder, the FX file and the output folder, write access to exactly the output folder.
 * With `--help` (or `-h`) nothing is granted.
 *
 * @throws {RangeError} for a path that contains a comma (it cannot be written in a permission list)
 * @example
 * ```ts
 * import { simmChildArgs } from "./simm_launcher.ts";
 * const a = simmChildArgs(["--crif", "x.csv", "--version", "2.6", "--mpor", "10"], { userCwd: "/u", projectRoot: "/p", script: "/p/tasks/simm.ts" });
 * console.assert(a.includes("--allow-read=/u/x.csv,/p/data/raw/simm/calibration,/p/.cache/simm"));
 * console.assert(a.includes("--allow-write=/p/.cache/simm"));
 * ```
 */
export function simmChildArgs(
  argv: readonly string[],
  where: { readonly userCwd: string; readonly projectRoot: string; readonly script: string },
): string[] {
  const given = new Map<string, string[]>();
  const args: string[] = [];
  let help = false;
  const abs = (name: string, v: string) => {
    if (name === "crif" && v === "-") return v;
    const p = isAbsolute(v) ? resolve(v) : resolve(where.userCwd, v);
    if (p.includes(",")) {
      throw new RangeError(
        `simm_launcher: --${name} ${JSON.stringify(v)}: a path with a comma cannot be granted ` +
          `(Deno's permission lists are comma-separated); rename or move it`,
      );
    }
    return p;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") help = true;
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(a);
    if (m === null || !(m[1] in PATH_OPTIONS)) {
      args.push(a);
      continue;
    }
    const name = m[1];
    let value: string | undefined = m[2];
    if (value === undefined) {
      if (i + 1 >= argv.length) {
        args.push(a); // the command reports the missing value
        continue;
      }
      value = argv[++i];
    }
    const p = abs(name, value);
    given.set(name, [...(given.get(name) ?? []), p]);
    args.push(`--${name}`, p);
  }
  const base = ["run", "--frozen", "--deny-net", "--no-prompt"];
  if (help) return [...base, where.script, ...args];
  for (const [name, def] of Object.entries(PATH_OPTIONS)) {
    if (def !== undefined && !given.has(name)) {
      const p = abs(name, resolve(where.projectRoot, def));
      given.set(name, [p]);
      args.push(`--${name}`, p);
    }
  }
  const read = ["crif", "calibration-dir", "fx", "out"].flatMap((n) => given.get(n) ?? []).filter((p) => p !== "-");
  const write = given.get("out") ?? [];
  return [...base, `--allow-read=${read.join(",")}`, `--allow-write=${write.join(",")}`, where.script, ...args];
}

/**
 * Run the SIMM command with scoped permissions; returns its exit code (2 with a message when the
 * launcher itself refuses the arguments).
 *
 * @example
 * ```ts
 * import { main } from "./simm_launcher.ts";
 * console.assert(typeof main === "function");
 * ```
 */
export async function main(argv: readonly string[]): Promise<number> {
  const script = fromFileUrl(new URL("./simm.ts", import.meta.url));
  const projectRoot = fromFileUrl(new URL("..", import.meta.url));
  let userCwd = Deno.cwd();
  try {
    userCwd = Deno.env.get("INIT_CWD") ?? userCwd;
  } catch {
    // no env permission: relative paths are taken against the working folder
  }
  let args: string[];
  try {
    args = simmChildArgs(argv, { userCwd, projectRoot, script });
  } catch (e) {
    console.error(`simm: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    return 2;
  }
  const child = new Deno.Command("deno", {
    args,
    cwd: projectRoot,
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  return (await child.status).code;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
