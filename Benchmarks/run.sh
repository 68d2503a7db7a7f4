#!/usr/bin/env bash
# Measures licitd beside a bare SwiftNIO + NIOSSL echo server and a C + OpenSSL echo server in
# the same run, on the same machine, all driven by the same client. Servers are pinned to core 0,
# load to core 1; the cases are interleaved and repeated, and the summary reports medians and the
# ratios to the peers. Then, once each: idle memory per connection, heap allocations per Echo and
# per pushed event (counted by a preloaded malloc shim), full handshakes per daemon core, a
# reconnect storm of 1000 clients, event deliveries per second to 64 subscribers, and SQLite's
# own commit rate. Benchmarks/compare checks the ratios against Benchmarks/baseline.json.
#
#   Benchmarks/run.sh [seconds-per-case] [rounds]
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

work=$(mktemp -d)
cleanup() {
    local pids=("${licitd_pid:-}" "${echo_pid:-}" "${c_pid:-}" "${extra_pid:-}")
    kill "${pids[@]}" 2>/dev/null || true
    sleep 2
    kill -9 "${pids[@]}" 2>/dev/null || true  # never leave a server running after the benchmark
    rm -rf "$work"
}
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
cc -O2 -o "$work/c-echo-server" c/echo-server.c -lssl -lcrypto
cc -O2 -shared -fPIC -o "$work/malloc-count.so" c/malloc-count.c
c_port=$(free_port)
taskset -c 0 "$work/c-echo-server" "$c_port" "$sandbox/server/cert.pem" "$sandbox/server/key.pem" "$sandbox/ca/cert.pem" \
    >/dev/null &
c_pid=$!
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
        load load --target raw --label "c $1x$2" --port "$c_port" --connections "$1" --in-flight "$2" \
            --seconds "$seconds"
        load load --target licit --port "$licit_port" --connections "$1" --in-flight "$2" --seconds "$seconds"
        load sdk-load --port "$licit_port" --connections "$1" --in-flight "$2" --seconds "$seconds"
        load sdk-load --on-loop --port "$licit_port" --connections "$1" --in-flight "$2" --seconds "$seconds"
    done
done
load idle-memory --target raw --port "$echo_port" --pid "$echo_pid" --connections 480
load idle-memory --target licit --port "$licit_port" --pid "$licitd_pid" --connections 480
kill "$licitd_pid" "$echo_pid" "$c_pid"
wait "$licitd_pid" || true

# The extras, on a daemon of their own: the malloc shim preloaded, the write pace lifted, and room
# for a thousand connections of one identity.
echo '{"authority_writes_per_second": 1000000, "authority_write_burst": 1000000,
  "max_connections_per_identity": 2000}' >"$work/limits.json"
MALLOC_COUNT_FILE=$work/allocations LD_PRELOAD=$work/malloc-count.so taskset -c 0 "$bin/licitd" sandbox \
    --data "$sandbox" --port "$licit_port" --log-level warning --limits "$work/limits.json" &
extra_pid=$!
sleep 2
ids=$sandbox/identities
extra() { taskset -c 1 "$bin/licit-bench" "$@" --port "$licit_port" --ca "$ca" | tee -a "$results" >&2; }
extra handshakes --pid "$extra_pid" --identity "$identity" --connections 2000
extra reconnect-storm --identity "$ids/in-signer" --importer "$ids/fr-signer" --clients 1000
extra allocations --pid "$extra_pid" --count-file "$work/allocations" --importer "$ids/fr-signer" \
    --subscriber "$ids/in-signer"
extra push-fanout --subscriber "$ids/in-signer" --importer "$ids/fr-signer" --subscribers 64 --writers 16 \
    --seconds "$seconds"

taskset -c 1 "$bin/licit-bench" store --directory "$work" --seconds "$seconds" | tee -a "$results" >&2

python3 "$here/summarize.py" "$results"
