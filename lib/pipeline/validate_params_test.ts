import assert from "node:assert/strict";
import { discoverStages } from "./stage.ts";
import { validateAllStageParams } from "./validate_params.ts";

const HARNESS = new URL("./harness.ts", import.meta.url).href;

Deno.test("validateAllStageParams: every stage of this project has valid params for quick and full", async () => {
  assert.deepEqual(await validateAllStageParams(Deno.cwd(), await discoverStages(".")), []);
});

Deno.test("validateAllStageParams: a typo in the profile not being run, and a stage that cannot load, are named", async () => {
  await Deno.mkdir(".cache/tmp", { recursive: true });
  const root = await Deno.realPath(await Deno.makeTempDir({ dir: ".cache/tmp" }));
  try {
    const mk = async (id: string, params: unknown, main: string) => {
      const dir = `${root}/experiments/${id}/v1`;
      await Deno.mkdir(dir, { recursive: true });
      await Deno.writeTextFile(
        `${dir}/stage.json`,
        JSON.stringify({ id, description: id, outputs: ["m.{profile}.json"] }),
      );
      await Deno.writeTextFile(`${dir}/params.json`, JSON.stringify(params));
      await Deno.writeTextFile(`${dir}/main.ts`, main);
    };
    const main = `import { runStage } from "${HARNESS}";
await runStage(import.meta.url, { schema: { n: { type: "integer", min: 1 }, from: { type: "date" } }, run: () => { throw new Error("must not run"); } });\n`;
    await mk("x01_ok", { base: { n: 1, from: "2020-02-29" }, profiles: { quick: {}, full: {} } }, main);
    await mk("x02_typo", { base: { n: 1, from: "2020-01-02" }, profiles: { quick: {}, full: { nn: 2 } } }, main);
    await mk("x03_date", { base: { n: 1, from: "2016-13-45" }, profiles: { quick: {}, full: {} } }, main);
    await mk("x04_broken", { profiles: { quick: {}, full: {} } }, 'import "./gone.ts";\n');
    const stages = await discoverStages(root);
    const problems = await validateAllStageParams(root, stages);
    assert.equal(problems.length, 4, JSON.stringify(problems)); // the bad date once per profile
    assert.match(problems[0], /x02_typo\/v1\/params\.json: unknown parameter "nn" in profiles\.full/);
    assert.match(
      problems[1],
      /x03_date\/v1\/params\.json: from \(profile quick\): "2016-13-45" is not a calendar date/,
    );
    assert.match(problems[2], /from \(profile full\): "2016-13-45" is not a calendar date/);
    assert.match(
      problems[3],
      /x04_broken\/v1\/main\.ts: cannot be loaded, so its params are not checked: Module not found/,
    );
    assert.ok(!problems[3].includes("\x1b"), "no terminal colour codes in the message");
    // a stage the run does not need may be mid-edit: a warning, not a problem
    const warned: string[] = [];
    const needed = new Set(["x01_ok", "x02_typo", "x03_date"]);
    assert.equal((await validateAllStageParams(root, stages, { needed, warn: (m) => warned.push(m) })).length, 3);
    assert.match(warned[0], /x04_broken/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
