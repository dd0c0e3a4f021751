#!/usr/bin/env python3
"""numpy reference for the HS VaR+ES bench of lib/margin/hs_bench.ts (issue 17).

The same problem as `hsVarEsBatch` there: 10,000 portfolios x 2,500 scenarios x 20 instruments,
positions round(10 z), instrument P&L 1000 z; losses = -(positions @ instrument P&L) (one matrix
product, one BLAS thread), then VaR 99% = the 2,475th smallest loss of each row (np.partition)
and ES = the mean of the 25 largest.

Both sides back to back, numpy with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset in that command alone
(they slow a current OpenBLAS down), the ratio printed last:

  deno bench --frozen --allow-read=. --json --filter hsVarEsBatch lib/margin/hs_bench.ts > /tmp/hs_bench.json \\
    && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 tasks/bench/hs_numpy.py --deno-json /tmp/hs_bench.json

Prints one JSON line for numpy ({"side", "best_s", "median_s", "repeats"}), one line naming the BLAS
library and the kernel it runs (threadpoolctl when installed: `pip install threadpoolctl`; else read from
OpenBLAS itself), and, given --deno-json, one JSON line for dynim and last `hs ratio R` with
R = numpy's best time / dynim's best time (>= 1: dynim at least as fast).
"""
import argparse
import json
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402

P, I, S, CONF = 10_000, 20, 2_500, 0.99
K = 2475  # ceil(S * CONF): the VaR is the K-th smallest loss; ES the mean of the S - K largest


def hs_var_es(positions, instrument_pnl):
    losses = -(positions @ instrument_pnl)
    part = np.partition(losses, K - 1, axis=1)
    var = part[:, K - 1]
    es = part[:, K:].sum(axis=1) / (S - K)
    return var, es


def blas_info():
    """The BLAS library numpy runs and, for OpenBLAS, its kernel (core) name."""
    env = {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS")}
    try:
        from threadpoolctl import threadpool_info
        pools = [{k: p.get(k) for k in ("internal_api", "version", "architecture", "num_threads", "filepath")}
                 for p in threadpool_info() if p.get("user_api") == "blas"]
        return {"via": "threadpoolctl", "blas": pools, "env": env}
    except ImportError:
        pass
    import ctypes
    libs = set()
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1]
            if "blas" in os.path.basename(path):
                libs.add(path)
    info = {"via": "openblas_get_corename", "blas": sorted(libs), "corename": None, "env": env}
    for path in sorted(libs):
        try:
            lib = ctypes.CDLL(path)
            for sym in ("openblas_get_corename", "scipy_openblas_get_corename64_", "openblas_get_corename64_"):
                if hasattr(lib, sym):
                    fn = getattr(lib, sym)
                    fn.restype = ctypes.c_char_p
                    info["corename"] = fn().decode()
                    return info
        except OSError:
            continue
    return info


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--deno-json", help="output of `deno bench --json` on lib/margin/hs_bench.ts")
    args = ap.parse_args()
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(1)
    except ImportError:
        pass
    rng = np.random.default_rng(2024)
    positions = np.round(rng.standard_normal((P, I)) * 10)
    instrument_pnl = rng.standard_normal((I, S)) * 1000
    hs_var_es(positions, instrument_pnl)  # warm-up
    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        hs_var_es(positions, instrument_pnl)
        times.append(time.perf_counter() - t0)
    best, median = min(times), sorted(times)[len(times) // 2]
    print(json.dumps({"side": "numpy", "best_s": round(best, 4), "median_s": round(median, 4),
                      "repeats": args.repeats}))
    print(json.dumps(blas_info()))
    if args.deno_json:
        with open(args.deno_json) as f:
            report = json.load(f)
        bench = next(b for b in report["benches"] if b["name"].startswith("hsVarEsBatch"))
        ok = bench["results"][0]["ok"]
        d_best, d_avg = ok["min"] / 1e9, ok["avg"] / 1e9
        print(json.dumps({"side": "dynim", "best_s": round(d_best, 4), "avg_s": round(d_avg, 4), "n": ok["n"]}))
        print(f"hs ratio {best / d_best:.2f}")


if __name__ == "__main__":
    main()
