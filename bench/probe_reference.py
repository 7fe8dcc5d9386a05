#!/usr/bin/python3
"""Reference a user would write: per-layer PyTorch TD(0) value-probe training in Python,
reading the same HDF5 activation cache with h5py (one layer at a time, rollout by rollout).

Same algorithm and hyperparameters as `srs probe train --method td`: MLP d -> H -> 1, ReLU,
sigmoid; delta_t = gamma V(s_{t+1}).detach() - V(s_t), delta_T = r - V(s_T), loss mean delta^2
over the batch's rows; AdamW(lr, weight_decay); batches of B training rollouts in cache order;
nn.Linear default init. The split (train/test rollouts) is read from the srs probes file so
both sides train and test on the same rollouts.

usage: probe_reference.py CACHE PROBES.h5 HIDDEN EPOCHS THREADS [LR]  -> one JSON line on stdout
"""
import json
import resource
import sys
import time

import h5py
import numpy as np
import torch


def auroc(scores, labels):
    scores = np.asarray(scores, dtype=np.float64)
    labels = np.asarray(labels) > 0.5
    pos, neg = labels.sum(), (~labels).sum()
    if pos == 0 or neg == 0:
        return float("nan")
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):  # mid-ranks for ties
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = 0.5 * (i + j) + 1.0
        i = j + 1
    u = ranks[labels].sum() - pos * (pos + 1) / 2.0
    return float(u / (pos * neg))


def main():
    cache, probes, hidden, epochs, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    lr = float(sys.argv[6]) if len(sys.argv) > 6 else 1e-4
    wd, gamma, batch = 0.01, 1.0 - 1e-5, 4
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    with h5py.File(probes, "r") as p:
        train = p["split/train_rollouts"][:]
        test = p["split/test_rollouts"][:]
    t0 = time.perf_counter()
    s0_auc, fin_auc = [], []
    with h5py.File(cache, "r") as f:
        offsets = f["rollouts/offset"][:]
        rewards = f["rollouts/reward"][:].astype(np.float32)
        layer_names = sorted(f["acts/resid_post"].keys())
        for name in layer_names:
            ds = f["acts/resid_post"][name]
            d = ds.shape[1]
            model = torch.nn.Sequential(torch.nn.Linear(d, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 1))
            opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd)
            for _ in range(epochs):
                for b in range(0, len(train), batch):
                    xs, rs, lens = [], [], []
                    for r in train[b:b + batch]:
                        x = ds[offsets[r]:offsets[r + 1]]
                        xs.append(torch.from_numpy(x.astype(np.float32)))
                        lens.append(len(x))
                    x = torch.cat(xs)
                    v = torch.sigmoid(model(x)).squeeze(-1)
                    targets = []
                    start = 0
                    vd = v.detach()
                    for r, n in zip(train[b:b + batch], lens):
                        t = torch.empty(n)
                        t[:-1] = gamma * vd[start + 1:start + n]
                        t[-1] = float(rewards[r])
                        targets.append(t)
                        start += n
                    loss = ((torch.cat(targets) - v) ** 2).mean()
                    opt.zero_grad()
                    loss.backward()
                    opt.step()
            with torch.no_grad():
                rows = []
                for r in test:
                    rows.append(ds[offsets[r]].astype(np.float32))
                    rows.append(ds[offsets[r + 1] - 1].astype(np.float32))
                v = torch.sigmoid(model(torch.from_numpy(np.stack(rows)))).squeeze(-1).numpy()
            s0_auc.append(auroc(v[0::2], rewards[test]))
            fin_auc.append(auroc(v[1::2], rewards[test]))
    secs = time.perf_counter() - t0
    print(json.dumps({"impl": "python", "seconds": secs, "auroc_s0": s0_auc, "auroc_final": fin_auc,
                      "layers": len(s0_auc),
                      "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


if __name__ == "__main__":
    main()
