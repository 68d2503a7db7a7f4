"""Summarises Benchmarks/results-postgres.jsonl: the median per case, and each exchange case beside
PostgreSQL's own durable insert rate measured in the same run."""
import json
import statistics
import sys
from collections import defaultdict

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by_case = defaultdict(list)
for row in rows:
    by_case[row["case"]].append(row)


def median(runs, key):
    values = [run[key] for run in runs if key in run]
    return statistics.median(values) if values else float("nan")


print(f"{'case':<28}{'per second':>12}{'p50 µs':>10}{'p99 µs':>10}{'mean µs':>10}")
medians = {}
for case, runs in by_case.items():
    m = {key: median(runs, key) for key in ("per_second", "p50_us", "p99_us", "mean_us")}
    medians[case] = m
    cells = "".join(f"{m[key]:>10.0f}" if m[key] == m[key] else f"{'—':>10}" for key in ("p50_us", "p99_us", "mean_us"))
    rate = f"{'—':>12}" if case.startswith("push") else f"{m['per_second']:>12,.0f}"
    print(f"{case:<28}{rate}{cells}")

print()
many = next((case for case in medians if case.startswith("pgbench") and not case.startswith("pgbench insert 1 ")), None)
pg64 = medians.get(many)
pg1 = medians.get("pgbench insert 1 client(s)")
for case in ("sqlite, 1 daemon", "postgres, 1 daemon", "postgres, 2 daemons"):
    m = medians.get(case)
    if m and pg64 and pg1:
        print(
            f"ea issue, {case}: {m['per_second']:,.0f}/s = {m['per_second'] / pg64['per_second']:.2f}× {many}, "
            f"{m['per_second'] / pg1['per_second']:.2f}× pgbench insert 1 client(s)"
        )
