import assert from "node:assert/strict";
import { runPipeline } from "./runner.ts";

const HARNESS = new URL("./harness.ts", import.meta.url).href;

/** A throwaway project with two stages: x01 (count) → x02 (double it). */
async function makeProject(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "dynim-pipe-" });
  await Deno.writeTextFile(`${root}/deno.lock`, "{}");
  const stage = (id: string, deps: string[], body: string) => ({
    [`experiments/${id}/v1/stage.json`]: JSON.stringify({
      id,
      description: id,
      deps,
      outputs: ["metrics.{profile}.json"],
    }),
    [`experiments/${id}/v1/params.json`]: JSON.stringify({
      base: { n: 3 },
      profiles: { quick: { n: 2 }, full: {} },
    }),
    [`experiments/${id}/v1/main.ts`]: `import { runStage } from "${HARNESS}";
await runStage(import.meta.url, { schema: { n: { type: "integer", min: 1 } }, async run(ctx) { ${body} } });\n`,
  });
  const files = {
    ...stage("x01_count", [], "return { [`metrics.${ctx.profile}.json`]: { total: ctx.params.n } };"),
    ...stage(
      "x02_double",
      ["x01_count"],
      "const up = JSON.parse(await Deno.readTextFile(await ctx.upstream('x01_count', `metrics.${ctx.profile}.json`)));" +
        "return { [`metrics.${ctx.profile}.json`]: { total: up.total * 2 * ctx.params.n } };",
    ),
  };
  for (const [p, t] of Object.entries(files)) {
    await Deno.mkdir(`${root}/${p.slice(0, p.lastIndexOf("/"))}`, { recursive: true });
    await Deno.writeTextFile(`${root}/${p}`, t);
  }
  return root;
}

const quiet = () => {};
const status = (r: { id: string; status: string }[]) => Object.fromEntries(r.map((x) => [x.id, x.status]));

Deno.test("runPipeline: runs, caches, re-runs only what changed and what depends on it", async () => {
  const root = await makeProject();
  try {
    const opts = { root, profile: "quick" as const, noPaper: true, log: quiet };
    assert.deepEqual(status(await runPipeline(opts)), { x01_count: "ran", x02_double: "ran" });
    const m = JSON.parse(await Deno.readTextFile(`${root}/experiments/x02_double/v1/metrics.quick.json`));
    assert.equal(m.total, 8);
    assert.deepEqual(m.params, { n: 2 });
    assert.deepEqual(status(await runPipeline(opts)), { x01_count: "skipped", x02_double: "skipped" });
    // change only x02's params: x01 stays cached
    await Deno.writeTextFile(
      `${root}/experiments/x02_double/v1/params.json`,
      JSON.stringify({ base: { n: 3 }, profiles: { quick: { n: 5 }, full: {} } }),
    );
    assert.deepEqual(status(await runPipeline(opts)), { x01_count: "skipped", x02_double: "ran" });
    // change x01: x02 re-runs because its upstream output changed
    await Deno.writeTextFile(
      `${root}/experiments/x01_count/v1/params.json`,
      JSON.stringify({ base: { n: 3 }, profiles: { quick: { n: 7 }, full: {} } }),
    );
    assert.deepEqual(status(await runPipeline(opts)), { x01_count: "ran", x02_double: "ran" });
    // --only x01 does not touch x02
    assert.deepEqual(status(await runPipeline({ ...opts, only: ["x01"], force: true })), { x01_count: "ran" });
    // manifest written with inputs, outputs and params
    const man = JSON.parse(await Deno.readTextFile(`${root}/experiments/x01_count/v1/manifest.quick.json`));
    assert.ok(man.inputs["experiments/x01_count/v1/main.ts"]);
    assert.ok(man.outputs["experiments/x01_count/v1/metrics.quick.json"]);
    assert.equal(typeof man.wallSeconds, "number");
    // a hand-edited output is detected and regenerated
    await Deno.writeTextFile(`${root}/experiments/x02_double/v1/metrics.quick.json`, "{}");
    assert.deepEqual(status(await runPipeline(opts)), { x01_count: "skipped", x02_double: "ran" });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("runPipeline: a bad params.json fails with the key named and leaves no output", async () => {
  const root = await makeProject();
  try {
    await Deno.writeTextFile(
      `${root}/experiments/x01_count/v1/params.json`,
      JSON.stringify({ base: { n: 3, typo: 1 }, profiles: { quick: {}, full: {} } }),
    );
    await assert.rejects(
      () => runPipeline({ root, profile: "quick", noPaper: true, log: quiet }),
      /stage x01_count \(quick\) failed/,
    );
    await assert.rejects(() => Deno.stat(`${root}/experiments/x01_count/v1/metrics.quick.json`));
    await assert.rejects(
      () => runPipeline({ root, profile: "quick", noPaper: true, log: quiet, only: ["nope"] }),
      /--only: unknown stage or figure "nope"/,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("harness: a missing upstream output is one clear message with what to run, exit code 1", async () => {
  const root = await makeProject();
  try {
    const out = await new Deno.Command("deno", {
      args: [
        "run",
        `--allow-read=${root},/proc/self/status`,
        `--allow-write=${root}`,
        `${root}/experiments/x02_double/v1/main.ts`,
        "--profile",
        "quick",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 1);
    const err = new TextDecoder().decode(out.stderr);
    assert.match(err, /upstream output experiments\/x01_count\/v1\/metrics\.quick\.json of stage x01_count is missing/);
    assert.match(err, /deno task reproduce --only x01_count/);
    await assert.rejects(() => Deno.stat(`${root}/experiments/x02_double/v1/metrics.quick.json`));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
