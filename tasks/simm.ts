/**
 * `deno task simm --crif FILE --version 2.6 --mpor 10 [--out DIR] [--calibration-dir DIR]
 * [--currency CCY --fx-rate CCY=RATE | --fx FILE] [--quiet]`
 *
 * ISDA SIMM from a CRIF file: prints the breakdown (per side, product class, risk class, margin type,
 * bucket) and writes `<out>/<name>.simm.csv` (ORE simm.csv columns) and `<out>/<name>.simm.json`
 * atomically (temp file in the same folder, then rename). A thin wrapper: the command is
 * `runSimmCli` in `lib/simm/cli.ts`; this file gives it Deno's file system and turns an error into
 * `simm: Name: message` on stderr with exit code 2. Needs read access to the CRIF and the calibration
 * folder, write access to the output folder, and no network.
 *
 * @example
 * ```sh
 * deno run --allow-read=. --allow-write=.cache/simm --deny-net tasks/simm.ts \
 *   --crif data/raw/simm/ore-example-2.6/crif.csv --version 2.6 --mpor 10
 * ```
 * @module
 */

import { runSimmCli, type SimmCliIo } from "../lib/simm/cli.ts";
import { simmAttributionTable } from "./simm_attribution.ts";

/**
 * Deno's file system for {@link runSimmCli}. Atomic writes go to a fresh temp file (`createNew`, so an
 * existing file or link at the temp name is never followed) in the target folder, then rename.
 *
 * @example
 * ```ts
 * import { denoSimmIo } from "./simm.ts";
 * console.assert((await denoSimmIo.realPath(".")).startsWith("/"));
 * ```
 */
export const denoSimmIo: SimmCliIo = {
  readTextFile: (path) => Deno.readTextFile(path),
  readDir: async (path) => {
    const names: string[] = [];
    for await (const e of Deno.readDir(path)) if (e.isFile) names.push(e.name);
    return names;
  },
  realPath: (path) => Deno.realPath(path),
  mkdir: (path) => Deno.mkdir(path, { recursive: true }),
  writeTextFileAtomic: async (path, text) => {
    const tmp = `${path}.${Deno.pid}.tmp`;
    try {
      await Deno.writeTextFile(tmp, text, { createNew: true });
      await Deno.rename(tmp, path);
    } catch (e) {
      await Deno.remove(tmp).catch(() => {});
      throw e;
    }
  },
  stdout: (text) => console.log(text),
  stderr: (text) => console.error(text),
  readStdin: () => new Response(Deno.stdin.readable).text(),
  attribute: simmAttributionTable,
};

/**
 * Run the task; returns the exit code (errors → message on stderr, 2).
 *
 * @example
 * ```ts
 * import { main } from "./simm.ts";
 * console.assert((await main(["--mpor", "10", "--mpor", "1"])) === 2);
 * ```
 */
export async function main(argv: readonly string[], io: SimmCliIo = denoSimmIo): Promise<number> {
  try {
    return await runSimmCli(argv, io);
  } catch (e) {
    io.stderr(`simm: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    return 2;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
