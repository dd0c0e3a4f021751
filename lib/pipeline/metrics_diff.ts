/**
 * Differences in metrics, params and bound paper numbers between two states of the project (`deno task diff`): two
 * commits, or a commit and the working tree. Every differing leaf is a row key / old / new / Δ. Metrics compare
 * like `verify`: a number within the stage's declared tolerance is counted as equal-within-tolerance and a key in
 * the stage's `volatile` list (machine-dependent timings) is counted apart, neither listed unless asked. Paper
 * numbers are the bindings `{{e04.key | fmt}}` of `paper/paper.md` (with its `<!-- include: … -->` sections), each
 * resolved against that side's full-profile metrics and compared as printed.
 *
 * Each file pair is a table join in arquero: both JSON values are flattened to one row per node and full-outer-joined
 * by path (lib/pipeline/diff_leaves.ts, the same rows in the same order as verify's `compareMetrics`), then Δ and the
 * tolerance and volatile classes are derived and the listed rows kept; the paper numbers of the two sides are joined
 * by binding the same way. Sides read files through {@link Side} (`gitSide` runs `git show <rev>:<path>`,
 * `worktreeSide` reads the tree), so the comparison itself is pure; the binding syntax and formats come from the
 * caller (lib/report/bindings.ts shares this layer: `tasks/diff.ts` passes them in).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { diffProject, memorySide } from "./metrics_diff.ts";
 * const stage = '{"id":"e01_x","description":"d","outputs":["metrics.{profile}.json"]}';
 * const a = memorySide("A", {
 *   "experiments/e01_x/v1/stage.json": stage,
 *   "experiments/e01_x/v1/metrics.full.json": '{"rate": 0.01, "n": 5}',
 *   "experiments/e01_x/v1/params.json": '{"base": {"seed": 1}}',
 * });
 * const b = memorySide("B", {
 *   "experiments/e01_x/v1/stage.json": stage,
 *   "experiments/e01_x/v1/metrics.full.json": '{"rate": 0.0125, "n": 5}',
 *   "experiments/e01_x/v1/params.json": '{"base": {"seed": 2}}',
 * });
 * const d = await diffProject(a, b);
 * assert.deepEqual(d.rows.map((r) => [r.section, r.key, r.old, r.new]), [
 *   ["metrics", "e01_x/full: rate", 0.01, 0.0125],
 *   ["params", "e01_x: base.seed", 1, 2],
 * ]);
 * ```
 * @module
 */

import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { compareMetrics } from "./compare.ts";
import { diffLeaves } from "./diff_leaves.ts";
import { parseStageSpec, type ReproduceMode } from "./stage.ts";
import { isVolatileKey } from "./volatile.ts";

/** One state of the project: its label, a file reader (null when the file does not exist) and its file list. */
export interface Side {
  label: string;
  read(path: string): Promise<string | null>;
  /** Root-relative paths of the files under `experiments/` and `paper/` (tracked, or in the tree). */
  list(): Promise<string[]>;
}

/** A side held in memory (tests, examples). */
export function memorySide(label: string, files: Readonly<Record<string, string>>): Side {
  return {
    label,
    read: (p) => Promise.resolve(p in files ? files[p] : null),
    list: () => Promise.resolve(Object.keys(files).sort()),
  };
}

async function git(root: string, args: string[]): Promise<{ ok: boolean; text: string; err: string }> {
  const out = await new Deno.Command("git", { args: ["-C", root, ...args], stdout: "piped", stderr: "piped" })
    .output();
  return { ok: out.success, text: new TextDecoder().decode(out.stdout), err: new TextDecoder().decode(out.stderr) };
}

/**
 * A commit, read with `git show <rev>:<path>` (needs `--allow-run=git`).
 * @throws {RangeError} naming the revision when git does not know it
 */
