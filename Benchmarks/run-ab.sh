#!/usr/bin/env bash
# Two licitd builds against each other, interleaved round by round on the same machine, with the
# same client and a fresh copy of the same sandbox each time: what a change bought, measured where
# a shared machine's speed (which drifts by half within an hour) cancels out. licitd is pinned to
# core 0 and the load to core 1.
#
#   Benchmarks/run-ab.sh OLD_LICITD NEW_LICITD [seconds-per-case] [rounds]
#
# Build the old one first, for example: git stash (or check out the old commit's Sources), then
# swift build -c release --product licitd in Benchmarks/ and copy .build/release/licitd aside.
# Prints, per case, each build's median rate and p50 and their ratio; heap allocations per echo
# and per pushed event (the malloc-count shim preloaded) as counted once per build.
set -euo pipefail
old=$(realpath "$1")
new=$(realpath "$2")
seconds=${3:-3}
rounds=${4:-3}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

echo "building the client (release)…" >&2
rm -f .build/release.yaml  # plan anew: SwiftPM can keep a plan that misses a newly added source file
swift build -c release --product licit-bench >&2
bench=$(swift build -c release --show-bin-path)/licit-bench
work=$(mktemp -d -p "${BENCH_DIR:-$here}")
cleanup() {
    kill "${daemon:-}" 2>/dev/null || true
    sleep 1
    kill -9 "${daemon:-}" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
cc -O2 -shared -fPIC -o "$work/malloc-count.so" c/malloc-count.c

# One sandbox, made once by the new build, with the four exporter identities 64 clients need.
"$new" sandbox --data "$work/seed" --port "$port" --log-level warning >/dev/null &
daemon=$!
for _ in $(seq 200); do [ -f "$work/seed/manifest.json" ] && break; sleep 0.1; done
kill "$daemon"
wait "$daemon" || true
for n in 2 3 4; do
    "$new" identity issue --data "$work/seed" --name "in-signer-$n" --country IN --authority IN-NCB \
        --role signer >/dev/null
done
echo '{"authority_writes_per_second": 1000000, "authority_write_burst": 1000000,
  "max_connections_per_identity": 2000}' >"$work/limits.json"

results=$here/results-ab.jsonl
: >"$results"
# Starts build $1 (old or new) on a fresh copy of the sandbox; extra environment in $2.
start() {
    rm -rf "$work/run"
    cp -a "$work/seed" "$work/run"
    env ${2:-} taskset -c 0 "$([ "$1" = old ] && echo "$old" || echo "$new")" sandbox --data "$work/run" \
        --port "$port" --log-level warning --limits "$work/limits.json" >/dev/null &
    daemon=$!
    for _ in $(seq 100); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
        sleep 0.1
    done
}
stop() {
    kill "$daemon"
    wait "$daemon" || true
}
measure() { taskset -c 1 "$bench" "$@" | sed "s/^{/{\"build\":\"$build\",/" | tee -a "$results" >&2; }

for round in $(seq "$rounds"); do
    for build in old new; do
        echo "round $round/$rounds: $build" >&2
        start "$build"
        ids=$work/run/identities
        every=$(ls -d "$ids"/* | paste -sd, -)
        for shape in "1 1" "1 32" "64 1"; do
            set -- $shape
            measure load --target licit --port "$port" --connections "$1" --in-flight "$2" --seconds "$seconds" \
                --identity "$every" --ca "$work/run/ca/cert.pem"
        done
        measure push-fanout --port "$port" --ca "$work/run/ca/cert.pem" --subscriber "$ids/in-signer" \
            --importer "$ids/fr-signer" --subscribers 64 --writers 16 --seconds "$seconds"
        for clients in 1 64; do
            measure ea-issue --port "$port" --ca "$work/run/ca/cert.pem" --importer "$ids/fr-signer" \
                --exporters "$ids/in-signer,$ids/in-signer-2,$ids/in-signer-3,$ids/in-signer-4" \
                --clients "$clients" --seconds "$seconds"
        done
        stop
    done
done
for build in old new; do
    start "$build" "MALLOC_COUNT_FILE=$work/allocations LD_PRELOAD=$work/malloc-count.so"
    measure allocations --port "$port" --ca "$work/run/ca/cert.pem" --pid "$daemon" \
        --count-file "$work/allocations" --importer "$work/run/identities/fr-signer" \
        --subscriber "$work/run/identities/in-signer"
    stop
done
python3 "$here/summarize-ab.py" "$results"
