import assert from "node:assert/strict";
import { parseTaskArgs, positiveIntFlag, stringFlag, taskMain, type TaskSpec } from "./cli.ts";

const spec: TaskSpec = {
  usage: "deno task t [--profile quick|full] [--only ID ...] [--force] [--jobs N] [A] [B]",
  flags: {
    profile: { kind: "string", alias: ["p"], choices: ["quick", "full"] },
    only: { kind: "string", multiple: true, alias: ["stage"] },
    force: { kind: "boolean", alias: ["f"] },
    jobs: { kind: "string", alias: ["j"] },
  },
  positionals: { max: 2, name: "commit" },
};

Deno.test("parseTaskArgs: flags, aliases, --flag=value, defaults, positionals", () => {
  const a = parseTaskArgs(spec, ["HEAD~1", "-p", "full", "--stage=e01", "--only", "e04", "-f", "HEAD", "-j", "3"]);
  assert.equal(a.help, false);
  assert.deepEqual(a.flags, { profile: "full", only: ["e01", "e04"], force: true, jobs: "3" });
  assert.deepEqual(a.positionals, ["HEAD~1", "HEAD"]);
  assert.equal(positiveIntFlag(a, "jobs", 2), 3);
  assert.equal(stringFlag(a, "profile"), "full");
  const none = parseTaskArgs(spec, []);
  assert.deepEqual(none.flags, { profile: undefined, only: undefined, force: false, jobs: undefined });
  assert.equal(positiveIntFlag(none, "jobs", 2), 2);
  assert.deepEqual(parseTaskArgs(spec, ["--", "--force"]).positionals, ["--force"]);
});

Deno.test("parseTaskArgs: --help or -h anywhere wins over everything else", () => {
  for (
    const argv of [["--help"], ["-h"], ["--bogus", "--help"], ["--profile", "nope", "-h"], [
      "--force",
      "--force",
      "--help",
    ]]
  ) {
    assert.equal(parseTaskArgs(spec, argv).help, true, argv.join(" "));
  }
  assert.equal(parseTaskArgs(spec, ["--", "--help"]).help, false);
});

Deno.test("parseTaskArgs: unknown, repeated, missing or bad values are RangeErrors naming the flag", () => {
  const bad: [string[], RegExp][] = [
    [["--strcit"], /unknown flag "--strcit"/],
    [["-x"], /unknown flag "-x"/],
    [["--force", "-f"], /--force is given twice \(as "-f"\)/],
    [["--profile", "quick", "-p", "full"], /--profile is given twice/],
    [["--profile"], /--profile needs a value/],
    [["--only", "--force"], /--only needs a value/],
    [["--profile="], /--profile needs a value/],
    [["--profile", "fast"], /--profile: "fast" is not one of quick, full/],
    [["--force=yes"], /--force takes no value/],
    [["a", "b", "c"], /unexpected argument "c" \(this task takes at most 2 commit/],
  ];
  for (const [argv, re] of bad) assert.throws(() => parseTaskArgs(spec, argv), re, argv.join(" "));
  assert.throws(() => parseTaskArgs({ usage: "u", flags: {} }, ["x"]), /takes no positional arguments/);
  assert.throws(() => positiveIntFlag(parseTaskArgs(spec, ["--jobs", "0"]), "jobs", 2), /positive integer, got "0"/);
  assert.throws(() => positiveIntFlag(parseTaskArgs(spec, ["--jobs", "2x"]), "jobs", 2), /positive integer/);
  assert.throws(() => parseTaskArgs({ usage: "u", flags: { h: { kind: "boolean" } } }, []), /reserves/);
  assert.throws(
    () => parseTaskArgs({ usage: "u", flags: { a: { kind: "boolean", alias: ["b"] }, b: { kind: "boolean" } } }, []),
    /twice/,
  );
});

Deno.test("taskMain: --help prints usage and runs nothing; bad args → 2; run's errors → 1", async () => {
  const out: [string, string][] = [];
  const print = (t: string, s: string) => void out.push([s, t]);
  let runs = 0;
  const run = () => void runs++;
  assert.equal(await taskMain(spec, ["--help"], run, print), 0);
  assert.deepEqual(out, [["stdout", spec.usage]]);
  assert.equal(await taskMain(spec, ["--nope"], run, print), 2);
  assert.match(out[1][1], /^error: unknown flag "--nope"/);
  assert.equal(runs, 0);
  assert.equal(await taskMain(spec, [], run, print), 0);
  assert.equal(runs, 1);
  assert.equal(
    await taskMain(spec, [], () => {
      throw new RangeError("boom");
    }, print),
    1,
  );
  assert.equal(out.at(-1)![1], "error: boom");
  assert.equal(await taskMain(spec, [], () => 3, print), 3);
});
