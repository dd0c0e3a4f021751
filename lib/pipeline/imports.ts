/**
 * Static module analysis for the cache key and the architecture test: which
 * local files a stage's code really uses. A scanner strips comments and masks
 * string, template and regular-expression contents (so an `import` inside a
 * string or a doc example is never followed), then reads every `import`,
 * `export … from` and literal `import("…")`.
 *
 * The closure follows **names**, not whole files: `import { hs } from
 * "../margin/mod.ts"` includes `mod.ts` and, through its `export *` /
 * `export { a as b } from` chain, only the file that defines `hs` (and that
 * file's own imports, in full). A module imported for its body (side-effect
 * `import "./x.ts"`, `import * as ns`, `export * as ns`, a literal dynamic
 * import, a worker script named by `new URL("./w.ts", import.meta.url)`) is
 * followed with all its exports. Type-only imports count like value
 * imports (they change what type-checks, and including them is the safe
 * choice). Bare and `npm:` specifiers are covered by `deno.lock` and skipped.
 *
 * What this assumes (docs/architecture.md, "The cache key"): a module reached
 * only through a re-export of names the stage does not use has no top-level
 * side effect that changes results. When a name cannot be traced (an export
 * form the scanner does not read), every `export *` source of that module is
 * included: the analysis errs towards re-running.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { localImportClosure } from "./imports.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${root}/a.ts`, "export const a = 1;");
 * await Deno.writeTextFile(`${root}/b.ts`, "export const b = 2;");
 * await Deno.writeTextFile(`${root}/mod.ts`, 'export * from "./a.ts";\nexport * from "./b.ts";');
 * await Deno.writeTextFile(`${root}/main.ts`, 'import { a } from "./mod.ts";\nconsole.log(a);');
 * assert.deepEqual(await localImportClosure("main.ts", root), ["a.ts", "main.ts", "mod.ts"]); // b.ts is not used
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */

/** One import or re-export statement of a module. */
export interface ModuleImport {
  /** The specifier as written (`./x.ts`, `npm:foo`, …). */
  specifier: string;
  /** 1-based line of the statement's `import`/`export` keyword. */
  line: number;
  /**
   * `import`: the module's own code uses the target (static, side-effect or literal dynamic import);
   * `reexport`: names passed through to the module's importers (`export … from`).
   */
  kind: "import" | "reexport";
  /** `import type` / `export type`, or every named binding marked `type`. */
  typeOnly: boolean;
  /** `import`: names taken from the target (`default`, `*` for the whole module, none for a side-effect import). */
  names: string[];
  /** `reexport`: `[exported, imported]` pairs; `export * from` is `["*", "*"]`, `export * as ns` is `[ns, "*"]`. */
  bindings: [string, string][];
}

/** What the scanner reads from one module's source. */
export interface ModuleScan {
  imports: ModuleImport[];
  /** Names the module declares and exports itself (`default` included). */
  localExports: Set<string>;
  /** String literals and template-literal chunks in code (not comments), with their 1-based lines. */
  strings: { value: string; line: number }[];
  /** The source with comments blanked and string/regex contents masked; same length and line breaks. */
  code: string;
}

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

const REGEX_AFTER = new Set("(,=:[!&|?{};+-*%<>~^");
const REGEX_AFTER_WORD = new Set([
  "return",
  "typeof",
  "case",
  "do",
  "else",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "yield",
  "await",
]);
const isIdent = (c: string) => /[\w$]/.test(c);

