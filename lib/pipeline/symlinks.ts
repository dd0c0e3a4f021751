/**
 * Symbolic links are refused inside the project. Deno's scoped permissions check the path as written, so a link
 * under the project (`data/raw/x.csv → /etc/passwd`, an output folder linked to `/tmp`) would let a stage with
 * `--allow-read=.` or `--allow-write=<its folder>` reach outside it. The pipeline checks every path it hands to a
 * stage (data files, params files, output folders and outputs) component by component, and every tracked file's
 * git mode (120000 is a link).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { assertNoSymlink } from "./symlinks.ts";
 * await assertNoSymlink(".", "deno.json", "config"); // a plain file: fine
 * await assertNoSymlink(".", "data/derived/not-yet-written.csv", "output"); // not there yet: nothing to check
 * await assert.rejects(() => assertNoSymlink(".", "../etc/passwd", "data file"), /must be a path inside the project/);
 * // a link (made with `ln -s`; Deno.symlink needs unscoped permissions) is refused: see runner_test.ts
 * ```
 * @module
 */

/**
 * Refuse `rel` (root-relative) when it or any folder on the way to it is a symbolic link. Components that do not
 * exist yet (an output folder on a first run) end the check.
 * @throws {RangeError} naming `what`, the path and the link
 */
export async function assertNoSymlink(root: string, rel: string, what: string): Promise<void> {
  const parts = rel.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..") || rel.startsWith("/")) {
    throw new RangeError(`${what}: "${rel}" must be a path inside the project (no "..", not absolute)`);
  }
  let cur = "";
  for (const p of parts) {
    cur = cur ? `${cur}/${p}` : p;
    let info: Deno.FileInfo;
    try {
      info = await Deno.lstat(`${root}/${cur}`);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return;
      throw e;
    }
    if (info.isSymlink) {
      throw new RangeError(
        `${what}: ${cur} is a symbolic link; links inside the project are refused (they escape the scoped permissions)`,
      );
    }
  }
}

/**
 * Tracked files whose git mode is a symbolic link (120000), from `git ls-files -s`; null when git cannot be run
 * (no permission, not a repository).
 */
export async function trackedSymlinks(root: string): Promise<string[] | null> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command("git", { args: ["-C", root, "ls-files", "-s", "-z"], stdout: "piped", stderr: "null" })
      .output();
  } catch {
    return null;
  }
  if (!out.success) return null;
  const links: string[] = [];
  for (const rec of new TextDecoder().decode(out.stdout).split("\0")) {
    const m = /^(\d{6}) [0-9a-f]+ \d+\t(.*)$/s.exec(rec);
    if (m && m[1] === "120000") links.push(m[2]);
  }
  return links;
}
