/**
 * Read one upstream stage's JSON output (e.g. its metrics) through the stage context, so the read is checked against
 * the stage's declared `deps` and a syntax error names the file.
 * @module
 */

/** What {@link readUpstreamJson} needs from a stage context. */
export interface UpstreamJsonReader {
  /** Absolute path of an upstream stage's output file `name`. */
  upstream(stageId: string, name: string): Promise<string>;
}

/**
 * Parse the upstream output `name` of stage `stageId`; returns the parsed value and the path it came from.
 *
 * @throws {SyntaxError} naming the file on invalid JSON; {RangeError} from the context when the stage is not a
 * declared dependency or the output is missing
 * @example
 * ```ts
 * import { readUpstreamJson } from "./upstream_json.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/m.json`, '{"headline": {"positions": 14}}');
 * const { value } = await readUpstreamJson({ upstream: (_s, n) => Promise.resolve(`${dir}/${n}`) }, "e12", "m.json");
 * console.assert((value as { headline: { positions: number } }).headline.positions === 14);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function readUpstreamJson(
  ctx: UpstreamJsonReader,
  stageId: string,
  name: string,
): Promise<{ value: unknown; path: string }> {
  const path = await ctx.upstream(stageId, name);
  const text = await Deno.readTextFile(path);
  try {
    return { value: JSON.parse(text), path };
  } catch (e) {
    throw new SyntaxError(`${stageId}/${name}: invalid JSON: ${(e as Error).message}`);
  }
}