/** Blank comments and mask literal contents; record string values by the offset of their opening quote. */
function maskSource(src: string): { code: string; literals: Map<number, string>; chunks: [number, string][] } {
  const out = src.split("");
  const literals = new Map<number, string>();
  const chunks: [number, string][] = [];
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== "\n") out[k] = " ";
  };
  const n = src.length;
  const templateStack: number[] = [];
  let depth = 0;
  let lastSig = "";
  let wordStart = -1;
  let wordEnd = -1;
  // Scans template text from `start` (just after "`" or "}"); returns the index after the closing "`" or "${".
  const template = (open: number, start: number): number => {
    let j = start;
    while (j < n && src[j] !== "`" && !(src[j] === "$" && src[j + 1] === "{")) j += src[j] === "\\" ? 2 : 1;
    const value = src.slice(start, Math.min(j, n));
    chunks.push([start, value]);
    blank(start, Math.min(j, n));
    if (j >= n) return n;
    if (src[j] === "`") {
      if (open >= 0) literals.set(open, value);
      return j + 1;
    }
    templateStack.push(depth);
    return j + 2;
  };
  let i = 0;
  while (i < n) {
    const c = src[i];
    const d = src[i + 1];
    if (c === "/" && d === "/") {
      const e = src.indexOf("\n", i);
      const end = e < 0 ? n : e;
      blank(i, end);
      i = end;
      continue;
    }
    if (c === "/" && d === "*") {
      const e = src.indexOf("*/", i + 2);
      const end = e < 0 ? n : e + 2;
      blank(i, end);
      i = end;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== c && src[j] !== "\n") j += src[j] === "\\" ? 2 : 1;
      const value = src.slice(i + 1, Math.min(j, n));
      literals.set(i, value);
      chunks.push([i + 1, value]);
      blank(i + 1, Math.min(j, n));
      i = j + 1;
      lastSig = c;
      continue;
    }
    if (c === "`") {
      i = template(i, i + 1);
      lastSig = "`";
      continue;
    }
    if (c === "/") {
      const word = wordEnd === i - 1 || (lastSig !== "" && isIdent(lastSig)) ? src.slice(wordStart, wordEnd + 1) : "";
      const regexOk = lastSig === "" || REGEX_AFTER.has(lastSig) || (isIdent(lastSig) && REGEX_AFTER_WORD.has(word));
      if (regexOk) {
        let j = i + 1;
        let inClass = false;
        while (j < n && src[j] !== "\n") {
          const ch = src[j];
          if (ch === "\\") j += 2;
          else if (ch === "[") (inClass = true), j++;
          else if (ch === "]") (inClass = false), j++;
          else if (ch === "/" && !inClass) break;
          else j++;
        }
        if (j < n && src[j] === "/") {
          blank(i + 1, j);
          i = j + 1;
          while (i < n && isIdent(src[i])) i++;
          lastSig = "a";
          wordStart = wordEnd = -1;
          continue;
        }
      }
    }
    if (c === "{") depth++;
    else if (c === "}") {
      if (templateStack.length > 0 && templateStack[templateStack.length - 1] === depth) {
        templateStack.pop();
        i = template(-1, i + 1);
        lastSig = "`";
        continue;
      }
      depth--;
    }
    if (isIdent(c)) {
      if (wordEnd !== i - 1) wordStart = i;
      wordEnd = i;
      lastSig = c;
    } else if (!/\s/.test(c)) lastSig = c;
    i++;
  }
  return { code: out.join(""), literals, chunks };
}

