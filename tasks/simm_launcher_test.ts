import assert from "node:assert/strict";
import { simmChildArgs } from "./simm_launcher.ts";

// `deno task simm` through its launcher: exact permission flags (pure), then end to end with a CRIF and an
// output folder outside the project and a CRIF on standard input. Spawns deno (test:spawn only); files
// outside the project are written and read by `deno eval` children with their own scoped permissions.

const WHERE = { userCwd: "/home/u/work", projectRoot: "/repo", script: "/repo/tasks/simm.ts" };
const BASE = ["run", "--frozen", "--deny-net", "--no-prompt"];

Deno.test("simmChildArgs: read exactly the CRIF, calibration folder, FX file and --out; write exactly --out", () => {
  assert.deepEqual(
    simmChildArgs(["--crif", "a.csv", "--version", "2.6", "--mpor", "10", "--out=/tmp/o", "--fx", "../fx.csv"], WHERE),
    [
      ...BASE,
      "--allow-read=/home/u/work/a.csv,/repo/data/raw/simm/calibration,/home/u/fx.csv,/tmp/o",
      "--allow-write=/tmp/o",
      "/repo/tasks/simm.ts",
      ...["--crif", "/home/u/work/a.csv", "--version", "2.6", "--mpor", "10", "--out", "/tmp/o"],
      ...["--fx", "/home/u/fx.csv", "--calibration-dir", "/repo/data/raw/simm/calibration"],
    ],
  );
  // standard input: no read grant for the CRIF; default --out under the project's .cache/simm
  assert.deepEqual(simmChildArgs(["--crif", "-", "--calibration-dir", "cal"], WHERE), [
    ...BASE,
    "--allow-read=/home/u/work/cal,/repo/.cache/simm",
    "--allow-write=/repo/.cache/simm",
    "/repo/tasks/simm.ts",
    ...["--crif", "-", "--calibration-dir", "/home/u/work/cal", "--out", "/repo/.cache/simm"],
  ]);
});

Deno.test("simmChildArgs: --help grants nothing; repeats and missing values pass through to the command", () => {
  assert.deepEqual(simmChildArgs(["--help", "--crif", "x"], WHERE), [
    ...BASE,
    "/repo/tasks/simm.ts",
    "--help",
    "--crif",
    "/home/u/work/x",
  ]);
  const twice = simmChildArgs(["--out", "a", "--out", "b", "--crif"], WHERE);
  assert.ok(twice.includes("--allow-write=/home/u/work/a,/home/u/work/b"));
  assert.deepEqual(twice.slice(-7), [
    ...["--out", "/home/u/work/a", "--out", "/home/u/work/b", "--crif"],
    ...["--calibration-dir", "/repo/data/raw/simm/calibration"],
  ]);
  assert.throws(
    () => simmChildArgs(["--crif", "a,b.csv"], WHERE),
    /--crif "a,b\.csv": a path with a comma cannot be granted/,
  );
});

async function deno(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  const p = new Deno.Command("deno", {
    args,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  })
    .spawn();
  if (stdin !== undefined) {
    const w = p.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const o = await p.output();
  return { code: o.code, out: new TextDecoder().decode(o.stdout), err: new TextDecoder().decode(o.stderr) };
}

const ORE = "data/raw/simm/ore-example-2.6/crif.csv";
const SIMM = ["--version", "2.6", "--mpor", "10", "--quiet"];

Deno.test("deno task simm: a CRIF and --out outside the project, and --crif - from a pipe", async () => {
  const text = await Deno.readTextFile(ORE);
  const dir = `/tmp/dynim-simm-launcher-test-${Deno.pid}`;
  const outside = (code: string) =>
    deno([
      "eval",
      "--no-prompt",
      `--allow-read=${dir}`,
      `--allow-write=${dir}`,
      `const dir = ${JSON.stringify(dir)};\n${code}`,
    ]);
  try {
    assert.equal(
      (await outside(`await Deno.mkdir(dir); await Deno.writeTextFile(dir + "/some.csv", ${JSON.stringify(text)});`))
        .code,
      0,
    );
    const r = await deno([
      "task",
      "-q",
      "simm",
      "--crif",
      `${dir}/some.csv`,
      ...SIMM,
      "--out",
      `${dir}/out`,
      "--attribution",
      "pro-rata",
    ]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /IR_Bermudan\s+1,086,219\.46\s+100\.00%/);
    assert.match(
      r.err,
      new RegExp(`wrote ${dir}/out/some\\.simm\\.csv, .* and ${dir}/out/some\\.regulation_breakdown\\.csv`),
    );
    const listed = await outside(
      `console.log((await Array.fromAsync(Deno.readDir(dir + "/out"))).map((e) => e.name).sort().join())`,
    );
    assert.equal(listed.out.trim(), "some.regulation_breakdown.csv,some.simm.csv,some.simm.json");
    // without the launcher's grants the command reaches nothing: read access to the CRIF alone does not
    // let it read the project (here the working folder, to resolve the default calibration folder)
    const denied = await deno([
      "run",
      "--no-prompt",
      "--deny-net",
      `--allow-read=${dir}/some.csv`,
      "tasks/simm.ts",
      "--crif",
      `${dir}/some.csv`,
      ...SIMM,
    ]);
    assert.equal(denied.code, 2);
    assert.match(denied.err, /^simm: NotCapable: Requires read access to "\."/);
  } finally {
    await outside(`await Deno.remove(dir, { recursive: true }).catch(() => {});`);
  }
  const out = ".cache/simm-launcher-test";
  await Deno.remove(out, { recursive: true }).catch(() => {});
  const piped = await deno(["task", "-q", "simm", "--crif", "-", ...SIMM, "--out", out], text);
  assert.equal(piped.code, 0, piped.err);
  assert.ok(
    Math.abs(JSON.parse(await Deno.readTextFile(`${out}/stdin.simm.json`)).sides.Post.total - 1022075.91) < 0.01,
  );
  assert.equal(
    await Deno.readTextFile(`${out}/stdin.regulation_breakdown.csv`),
    await Deno.readTextFile("data/raw/simm/ore-example-2.6/regulation_breakdown_simm.csv"),
  );
  await Deno.remove(out, { recursive: true });
  const help = await deno(["task", "-q", "simm", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: deno task simm/);
});
