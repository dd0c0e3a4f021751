import assert from "node:assert/strict";
import { formatDuration, formatEta, heartbeatLine, startHeartbeat, trackPool } from "./progress.ts";

Deno.test("formatDuration, formatEta", () => {
  assert.deepEqual([0, 45.4, 250, 3725].map(formatDuration), ["0s", "45s", "4m10s", "1h02m"]);
  assert.equal(formatEta(0, 934, 12), "0/934, ETA unknown");
  assert.equal(formatEta(312, 934, 120), "312/934, ETA 3m59s");
  assert.equal(formatEta(934, 934, 500), "934/934, ETA 0s");
});

Deno.test("trackPool: busy pools appear in the heartbeat until they end", () => {
  let t = 1000;
  const now = () => t;
  assert.equal(heartbeatLine(now), "still running");
  const a = trackPool(934, "fits", now), b = trackPool(4, "jobs", now);
  t = 61_000;
  a.done(312);
  assert.equal(heartbeatLine(now), "fits 312/934, ETA 2m00s; jobs 0/4, ETA unknown");
  b.end();
  a.end();
  assert.equal(heartbeatLine(now), "still running");
});

Deno.test("startHeartbeat logs every interval and stops", async () => {
  const lines: string[] = [];
  const stop = startHeartbeat((l) => lines.push(l), 10);
  await new Promise((r) => setTimeout(r, 55));
  stop();
  const n = lines.length;
  assert.ok(n >= 2, `${n} lines`);
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(lines.length, n);
  assert.equal(lines[0], "still running");
});
