import assert from "node:assert/strict";
import { denoSimmIo, main } from "./simm.ts";
import type { SimmCliIo } from "../lib/simm/cli.ts";

// The task with Deno's real file system and real symbolic links. Links are never committed (the pipeline
// refuses tracked links) and Deno.symlink needs unscoped permissions, so the test has git write them:
// a throw-away repository under .cache whose index holds mode-120000 entries, checked out with
// checkout-index. The task must refuse them before reading or writing anything through them.

const LINKS = ".cache/simm-link-test";

async function git(args: string[], stdin?: string): Promise<string> {
  const p = new Deno.Command("git", {
    args,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const w = p.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const o = await p.output();
  if (!o.success) throw new Error(`git ${args.join(" ")}: ${new TextDecoder().decode(o.stderr)}`);
  return new TextDecoder().decode(o.stdout).trim();
}

/** `LINKS/<name>` becomes a symbolic link to `target` (relative to LINKS). */
async function gitSymlink(name: string, target: string): Promise<void> {
  const blob = await git(["-C", LINKS, "hash-object", "-w", "--stdin"], target);
  await git(["-C", LINKS, "update-index", "--add", "--cacheinfo", `120000,${blob},${name}`]);
  await git(["-C", LINKS, "checkout-index", "-f", name]);
  assert.ok((await Deno.lstat(`${LINKS}/${name}`)).isSymlink);
}

async function withLinks(fn: () => Promise<void>): Promise<void> {
  await Deno.remove(LINKS, { recursive: true }).catch(() => {});
  await Deno.mkdir(`${LINKS}/out_target`, { recursive: true });
  try {
    await git(["init", "-q", LINKS]);
    await gitSymlink("crif_link.csv", "../../data/raw/simm/ore-example-2.6/crif.csv");
    await gitSymlink("out_link", "out_target");
    await fn();
  } finally {
    await Deno.remove(LINKS, { recursive: true });
  }
}

function capture(): { io: SimmCliIo; out: string[]; err: string[] } {
  const out: string[] = [], err: string[] = [];
  return { io: { ...denoSimmIo, stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, out, err };
}

const ORE = "data/raw/simm/ore-example-2.6/crif.csv";

Deno.test("tasks/simm: a --crif that is a symbolic link is refused (exit 2, message names the link)", async () => {
  await withLinks(async () => {
    const c = capture();
    const code = await main(["--crif", `${LINKS}/crif_link.csv`, "--version", "2.6", "--mpor", "10"], c.io);
    assert.equal(code, 2);
    assert.equal(c.out.length, 0);
    assert.match(
      c.err.join("\n"),
      /^simm: RangeError: --crif "\.cache\/simm-link-test\/crif_link\.csv": is reached through a symbolic link \(real path \/.*\/data\/raw\/simm\/ore-example-2\.6\/crif\.csv\)/,
    );
  });
});

Deno.test("tasks/simm: an --out reached through a symbolic link is refused before anything is written", async () => {
  await withLinks(async () => {
    for (const out of [`${LINKS}/out_link`, `${LINKS}/out_link/sub/dir`]) {
      const c = capture();
      const code = await main(["--crif", ORE, "--version", "2.6", "--mpor", "10", "--out", out], c.io);
      assert.equal(code, 2);
      assert.match(
        c.err.join("\n"),
        /^simm: RangeError: --out ".*": (its folder .* )?is reached through a symbolic link/,
      );
      assert.deepEqual(await Array.fromAsync(Deno.readDir(`${LINKS}/out_target`)), []);
    }
  });
});

Deno.test("tasks/simm: the ORE example end to end (exit 0, atomic CSV, JSON and regulation breakdown in --out)", async () => {
  const out = ".cache/simm-task-test";
  await Deno.remove(out, { recursive: true }).catch(() => {});
  const c = capture();
  assert.equal(await main(["--crif", ORE, "--version", "2.6", "--mpor", "10", "--out", out, "--quiet"], c.io), 0);
  const json = JSON.parse(await Deno.readTextFile(`${out}/crif.simm.json`));
  assert.ok(Math.abs(json.sides.Post.total - 1022075.91) < 0.01);
  assert.ok((await Deno.readTextFile(`${out}/crif.simm.csv`)).startsWith("Portfolio,ProductClass"));
  assert.deepEqual((await Array.fromAsync(Deno.readDir(out))).map((e) => e.name).sort(), [
    "crif.regulation_breakdown.csv",
    "crif.simm.csv",
    "crif.simm.json",
  ]);
  await Deno.remove(out, { recursive: true });
});

Deno.test("tasks/simm: errors print 'simm: Name: message' and return 2", async () => {
  const c = capture();
  assert.equal(await main(["--mpor", "10", "--mpor", "1"], c.io), 2);
  assert.deepEqual(c.err, ['simm: TypeError: --mpor given twice ("--mpor 10" and "--mpor 1"); give each option once']);
});
