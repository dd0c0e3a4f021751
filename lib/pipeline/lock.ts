/**
 * The pipeline's run lock: one exclusive advisory lock (`flock`) on `.cache/pipeline/lock`, so two reproduce or
 * verify runs on the same tree never interleave (and one run's stale-temp sweep never deletes the other's
 * in-flight file). A second run says "waiting for another run" and blocks until the first ends; the operating
 * system drops the lock when a process dies, so a killed run never leaves it held.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { acquirePipelineLock } from "./lock.ts";
 * await Deno.mkdir(".cache/tmp", { recursive: true });
 * const root = await Deno.makeTempDir({ dir: ".cache/tmp" });
 * const release = await acquirePipelineLock(root, () => {});
 * const said: string[] = [];
 * const second = acquirePipelineLock(root, (m) => said.push(m)); // blocks: the lock is held
 * await new Promise((r) => setTimeout(r, 50));
 * assert.match(said[0], /waiting for another run/);
 * release();
 * (await second)(); // acquired once the first let go
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */

/** Root-relative path of the lock file. */
export const LOCK_FILE = ".cache/pipeline/lock";

/**
 * Take the exclusive run lock of the project at `root`, waiting (and saying so through `log`) while another run
 * holds it. Returns the function that releases it.
 */
export async function acquirePipelineLock(root: string, log: (msg: string) => void): Promise<() => void> {
  await Deno.mkdir(`${root}/.cache/pipeline`, { recursive: true });
  const f = await Deno.open(`${root}/${LOCK_FILE}`, { read: true, write: true, create: true });
  try {
    if (!(await f.tryLock(true))) {
      log(`[reproduce] waiting for another run (it holds ${LOCK_FILE})…`);
      await f.lock(true);
    }
  } catch (e) {
    f.close();
    throw e;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      f.unlockSync();
    } finally {
      f.close();
    }
  };
}
