/**
 * Provenance of a paper build, shown to the reader: the commit the paper was built from (and whether the tree had
 * uncommitted changes) as a stamp under the title, and at the end of each figure caption the stage that makes the
 * figure, the last commit that changed the figure's files and the command that rebuilds it.
 *
 * {@link readProvenance} asks git (`rev-parse`, `status`, `log`; the paper build runs with `--allow-run=git` for
 * this and nothing else) and is called by the entry points only (`tasks/paper.ts`, `build_paper.ts` run as a
 * program); the build takes the result as data. Without git, without the permission or outside a repository the
 * build does not fail: it says "commit unknown". The other functions are pure.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { figureNote, stampNote } from "./provenance.ts";
 * const p = { commit: "abc1234", modified: [], figures: { e04_frontier: "5120189" }, modifiedFigures: [] };
 * assert.equal(stampNote(p).text, "Built from commit abc1234 (clean)");
 * const stage = { id: "e04_core_study", version: "v2", alias: "e04" };
 * assert.deepEqual(figureNote(p, "e04_frontier", stage), {
 *   text: "stage e04_core_study/v2 · commit 5120189",
 *   command: "deno task figures --stage e04",
 * });
 * ```
 * @module
 */

/** What git says about the tree a paper is built from. */
export interface Provenance {
  /** Short hash of HEAD, or null when git cannot say (no git, no permission, not a repository). */
  commit: string | null;
  /** Tracked files with uncommitted changes, root-relative (empty: clean), or null when unknown. */
  modified: string[] | null;
  /** Figure id → short hash of the last commit that changed any of `figures/<id>.*`. */
  figures: Record<string, string>;
  /** Figure ids with uncommitted changes to one of their files. */
  modifiedFigures: string[];
}

/** What a build outside a repository (or without git) knows. */
export const UNKNOWN_PROVENANCE: Provenance = Object.freeze({
  commit: null,
  modified: null,
  figures: Object.freeze({}) as Record<string, string>,
  modifiedFigures: Object.freeze([]) as unknown as string[],
});

/** A line of provenance: prose, then the command that rebuilds it (set as code). */
export interface SourceNote {
  text: string;
  command: string;
}

/** The stage that declares a figure (`figureIds` of its stage.json). */
export interface FigureStage {
  /** Stage id, e.g. `e04_core_study`. */
  id: string;
  /** Version folder, e.g. `v2`. */
  version: string;
  /** Alias, e.g. `e04` (what `deno task figures --stage` takes). */
  alias: string;
}

/** The command that rebuilds the paper from the tree. */
export const REBUILD_COMMAND = "deno task reproduce";

/**
 * The title-page stamp: "Built from commit abc1234 (clean)", "(dirty)" with uncommitted changes, "(state unknown)"
 * when git gave the commit but not the status, "Built from commit unknown" without git.
 *
 * @example
 * ```ts
 * import { stampNote, UNKNOWN_PROVENANCE } from "./provenance.ts";
 * stampNote(UNKNOWN_PROVENANCE); // { text: "Built from commit unknown", command: "deno task reproduce" }
 * ```
 */
export function stampNote(p: Provenance): SourceNote {
  if (p.commit === null) return { text: "Built from commit unknown", command: REBUILD_COMMAND };
  const state = p.modified === null ? "state unknown" : p.modified.length === 0 ? "clean" : "dirty";
  return { text: `Built from commit ${p.commit} (${state})`, command: REBUILD_COMMAND };
}

/**
 * The source of a figure: "stage e04_core_study/v2 · commit 5120189" with the command
 * `deno task figures --stage e04`. The commit is the last one that changed the figure's files (HEAD when none
 * did, "unknown" without git); "+ uncommitted changes" follows when the working tree changed them. A figure no
 * stage declares names its file instead of a stage, and the command rebuilds every figure.
 *
 * @example
 * ```ts
 * import { figureNote } from "./provenance.ts";
 * const p = { commit: "abc1234", modified: ["figures/x.png"], figures: {}, modifiedFigures: ["x"] };
 * figureNote(p, "x", undefined);
 * // { text: "figures/x.png · commit abc1234 + uncommitted changes", command: "deno task figures" }
 * ```
 */
export function figureNote(p: Provenance, id: string, stage: FigureStage | undefined): SourceNote {
  const hash = p.figures[id] ?? p.commit;
  const commit = `commit ${hash ?? "unknown"}${p.modifiedFigures.includes(id) ? " + uncommitted changes" : ""}`;
  return stage === undefined
    ? { text: `figures/${id}.png · ${commit}`, command: "deno task figures" }
    : { text: `stage ${stage.id}/${stage.version} · ${commit}`, command: `deno task figures --stage ${stage.alias}` };
}