export async function gitSide(root: string, rev: string): Promise<Side> {
  const r = await git(root, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
  if (!r.ok) throw new RangeError(`diff: "${rev}" is not a commit git knows (git rev-parse failed)`);
  const commit = r.text.trim();
  const prefix = (await git(root, ["rev-parse", "--show-prefix"])).text.trim();
  return {
    label: `${rev} (${commit.slice(0, 9)})`,
    read: async (p) => {
      const s = await git(root, ["show", `${commit}:./${p}`]);
      return s.ok ? s.text : null;
    },
    list: async () => {
      const s = await git(root, ["ls-tree", "-r", "--name-only", commit, "--", "experiments", "paper"]);
      if (!s.ok) throw new RangeError(`diff: git ls-tree ${rev} failed: ${s.err.trim()}`);
      return s.text.split("\n").filter((l) => l !== "").map((l) => l.startsWith(prefix) ? l.slice(prefix.length) : l);
    },
  };
}

/** The working tree: files on disk (tracked and untracked, not ignored, as git lists them). */
export function worktreeSide(root: string): Side {
  return {
    label: "working tree",
    read: (p) => Deno.readTextFile(`${root}/${p}`).catch(() => null),
    list: async () => {
      const s = await git(root, [
        "ls-files",
        "--cached",
        "--others",
        "--exclude-standard",
        "--",
        "experiments",
        "paper",
      ]);
      if (!s.ok) throw new RangeError(`diff: git ls-files failed: ${s.err.trim()}`);
      return s.text.split("\n").filter((l) => l !== "");
    },
  };
}

/** How the caller resolves one paper binding: `{{key | fmt:digits}}` → the raw value and the printed text. */
export interface Binder {
  /** The binding pattern (global); group 1 is the key, group 2 the format, group 3 its digits. */
  pattern: RegExp;
  lookup(metrics: Record<string, unknown>, key: string): unknown;
  format(value: unknown, fmt: string, digits: number | undefined, key: string): string;
}

/** One differing leaf. */
export interface DiffRow {
  section: "metrics" | "params" | "paper";
  /** `stage/profile: key.path`, `stage: key.path`, `shared/file: key.path` or the paper binding. */
  key: string;
  old: unknown;
  new: unknown;
  /** new − old for two numbers, else null. */
  delta: number | null;
}

/** The result of {@link diffProject}. */
export interface ProjectDiff {
  a: string;
  b: string;
  rows: DiffRow[];
  /** Metric leaves that differ but within the stage's declared tolerance, and volatile (timing) keys that differ. */
  withinTolerance: number;
  volatile: number;
  /** Bound paper numbers: how many bindings each side has and how many print differently. */
  paper: { bindings: number; changed: number } | null;
  /** Files whose metrics or params differ wholesale (added, removed, unreadable), with what happened. */
  notes: string[];
}

const METRICS_RE = /^experiments\/([^/]+)\/v(\d+)\/metrics\.(quick|full)\.json$/;
const PARAMS_RE = /^experiments\/([^/]+)\/v(\d+)\/params\.json$/;
const SHARED_RE = /^experiments\/shared\/[^/]+\.params\.json$/;

/** Highest version per stage folder among `files` matching `re` (group 1: stage, 2: version): stage → path(s). */
function active(files: readonly string[], re: RegExp): Map<string, { version: number; paths: string[] }> {
  const m = new Map<string, { version: number; paths: string[] }>();
  for (const f of files) {
    const g = re.exec(f);
    if (!g) continue;
    const v = Number(g[2]), cur = m.get(g[1]);
    if (!cur || v > cur.version) m.set(g[1], { version: v, paths: [f] });
    else if (v === cur.version) cur.paths.push(f);
  }
  return m;
}

function parse(text: string | null, what: string, notes: string[]): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    notes.push(`${what}: not valid JSON (${(e as Error).message})`);
    return undefined;
  }
}

const delta = (a: unknown, b: unknown) => typeof a === "number" && typeof b === "number" ? b - a : null;

/** A table of differences (`key`, `old`, `new`) as rows of `section`, keys prefixed, Δ derived. */
function asRows(t: ColumnTable, section: DiffRow["section"], prefix: string): DiffRow[] {
  return t
    .derive({
      section: aq.escape(() => section),
      key: aq.escape((d: { key: string }) => prefix + d.key),
      delta: aq.escape((d: { old: unknown; new: unknown }) => delta(d.old, d.new)),
    })
    .select("section", "key", "old", "new", "delta")
    .objects() as DiffRow[];
}

/** How a differing metric leaf is reported: listed, within the stage's tolerance, or a volatile (timing) key. */
type MetricClass = "listed" | "tolerance" | "volatile";

async function stageRule(side: Side, dir: string): Promise<{ mode: ReproduceMode; volatile: string[] }> {
  const text = await side.read(`${dir}/stage.json`);
  try {
    const v = Number(/\/v(\d+)$/.exec(dir)?.[1] ?? 1);
    const s = parseStageSpec(JSON.parse(text ?? "null"), `${dir}/stage.json`, dir, v);
    return { mode: s.reproduce, volatile: s.volatile };
  } catch {
    return { mode: { mode: "bitwise" }, volatile: [] };
  }
}

/** Expand `<!-- include: path -->` lines (root-relative) through `side`; a missing include stays as a note. */
async function expandIncludes(side: Side, text: string, notes: string[], depth = 0): Promise<string> {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const m = /^<!--\s*include:\s*(\S+)\s*-->\s*$/.exec(line);
    if (!m || depth > 8) {
      out.push(line);
      continue;
    }
    const inc = await side.read(m[1]);
    if (inc === null) notes.push(`${side.label}: paper include ${m[1]} is missing`);
    else out.push(await expandIncludes(side, inc, notes, depth + 1));
  }
  return out.join("\n");
}

