#!/usr/bin/env bash
# Durable export-authorization issues per second through licitd (TLS, SDK, treaty rules, group-
# committed SQLite with synchronous=FULL) with 1 and 64 concurrent clients, beside SQLite's own
# single-row and 100-row-batch commit rates on the same disk, in the same run. licitd is pinned
# to core 0 and the load to core 1; the cases are interleaved and repeated.
#
#   Benchmarks/run-exchange.sh [seconds-per-case] [rounds]
set -euo pipefail
seconds=${1:-5}
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

echo "building (release)…" >&2
# SwiftPM can keep a build plan that misses a source file since added to the project: plan anew.
rm -f .build/release.yaml
swift build -c release >&2
swift build -c release --product licitd >&2
bin=$(swift build -c release --show-bin-path)

work=$(mktemp -d -p "${BENCH_DIR:-$here}")
cleanup() {
    kill "${licitd_pid:-}" 2>/dev/null || true
    sleep 2
    kill -9 "${licitd_pid:-}" 2>/dev/null || true  # never leave a server running after the benchmark
    rm -rf "$work"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sandbox=$work/sandbox

# 64 clients need 4 signer identities of the exporting CNA (16 connections each by default).
"$bin/licitd" sandbox --data "$sandbox" --port "$port" --log-level warning &
licitd_pid=$!
for _ in $(seq 200); do [ -f "$sandbox/manifest.json" ] && break; sleep 0.1; done
kill "$licitd_pid"; wait "$licitd_pid" || true
for n in 2 3 4; do
    "$bin/licitd" identity issue --data "$sandbox" --name "in-signer-$n" --country IN --authority IN-NCB \
        --role signer >/dev/null
done
taskset -c 0 "$bin/licitd" sandbox --data "$sandbox" --port "$port" --log-level warning --writes-per-second 1000000 &
licitd_pid=$!
sleep 2

ids=$sandbox/identities
exporters="$ids/in-signer,$ids/in-signer-2,$ids/in-signer-3,$ids/in-signer-4"
results=$here/results-exchange.jsonl
: >"$results"
for round in $(seq "$rounds"); do
    echo "round $round/$rounds" >&2
    for clients in 1 64; do
        taskset -c 1 "$bin/licit-bench" ea-issue --port "$port" --ca "$sandbox/ca/cert.pem" \
            --importer "$ids/fr-signer" --exporters "$exporters" --clients "$clients" --seconds "$seconds" |
            tee -a "$results" >&2
    done
    taskset -c 1 "$bin/licit-bench" store --directory "$work" --seconds "$seconds" | tee -a "$results" >&2
done
python3 "$here/summarize.py" "$results"