/**
 * Parse `git log --format=%x00%h --name-only -- figures` (newest first): figure id → hash of the newest commit
 * that changed one of its files. `prefix` is the root's path inside the repository (`git rev-parse --show-prefix`).
 *
 * @example
 * ```ts
 * import { parseFigureLog } from "./provenance.ts";
 * parseFigureLog("\0bbb2222\n\nfigures/a.svg\n\0aaa1111\n\nfigures/a.png\nfigures/b.png\n", "");
 * // { a: "bbb2222", b: "aaa1111" }
 * ```
 */
export function parseFigureLog(log: string, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rec of log.split("\0")) {
    const lines = rec.split("\n").map((l) => l.trim()).filter((l) => l !== "");
    if (lines.length === 0) continue;
    const [hash, ...files] = lines;
    for (const f of files) {
      const id = figureIdOf(f.startsWith(prefix) ? f.slice(prefix.length) : f);
      if (id !== null && !(id in out)) out[id] = hash;
    }
  }
  return out;
}

/**
 * Parse `git status --porcelain -z` into root-relative paths (both sides of a rename).
 *
 * @example
 * ```ts
 * import { parseStatus } from "./provenance.ts";
 * parseStatus(" M paper/paper.md\0R  new.ts\0old.ts\0", ""); // ["paper/paper.md", "new.ts", "old.ts"]
 * ```
 */
export function parseStatus(status: string, prefix: string): string[] {
  const out: string[] = [];
  const recs = status.split("\0");
  for (let i = 0; i < recs.length; i++) {
    const rec = recs[i];
    if (rec.length < 4) continue;
    const paths = [rec.slice(3)];
    if (rec[0] === "R" || rec[0] === "C") paths.push(recs[++i] ?? "");
    for (const p of paths) if (p !== "") out.push(p.startsWith(prefix) ? p.slice(prefix.length) : p);
  }
  return out;
}

/** `figures/<id>.<ext>` → id; null for anything else. */
function figureIdOf(path: string): string | null {
  const m = /^figures\/([\w-]+)\.[\w.]+$/.exec(path);
  return m ? m[1] : null;
}

/** Run `git -C root …args`: stdout, or null when git fails. Throws when git cannot be started. */
async function git(root: string, args: string[]): Promise<string | null> {
  const r = await new Deno.Command("git", {
    // status must not refresh the shared index (and take its lock) while others commit
    args: ["--no-optional-locks", "-C", root, ...args],
    stdout: "piped",
    stderr: "null",
  }).output();
  return r.success ? new TextDecoder().decode(r.stdout) : null;
}

/**
 * Ask git about the tree at `root` (needs `--allow-run=git`). Never throws: without git, without the permission or
 * outside a repository it returns {@link UNKNOWN_PROVENANCE}; a status git cannot give leaves `modified` null.
 */
export async function readProvenance(root: string): Promise<Provenance> {
  try {
    const head = await git(root, ["rev-parse", "--short=7", "HEAD"]);
    const prefix = await git(root, ["rev-parse", "--show-prefix"]);
    if (head === null || prefix === null) return UNKNOWN_PROVENANCE;
    const pre = prefix.trim();
    const status = await git(root, ["status", "--porcelain", "-z", "--untracked-files=no", "--", "."]);
    const log = await git(root, ["log", "--abbrev=7", "--format=%x00%h", "--name-only", "--", "figures"]);
    const modified = status === null ? null : parseStatus(status, pre);
    const modifiedFigures = [...new Set((modified ?? []).map(figureIdOf).filter((x): x is string => x !== null))];
    return {
      commit: head.trim(),
      modified,
      figures: log === null ? {} : parseFigureLog(log, pre),
      modifiedFigures: modifiedFigures.sort(),
    };
  } catch {
    // git missing (NotFound) or no --allow-run=git (NotCapable): the build says "commit unknown"
    return UNKNOWN_PROVENANCE;
  }
}

/**
 * Which stage declares each figure: the `figureIds` of the `stage.json` beside each metrics file (root-relative
 * paths keyed by alias, as the paper build gets them). A metrics file without a `stage.json` beside it is skipped.
 */
export async function figureStages(
  root: string,
  metricFiles: Readonly<Record<string, string>>,
): Promise<Record<string, FigureStage>> {
  const out: Record<string, FigureStage> = {};
  for (const [alias, file] of Object.entries(metricFiles)) {
    const dir = file.slice(0, Math.max(0, file.lastIndexOf("/")));
    let spec: { id?: unknown; figureIds?: unknown };
    try {
      spec = JSON.parse(await Deno.readTextFile(`${root}/${dir}/stage.json`));
    } catch {
      continue;
    }
    const version = dir.slice(dir.lastIndexOf("/") + 1);
    if (typeof spec.id !== "string" || !Array.isArray(spec.figureIds)) continue;
    for (const f of spec.figureIds) if (typeof f === "string") out[f] = { id: spec.id, version, alias };
  }
  return out;
}
