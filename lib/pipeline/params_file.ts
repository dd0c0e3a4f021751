/**
 * Read a stage's `params.json` and the chain of files it `extends`. A params file may name one shared file,
 * `"extends": "../../shared/study.params.json"`, resolved relative to the file that names it; the shared file has
 * the same shape (`base`, `profiles`, optionally its own `extends`). The chain must stay inside the project, must
 * not pass through a symbolic link and must not loop. Layers are merged root-of-chain first, each file's `base`
 * then its `profiles[profile]` (see `mergeParamLayers`); the merged parameters are what a stage is hashed by and
 * what it echoes into its metrics.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadParamLayers } from "./params_file.ts";
 * import { resolveParamLayers } from "./params.ts";
 * await Deno.mkdir(".cache/tmp", { recursive: true });
 * const root = await Deno.makeTempDir({ dir: ".cache/tmp" });
 * await Deno.mkdir(`${root}/experiments/shared`, { recursive: true });
 * await Deno.mkdir(`${root}/experiments/e99_x/v1`, { recursive: true });
 * await Deno.writeTextFile(`${root}/experiments/shared/study.params.json`, '{"base": {"tau": 0.99, "n": 1}}');
 * await Deno.writeTextFile(
 *   `${root}/experiments/e99_x/v1/params.json`,
 *   '{"extends": "../../shared/study.params.json", "base": {"n": 2}, "profiles": {"quick": {}, "full": {"n": 3}}}',
 * );
 * const layers = await loadParamLayers(root, "experiments/e99_x/v1/params.json");
 * assert.deepEqual(layers.map((l) => l.file), ["experiments/shared/study.params.json", "experiments/e99_x/v1/params.json"]);
 * const schema = { tau: { type: "number" as const }, n: { type: "integer" as const } };
 * assert.deepEqual(resolveParamLayers(layers, schema, "quick"), { tau: 0.99, n: 2 });
 * assert.deepEqual(resolveParamLayers(layers, schema, "full"), { tau: 0.99, n: 3 });
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */

import type { ParamLayer } from "./params.ts";
import { assertNoSymlink } from "./symlinks.ts";

/** Join and normalise a root-relative path; null when it leaves the root. */
function resolveInside(fromFile: string, spec: string): string | null {
  if (spec.startsWith("/")) return null;
  const dir = fromFile.includes("/") ? fromFile.slice(0, fromFile.lastIndexOf("/")) : "";
  const out: string[] = [];
  for (const seg of `${dir}/${spec}`.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(seg);
  }
  return out.join("/");
}

/**
 * Read and parse one JSON file of the project; a syntax error names the file (and the position JSON.parse reports).
 * @throws {SyntaxError} naming the file; {RangeError} when it is missing
 */
export async function readJsonFile(root: string, file: string): Promise<unknown> {
  let text: string;
  try {
    text = await Deno.readTextFile(`${root}/${file}`);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new RangeError(`${file}: file not found`);
    throw e;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SyntaxError(`${file}: invalid JSON: ${(e as Error).message}`);
  }
}

/**
 * The `extends` chain of a params file, root of the chain first and `file` last. `file` is root-relative.
 * @throws {RangeError} naming the file and the `extends` value when it leaves the project, is a symbolic link, is
 * missing or closes a cycle; {SyntaxError} naming the file on invalid JSON
 */
export async function loadParamLayers(root: string, file: string, maxDepth = 8): Promise<ParamLayer[]> {
  const chain: ParamLayer[] = [];
  const seen: string[] = [];
  let current = file;
  while (true) {
    if (seen.includes(current)) {
      throw new RangeError(`${seen.at(-1)}: "extends" cycle: ${[...seen, current].join(" → ")}`);
    }
    if (seen.length >= maxDepth) throw new RangeError(`${file}: "extends" chain longer than ${maxDepth} files`);
    seen.push(current);
    await assertNoSymlink(root, current, `params file ${current}`);
    const raw = await readJsonFile(root, current);
    chain.unshift({ file: current, raw });
    const ext = raw !== null && typeof raw === "object" && !Array.isArray(raw)
      ? (raw as Record<string, unknown>).extends
      : undefined;
    if (ext === undefined) break;
    if (typeof ext !== "string" || ext === "") {
      throw new TypeError(`${current}: "extends" must be a path to a params file, got ${JSON.stringify(ext)}`);
    }
    const next = resolveInside(current, ext);
    if (next === null) throw new RangeError(`${current}: "extends": "${ext}" points outside the project`);
    if (!next.endsWith(".json")) throw new RangeError(`${current}: "extends": "${ext}" must name a .json file`);
    try {
      await Deno.lstat(`${root}/${next}`);
    } catch {
      throw new RangeError(`${current}: "extends": "${ext}" (${next}) does not exist`);
    }
    current = next;
  }
  return chain;
}
