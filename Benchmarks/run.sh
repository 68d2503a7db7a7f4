#!/usr/bin/env bash
# Measures licitd beside a bare SwiftNIO + NIOSSL echo server in the same run, on the same machine.
# Servers are pinned to core 0, load to core 1; the cases are interleaved and repeated, and the
# summary reports medians and the licitd / bare-echo ratio.
#
#   Benchmarks/run.sh [seconds-per-case] [rounds]
set -euo pipefail
seconds=${1:-5}
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

echo "building (release)…" >&2
swift build -c release >&2
swift build -c release --product licitd >&2
bin=$(swift build -c release --show-bin-path)

work=$(mktemp -d)
cleanup() { kill "${licitd_pid:-}" "${echo_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

licit_port=$(free_port)
taskset -c 0 "$bin/licitd" sandbox --data "$work/sandbox" --port "$licit_port" --log-level warning &
licitd_pid=$!
sandbox=$work/sandbox
for _ in $(seq 100); do [ -f "$sandbox/manifest.json" ] && break; sleep 0.1; done
sleep 1
echo_port=$(free_port)
taskset -c 0 "$bin/licit-bench" echo-server --port "$echo_port" \
    --certificate "$sandbox/server/cert.pem" --key "$sandbox/server/key.pem" --ca "$sandbox/ca/cert.pem" >/dev/null &
echo_pid=$!
sleep 1

# Many connections need many identities: licitd allows 16 per certificate by default.
identity=$(ls -d "$sandbox"/identities/* | paste -sd, -)
ca=$sandbox/ca/cert.pem
results=$here/results.jsonl
: >"$results"
load() { taskset -c 1 "$bin/licit-bench" "$@" --identity "$identity" --ca "$ca" | tee -a "$results" >&2; }

for round in $(seq "$rounds"); do
    echo "round $round/$rounds" >&2
    for shape in "1 1" "1 32" "64 1"; do
        set -- $shape
        load load --target raw --port "$echo_port" --connections "$1" --in-flight "$2" --seconds "$seconds"
        load load --target licit --port "$licit_port" --connections "$1" --in-flight "$2" --seconds "$seconds"
        load sdk-load --port "$licit_port" --connections "$1" --in-flight "$2" --seconds "$seconds"
    done
done
load idle-memory --target raw --port "$echo_port" --pid "$echo_pid" --connections 480
load idle-memory --target licit --port "$licit_port" --pid "$licitd_pid" --connections 480

taskset -c 1 "$bin/licit-bench" store --directory "$work" --seconds "$seconds" | tee -a "$results" >&2

python3 "$here/summarize.py" "$results"
