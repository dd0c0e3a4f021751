/**
 * The pipeline graph: experiment stages, one figure node per stage that makes
 * figures, and the paper node. Each node knows its inputs (for the cache key),
 * its outputs and the command that runs it with scoped permissions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { discoverStages } from "./stage.ts";
 * import { buildGraph } from "./graph.ts";
 * const g = buildGraph(await discoverStages("."), Deno.cwd(), "quick");
 * g.map((n) => n.id); // ["d01_panel", "e01_static_benchmark", …, "fig:e01_static_benchmark", …, "paper"]
 * assert.deepEqual([g[0].id, g.at(-1)?.id], ["d01_panel", "paper"]); // stages in dependency order, figures, paper
 * ```
 * @module
 */

import type { Profile } from "./params.ts";
import { dependencyClosure, stageOutputs, type StageSpec, topoOrder } from "./stage.ts";

/** One runnable node. Paths are root-relative. */
export interface GraphNode {
  id: string;
  kind: "stage" | "figures" | "paper";
  profile: Profile;
  deps: string[];
  /** Entry modules whose local import closure is code input. */
  code: string[];
  /** Other input files hashed into the key (data, params, upstream outputs that are not declared by deps). */
  files: string[];
  /** Outputs (root-relative). */
  outputs: string[];
  /** Canonical parameters hashed into the key (params are read by the stage itself). */
  paramsFile?: string;
  /** deno run arguments (after `deno run`). */
  args: string[];
  /** Folder for the manifest (stages only). */
  manifestDir?: string;
  stage?: StageSpec;
}

const PAPER_PERMS = [
  "--allow-env=NAPI_RS_FORCE_WASI,NAPI_RS_NATIVE_LIBRARY_PATH",
  "--allow-sys=cpus,networkInterfaces,hostname,osRelease",
  // the commit stamp and the figure sources (lib/report/provenance.ts): git only
  "--allow-run=git",
];

/** Paper build permission flags (the Typst compiler is a Node-API addon; git names the commit it is built from). */
export function paperPermissions(root: string, outDir: string): string[] {
  return [
    `--allow-read=${root}`,
    `--allow-write=${outDir},${root}/.cache`,
    `--allow-ffi=${root}/node_modules`,
    ...PAPER_PERMS,
  ];
}

/**
 * The program a figure node runs (one stage's figures; lib/report builds them, docs/architecture.md §5). The
 * pipeline starts it by path and never imports lib/report, which shares its layer.
 */
export const FIGURES_ENTRY = "lib/report/build_figures.ts";
/** The program the paper node runs (the Typst compiler needs its own `--allow-ffi` process). */
export const PAPER_ENTRY = "lib/report/build_paper.ts";

/** Command-line arguments of {@link FIGURES_ENTRY} for one stage: its figures module and committed full outputs. */
export function figureArgs(s: StageSpec): string[] {
  if (!s.figures) throw new RangeError(`figureArgs: stage ${s.id} declares no figures module in its stage.json`);
  const outs = stageOutputs(s, "full");
  const args = ["--stage", s.id, "--dir", s.dir, "--module", s.figures, "--ids", s.figureIds.join(",")];
  for (const kind of ["metrics", "series"]) {
    const name = outs.find((o) => o.startsWith(`${kind}.`));
    if (name !== undefined) args.push(`--${kind}`, `${s.outDir}/${name}`);
  }
  return args;
}

