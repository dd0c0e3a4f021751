#!/usr/bin/env python3
"""PyTorch reference for the training-throughput benches of lib/models/models_bench.ts.

Same architectures, loss and batch as the tfjs benches, single thread:
  mlp          d=16 -> 64 -> 32 -> 1 (ReLU), scaled-sigmoid multiplier in [0.8, 1.5]
  lstm         window L=20 of d=16 -> LSTM(32) last state -> 1
  transformer  L=20, Linear(16->32) + learned positions, 2 post-norm encoder blocks
               (4-head self-attention, add & LayerNorm, FFN 64 ReLU, add & LayerNorm),
               last time step -> 1
Loss: pinball at tau = 0.99 of the ratio r against the multiplier m; Adam(1e-3);
batch 64; 3 epochs over 2048 rows (shuffled with a seeded generator); windows are
gathered per batch from the time-ordered frame with edge padding, as in tfjs.

Usage: python3 tasks/bench/torch_ref.py [--repeats 3] [--mlp-repeats 10]
(Debian: `apt-get install -y python3-torch`, then run with /usr/bin/python3 if a pyenv shim hides it. Debian's
python3-torch is satisfied by the reference BLAS (libblas3), ~5x slower for the LSTM and Transformer; install
libopenblas0-pthread so that the BLAS alternative points at OpenBLAS — the last output line names the library.)
Prints one JSON line per architecture: {"arch", "samples_per_s", "seconds"}, then one line naming the BLAS
library PyTorch loaded and, for OpenBLAS, the kernel it picked ({"blas", "corename", "config", "env"}).
The timing covers model construction and the training loop (the tfjs bench
times a whole fit(), which also builds the model and scores the validation split).
"""
import argparse
import json
import math
import os
import time

# One BLAS thread as well (torch.set_num_threads below sets PyTorch's own pool; OpenBLAS has its own).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch
from torch import nn

ROWS, EPOCHS, D, BATCH, L = 2048, 3, 16, 64, 20
TAU, M_MIN, M_MAX = 0.99, 0.8, 1.5


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(D, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 1))

    def forward(self, x):  # x: [b, d]
        return self.net(x).squeeze(-1)


class Lstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(D, 32, batch_first=True)
        self.out = nn.Linear(32, 1)

    def forward(self, x):  # x: [b, L, d]
        _, (h, _) = self.lstm(x)
        return self.out(h[-1]).squeeze(-1)


class Block(nn.Module):
    def __init__(self, d_model=32, heads=4, ffn=64):
        super().__init__()
        self.att = nn.MultiheadAttention(d_model, heads, batch_first=True)
        self.ln1 = nn.LayerNorm(d_model)
        self.ff = nn.Sequential(nn.Linear(d_model, ffn), nn.ReLU(), nn.Linear(ffn, d_model))
        self.ln2 = nn.LayerNorm(d_model)

    def forward(self, x):
        a, _ = self.att(x, x, x, need_weights=False)
        x = self.ln1(x + a)
        return self.ln2(x + self.ff(x))


class Transformer(nn.Module):
    def __init__(self, d_model=32):
        super().__init__()
        self.emb = nn.Linear(D, d_model)
        self.pos = nn.Parameter(torch.empty(L, d_model).uniform_(-0.05, 0.05))
        self.blocks = nn.Sequential(Block(), Block())
        self.out = nn.Linear(d_model, 1)

    def forward(self, x):
        h = self.blocks(self.emb(x) + self.pos)
        return self.out(h[:, -1, :]).squeeze(-1)


def pinball(r, m):
    u = r - m
    return torch.maximum(TAU * u, (TAU - 1) * u).mean()


def run(arch, x, r):
    torch.manual_seed(0)
    t0 = time.perf_counter()
    model = {"mlp": Mlp, "lstm": Lstm, "transformer": Transformer}[arch]()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    seq = arch != "mlp"
    padded = torch.cat([x[:1].expand(L - 1, D), x]) if seq else None
    offsets = torch.arange(L)
    g = torch.Generator().manual_seed(1)
    for _ in range(EPOCHS):
        order = torch.randperm(ROWS, generator=g)
        for s in range(0, ROWS, BATCH):
            idx = order[s:s + BATCH]
            xb = padded[idx[:, None] + offsets] if seq else x[idx]
            m = M_MIN + (M_MAX - M_MIN) * torch.sigmoid(model(xb))
            loss = pinball(r[idx], m)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return time.perf_counter() - t0


def blas_info():
    """The BLAS shared library in this process and, for OpenBLAS, its core (kernel) name and config."""
    import ctypes
    libs = set()
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1]
            name = os.path.basename(path)
            if "blas" in name or "mkl" in name:
                libs.add(path)
    info = {"blas": sorted(libs), "corename": None, "config": None,
            "env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS")}}
    for path in sorted(libs):
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            info["corename"] = lib.openblas_get_corename().decode()
            info["config"] = lib.openblas_get_config().decode()
            break
        except (OSError, AttributeError):
            continue
    return info


def main():
    ap = argparse.ArgumentParser()
    # timed runs per arch after one warm-up, as models_bench.ts's BENCH_ITERATIONS
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--mlp-repeats", type=int, default=10)
    args = ap.parse_args()
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(5)
    x = torch.randn(ROWS, D, generator=g)
    r = 1 + 0.3 * x[:, 0] + 0.1 * torch.randn(ROWS, generator=g)
    for arch in ["mlp", "lstm", "transformer"]:
        run(arch, x, r)  # warm-up
        repeats = args.mlp_repeats if arch == "mlp" else args.repeats
        secs = min(run(arch, x, r) for _ in range(repeats))
        print(json.dumps({"arch": arch, "samples_per_s": round(EPOCHS * ROWS / secs), "seconds": round(secs, 4),
                          "torch": torch.__version__, "threads": torch.get_num_threads()}))
    print(json.dumps(blas_info()))


if __name__ == "__main__":
    assert math.isfinite(TAU)
    main()
