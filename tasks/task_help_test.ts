/**
 * Every task in deno.json has a description, and `deno task <name> --help` prints its usage and exits 0 without
 * doing any work (the command line is parsed before the lock, the graph or any stage is loaded). Runs in `test:spawn`.
 */
import assert from "node:assert/strict";

type TaskEntry = string | { command: string; description?: string };
const tasks = (JSON.parse(await Deno.readTextFile("deno.json")) as { tasks: Record<string, TaskEntry> }).tasks;

/** Tasks whose `--help` is not tested here, and why (none today: `ok` is a script, tasks/ok.ts, not a shell chain). */
const NOT_TESTED: Record<string, string> = {};

Deno.test("deno.json: every task has a command and a description", () => {
  for (const [name, t] of Object.entries(tasks)) {
    assert.equal(typeof t, "object", `task "${name}": use the object form { "command", "description" }`);
    const o = t as { command: string; description?: string };
    assert.ok(typeof o.command === "string" && o.command.length > 0, `task "${name}": command`);
    assert.ok(typeof o.description === "string" && o.description.length > 10, `task "${name}": description`);
    assert.ok(!/(^|\s)-A(\s|$)|--allow-all/.test(o.command), `task "${name}" must not use -A`);
  }
  for (const name of Object.keys(NOT_TESTED)) assert.ok(name in tasks, `NOT_TESTED names a missing task "${name}"`);
});

async function help(name: string): Promise<{ code: number; out: string; err: string; seconds: number }> {
  const t0 = performance.now();
  const r = await new Deno.Command("deno", { args: ["task", "-q", name, "--help"], stdout: "piped", stderr: "piped" })
    .output();
  const dec = new TextDecoder();
  return {
    code: r.code,
    out: dec.decode(r.stdout),
    err: dec.decode(r.stderr),
    seconds: (performance.now() - t0) / 1e3,
  };
}

Deno.test("every task's --help prints its usage and exits 0 without doing work", async () => {
  const names = Object.keys(tasks).filter((n) => !(n in NOT_TESTED));
  const failures: string[] = [];
  const queue = [...names];
  await Promise.all([0, 1].map(async () => {
    for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
      const r = await help(n);
      if (r.code !== 0) failures.push(`${n}: exit ${r.code}\n${r.err.slice(0, 400)}`);
      else if (!/usage|deno task|deno run/i.test(r.out)) {
        failures.push(`${n}: no usage on stdout: ${r.out.slice(0, 200)}`);
      } else if (r.seconds > 60) failures.push(`${n}: took ${r.seconds.toFixed(1)} s (it must not do work)`);
    }
  }));
  assert.deepEqual(failures, []);
});

Deno.test("a bad flag is refused before any work, naming the flag", async () => {
  for (
    const [name, flag] of [
      ["reproduce", "--forse"],
      ["verify", "--only"],
      ["paper", "--strcit"],
      ["status", "-x"],
      ["diff", "--mdx"],
      ["bench:torch", "--runds"],
      ["ok", "--profil"],
    ]
  ) {
    const r = await new Deno.Command("deno", { args: ["task", "-q", name, flag], stdout: "piped", stderr: "piped" })
      .output();
    const err = new TextDecoder().decode(r.stderr);
    assert.equal(r.code, 2, `${name} ${flag}: ${err}`);
    assert.match(err, new RegExp(`${flag.replace(/^-+/, "")}`), `${name} ${flag}`);
  }
});

Deno.test("every stage main.ts takes --help: usage, exit 0, nothing written (it runs with read access only)", async () => {
  const { discoverStages } = await import("../lib/pipeline/stage.ts");
  const mains = (await discoverStages(".")).map((s) => `${s.dir}/${s.main}`);
  const failures: string[] = [];
  const queue = [...mains];
  await Promise.all([0, 1].map(async () => {
    for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
      const r = await new Deno.Command("deno", {
        args: ["run", "--frozen", "--deny-net", "--allow-read=.", m, "--help"],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const out = new TextDecoder().decode(r.stdout);
      if (r.code !== 0 || !out.includes("--profile")) {
        failures.push(`${m}: exit ${r.code}: ${new TextDecoder().decode(r.stderr).slice(0, 300)}`);
      }
    }
  }));
  assert.deepEqual(failures, []);
});
