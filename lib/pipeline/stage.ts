/**
 * Stage declarations. Every experiment version folder holds a `stage.json`
 * that declares its inputs (upstream stages, data files), its outputs, how it
 * must reproduce and which figures it makes. Discovery picks the highest
 * version of each stage id.
 *
 * @example
 * ```ts
 * import { discoverStages } from "./stage.ts";
 * const stages = await discoverStages(".");
 * stages.map((s) => s.id); // ["d01_panel", "e01_static_benchmark", ...]
 * ```
 * @module
 */

/** How a stage's outputs must reproduce. */
export type ReproduceMode = { mode: "bitwise" } | { mode: "tolerance"; abs: number; rel: number };

/** A declared stage. Paths in `data` are relative to the project root; `outputs` to `outDir`. */
export interface StageSpec {
  id: string;
  /** Short key used in paper bindings, e.g. `e01` (the id's prefix before `_`). */
  alias: string;
  version: number;
  /** Stage folder, e.g. `experiments/e01_static_benchmark/v1`. */
  dir: string;
  description: string;
  /** Entry module, relative to `dir`. */
  main: string;
  /** Whether outputs exist per profile (`{profile}` in output names). */
  profiles: boolean;
  deps: string[];
  data: string[];
  /** Where outputs go (root-relative): `dir` (the default) or `data/derived/<id>`, nothing else. */
  outDir: string;
  outputs: string[];
  reproduce: ReproduceMode;
  /** Module exporting `figures(input)` (relative to `dir`), if the stage makes figures. */
  figures?: string;
  figureIds: string[];
  /**
   * Extra Deno permission flags the stage needs; each must carry a scoped value (`--allow-env=NAME`,
   * `--allow-sys=NAME`, `--allow-ffi=node_modules/…`), everything else is refused.
   */
  permissions: string[];
  /**
   * Metric key prefixes that are measurements of this machine (wall-clock latency), reported by verify but
   * not required to reproduce.
   */
  volatile: string[];
}

const KEYS = new Set([
  "id",
  "description",
  "main",
  "profiles",
  "deps",
  "data",
  "outDir",
  "outputs",
  "reproduce",
  "figures",
  "figureIds",
  "permissions",
  "volatile",
  "$comment",
]);

/**
 * Validate a parsed `stage.json`.
 * @throws {TypeError|RangeError} naming the file and key
 */
export function parseStageSpec(raw: unknown, file: string, dir: string, version: number): StageSpec {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new TypeError(`${file}: expected an object`);
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) throw new RangeError(`${file}: unknown key "${k}"`);
  const str = (k: string, def?: string): string => {
    const v = o[k] ?? def;
    if (typeof v !== "string" || v === "") throw new TypeError(`${file}: "${k}" must be a non-empty string`);
    return v;
  };
  const strs = (k: string): string[] => {
    const v = o[k] ?? [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) {
      throw new TypeError(`${file}: "${k}" must be an array of strings`);
    }
    return v as string[];
  };
  const id = str("id");
  if (!/^[a-z]\d\d_[a-z0-9_]+$/.test(id)) {
    throw new RangeError(`${file}: id "${id}" must look like e01_name (letter, two digits, underscore, name)`);
  }
  const profiles = o.profiles ?? true;
  if (typeof profiles !== "boolean") throw new TypeError(`${file}: "profiles" must be true or false`);
  const outputs = strs("outputs");
  if (outputs.length === 0) throw new RangeError(`${file}: "outputs" must list at least one file`);
  for (const out of outputs) {
    if (profiles && !out.includes("{profile}") && !out.startsWith("model")) {
      throw new RangeError(`${file}: output "${out}" must contain {profile} because the stage has profiles`);
    }
    if (out.includes("/") || out.includes("..")) {
      throw new RangeError(`${file}: output "${out}" must be a plain file name`);
    }
  }
  const rep = o.reproduce ?? { mode: "bitwise" };
  let reproduce: ReproduceMode;
  if (typeof rep === "object" && rep !== null && (rep as { mode?: string }).mode === "bitwise") {
    reproduce = { mode: "bitwise" };
  } else if (typeof rep === "object" && rep !== null && (rep as { mode?: string }).mode === "tolerance") {
    const r = rep as { abs?: unknown; rel?: unknown };
    if (typeof r.abs !== "number" || typeof r.rel !== "number" || r.abs < 0 || r.rel < 0) {
      throw new TypeError(`${file}: reproduce.tolerance needs non-negative numbers "abs" and "rel"`);
    }
    reproduce = { mode: "tolerance", abs: r.abs, rel: r.rel };
  } else throw new TypeError(`${file}: "reproduce" must be {"mode":"bitwise"} or {"mode":"tolerance","abs":…,"rel":…}`);
  const permissions = strs("permissions");
  for (const p of permissions) checkPermissionFlag(p, file);
  const outDir = checkOutDir(o.outDir === undefined ? dir : o.outDir, id, dir, file);
  for (const k of ["main", "figures"]) {
    const v = o[k];
    if (typeof v === "string" && !/^[A-Za-z0-9_.-]+\.ts$/.test(v)) {
      throw new RangeError(`${file}: "${k}": "${v}" must be a .ts file name in the stage's folder`);
    }
  }
  return {
    id,
    alias: id.split("_")[0],
    version,
    dir,
    description: str("description"),
    main: str("main", "main.ts"),
    profiles,
    deps: strs("deps"),
    data: strs("data"),
    outDir,
    outputs,
    reproduce,
    figures: typeof o.figures === "string" ? o.figures : undefined,
    figureIds: strs("figureIds"),
    permissions,
    volatile: strs("volatile"),
  };
}

