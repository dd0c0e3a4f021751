/**
 * Atomic writes of report outputs (figures, the paper): write to a temporary
 * file in the same folder, fsync, then rename over the target, so a killed
 * build leaves the old file or the new one, never half of one. Temporaries are
 * named `*.tmp-<pid>-<n>`, the convention of `lib/pipeline/atomic.ts`, so the
 * pipeline's stale-temp clean-up removes leftovers. (lib/report and
 * lib/pipeline share a layer and do not import each other:
 * docs/architecture.md §2.)
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeReportFile } from "./write_report_file.ts";
 * const dir = await Deno.makeTempDir();
 * await writeReportFile(`${dir}/fig/a.svg`, "<svg/>"); // creates fig/, renames a temp file into place
 * assert.equal(await Deno.readTextFile(`${dir}/fig/a.svg`), "<svg/>");
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

let counter = 0;

/** Atomically write text or bytes to `path`, creating parent folders. */
export async function writeReportFile(path: string, data: string | Uint8Array): Promise<void> {
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
