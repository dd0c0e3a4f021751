import assert from "node:assert/strict";
import { flagValue, taskArgs } from "./task_args.ts";

Deno.test("taskArgs copies the arguments; flagValue reads the value after a flag", () => {
  const given = ["--profile", "full", "--only", "e01", "--force"];
  const args = taskArgs("help", given);
  assert.deepEqual(args, given);
  assert.notEqual(args, given);
  assert.equal(flagValue(args, "--profile"), "full");
  assert.equal(flagValue(args, "--force"), undefined); // last
  assert.equal(flagValue(args, "--jobs"), undefined); // absent
});