interface Bound {
  value: unknown;
  text: string;
}

/** Bound paper numbers as a table: binding `id`, then `ord`, `value` and `text` with `suffix`. */
function boundTable(m: ReadonlyMap<string, Bound>, suffix: string): ColumnTable {
  const b = [...m.values()];
  return aq.table({
    id: [...m.keys()],
    [`ord${suffix}`]: b.map((_, i) => i),
    [`value${suffix}`]: b.map((x) => x.value),
    [`text${suffix}`]: b.map((x) => x.text),
  });
}

async function paperNumbers(
  side: Side,
  files: readonly string[],
  binder: Binder,
  notes: string[],
): Promise<Map<string, Bound> | null> {
  const md = await side.read("paper/paper.md");
  if (md === null) return null;
  const text = await expandIncludes(side, md, notes);
  const metrics: Record<string, unknown> = {};
  for (const [stage, a] of active(files, METRICS_RE)) {
    const full = a.paths.find((p) => p.endsWith("metrics.full.json"));
    if (full) metrics[stage.split("_")[0]] = parse(await side.read(full), `${side.label}: ${full}`, notes);
  }
  const out = new Map<string, Bound>();
  for (const m of text.matchAll(new RegExp(binder.pattern.source, "g"))) {
    const [, key, fmt, d] = m;
    const id = `{{${key}${fmt ? ` | ${fmt}${d !== undefined ? `:${d}` : ""}` : ""}}}`;
    if (out.has(id)) continue;
    try {
      const value = binder.lookup(metrics, key);
      out.set(id, { value, text: binder.format(value, fmt ?? "raw", d === undefined ? undefined : Number(d), key) });
    } catch (e) {
      out.set(id, { value: undefined, text: `(unresolved: ${(e as Error).message.split(":")[0]})` });
    }
  }
  return out;
}

/**
 * Compare `a` (old) with `b` (new): every committed metrics file of each stage's active version (both profiles),
 * every params file (the stage's active `params.json` and `experiments/shared/*.params.json`, as written, before
 * `extends`), and, when `binder` is given, every bound paper number.
 */
export async function diffProject(a: Side, b: Side, binder?: Binder): Promise<ProjectDiff> {
  const [fa, fb] = await Promise.all([a.list(), b.list()]);
  const rows: DiffRow[] = [];
  const notes: string[] = [];
  let withinTolerance = 0, volatile = 0;
  // metrics, matched by stage folder and profile (a new version v2 is compared with the old v1)
  const ma = active(fa, METRICS_RE), mb = active(fb, METRICS_RE);
  for (const stage of [...new Set([...ma.keys(), ...mb.keys()])].sort()) {
    const pa = ma.get(stage), pb = mb.get(stage);
    for (const profile of ["quick", "full"]) {
      const fileA = pa?.paths.find((p) => p.endsWith(`metrics.${profile}.json`));
      const fileB = pb?.paths.find((p) => p.endsWith(`metrics.${profile}.json`));
      if (!fileA && !fileB) continue;
      const label = `${stage}/${profile}`;
      if (!fileA || !fileB) {
        notes.push(`${label}: metrics ${fileA ? `removed (${fileA})` : `added (${fileB})`}`);
        continue;
      }
      if (fileA !== fileB) notes.push(`${label}: ${fileA} → ${fileB}`);
      const [ta, tb] = await Promise.all([a.read(fileA), b.read(fileB)]);
      if (ta === tb) continue;
      const va = parse(ta, `${a.label}: ${fileA}`, notes), vb = parse(tb, `${b.label}: ${fileB}`, notes);
      const { mode, volatile: volatileKeys } = await stageRule(b, fileB.slice(0, fileB.lastIndexOf("/")));
      const classified = diffLeaves(va, vb).derive({
        class: aq.escape((d: { key: string; old: unknown; new: unknown }): MetricClass =>
          isVolatileKey(d.key, volatileKeys)
            ? "volatile"
            : mode.mode === "tolerance" && compareMetrics(d.old, d.new, mode).length === 0
            ? "tolerance"
            : "listed"
        ),
      });
      const only = (c: MetricClass) => classified.filter(aq.escape((d: { class: MetricClass }) => d.class === c));
      volatile += only("volatile").numRows();
      withinTolerance += only("tolerance").numRows();
      rows.push(...asRows(only("listed"), "metrics", `${label}: `));
    }
  }
  // params: each stage's active params.json, then the shared files
  const qa = active(fa, PARAMS_RE), qb = active(fb, PARAMS_RE);
  const pairs: [string, string | undefined, string | undefined][] = [];
  for (const stage of [...new Set([...qa.keys(), ...qb.keys()])].sort()) {
    if (stage === "shared") continue;
    pairs.push([stage, qa.get(stage)?.paths[0], qb.get(stage)?.paths[0]]);
  }
  for (const f of [...new Set([...fa, ...fb].filter((f) => SHARED_RE.test(f)))].sort()) {
    pairs.push([f.slice("experiments/".length), fa.includes(f) ? f : undefined, fb.includes(f) ? f : undefined]);
  }
  for (const [label, fileA, fileB] of pairs) {
    if (!fileA || !fileB) {
      notes.push(`${label}: params ${fileA ? `removed (${fileA})` : `added (${fileB})`}`);
      continue;
    }
    const [ta, tb] = await Promise.all([a.read(fileA), b.read(fileB)]);
    if (ta === tb) continue;
    const va = parse(ta, `${a.label}: ${fileA}`, notes), vb = parse(tb, `${b.label}: ${fileB}`, notes);
    rows.push(...asRows(diffLeaves(va, vb), "params", `${label}: `));
  }
  // bound paper numbers, as printed
  let paper: ProjectDiff["paper"] = null;
  if (binder) {
    const [na, nb] = await Promise.all([paperNumbers(a, fa, binder, notes), paperNumbers(b, fb, binder, notes)]);
    if (na && nb) {
      // full outer join by binding, in order of first appearance (side a's order, then bindings new in b)
      const joined = boundTable(na, "_a").join_full(boundTable(nb, "_b"), "id")
        .derive({ ord: aq.escape((d: { ord_a?: number; ord_b: number }) => d.ord_a ?? na.size + d.ord_b) })
        .orderby("ord");
      const changed = joined
        .filter(aq.escape((d: { text_a?: string; text_b?: string }) => d.text_a !== d.text_b))
        .derive({
          section: aq.escape(() => "paper"),
          key: "d => d.id",
          old: "d => d.text_a",
          new: "d => d.text_b",
          delta: aq.escape((d: { value_a: unknown; value_b: unknown }) => delta(d.value_a, d.value_b)),
        })
        .select("section", "key", "old", "new", "delta");
      rows.push(...changed.objects() as DiffRow[]);
      paper = { bindings: joined.numRows(), changed: changed.numRows() };
    }
  }
  return { a: a.label, b: b.label, rows, withinTolerance, volatile, paper, notes };
}

