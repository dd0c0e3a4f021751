/**
 * The test tasks' own sandbox. `deno task test` runs with no environment access, reads the project only, writes
 * only `.cache` (temp dirs under `.cache/tmp`) and may not spawn anything; the few tests that must spawn `deno`
 * (the pipeline runner's) or `git` (the SIMM task's link test, which has git write symbolic links) run in
 * `deno task test:spawn`, which names its files and adds only `--allow-run=deno,git,ln`.
 * This file runs in `test:spawn`: it runs a probe test under exactly the flags of the `test` task and requires every
 * escape to be refused.
 */
import assert from "node:assert/strict";

interface Tasks {
  tasks: Record<string, string | { command: string }>;
}

/** Each task's command (deno.json's tasks are `{ command, description }` objects). */
const tasks = Object.fromEntries(
  Object.entries((JSON.parse(await Deno.readTextFile("deno.json")) as Tasks).tasks).map((
    [k, v],
  ) => [k, typeof v === "string" ? v : v.command]),
);

/** The `deno test …` command of a task, split into words (the part after the last `&&`). */
function testCommand(task: string): string[] {
  const cmd = tasks[task];
  assert.ok(cmd, `deno.json has no "${task}" task`);
  const words = cmd.split("&&").at(-1)!.trim().split(/\s+/);
  const i = words.indexOf("deno");
  assert.equal(words[i + 1], "test", `${task} runs deno test`);
  return words.slice(i + 2);
}

const PERMISSION = /^--(allow|deny)-|^-A$/;

Deno.test("test task: no env, no run, no ffi/sys/net; reads the project, writes .cache only", () => {
  const flags = testCommand("test").filter((w) => PERMISSION.test(w));
  assert.deepEqual(flags.sort(), ["--allow-read=.", "--allow-write=.cache", "--deny-net"]);
  assert.ok(!/(^|[\s=,])\/tmp/.test(tasks.test), "the test task must not name /tmp");
});

Deno.test("test:spawn task: names its files and adds only --allow-run=deno,git,ln", () => {
  const words = testCommand("test:spawn");
  const flags = words.filter((w) => PERMISSION.test(w));
  assert.deepEqual(flags.sort(), ["--allow-read=.", "--allow-run=deno,git,ln", "--allow-write=.cache", "--deny-net"]);
  const files = words.filter((w) => !w.startsWith("-"));
  assert.ok(files.length > 0 && files.every((f) => /^(lib|tasks)\/.+\.ts$/.test(f)), `explicit files only: ${files}`);
  // the main task leaves exactly these files to test:spawn
  const ignore = testCommand("test").find((w) => w.startsWith("--ignore="))?.slice("--ignore=".length).split(",");
  assert.deepEqual(ignore?.sort(), [...files].sort());
});

const PROBE = `import assert from "node:assert/strict";
const refused = async (what: string, f: () => unknown) => {
  await assert.rejects(async () => await f(), (e: Error) => e.name === "NotCapable" || e.name === "PermissionDenied", what);
};
Deno.test("env", () => refused("env", () => Deno.env.get("HOME")));
Deno.test("write /tmp", () => refused("write /tmp", () => Deno.writeTextFile("/tmp/dynim-probe.txt", "x")));
Deno.test("read /etc", () => refused("read /etc", () => Deno.readTextFile("/etc/hostname")));
Deno.test("write the project", () => refused("write", () => Deno.writeTextFile("dynim-probe.txt", "x")));
Deno.test("spawn deno -A", () => refused("run", () => new Deno.Command("deno", { args: ["eval", "-A", "1"] }).output()));
Deno.test("spawn sh", () => refused("run", () => new Deno.Command("sh", { args: ["-c", "true"] }).output()));
Deno.test("ffi", () => refused("ffi", () => Deno.dlopen("libc.so.6", {})));
Deno.test("net", () => refused("net", () => fetch("http://127.0.0.1:8080/")));
Deno.test("sys", () => refused("sys", () => Deno.hostname()));
`;

Deno.test("test task: a test that tries to escape (env, /tmp, spawn deno -A, ffi, net, sys) is refused", async () => {
  await Deno.mkdir(".cache/tmp", { recursive: true });
  const dir = await Deno.makeTempDir({ dir: ".cache/tmp", prefix: "probe-" });
  try {
    await Deno.writeTextFile(`${dir}/probe_test.ts`, PROBE);
    // the probe sits under .cache, which deno.json excludes from tests: run it without the config, same flags
    const flags = testCommand("test").filter((w) => PERMISSION.test(w));
    const out = await new Deno.Command("deno", {
      args: ["test", "--no-config", ...flags, `${dir}/probe_test.ts`],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, text);
    assert.match(text, /9 passed \| 0 failed/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
