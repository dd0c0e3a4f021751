/**
 * The differing leaves of two JSON values as an arquero table: each value is flattened into a table with one row per
 * node (objects, arrays and leaves, keyed by its path), the two tables are joined by path (full outer join), and the
 * rows that differ are kept, in key order. The result is the same list, in the same order, as `compareMetrics(old,
 * new, { mode: "bitwise" })` (lib/pipeline/compare.ts, what `verify` uses): numbers compare with `Object.is`, other
 * leaves with `===`; a key on one side only, or a node whose kind differs (object, array, leaf), is one row holding
 * the whole values; arrays of different lengths are one `path.length` row; object keys in code-unit order at each
 * level, array elements by index. `deno task diff` (lib/pipeline/metrics_diff.ts) derives Δ, the tolerance and
 * volatile-key classes and its sections from this table.
 *
 * Nothing here produces a stage result: metrics are computed with typed-array loops in lib/ and only compared here.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { diffLeaves } from "./diff_leaves.ts";
 * const t = diffLeaves({ a: 1, b: [1, 2], c: { x: 1 } }, { a: 1.5, b: [1, 2, 3], d: true });
 * assert.deepEqual(t.objects(), [
 *   { key: "a", old: 1, new: 1.5 },
 *   { key: "b.length", old: 2, new: 3 },
 *   { key: "c", old: { x: 1 }, new: undefined },
 *   { key: "d", old: undefined, new: true },
 * ]);
 * ```
 * @module
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";

/** What a node is: a container the comparison descends into, or a leaf compared as a value. */
type Kind = "object" | "array" | "leaf";

const kindOf = (v: unknown): Kind =>
  Array.isArray(v) ? "array" : v !== null && typeof v === "object" ? "object" : "leaf";

/** Separator between path segments in the join key; every NUL inside an object key is written as NUL + U+0001. */
const SEP = "\u0000\u0000";

/**
 * The join key of a child: sorting these strings by code unit gives the depth-first order of `compareMetrics`
 * (object keys in code-unit order at each level, array indexes numerically, a node before its children), and no two
 * paths share a key even when an object key contains `.`, `[` or NUL.
 */
const childPk = (pk: string, seg: string | number) =>
  pk + SEP + (typeof seg === "number" ? String(seg).padStart(16, "0") : seg.replaceAll("\u0000", "\u0000\u0001"));

/**
 * One row per node of `value` (depth first): the join key `pk`, the parent's key (null at the root), the printed key
 * (`a.b[2]`, as `compareMetrics` writes it), the kind and the node's value. Column names carry `suffix`.
 *
 * @example
 * ```ts
 * import { leafTable } from "./diff_leaves.ts";
 * leafTable({ a: [1, 2] }, "_a").array("key_a"); // ["", "a", "a[0]", "a[1]"]
 * ```
 */
export function leafTable(value: unknown, suffix: string): ColumnTable {
  const pk: string[] = [], parent: (string | null)[] = [], key: string[] = [], kind: Kind[] = [];
  const values: unknown[] = [];
  const visit = (v: unknown, p: string, up: string | null, k: string) => {
    const c = kindOf(v);
    pk.push(p), parent.push(up), key.push(k), kind.push(c), values.push(v);
    if (c === "array") (v as unknown[]).forEach((x, i) => visit(x, childPk(p, i), p, `${k}[${i}]`));
    else if (c === "object") {
      for (const [name, x] of Object.entries(v as Record<string, unknown>)) {
        visit(x, childPk(p, name), p, k ? `${k}.${name}` : name);
      }
    }
  };
  visit(value, "", null, "");
  return aq.table({
    pk,
    [`parent${suffix}`]: parent,
    [`key${suffix}`]: key,
    [`kind${suffix}`]: kind,
    [`value${suffix}`]: values,
  });
}

/** How a joined node compares. */
type State = "descend" | "same" | "changed" | "length" | "removed" | "added";

interface JoinedRow {
  kind_a?: Kind;
  kind_b?: Kind;
  value_a: unknown;
  value_b: unknown;
}

function stateOf(d: JoinedRow): State {
  if (d.kind_a === undefined) return "added";
  if (d.kind_b === undefined) return "removed";
  if (d.kind_a !== d.kind_b) return "changed";
  if (d.kind_a === "object") return "descend";
  if (d.kind_a === "array") {
    return (d.value_a as unknown[]).length === (d.value_b as unknown[]).length ? "descend" : "length";
  }
  const same = typeof d.value_a === "number" && typeof d.value_b === "number"
    ? Object.is(d.value_a, d.value_b)
    : d.value_a === d.value_b;
  return same ? "same" : "changed";
}

/**
 * The leaves in which `b` (new) differs from `a` (old), bitwise: a table with columns `key`, `old`, `new`, one row
 * per difference, ordered as `compareMetrics(a, b, { mode: "bitwise" })` lists them (see the module doc).
 *
 * @example
 * ```ts
 * import { diffLeaves } from "./diff_leaves.ts";
 * diffLeaves({ r: [0.1, 0.2] }, { r: [0.1, 0.25] }).objects(); // [{ key: "r[1]", old: 0.2, new: 0.25 }]
 * ```
 */
export function diffLeaves(a: unknown, b: unknown): ColumnTable {
  const joined = leafTable(a, "_a")
    .join_full(leafTable(b, "_b"), "pk")
    .derive({ state: aq.escape((d: JoinedRow) => stateOf(d)) });
  // a node is compared only where every ancestor was descended into (both sides the same container, equal lengths)
  const pks = joined.array("pk") as string[], states = joined.array("state") as State[];
  const parents = joined.array("parent_a") as (string | null | undefined)[];
  const parentsB = joined.array("parent_b") as (string | null | undefined)[];
  const index = new Map<string, number>(pks.map((p, i) => [p, i]));
  const reachable = new Map<string, boolean>();
  const isReachable = (i: number): boolean => {
    const up = parents[i] ?? parentsB[i] ?? null;
    if (up === null) return true;
    let r = reachable.get(up);
    if (r === undefined) {
      const j = index.get(up)!;
      r = states[j] === "descend" && isReachable(j);
      reachable.set(up, r);
    }
    return r;
  };
  return joined
    .filter(
      aq.escape((d: { pk: string; state: State }) =>
        d.state !== "descend" && d.state !== "same" && isReachable(index.get(d.pk)!)
      ),
    )
    .orderby("pk")
    .derive({
      key: aq.escape((d: { key_a?: string; key_b?: string; state: State }) =>
        (d.key_a ?? d.key_b!) + (d.state === "length" ? ".length" : "")
      ),
      old: aq.escape((d: JoinedRow & { state: State }) =>
        d.state === "length" ? (d.value_a as unknown[]).length : d.value_a
      ),
      new: aq.escape((d: JoinedRow & { state: State }) =>
        d.state === "length" ? (d.value_b as unknown[]).length : d.value_b
      ),
    })
    .select("key", "old", "new") as ColumnTable;
}