const NOT_AFTER = String.raw`(?<![\w$.])`;
const STATIC_IMPORT = new RegExp(`${NOT_AFTER}import\\s+(type\\s+)?([\\w$\\s{},*]*?)\\s*from\\s*["']`, "g");
const BARE_IMPORT = new RegExp(`${NOT_AFTER}import\\s*["']`, "g");
const DYNAMIC_IMPORT = new RegExp(`${NOT_AFTER}import\\s*\\(\\s*["'\`]`, "g");
/** `new URL("./worker.ts", import.meta.url)`: a module started as a worker (or imported by URL) is code too. */
const MODULE_URL = /(?<![\w$.])new\s+URL\s*\(\s*["'`](?=[^,)]*,\s*import\.meta\.url\s*\))/g;
const EXPORT_FROM = new RegExp(
  `${NOT_AFTER}export\\s+(type\\s+)?(\\*(?:\\s+as\\s+[\\w$]+)?|\\{[^}]*\\})\\s*from\\s*["']`,
  "g",
);
const EXPORT_DECL = new RegExp(
  `${NOT_AFTER}export\\s+(?:declare\\s+)?(?:default\\b|(?:async\\s+)?(?:function\\s*\\*?|abstract\\s+class|class|` +
    `const\\s+enum|const|let|var|interface|type|enum|namespace)\\s*([\\w$]+))`,
  "g",
);
const EXPORT_LOCAL = new RegExp(`${NOT_AFTER}export\\s+(?:type\\s+)?\\{([^}]*)\\}(?!\\s*from\\b)`, "g");

/** `a, type b as c` → [["a","a"], ["c","b"]] (exported/local name, imported name) and whether every item is `type`. */
function braceItems(body: string): { pairs: [string, string][]; allTypes: boolean } {
  const pairs: [string, string][] = [];
  let allTypes = true;
  for (const raw of body.split(",")) {
    let item = raw.trim();
    if (item === "") continue;
    if (/^type\s+/.test(item)) item = item.replace(/^type\s+/, "");
    else allTypes = false;
    const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(item);
    if (m) pairs.push([m[2] ?? m[1], m[1]]);
  }
  return { pairs, allTypes: allTypes && pairs.length > 0 };
}

/** Scan one module's source: its imports and re-exports, its own exports and its code strings. */
export function scanModule(src: string): ModuleScan {
  const { code, literals, chunks } = maskSource(src);
  const lineStarts = [0];
  for (let k = 0; k < src.length; k++) if (src[k] === "\n") lineStarts.push(k + 1);
  const lineOf = (off: number) => {
    let lo = 0, hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const found: { at: number; imp: ModuleImport }[] = [];
  const spec = (m: RegExpMatchArray) => literals.get(m.index! + m[0].length - 1);
  for (const m of code.matchAll(STATIC_IMPORT)) {
    const s = spec(m);
    if (s === undefined) continue;
    const clause = m[2];
    const names: string[] = [];
    let typeOnly = m[1] !== undefined;
    if (clause.includes("*")) names.push("*");
    const brace = /\{([^}]*)\}/.exec(clause);
    if (brace) {
      const { pairs, allTypes } = braceItems(brace[1]);
      for (const [, imported] of pairs) names.push(imported);
      if (allTypes && !/[\w$]/.test(clause.replace(/\{[^}]*\}/, "").replace(/\*\s*as\s+[\w$]+/, ""))) {
        typeOnly = true;
      }
    }
    if (/^\s*[\w$]+/.test(clause.replace(/^\s*\*\s*as\s+[\w$]+/, ""))) names.push("default");
    found.push({ at: m.index!, imp: { specifier: s, line: 0, kind: "import", typeOnly, names, bindings: [] } });
  }
  for (const m of code.matchAll(BARE_IMPORT)) {
    const s = spec(m);
    if (s === undefined) continue;
    found.push({
      at: m.index!,
      imp: { specifier: s, line: 0, kind: "import", typeOnly: false, names: [], bindings: [] },
    });
  }
  for (const m of code.matchAll(DYNAMIC_IMPORT)) {
    const s = spec(m);
    if (s === undefined) continue; // a template with substitutions cannot be resolved statically
    found.push({
      at: m.index!,
      imp: { specifier: s, line: 0, kind: "import", typeOnly: false, names: ["*"], bindings: [] },
    });
  }
  for (const m of code.matchAll(MODULE_URL)) {
    const s = spec(m);
    if (s === undefined || !/^\.\.?\/.*\.(ts|tsx|js|mjs|mts)$/.test(s)) continue; // data files are declared inputs
    found.push({
      at: m.index!,
      imp: { specifier: s, line: 0, kind: "import", typeOnly: false, names: ["*"], bindings: [] },
    });
  }
  for (const m of code.matchAll(EXPORT_FROM)) {
    const s = spec(m);
    if (s === undefined) continue;
    let bindings: [string, string][];
    let typeOnly = m[1] !== undefined;
    if (m[2].startsWith("*")) {
      const ns = /as\s+([\w$]+)/.exec(m[2]);
      bindings = [[ns ? ns[1] : "*", "*"]];
    } else {
      const { pairs, allTypes } = braceItems(m[2].slice(1, -1));
      bindings = pairs;
      typeOnly ||= allTypes;
    }
    found.push({ at: m.index!, imp: { specifier: s, line: 0, kind: "reexport", typeOnly, names: [], bindings } });
  }
  found.sort((a, b) => a.at - b.at);
  const imports = found.map(({ at, imp }) => ({ ...imp, line: lineOf(at) }));
  const localExports = new Set<string>();
  for (const m of code.matchAll(EXPORT_DECL)) localExports.add(m[1] ?? "default");
  for (const m of code.matchAll(EXPORT_LOCAL)) {
    for (const [exported] of braceItems(m[1]).pairs) localExports.add(exported);
  }
  const strings = chunks.map(([off, value]) => ({ value, line: lineOf(off) }));
  return { imports, localExports, strings, code };
}

/** Relative module specifiers in source text (imports and re-exports, in source order). */
export function relativeSpecifiers(src: string): string[] {
  return scanModule(src).imports.map((i) => i.specifier).filter((s) => s.startsWith("./") || s.startsWith("../"));
}

const isScanned = (f: string) => /\.(ts|js|mjs|tsx|mts)$/.test(f);
const isRelative = (s: string) => s.startsWith("./") || s.startsWith("../");

/** Scans by file, reused while the file's text is unchanged (the runner asks once per pipeline node). */
const SCANS = new Map<string, { src: string; scan: ModuleScan }>();

/** Reads and scans modules under one root, each once. */
class ModuleReader {
  private scans = new Map<string, ModuleScan>();
  private exportSets = new Map<string, Set<string> | null>();
  private checked = new Set<string>();
  constructor(private root: string) {}

  async scan(f: string): Promise<ModuleScan> {
    let s = this.scans.get(f);
    if (s) return s;
    let src: string;
    try {
      src = await Deno.readTextFile(`${this.root}/${f}`);
    } catch (e) {
      throw new RangeError(`cannot read module ${f}: ${(e as Error).message}`);
    }
    const key = `${this.root}/${f}`;
    const memo = SCANS.get(key);
    s = memo !== undefined && memo.src === src ? memo.scan : scanModule(src);
    if (memo === undefined || memo.scan !== s) SCANS.set(key, { src, scan: s });
    this.scans.set(f, s);
    return s;
  }

  /** The root-relative file an import names; checks that it exists. */
  async resolve(from: string, specifier: string): Promise<string> {
    const dir = from.includes("/") ? from.slice(0, from.lastIndexOf("/")) : ".";
    const target = normalizePath(`${dir}/${specifier}`);
    if (!this.checked.has(target)) {
      try {
        await Deno.stat(`${this.root}/${target}`);
      } catch {
        throw new RangeError(`${from}: imports "${specifier}" but ${target} does not exist`);
      }
      this.checked.add(target);
    }
    return target;
  }

  /** Every name `f` exports (through `export *` too); null when a cycle or unscanned file makes it unknowable. */
  async exportNames(f: string): Promise<Set<string> | null> {
    if (this.exportSets.has(f)) return this.exportSets.get(f)!;
    if (!isScanned(f)) return null;
    this.exportSets.set(f, null); // cycle guard
    const s = await this.scan(f);
    const names = new Set(s.localExports);
    let known = true;
    for (const imp of s.imports) {
      if (imp.kind !== "reexport") continue;
      for (const [exported, imported] of imp.bindings) {
        if (exported !== "*") names.add(exported);
        else if (imported === "*" && isRelative(imp.specifier)) {
          const sub = await this.exportNames(await this.resolve(f, imp.specifier));
          if (sub === null) known = false;
          else for (const n of sub) if (n !== "default") names.add(n);
        } else known = false; // export * from a package: any name may come from it
      }
    }
    const result = known ? names : null;
    this.exportSets.set(f, result);
    return result;
  }
}

/**
 * Local files whose content `entry` depends on (entry included), sorted: each import is followed to the files
 * that define the names it takes (see the module comment). Paths are relative to `root`, as `entry` is.
 * @throws {RangeError} naming the importing file when an import cannot be read
 */
export async function localImportClosure(entry: string, root = "."): Promise<string[]> {
  const reader = new ModuleReader(root);
  const requested = new Map<string, Set<string>>();
  const queue: [string, string[]][] = [[normalizePath(entry), ["*"]]];
  while (queue.length > 0) {
    const [f, names] = queue.pop()!;
    let req = requested.get(f);
    const first = req === undefined;
    if (req === undefined) requested.set(f, req = new Set());
    if (req.has("*")) continue;
    const fresh = names.includes("*") ? ["*"] : names.filter((n) => !req!.has(n));
    for (const n of fresh) req.add(n);
    if (!isScanned(f) || (!first && fresh.length === 0)) continue;
    const s = await reader.scan(f);
    const rel = s.imports.filter((imp) => isRelative(imp.specifier));
    if (first) {
      for (const imp of rel) if (imp.kind === "import") queue.push([await reader.resolve(f, imp.specifier), imp.names]);
    }
    const reexports = rel.filter((imp) => imp.kind === "reexport");
    if (reexports.length === 0 || fresh.length === 0) continue;
    if (fresh[0] === "*") {
      for (const imp of reexports) {
        queue.push([await reader.resolve(f, imp.specifier), imp.bindings.map(([, imported]) => imported)]);
      }
      continue;
    }
    const stars = reexports.filter((imp) => imp.bindings.some(([e]) => e === "*"));
    for (const name of fresh) {
      let routed = s.localExports.has(name);
      for (const imp of reexports) {
        for (const [exported, imported] of imp.bindings) {
          if (exported === name && exported !== "*") {
            queue.push([await reader.resolve(f, imp.specifier), [imported]]);
            routed = true;
          }
        }
      }
      if (routed || name === "default" || stars.length === 0) continue;
      const owners: string[] = [];
      const all: string[] = [];
      for (const imp of stars) {
        const target = await reader.resolve(f, imp.specifier);
        all.push(target);
        const ex = await reader.exportNames(target);
        if (ex === null || ex.has(name)) owners.push(target);
      }
      for (const t of owners.length > 0 ? owners : all) queue.push([t, [name]]);
    }
  }
  return [...requested.keys()].sort();
}