const SYS_NAMES = new Set([
  "hostname",
  "osRelease",
  "osUptime",
  "loadavg",
  "networkInterfaces",
  "systemMemoryInfo",
  "uid",
  "gid",
  "cpus",
  "homedir",
  "getegid",
  "username",
  "statfs",
  "getPriority",
]);

/**
 * Check one extra permission flag of a stage. Every flag must carry a scoped value: `--allow-env=NAME[,NAME…]`,
 * `--allow-sys=NAME[,NAME…]` (a Deno sys-info name) or `--allow-ffi=node_modules/…[,…]` (a native addon of an
 * installed package). Bare flags, `-A`, and every other permission are refused: a stage must never widen its own
 * sandbox.
 * @throws {RangeError} naming the file, the key and the flag
 */
export function checkPermissionFlag(flag: string, file: string): void {
  const bad = (why: string): never => {
    throw new RangeError(`${file}: "permissions": "${flag}" is not allowed: ${why}`);
  };
  const m = /^--allow-(env|sys|ffi)=(.+)$/.exec(flag);
  if (!m) {
    if (/^--allow-(env|sys|ffi)$/.test(flag)) {
      bad("it must carry a scoped value (--allow-env=NAME, --allow-sys=NAME, --allow-ffi=node_modules/…)");
    }
    bad("only scoped --allow-env=NAME, --allow-sys=NAME and --allow-ffi=node_modules/… may be declared");
  }
  const [, kind, value] = m!;
  for (const v of value.split(",")) {
    if (kind === "env" && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) bad(`"${v}" is not an environment variable name`);
    if (kind === "sys" && !SYS_NAMES.has(v)) bad(`"${v}" is not one of ${[...SYS_NAMES].join(", ")}`);
    if (kind === "ffi") {
      const segs = v.replace(/^\.\//, "").split("/");
      if (segs[0] !== "node_modules" || segs.length < 2 || segs.some((x) => x === ".." || x === "." || x === "")) {
        bad(`"${v}" must be a path under node_modules/ (no "..")`);
      }
    }
  }
}

/**
 * Normalise a stage's `outDir` and check that it is the stage's own folder or `data/derived/<id>`: a stage writes
 * only its own outputs.
 * @throws {RangeError} naming the file, the key and the value
 */
export function checkOutDir(raw: unknown, id: string, dir: string, file: string): string {
  if (typeof raw !== "string" || raw === "") throw new TypeError(`${file}: "outDir" must be a non-empty string`);
  const segs = raw.split("/").filter((x) => x !== "" && x !== ".");
  const norm = segs.join("/");
  const own = dir.split("/").filter((x) => x !== "" && x !== ".").join("/");
  if (!raw.startsWith("/") && !segs.includes("..") && norm === own) return dir;
  if (raw.startsWith("/") || segs.includes("..") || norm !== `data/derived/${id}`) {
    throw new RangeError(
      `${file}: "outDir": "${raw}" is not allowed: a stage writes only into its own folder (${dir}) or data/derived/${id}`,
    );
  }
  return norm;
}

/** Output file names of a stage for a profile. */
export function stageOutputs(s: StageSpec, profile: string): string[] {
  return s.outputs.map((o) => o.replaceAll("{profile}", profile));
}

/**
 * Find `experiments/<id>/v<N>/stage.json` under `root`; the highest N of each id wins.
 * @throws {RangeError} on duplicate ids, unknown deps or a dependency cycle
 */
export async function discoverStages(root: string): Promise<StageSpec[]> {
  const best = new Map<string, StageSpec>();
  const expDir = `${root}/experiments`;
  const dirs: string[] = [];
  for await (const e of Deno.readDir(expDir)) if (e.isDirectory) dirs.push(e.name);
  dirs.sort();
  for (const d of dirs) {
    const versions: number[] = [];
    for await (const v of Deno.readDir(`${expDir}/${d}`)) {
      const m = /^v(\d+)$/.exec(v.name);
      if (v.isDirectory && m) versions.push(Number(m[1]));
    }
    for (const v of versions.sort((a, b) => a - b)) {
      const rel = `experiments/${d}/v${v}`;
      const file = `${rel}/stage.json`;
      let text: string;
      try {
        text = await Deno.readTextFile(`${root}/${file}`);
      } catch {
        continue;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (e) {
        throw new SyntaxError(`${file}: invalid JSON: ${(e as Error).message}`);
      }
      const s = parseStageSpec(raw, file, rel, v);
      if (s.id !== d) throw new RangeError(`${file}: id "${s.id}" must equal its folder name "${d}"`);
      best.set(s.id, s);
    }
  }
  const stages = [...best.values()];
  const ids = new Set(stages.map((s) => s.id));
  const aliases = new Map<string, string>();
  for (const s of stages) {
    for (const d of s.deps) if (!ids.has(d)) throw new RangeError(`${s.dir}/stage.json: unknown dependency "${d}"`);
    const prev = aliases.get(s.alias);
    if (prev) throw new RangeError(`stages ${prev} and ${s.id} share the alias ${s.alias}`);
    aliases.set(s.alias, s.id);
  }
  topoOrder(stages);
  return stages;
}

/**
 * Stages in dependency order (stable by id).
 * @throws {RangeError} naming a cycle
 */
export function topoOrder(stages: readonly StageSpec[]): StageSpec[] {
  const byId = new Map(stages.map((s) => [s.id, s]));
  const out: StageSpec[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (s: StageSpec, path: string[]) => {
    const st = state.get(s.id);
    if (st === 2) return;
    if (st === 1) throw new RangeError(`dependency cycle: ${[...path, s.id].join(" → ")}`);
    state.set(s.id, 1);
    for (const d of s.deps) visit(byId.get(d)!, [...path, s.id]);
    state.set(s.id, 2);
    out.push(s);
  };
  for (const s of [...stages].sort((a, b) => a.id.localeCompare(b.id))) visit(s, []);
  return out;
}

/**
 * `ids` and everything upstream of them through `deps` (stages or graph nodes). An id that names no item is kept
 * without upstream, or refused when `strict`.
 *
 * @throws {RangeError} when `strict` and an id names no item
 * @example
 * ```ts
 * import { dependencyClosure } from "./stage.ts";
 * const items = [{ id: "a", deps: [] }, { id: "b", deps: ["a"] }, { id: "c", deps: ["b"] }];
 * console.assert([...dependencyClosure(items, ["b"], true)].sort().join() === "a,b");
 * ```
 */
export function dependencyClosure(
  items: readonly { id: string; deps: readonly string[] }[],
  ids: readonly string[],
  strict: boolean,
): Set<string> {
  const byId = new Map(items.map((s) => [s.id, s]));
  const out = new Set<string>();
  const stack = [...ids];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    const s = byId.get(id);
    if (!s && strict) throw new RangeError(`unknown stage "${id}"`);
    out.add(id);
    stack.push(...(s?.deps ?? []));
  }
  return out;
}

/** The stage and everything upstream of it. */
export function upstreamClosure(stages: readonly StageSpec[], ids: readonly string[]): Set<string> {
  return dependencyClosure(stages, ids, true);
}

/** Every stage downstream of `id` (not including it). */
export function downstream(stages: readonly StageSpec[], id: string): Set<string> {
  const out = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of stages) {
      if (!out.has(s.id) && s.deps.some((d) => d === id || out.has(d))) {
        out.add(s.id);
        grew = true;
      }
    }
  }
  return out;
}
