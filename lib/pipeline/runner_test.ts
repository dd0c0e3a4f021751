import assert from "node:assert/strict";
import { acquirePipelineLock } from "./lock.ts";
import { refreshManifests, runPipeline, staleManifests } from "./runner.ts";

const HARNESS = new URL("./harness.ts", import.meta.url).href;

/** A throwaway project with two stages: x01 (count) → x02 (double it). */
async function makeProject(): Promise<string> {
  await Deno.mkdir(".cache/tmp", { recursive: true });
  const root = await Deno.realPath(await Deno.makeTempDir({ dir: ".cache/tmp", prefix: "dynim-pipe-" }));
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

/** Run `body` on a fresh project made by {@link makeProject}, removed afterwards. */
async function withProject(body: (root: string) => Promise<void>): Promise<void> {
  const root = await makeProject();
  try {
    await body(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

const quiet = () => {};
const status = (r: { id: string; status: string }[]) => Object.fromEntries(r.map((x) => [x.id, x.status]));
const X01 = "experiments/x01_count/v1", X02 = "experiments/x02_double/v1";
const exists = async (p: string) => await Deno.lstat(p).then(() => true, () => false);
const writeJson = (p: string, v: unknown) => Deno.writeTextFile(p, JSON.stringify(v));
const quick = (root: string) => ({ root, profile: "quick" as const, noPaper: true, log: quiet });

/** Make a symbolic link with `ln -s` (Deno.symlink needs unscoped read and write permissions). */
async function ln(target: string, link: string): Promise<void> {
  const out = await new Deno.Command("ln", { args: ["-s", target, link] }).output();
  assert.ok(out.success, "ln -s failed");
}

Deno.test("runPipeline: runs, caches, re-runs only what changed and what depends on it", async () => {
  await withProject(async (root) => {
    const opts = quick(root);
    assert.deepEqual(status(await runPipeline(opts)), { x01_count: "ran", x02_double: "ran" });
    const m = JSON.parse(await Deno.readTextFile(`${root}/${X02}/metrics.quick.json`));
    assert.equal(m.total, 8);
    assert.deepEqual(m.params, { n: 2 });
    assert.deepEqual(status(await runPipeline(opts)), { x01_count: "skipped", x02_double: "skipped" });
    // change only x02's params: x01 stays cached
    await writeJson(`${root}/${X02}/params.json`, { base: { n: 3 }, profiles: { quick: { n: 5 }, full: {} } });
    assert.deepEqual(status(await runPipeline(opts)), { x01_count: "skipped", x02_double: "ran" });
    // change x01: x02 re-runs because its upstream output changed
    await writeJson(`${root}/${X01}/params.json`, { base: { n: 3 }, profiles: { quick: { n: 7 }, full: {} } });
    assert.deepEqual(status(await runPipeline(opts)), { x01_count: "ran", x02_double: "ran" });
    // --only x01 does not touch x02
    assert.deepEqual(status(await runPipeline({ ...opts, only: ["x01"], force: true })), { x01_count: "ran" });
    // a hand-edited output is detected and regenerated
    await Deno.writeTextFile(`${root}/${X02}/metrics.quick.json`, "{}");
    assert.deepEqual(status(await runPipeline(opts)), { x01_count: "skipped", x02_double: "ran" });
  });
});

Deno.test("manifests: tracked manifest has no volatile fields and is not rewritten by a re-run; run record has wall time and peak RSS", async () => {
  await withProject(async (root) => {
    await runPipeline(quick(root));
    const path = `${root}/${X01}/manifest.quick.json`;
    const text = await Deno.readTextFile(path);
    const man = JSON.parse(text);
    assert.ok(man.inputs[`${X01}/main.ts`]);
    assert.ok(man.inputs[`${X01}/params.json`]);
    assert.ok(man.outputs[`${X01}/metrics.quick.json`]);
    assert.deepEqual(man.params, { n: 2 }); // the resolved params, as echoed into the metrics
    for (const k of ["git", "wallSeconds", "peakRssBytes"]) assert.ok(!(k in man), `manifest must not hold ${k}`);
    const mtime = (await Deno.stat(path)).mtime?.getTime();
    await new Promise((r) => setTimeout(r, 20));
    await runPipeline({ ...quick(root), force: true }); // same inputs, same outputs: same manifest, not rewritten
    assert.equal(await Deno.readTextFile(path), text);
    assert.equal((await Deno.stat(path)).mtime?.getTime(), mtime);
    const run = JSON.parse(await Deno.readTextFile(`${root}/.cache/pipeline/runs/x01_count.quick.json`));
    assert.equal(typeof run.wallSeconds, "number");
    assert.ok(typeof run.peakRssBytes === "number" && run.peakRssBytes > 1e6, `peakRssBytes ${run.peakRssBytes}`);
  });
});

Deno.test("refreshManifests: rewrites manifests from current code and committed outputs without running", async () => {
  await withProject(async (root) => {
    await runPipeline(quick(root));
    await runPipeline({ ...quick(root), profile: "full" });
    assert.deepEqual(await refreshManifests(root, quiet), []); // already current
    const before = JSON.parse(await Deno.readTextFile(`${root}/${X01}/manifest.full.json`));
    await Deno.writeTextFile(`${root}/${X01}/main.ts`, "// a comment\n", { append: true });
    const metrics = await Deno.readTextFile(`${root}/${X01}/metrics.full.json`);
    assert.deepEqual((await refreshManifests(root, quiet)).sort(), [
      `${X01}/manifest.full.json`,
      `${X01}/manifest.quick.json`,
    ]);
    const after = JSON.parse(await Deno.readTextFile(`${root}/${X01}/manifest.full.json`));
    assert.notEqual(after.cacheKey, before.cacheKey);
    assert.notEqual(after.inputs[`${X01}/main.ts`], before.inputs[`${X01}/main.ts`]);
    assert.deepEqual(after.outputs, before.outputs);
    assert.equal(await Deno.readTextFile(`${root}/${X01}/metrics.full.json`), metrics); // nothing ran
    // a stage whose code does not resolve is named; the others are still refreshed
    await Deno.writeTextFile(`${root}/${X02}/main.ts`, 'import "./gone.ts";\n', { append: true });
    await Deno.writeTextFile(`${root}/${X01}/main.ts`, "// another comment\n", { append: true });
    await assert.rejects(
      () => refreshManifests(root, quiet),
      /2 manifest\(s\) could not be refreshed:[\s\S]*x02_double\/v1\/manifest\.quick\.json: .*gone\.ts/,
    );
    const again = JSON.parse(await Deno.readTextFile(`${root}/${X01}/manifest.full.json`));
    assert.notEqual(again.cacheKey, after.cacheKey);
  });
});

Deno.test("params are validated for every stage and profile before any stage starts", async () => {
  await withProject(async (root) => {
    // a typo in profiles.full during a quick run
    await writeJson(`${root}/${X01}/params.json`, { base: { n: 3 }, profiles: { quick: {}, full: { nn: 1 } } });
    await assert.rejects(
      () => runPipeline(quick(root)),
      /no stage was started[\s\S]*x01_count\/v1\/params\.json: unknown parameter "nn" in profiles\.full/,
    );
    // a bad value in x02's params while only x01 is asked for: refused, and x01 did not run
    await writeJson(`${root}/${X01}/params.json`, { base: { n: 3 }, profiles: { quick: {}, full: {} } });
    await writeJson(`${root}/${X02}/params.json`, { base: { n: 0 }, profiles: { quick: {}, full: {} } });
    await assert.rejects(() => runPipeline({ ...quick(root), only: ["x01"] }), /n \(profile quick\): 0 is below/);
    assert.equal(await exists(`${root}/${X01}/metrics.quick.json`), false);
    // invalid JSON names the file
    await Deno.writeTextFile(`${root}/${X02}/params.json`, '{"base": {n: 3}}');
    await assert.rejects(() => runPipeline(quick(root)), /x02_double\/v1\/params\.json: invalid JSON/);
    await assert.rejects(
      () => runPipeline({ ...quick(root), only: ["nope"] }),
      /--only: unknown stage or figure "nope"/,
    );
  });
});

Deno.test("params: an impossible date (2016-13-45) is refused before the stage runs", async () => {
  await withProject(async (root) => {
    const main = await Deno.readTextFile(`${root}/${X01}/main.ts`);
    await Deno.writeTextFile(
      `${root}/${X01}/main.ts`,
      main.replace(
        'schema: { n: { type: "integer", min: 1 } }',
        'schema: { n: { type: "integer", min: 1 }, evalFrom: { type: "date" } }',
      ),
    );
    await writeJson(`${root}/${X01}/params.json`, {
      base: { n: 3, evalFrom: "2016-13-45" },
      profiles: { quick: {}, full: {} },
    });
    await assert.rejects(
      () => runPipeline(quick(root)),
      /evalFrom \(profile quick\): "2016-13-45" is not a calendar date/,
    );
    assert.equal(await exists(`${root}/${X01}/metrics.quick.json`), false);
  });
});

Deno.test("params: extends is resolved, hashed and echoed; editing the shared file re-runs the stage", async () => {
  await withProject(async (root) => {
    await Deno.mkdir(`${root}/experiments/shared`);
    await writeJson(`${root}/experiments/shared/common.params.json`, {
      base: { n: 4 },
      profiles: { quick: {}, full: {} },
    });
    await writeJson(`${root}/${X01}/params.json`, { extends: "../../shared/common.params.json" });
    assert.deepEqual(status(await runPipeline({ ...quick(root), only: ["x01"] })), { x01_count: "ran" });
    const m = JSON.parse(await Deno.readTextFile(`${root}/${X01}/metrics.quick.json`));
    assert.deepEqual(m.params, { n: 4 });
    const man = JSON.parse(await Deno.readTextFile(`${root}/${X01}/manifest.quick.json`));
    assert.ok(man.inputs["experiments/shared/common.params.json"]);
    await writeJson(`${root}/experiments/shared/common.params.json`, {
      base: { n: 5 },
      profiles: { quick: {}, full: {} },
    });
    assert.deepEqual(status(await runPipeline({ ...quick(root), only: ["x01"] })), { x01_count: "ran" });
    await writeJson(`${root}/${X01}/params.json`, { extends: "../../../../outside.json" });
    await assert.rejects(
      () => runPipeline(quick(root)),
      /"extends": "..\/..\/..\/..\/outside.json" points outside the project/,
    );
  });
});

Deno.test("sandbox: a stage cannot write outside its own outputs (another stage's cache record, the project, .cache)", async () => {
  await withProject(async (root) => {
    await runPipeline(quick(root));
    const record = `${root}/.cache/pipeline/x02_double.quick.json`;
    const before = await Deno.readTextFile(record);
    for (const target of [record, `${root}/README.md`, `${root}/${X02}/metrics.quick.json`, `${root}/.cache/x.txt`]) {
      await Deno.writeTextFile(
        `${root}/${X01}/main.ts`,
        `import { runStage } from "${HARNESS}";
await runStage(import.meta.url, { schema: { n: { type: "integer", min: 1 } }, async run(ctx) {
  await Deno.writeTextFile(${JSON.stringify(target)}, "owned");
  return { [\`metrics.\${ctx.profile}.json\`]: { total: 0 } };
} });\n`,
      );
      await assert.rejects(() => runPipeline({ ...quick(root), only: ["x01"] }), /stage x01_count \(quick\) failed/);
    }
    assert.equal(await Deno.readTextFile(record), before);
    assert.equal(await exists(`${root}/README.md`), false);
    assert.equal(await exists(`${root}/.cache/x.txt`), false);
  });
});

Deno.test("sandbox: stage.json that widens its own permissions is refused with the file and key", async () => {
  await withProject(async (root) => {
    const spec = JSON.parse(await Deno.readTextFile(`${root}/${X01}/stage.json`));
    for (
      const [patch, re] of [
        [{ outDir: "." }, /x01_count\/v1\/stage\.json: "outDir": "\." is not allowed/],
        [{ outDir: "experiments/x02_double/v1" }, /"outDir": "experiments\/x02_double\/v1" is not allowed/],
        [{ outDir: "data/raw" }, /"outDir": "data\/raw" is not allowed/],
        [{ permissions: ["--allow-ffi"] }, /"permissions": "--allow-ffi" is not allowed: it must carry a scoped value/],
        [{ permissions: ["--allow-write=/"] }, /"permissions": "--allow-write=\/" is not allowed/],
        [{ permissions: ["--allow-ffi=/usr/lib/libc.so.6"] }, /must be a path under node_modules/],
      ] as const
    ) {
      await writeJson(`${root}/${X01}/stage.json`, { ...spec, ...patch });
      await assert.rejects(() => runPipeline(quick(root)), re);
    }
    assert.equal(await exists(`${root}/${X01}/metrics.quick.json`), false);
  });
});

Deno.test("sandbox: symbolic links in the project (data file, params file, output folder) are refused", async () => {
  const root = await makeProject();
  const outside = await Deno.realPath(await Deno.makeTempDir({ dir: ".cache/tmp", prefix: "outside-" }));
  try {
    await Deno.writeTextFile(`${outside}/secret.csv`, "x\n");
    const spec = JSON.parse(await Deno.readTextFile(`${root}/${X01}/stage.json`));
    // a data file that is a link to a file outside the project
    await Deno.mkdir(`${root}/data`);
    await ln(`${outside}/secret.csv`, `${root}/data/in.csv`);
    await writeJson(`${root}/${X01}/stage.json`, { ...spec, data: ["data/in.csv"] });
    await assert.rejects(() => runPipeline(quick(root)), /data\/in\.csv is a symbolic link/);
    await writeJson(`${root}/${X01}/stage.json`, spec);
    // an output folder (data/derived/<id>) that is a link to a folder outside the project
    await Deno.mkdir(`${root}/data/derived`);
    await ln(outside, `${root}/data/derived/x01_count`);
    await writeJson(`${root}/${X01}/stage.json`, { ...spec, outDir: "data/derived/x01_count" });
    await assert.rejects(
      () => runPipeline({ ...quick(root), only: ["x01"] }),
      /data\/derived\/x01_count is a symbolic link/,
    );
    assert.equal(await exists(`${outside}/metrics.quick.json`), false);
    await writeJson(`${root}/${X01}/stage.json`, spec);
    // a params file that is a link
    await Deno.rename(`${root}/${X01}/params.json`, `${outside}/params.json`);
    await ln(`${outside}/params.json`, `${root}/${X01}/params.json`);
    await assert.rejects(() => runPipeline(quick(root)), /params\.json is a symbolic link/);
  } finally {
    await Deno.remove(root, { recursive: true });
    await Deno.remove(outside, { recursive: true });
  }
});

Deno.test("lock: a second run waits for the first and sweeps stale temps only once it holds the lock", async () => {
  await withProject(async (root) => {
    await runPipeline(quick(root));
    const release = await acquirePipelineLock(root, quiet); // "another run" in flight
    const inFlight = `${root}/${X01}/metrics.quick.json.tmp-999999-0`;
    await Deno.writeTextFile(inFlight, "half");
    await Deno.utime(inFlight, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000)); // old enough to sweep
    const said: string[] = [];
    const second = runPipeline({ ...quick(root), log: (m) => said.push(m) });
    await new Promise((r) => setTimeout(r, 300));
    assert.match(said[0] ?? "", /waiting for another run/);
    assert.equal(await exists(inFlight), true); // not swept from under the other run
    release();
    assert.deepEqual(status(await second), { x01_count: "skipped", x02_double: "skipped" });
    assert.equal(await exists(inFlight), false); // swept once this run held the lock
  });
});

Deno.test("harness: a missing upstream output is one clear message with what to run, exit code 1", async () => {
  await withProject(async (root) => {
    const out = await new Deno.Command("deno", {
      args: [
        "run",
        `--allow-read=${root}`,
        `--allow-write=${root}`,
        `${root}/${X02}/main.ts`,
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
    await assert.rejects(() => Deno.stat(`${root}/${X02}/metrics.quick.json`));
  });
});

Deno.test("staleManifests: names the manifests a code change left behind", async () => {
  await withProject(async (root) => {
    await runPipeline(quick(root));
    await runPipeline({ ...quick(root), profile: "full" });
    assert.deepEqual(await staleManifests(root), []);
    await Deno.writeTextFile(`${root}/${X02}/main.ts`, "// a comment\n", { append: true });
    assert.deepEqual((await staleManifests(root)).sort(), [`${X02}/manifest.full.json`, `${X02}/manifest.quick.json`]);
  });
});

Deno.test("volatile keys: a re-run that only changes machine-dependent values keeps the file (clean tree); --update-volatile writes it", async () => {
  await withProject(async (root) => {
    const spec = JSON.parse(await Deno.readTextFile(`${root}/${X01}/stage.json`));
    await writeJson(`${root}/${X01}/stage.json`, { ...spec, volatile: ["latency"] });
    await Deno.writeTextFile(
      `${root}/${X01}/main.ts`,
      `import { runStage } from "${HARNESS}";
await runStage(import.meta.url, { schema: { n: { type: "integer", min: 1 } }, async run(ctx) {
  return { [\`metrics.\${ctx.profile}.json\`]: { total: ctx.params.n, latency: { ms: performance.now() } } };
} });\n`,
    );
    const path = `${root}/${X01}/metrics.quick.json`;
    await runPipeline({ ...quick(root), only: ["x01"] });
    const first = await Deno.readTextFile(path);
    await runPipeline({ ...quick(root), only: ["x01"], force: true });
    assert.equal(await Deno.readTextFile(path), first); // only latency moved: the file in place is kept
    const run = JSON.parse(await Deno.readTextFile(`${root}/.cache/pipeline/runs/x01_count.quick.json`));
    assert.deepEqual(run.volatileKept["metrics.quick.json"].map((m: { key: string }) => m.key), ["latency.ms"]);
    await runPipeline({ ...quick(root), only: ["x01"], force: true, updateVolatile: true });
    assert.notEqual(await Deno.readTextFile(path), first); // asked for: the fresh latency is written
    // a result that changes is always written
    await writeJson(`${root}/${X01}/params.json`, { base: { n: 9 }, profiles: { quick: {}, full: {} } });
    await runPipeline({ ...quick(root), only: ["x01"] });
    assert.equal(JSON.parse(await Deno.readTextFile(path)).total, 9);
  });
});

Deno.test("runPipeline: [i/N] lines and a closing table; status says what would run and why", async () => {
  const { pipelineStatus } = await import("./status.ts");
  await withProject(async (root) => {
    const lines: string[] = [];
    await runPipeline({ ...quick(root), log: (m) => lines.push(m) });
    const text = lines.join("\n");
    assert.match(text, /\[1\/2\] x01_count \(quick\): running…/);
    assert.match(text, /\[2\/2\] x02_double \(quick\): done in/);
    assert.match(text, /node\s+ran\/skipped\s+wall\s+metrics\n\s+x01_count\s+ran\s+[\d.]+s\s+\S/);
    let st = await pipelineStatus(root, "quick", { noPaper: true });
    assert.deepEqual(st.nodes.map((n) => [n.id, n.state]), [["x01_count", "up to date"], ["x02_double", "up to date"]]);
    assert.ok(st.nodes.every((n) => typeof n.etaSeconds === "number"));
    await writeJson(`${root}/${X01}/params.json`, { base: { n: 3 }, profiles: { quick: { n: 4 }, full: {} } });
    st = await pipelineStatus(root, "quick", { noPaper: true });
    assert.deepEqual(st.nodes.map((n) => [n.id, n.state]), [["x01_count", "will run"], ["x02_double", "will run"]]);
    assert.deepEqual(st.nodes[0].reasons, [
      `params: 1 file(s) changed (${X01}/params.json)`,
      "param values: 1 key(s) changed (n)",
    ]);
    assert.deepEqual(st.nodes[1].reasons, ["upstream will run: x01_count"]);
  });
});

Deno.test("nodeThreads: a stage's workers parameter, else 1", async () => {
  const { nodeThreads, coreCount } = await import("./runner.ts");
  const { buildGraph } = await import("./graph.ts");
  const { discoverStages } = await import("./stage.ts");
  await withProject(async (root) => {
    await writeJson(`${root}/${X02}/params.json`, { base: { n: 3, workers: 4 }, profiles: { quick: {}, full: {} } });
    const nodes = buildGraph(await discoverStages(root), root, "quick").filter((n) => n.kind === "stage");
    assert.deepEqual([...(await nodeThreads(root, nodes))], [["x01_count", 1], ["x02_double", 4]]);
    assert.ok(coreCount() >= 1);
  });
});

Deno.test("threadPool: holds at most its total; a request above the total is capped and runs alone", async () => {
  const { threadPool } = await import("./runner.ts");
  const pool = threadPool(2);
  const order: string[] = [];
  const a = await pool.acquire(2);
  const b = pool.acquire(1).then((n) => (order.push("b"), n));
  const c = pool.acquire(8).then((n) => (order.push("c"), n));
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(order, []);
  pool.release(a);
  assert.equal(await b, 1);
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(order, ["b"]); // c needs both threads
  pool.release(1);
  assert.equal(await c, 2);
  assert.deepEqual(order, ["b", "c"]);
});
