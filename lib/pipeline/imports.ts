/**
 * Static local-import closure of a TypeScript module: the files whose content
 * is part of a stage's cache key ("own code plus imported lib files"). Bare
 * and `npm:` specifiers are covered by `deno.lock` and skipped.
 *
 * @example
 * ```ts
 * import { localImportClosure } from "./imports.ts";
 * const files = await localImportClosure("experiments/e01_static_benchmark/v1/main.ts");
 * ```
 * @module
 */

const IMPORT_RE =
  /(?:import|export)\s+(?:type\s+)?(?:[\w*\s{},$]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Normalise a relative path (resolve `.` and `..`). */
export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length === 0 || out[out.length - 1] === "..") out.push("..");
      else out.pop();
    } else out.push(seg);
  }
  return (p.startsWith("/") ? "/" : "") + out.join("/");
}

/** Relative module specifiers in source text. */
export function relativeSpecifiers(src: string): string[] {
  const out: string[] = [];
  const noComments = src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  for (const m of noComments.matchAll(IMPORT_RE)) {
    const s = m[1] ?? m[2];
    if (s.startsWith("./") || s.startsWith("../")) out.push(s);
  }
  return out;
}

/**
 * All local files reachable from `entry` by relative imports (entry included),
 * sorted. Paths are relative to `root`, as `entry` is.
 * @throws {RangeError} naming the importing file when an import cannot be read
 */
export async function localImportClosure(entry: string, root = "."): Promise<string[]> {
  const seen = new Set<string>();
  const stack = [normalizePath(entry)];
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    if (!/\.(ts|js|mjs|tsx)$/.test(f)) continue;
    let src: string;
    try {
      src = await Deno.readTextFile(`${root}/${f}`);
    } catch (e) {
      throw new RangeError(`cannot read module ${f}: ${(e as Error).message}`);
    }
    const dir = f.includes("/") ? f.slice(0, f.lastIndexOf("/")) : ".";
    for (const s of relativeSpecifiers(src)) {
      const target = normalizePath(`${dir}/${s}`);
      if (!seen.has(target)) {
        try {
          await Deno.stat(`${root}/${target}`);
        } catch {
          throw new RangeError(`${f}: imports "${s}" but ${target} does not exist`);
        }
        stack.push(target);
      }
    }
  }
  return [...seen].sort();
}