/** Build the full graph for `profile`. Figures and the paper always use the full profile's outputs. */
export function buildGraph(stages: readonly StageSpec[], root: string, profile: Profile): GraphNode[] {
  const nodes: GraphNode[] = [];
  const ordered = topoOrder(stages);
  for (const s of ordered) {
    const p: Profile = s.profiles ? profile : "full";
    nodes.push({
      id: s.id,
      kind: "stage",
      profile: p,
      deps: [...s.deps],
      code: [`${s.dir}/${s.main}`],
      files: [...s.data, `${s.dir}/stage.json`],
      paramsFile: `${s.dir}/params.json`,
      outputs: stageOutputs(s, p).map((o) => `${s.outDir}/${o}`),
      args: [
        "--frozen",
        "--deny-net",
        `--allow-read=${root}`,
        // its own output folder and its own run report, nothing else (not .cache, where every stage's record lives)
        `--allow-write=${root}/${s.outDir},${root}/.cache/pipeline/results/${s.id}.${p}.json`,
        ...s.permissions,
        `${root}/${s.dir}/${s.main}`,
        "--profile",
        p,
        "--result",
        `${root}/.cache/pipeline/results/${s.id}.${p}.json`,
      ],
      manifestDir: s.dir,
      stage: s,
    });
  }
  // Upstream outputs are inputs of the stages that depend on them.
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) for (const d of n.deps) n.files.push(...byId.get(d)!.outputs);
  const figNodes: string[] = [];
  for (const s of ordered) {
    if (!s.figures) continue;
    const id = `fig:${s.id}`;
    figNodes.push(id);
    nodes.push({
      id,
      kind: "figures",
      profile: "full",
      // Figures read the committed full outputs; in a full run they follow the stage.
      deps: profile === "full" || !s.profiles ? [s.id] : [],
      code: [`${s.dir}/${s.figures}`, FIGURES_ENTRY],
      files: stageOutputs(s, "full").map((o) => `${s.outDir}/${o}`),
      outputs: s.figureIds.flatMap((f) => ["vl.json", "svg", "png"].map((x) => `figures/${f}.${x}`)),
      args: [
        "--frozen",
        "--deny-net",
        `--allow-read=${root}`,
        `--allow-write=${root}/figures,${root}/.cache`,
        `${root}/${FIGURES_ENTRY}`,
        ...figureArgs(s),
      ],
      stage: s,
    });
  }
  const metrics = ordered.flatMap((s) => {
    const name = stageOutputs(s, "full").find((o) => o.startsWith("metrics."));
    return name === undefined ? [] : [[s.alias, `${s.outDir}/${name}`] as const];
  });
  nodes.push({
    id: "paper",
    kind: "paper",
    profile: "full",
    deps: [...figNodes, ...(profile === "full" ? ordered.map((s) => s.id) : [])],
    code: [PAPER_ENTRY],
    files: ["paper/paper.md", "paper/refs.bib", ...metrics.map(([, f]) => f)],
    outputs: ["paper/build/paper.pdf", "paper/build/paper.html", "paper/build/paper.typ"],
    args: [
      ...paperPermissions(root, `${root}/paper/build`),
      "--frozen",
      "--deny-net",
      `${root}/${PAPER_ENTRY}`,
      "--metrics",
      metrics.map(([alias, f]) => `${alias}=${f}`).join(","),
    ],
  });
  return nodes;
}

/**
 * Resolve `--only` targets (stage id, alias like `e01`, figure id, `fig:<stage>`, or `paper`) to node ids.
 * @throws {RangeError} listing what exists when a target is unknown
 */
export function resolveTargets(nodes: readonly GraphNode[], targets: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of targets) {
    const n = nodes.find((x) =>
      x.id === t || x.stage?.alias === t && x.kind === "stage" ||
      (x.kind === "figures" && x.stage!.figureIds.includes(t))
    );
    if (!n) {
      const known = nodes.flatMap((x) => x.kind === "figures" ? [x.id, ...x.stage!.figureIds] : [x.id]);
      throw new RangeError(`--only: unknown stage or figure "${t}" (known: ${known.join(", ")})`);
    }
    out.push(n.id);
  }
  return out;
}

/** Node ids needed to build `targets` (targets and their upstream). */
export function neededNodes(nodes: readonly GraphNode[], targets: readonly string[]): Set<string> {
  return dependencyClosure(nodes, targets, false);
}
