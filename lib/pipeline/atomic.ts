/**
 * Atomic file writes: write to a temporary file in the same directory, fsync,
 * then rename over the target. A process killed at any moment leaves either
 * the old file or the new one, never half of one. Stale temporaries from a
 * killed run are named `*.tmp-<pid>-<n>` and removed by `removeStaleTemps`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeFileAtomic } from "./atomic.ts";
 * await Deno.mkdir(".cache/tmp", { recursive: true });
 * const dir = await Deno.makeTempDir({ dir: ".cache/tmp" });
 * await writeFileAtomic(`${dir}/out/metrics.json`, '{"a":1}\n'); // creates out/, renames a temp file into place
 * assert.equal(await Deno.readTextFile(`${dir}/out/metrics.json`), '{"a":1}\n');
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

let counter = 0;

/** Atomically write text or bytes to `path`, creating parent directories. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const slash = path.lastIndexOf("/");
  if (slash > 0) await Deno.mkdir(path.slice(0, slash), { recursive: true });
  const tmp = `${path}.tmp-${Deno.pid}-${counter++}`;
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const f = await Deno.open(tmp, { write: true, create: true, truncate: true });
  try {
    let off = 0;
    while (off < bytes.length) off += await f.write(bytes.subarray(off));
    await f.sync();
  } finally {
    f.close();
  }
  try {
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}

/**
 * Remove `*.tmp-<pid>-<n>` leftovers of killed runs in `dir` (non-recursive). The pipeline calls it only while it
 * holds the run lock, and with `minAgeMs` so that a temp file another writer (a `deno task figures` started by
 * hand) touched in the last `minAgeMs` is left alone; a file that vanishes meanwhile is not an error.
 */
export async function removeStaleTemps(dir: string, minAgeMs = 0, now: number = Date.now()): Promise<number> {
  let n = 0;
  try {
    for await (const e of Deno.readDir(dir)) {
      if (!e.isFile || !/\.tmp-\d+-\d+$/.test(e.name)) continue;
      try {
        if (minAgeMs > 0) {
          const m = (await Deno.stat(`${dir}/${e.name}`)).mtime?.getTime();
          if (m === undefined || now - m < minAgeMs) continue;
        }
        await Deno.remove(`${dir}/${e.name}`);
        n++;
      } catch (err) {
        if (!(err instanceof Deno.errors.NotFound)) throw err;
      }
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return n;
}