function show(v: unknown): string {
  if (v === undefined) return "—";
  if (typeof v === "string") return v;
  const s = JSON.stringify(v);
  return s.length > 60 ? s.slice(0, 57) + "…" : s;
}

function showDelta(d: number | null): string {
  if (d === null) return "";
  return (d > 0 ? "+" : "") +
    (Math.abs(d) >= 1e-3 && Math.abs(d) < 1e6 ? String(Number(d.toPrecision(6))) : d.toExponential(3));
}

/**
 * The diff as text (aligned columns) or, with `md`, as Markdown tables; `limit` rows per section at most; only the
 * named `sections` (default all three).
 */
export function formatDiff(
  d: ProjectDiff,
  md = false,
  limit = Infinity,
  sections: readonly DiffRow["section"][] = ["metrics", "params", "paper"],
): string {
  const out: string[] = [md ? `### ${d.a} → ${d.b}` : `${d.a} → ${d.b}`];
  for (const s of sections) {
    const rows = d.rows.filter((r) => r.section === s);
    const extra = s === "metrics"
      ? ` (${d.withinTolerance} more within the stage's tolerance, ${d.volatile} volatile timing key(s) not listed)`
      : s === "paper" && d.paper
      ? ` of ${d.paper.bindings} bound number(s)`
      : "";
    out.push("", `${md ? "#### " : ""}${s}: ${rows.length} difference(s)${extra}`);
    if (rows.length === 0) continue;
    const cells = rows.slice(0, limit).map((r) => [r.key, show(r.old), show(r.new), showDelta(r.delta)]);
    if (md) {
      const esc = (c: string) => c.replaceAll("|", "\\|");
      out.push("| key | old | new | Δ |", "| --- | --- | --- | --- |");
      for (const c of cells) out.push(`| ${c.map(esc).join(" | ")} |`);
    } else {
      const w = [0, 1, 2].map((i) => Math.min(70, Math.max(...cells.map((c) => c[i].length), 3)));
      out.push(`  ${"key".padEnd(w[0])}  ${"old".padEnd(w[1])}  ${"new".padEnd(w[2])}  Δ`);
      for (const c of cells) out.push(`  ${c[0].padEnd(w[0])}  ${c[1].padEnd(w[1])}  ${c[2].padEnd(w[2])}  ${c[3]}`);
    }
    if (rows.length > limit) out.push(`  … ${rows.length - limit} more (--all lists every row)`);
  }
  if (d.notes.length > 0) out.push("", md ? "#### notes" : "notes:", ...d.notes.map((n) => `  - ${n}`));
  return out.join("\n");
}
