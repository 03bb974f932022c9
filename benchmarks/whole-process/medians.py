#!/usr/bin/env python3
"""Medians per label of lines 'LABEL WALL_S CPU_S RSS_MB' (stdin); keeps the labels' first-seen order."""
import statistics
import sys

rows = {}
for line in sys.stdin:
    parts = line.split()
    if len(parts) == 4 and not line.startswith("#"):
        rows.setdefault(parts[0], []).append([float(p) for p in parts[1:]])
for label, runs in rows.items():
    wall, cpu, rss = (statistics.median(col) for col in zip(*runs))
    walls = " ".join(f"{r[0]:.2f}" for r in runs)
    print(f"{label:32s} wall {wall:6.2f} s  cpu {cpu:6.2f} s  peak RSS {rss:6.0f} MB  (n={len(runs)}: {walls})")
