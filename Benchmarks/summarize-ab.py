#!/usr/bin/env python3
"""Medians of run-ab.sh's results, old against new: rate, p50 and their ratio per case."""
import collections
import json
import statistics
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
cases = collections.defaultdict(lambda: collections.defaultdict(list))
for row in rows:
    cases[row["case"]][row["build"]].append(row)

print(f"{'case':<32}{'old':>12}{'new':>12}{'new/old':>9}{'old p50 µs':>12}{'new p50 µs':>12}")
for case, builds in cases.items():
    if "allocations" in builds["new"][0]:
        old, new = builds["old"][0]["allocations"], builds["new"][0]["allocations"]
        print(f"{case:<32}{old:>12.1f}{new:>12.1f}{new / old:>9.2f}")
        continue
    old = statistics.median(row["per_second"] for row in builds["old"])
    new = statistics.median(row["per_second"] for row in builds["new"])
    if "p50_us" not in builds["new"][0]:  # push fan-out: deliveries per second, no latency
        print(f"{case:<32}{old:>12,.0f}{new:>12,.0f}{new / old:>9.2f}")
        continue
    old_p50 = statistics.median(row["p50_us"] for row in builds["old"])
    new_p50 = statistics.median(row["p50_us"] for row in builds["new"])
    print(f"{case:<32}{old:>12,.0f}{new:>12,.0f}{new / old:>9.2f}{old_p50:>12,.0f}{new_p50:>12,.0f}")
