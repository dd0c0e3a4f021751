import assert from "node:assert/strict";
import { parseTaskArgs } from "../lib/pipeline/cli.ts";
import type { StageSpec } from "../lib/pipeline/stage.ts";
import { FIGURES_SPEC, figuresOptions, figureSource } from "./figures.ts";

const opts = (...argv: string[]) => figuresOptions(parseTaskArgs(FIGURES_SPEC, argv), "/repo");

Deno.test("figures: full profile into figures/ by default", () => {
  assert.deepEqual(opts(), { only: undefined, profile: "full", outDir: "/repo/figures" });
  assert.deepEqual(opts("--only", "e06", "--out-dir", "/tmp/x/"), { only: "e06", profile: "full", outDir: "/tmp/x" });
  assert.deepEqual(opts("--stage=e07_stress", "--profile=full"), {
    only: "e07_stress",
    profile: "full",
    outDir: "/repo/figures",
  });
});

Deno.test("figures: --profile quick previews into an --out-dir outside figures/", () => {
  assert.deepEqual(opts("--profile", "quick", "--out-dir", ".cache/preview"), {
    only: undefined,
    profile: "quick",
    outDir: "/repo/.cache/preview",
  });
  assert.equal(opts("-p", "quick", "--out-dir", "/tmp/figures").outDir, "/tmp/figures"); // only the project's figures/
  assert.equal(opts("-p", "quick", "--out-dir", "figures-preview").outDir, "/repo/figures-preview");
  for (
    const bad of [
      [],
      ["--out-dir", "figures"],
      ["--out-dir", "./figures/"],
      ["--out-dir", "figures/sub"],
      ["--out-dir", ".cache/../figures"],
      ["--out-dir", "/repo/figures"],
    ]
  ) {
    assert.throws(() => opts("--profile", "quick", ...bad), /--profile quick writes a preview: give --out-dir outside/);
  }
});

Deno.test("figures: a bad profile or flag is a RangeError naming it", () => {
  assert.throws(() => opts("--profile", "medium"), /--profile: "medium" is not one of full, quick/);
  assert.throws(() => opts("--profile"), /--profile needs a value/);
  assert.throws(() => opts("--porfile", "quick"), /unknown flag "--porfile"/);
});

Deno.test("figureSource: the profile's committed outputs; full only for a stage without profiles", () => {
  const stage = {
    id: "e99_demo",
    dir: "experiments/e99_demo/v1",
    outDir: "experiments/e99_demo/v1",
    figures: "figures.ts",
    figureIds: ["e99_a"],
    outputs: ["metrics.{profile}.json", "series.{profile}.json"],
    profiles: true,
  } as unknown as StageSpec;
  assert.equal(figureSource(stage).metrics, "experiments/e99_demo/v1/metrics.full.json");
  assert.equal(figureSource(stage, "quick").series, "experiments/e99_demo/v1/series.quick.json");
  const fullOnly = { ...stage, outputs: ["metrics.full.json"], profiles: false } as StageSpec;
  assert.equal(figureSource(fullOnly, "quick").metrics, "experiments/e99_demo/v1/metrics.full.json");
  assert.equal(figureSource(fullOnly, "quick").series, undefined);
});
