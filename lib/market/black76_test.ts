import assert from "node:assert/strict";
import { black76Greeks, black76Price, blackScholesPrice } from "./black76.ts";

const close = (a: number, b: number, tol: number) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b} (tol ${tol})`);

Deno.test("blackScholesPrice: Hull's textbook example (S=42,K=40,r=10%,σ=20%,T=0.5)", () => {
  close(blackScholesPrice(true, 42, 40, 0.5, 0.2, 0.1), 4.759422392871532, 1e-10);
  close(blackScholesPrice(false, 42, 40, 0.5, 0.2, 0.1), 0.8085993729000922, 1e-10);
});

Deno.test("black76Price: put–call parity C − P = df (F − K)", () => {
  for (const K of [50, 90, 100, 130, 400]) {
    const c = black76Price(true, 100, K, 0.7, 0.35, 0.97);
    const p = black76Price(false, 100, K, 0.7, 0.35, 0.97);
    close(c - p, 0.97 * (100 - K), 1e-10);
  }
});

Deno.test("black76Greeks: match finite differences", () => {
  const F = 80, K = 85, T = 0.4, s = 0.45, df = 0.98;
  const g = black76Greeks(false, F, K, T, s, df);
  const h = 1e-4;
  close(g.delta, (black76Price(false, F + h, K, T, s, df) - black76Price(false, F - h, K, T, s, df)) / (2 * h), 1e-7);
  close(g.vega, (black76Price(false, F, K, T, s + h, df) - black76Price(false, F, K, T, s - h, df)) / (2 * h), 1e-6);
  const gFd = (black76Price(false, F + h, K, T, s, df) - 2 * g.price + black76Price(false, F - h, K, T, s, df)) /
    (h * h);
  close(g.gamma, gFd, 1e-4);
});

Deno.test("black76Price: zero vol or zero time gives discounted intrinsic", () => {
  assert.equal(black76Price(true, 100, 90, 0, 0.3, 0.9), 9);
  assert.equal(black76Price(false, 100, 90, 1, 0, 1), 0);
});

Deno.test("black76Price: bad arguments name the argument and value", () => {
  assert.throws(() => black76Price(true, -1, 100, 1, 0.2), /forward F must be finite and > 0, got -1/);
  assert.throws(() => black76Price(true, 100, 0, 1, 0.2), /strike K .* got 0/);
  assert.throws(() => black76Price(true, 100, 100, -1, 0.2), /expiry T .* got -1/);
  assert.throws(() => black76Price(true, 100, 100, 1, NaN), /sigma .* got NaN/);
});
