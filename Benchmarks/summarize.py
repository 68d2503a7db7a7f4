"""Summarises Benchmarks/results.jsonl: median per case, licitd relative to the bare NIO and C echoes,
and the allocation, handshake, reconnect and push figures."""
import json
import statistics
import sys
from collections import defaultdict

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
by_case = defaultdict(list)
for row in rows:
    by_case[row["case"]].append(row)

print(f"{'case':<30}{'round trips/s':>15}{'p50 µs':>10}{'p99 µs':>10}{'errors':>8}")
medians = {}
for case, runs in by_case.items():
    if "p50_us" not in runs[0]:
        continue
    m = {key: statistics.median(run[key] for run in runs) for key in ("per_second", "p50_us", "p99_us")}
    m["errors"] = sum(run.get("errors", 0) for run in runs)
    medians[case] = m
    print(f"{case:<30}{m['per_second']:>15,.0f}{m['p50_us']:>10.1f}{m['p99_us']:>10.1f}{m['errors']:>8}")

print()
for shape in ("1x1", "1x32", "64x1"):
    raw = medians.get(f"raw {shape}")
    c = medians.get(f"c {shape}")
    for who in ("licit", "sdk"):
        mine = medians.get(f"{who} {shape}")
        if raw and mine:
            versus_c = f", {mine['per_second'] / c['per_second']:.2f} of the C + OpenSSL echo's" if c else ""
            print(f"{who} {shape}: {mine['per_second'] / raw['per_second']:.2f} of the bare NIO echo's throughput{versus_c}")
    frames = medians.get(f"licit {shape}")
    for who in ("sdk", "sdk on loop"):
        mine = medians.get(f"{who} {shape}")
        if frames and mine:
            print(f"{who} {shape}: {mine['per_second'] / frames['per_second']:.2f} of the raw-frame client's throughput")

sqlite1 = medians.get("sqlite 1 row/transaction")
sqlite100 = medians.get("sqlite 100 rows/transaction")
for clients in ("1 client(s)", "64 client(s)"):
    ea = medians.get(f"ea issue {clients}")
    if ea and sqlite1 and sqlite100:
        print(
            f"ea issue, {clients}: {ea['per_second']:,.0f}/s = {ea['per_second'] / sqlite1['per_second']:.2f}× SQLite's "
            f"1-row commits, {ea['per_second'] / sqlite100['per_second']:.2f}× its rows/s in 100-row batches "
            f"(p50 {ea['p50_us']:.0f} µs, p99 {ea['p99_us']:.0f} µs)"
        )

for row in rows:
    if row["case"].startswith(("sqlite", "store")) and "ea issue 1 client(s)" not in medians:
        print(f"{row['case']}: {row['per_second']:,.0f} durable writes/s (p50 {row['p50_us']:.0f} µs, p99 {row['p99_us']:.0f} µs)")
    if "bytes_per_connection" in row:
        print(f"{row['case']}: {row['bytes_per_connection']:,.0f} bytes per idle connection ({row['connections']} connections)")

for row in rows:
    if "allocations" in row:
        print(f"{row['case']}: {row['allocations']:.1f} heap allocations in licitd")
    elif row["case"] == "handshakes":
        print(f"full mutual-TLS 1.3 handshakes: {row['per_daemon_core_second']:,.0f} per daemon core-second "
              f"({row['per_second']:,.0f}/s wall, {row['failures']} failed)")
    elif row["case"] == "reconnect storm":
        print(f"reconnect storm: {row['resubscribed']} of {row['clients']} clients handshaken, resubscribed and "
              f"served their backlog within {row['all_within_ms']:,.0f} ms (half within {row['p50_ms']:,.0f} ms)")
    elif row["case"].startswith("push fanout"):
        print(f"{row['case']}: {row['per_second']:,.0f} event deliveries/s ({row['issued']} IAs issued, "
              f"{row['delivered']} of {row['expected']} events delivered)")
