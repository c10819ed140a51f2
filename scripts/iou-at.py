#!/usr/bin/env python3
# Mean foreground IoU of a simulation's curves.csv at given labelled-patch counts, per strategy,
# with a 95 % percentile bootstrap interval over seeds (2,000 resamples, fixed seed).
#   python3 scripts/iou-at.py OUT/curves.csv 10,20
import csv, sys, random
rows = list(csv.DictReader(open(sys.argv[1])))
ns = [int(x) for x in sys.argv[2].split(",")]
strategies = []
for r in rows:
    if r["strategy"] not in strategies: strategies.append(r["strategy"])
print("strategy," + ",".join(f"iou@{n} [95% CI] (seeds)" for n in ns))
for s in strategies:
    out = []
    for n in ns:
        v = [float(r["iou"]) for r in rows if r["strategy"] == s and int(r["labelled_patches"]) == n]
        if not v: out.append("-"); continue
        m = sum(v) / len(v)
        rng = random.Random(20200823 + n)  # NB: per column, so equal data give equal intervals
        bs = sorted(sum(rng.choice(v) for _ in v) / len(v) for _ in range(2000))
        out.append(f"{m:.3f} [{bs[50]:.3f}, {bs[1949]:.3f}] (n={len(v)}, min {min(v):.3f})")
    print(s + "," + ",".join(out))
