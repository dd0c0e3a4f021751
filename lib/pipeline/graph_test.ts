import assert from "node:assert/strict";
import { buildGraph, figureArgs, FIGURES_ENTRY, PAPER_ENTRY } from "./graph.ts";
import { discoverStages } from "./stage.ts";

Deno.test("graph: figure and paper nodes run lib/report entry files with the stage's committed full outputs", async () => {
  const stages = await discoverStages(".");
  const g = buildGraph(stages, "/r", "quick");
  const fig = g.find((n) => n.id === "fig:e01_static_benchmark")!;
  assert.deepEqual(fig.code, ["experiments/e01_static_benchmark/v1/figures.ts", FIGURES_ENTRY]);
  assert.equal(fig.args[fig.args.indexOf(`/r/${FIGURES_ENTRY}`) + 1], "--stage");
  const e01 = stages.find((s) => s.id === "e01_static_benchmark")!;
  const args = figureArgs(e01);
  assert.deepEqual(args.slice(0, 8), [
    "--stage",
    "e01_static_benchmark",
    "--dir",
    "experiments/e01_static_benchmark/v1",
    "--module",
    "figures.ts",
    "--ids",
    e01.figureIds.join(","),
  ]);
  assert.equal(args[args.indexOf("--metrics") + 1], "experiments/e01_static_benchmark/v1/metrics.full.json");
  const paper = g.find((n) => n.id === "paper")!;
  assert.deepEqual(paper.code, [PAPER_ENTRY]);
  const metrics = paper.args[paper.args.indexOf("--metrics") + 1].split(",");
  assert.ok(metrics.includes("e01=experiments/e01_static_benchmark/v1/metrics.full.json"));
  for (const n of g) assert.ok(!n.args.some((a) => a.includes("tasks/")), `${n.id} starts something under tasks/`);
});

Deno.test("graph: figureArgs refuses a stage without a figures module", async () => {
  const d01 = (await discoverStages(".")).find((s) => s.id === "d01_panel")!;
  assert.throws(() => figureArgs(d01), /figureArgs: stage d01_panel declares no figures module/);
});
