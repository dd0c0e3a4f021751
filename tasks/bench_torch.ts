/**
 * Paired training-throughput comparison with PyTorch (issue 17):
 *
 *   deno task bench:torch [--rounds N]
 *
 * Each round runs `deno bench --json` on the three network benches of `lib/models/models_bench.ts` (MLP [64, 32];
 * LSTM L = 20, 32 units; Transformer L = 20, d = 32, 4 heads, 2 blocks; batch 64), then
 * `/usr/bin/python3 tasks/bench/torch_ref.py` (one thread) under `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE`, so
 * that OpenBLAS picks its kernel for this CPU itself. samples/s = 3 × 2,048 ÷ the best iteration on both sides.
 * Rounds alternate the two sides back to back (default 3 rounds); the output lists every round, the BLAS kernel
 * PyTorch used, and last one line per network, `mlp ratio 1.07` (the median over rounds of dynim ÷ PyTorch).
 * Debian's PyTorch: `apt-get install -y python3-torch`.
 * @module
 */
import { type ParsedArgs, positiveIntFlag, taskMain, type TaskSpec } from "../lib/pipeline/cli.ts";

/** The three networks: bench-name prefix in `models_bench.ts` → `torch_ref.py` arch. */
export const NETWORKS = [
  { arch: "mlp", bench: "train mlp" },
  { arch: "lstm", bench: "train lstm" },
  { arch: "transformer", bench: "train transformer" },
] as const;

/** Samples per timed training run (3 epochs × 2,048 rows), as in both bench scripts. */
export const SAMPLES = 3 * 2048;

/** One round's samples/s per arch for one side. */
export type Throughput = Record<string, number>;

/**
 * samples/s per network from `deno bench --json` output (best iteration, nanoseconds).
 *
 * @throws {TypeError} when a network's bench is missing or failed
 * @example
 * ```ts
 * const json = { benches: [{ name: "train mlp [64,32]: …", results: [{ ok: { min: 5e7 } }] }] };
 * parseDenoBench(json, ["mlp"]); // { mlp: 122880 }
 * ```
 */
export function parseDenoBench(json: unknown, archs: readonly string[] = NETWORKS.map((n) => n.arch)): Throughput {
  const benches = (json as { benches?: { name: string; results: { ok?: { min: number } }[] }[] }).benches ?? [];
  const out: Throughput = {};
  for (const arch of archs) {
    const b = benches.find((x) => x.name.startsWith(`train ${arch}`));
    const min = b?.results?.[0]?.ok?.min;
    if (min === undefined || !(min > 0)) throw new TypeError(`bench_torch: no result for train ${arch} in deno bench`);
    out[arch] = SAMPLES / (min / 1e9);
  }
  return out;
}

/**
 * samples/s per network and the BLAS line from `torch_ref.py`'s JSON lines.
 *
 * @example
 * ```ts
 * parseTorch('{"arch": "mlp", "samples_per_s": 171000}\n{"blas": "openblas", "corename": "Haswell"}').rates;
 * // { mlp: 171000 }
 * ```
 */
export function parseTorch(stdout: string): { rates: Throughput; blas: Record<string, unknown> } {
  const rates: Throughput = {};
  let blas: Record<string, unknown> = {};
  for (const line of stdout.split("\n")) {
    if (!line.trim().startsWith("{")) continue;
    const o = JSON.parse(line);
    if (typeof o.arch === "string") rates[o.arch] = o.samples_per_s;
    else if ("blas" in o) blas = o;
  }
  return { rates, blas };
}

/**
 * The median of a non-empty list.
 *
 * @example
 * ```ts
 * median([3, 1, 2]); // 2
 * ```
 */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function run(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    throw new Error(`bench_torch: ${cmd} ${args.join(" ")} failed:\n${new TextDecoder().decode(out.stderr)}`);
  }
  return text;
}

async function denoSide(): Promise<Throughput> {
  const text = await run("deno", [
    "bench",
    "--frozen",
    "--deny-net",
    "--allow-read=.",
    "--allow-env",
    "--json",
    "--filter",
    "/^train (mlp|lstm|transformer)/",
    "lib/models/models_bench.ts",
  ]);
  return parseDenoBench(JSON.parse(text.slice(text.indexOf("{"))));
}

function torchSide(): Promise<string> {
  return run("env", [
    "-u",
    "OPENBLAS_CORETYPE",
    "-u",
    "OPENBLAS_L2_SIZE",
    "/usr/bin/python3",
    "tasks/bench/torch_ref.py",
  ]);
}

const fmt = (x: number) => x >= 1e4 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(0);

/** The command line of `deno task bench:torch`. */
export const BENCH_TORCH_SPEC: TaskSpec = {
  usage: `deno task bench:torch [--rounds N]
Paired training-throughput rounds: deno bench on lib/models/models_bench.ts (MLP, LSTM, Transformer), then
/usr/bin/python3 tasks/bench/torch_ref.py (one thread, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset), N times
(default 3); prints each round, PyTorch's BLAS library and kernel, and last one line per network: "mlp ratio R"
(the median over rounds of dynim ÷ PyTorch samples/s).`,
  flags: { rounds: { kind: "string", description: "paired rounds (default 3)" } },
};

async function benchTorch(args: ParsedArgs): Promise<number> {
  const rounds = positiveIntFlag(args, "rounds", 3);
  const ratios: Record<string, number[]> = {};
  let blas: Record<string, unknown> = {};
  for (let r = 1; r <= rounds; r++) {
    const ours = await denoSide();
    const torch = parseTorch(await torchSide());
    blas = torch.blas;
    for (const { arch } of NETWORKS) {
      const t = torch.rates[arch];
      if (!(t > 0)) throw new TypeError(`bench_torch: no PyTorch result for ${arch}`);
      (ratios[arch] ??= []).push(ours[arch] / t);
      console.log(
        `round ${r} ${arch}: dynim ${fmt(ours[arch])}/s, PyTorch ${fmt(t)}/s, ratio ${(ours[arch] / t).toFixed(2)}`,
      );
    }
  }
  console.log(`PyTorch BLAS: ${JSON.stringify(blas)}`);
  for (const { arch } of NETWORKS) {
    const rs = ratios[arch];
    console.log(
      `${arch} ratio range ${Math.min(...rs).toFixed(2)}–${Math.max(...rs).toFixed(2)} over ${rounds} rounds`,
    );
  }
  for (const { arch } of NETWORKS) console.log(`${arch} ratio ${median(ratios[arch]).toFixed(2)}`);
  return 0;
}

if (import.meta.main) Deno.exit(await taskMain(BENCH_TORCH_SPEC, Deno.args, benchTorch));
