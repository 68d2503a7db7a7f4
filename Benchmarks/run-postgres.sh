#!/usr/bin/env bash
# Durable export-authorization issues per second and p50/p99 with 64 clients on the embedded
# SQLite store, on PostgreSQL behind one licitd, and behind two licitd daemons (clients split
# between them), beside PostgreSQL's own durable single-row insert rate (pgbench, 1 and 64
# clients) on the same machine, in the same run; and commit → delivery of inbox events to a
# subscriber on the same daemon and on the other one (LISTEN/NOTIFY). A throwaway cluster is
# created with initdb (fsync and synchronous_commit on, as deployed) and removed afterwards.
# Needs Debian's postgresql.
#
#   Benchmarks/run-postgres.sh [seconds-per-case] [rounds] [clients]
set -euo pipefail
seconds=${1:-5}
rounds=${2:-3}
clients=${3:-64}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pgbin/initdb" ] || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1; }

echo "building (release)…" >&2
# SwiftPM can keep a build plan that misses a source file since added to the project: plan anew.
rm -f .build/release.yaml
swift build -c release >&2
swift build -c release --product licitd >&2
bin=$(swift build -c release --show-bin-path)

work=$(mktemp -d -p "${BENCH_DIR:-/tmp}")
chmod 755 "$work"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    as_postgres "$pgbin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

pgport=$(free_port)
mkdir "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg"
as_postgres "$pgbin/initdb" -D "$work/pg" -U licit --auth=trust >/dev/null
as_postgres "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w \
    -o "-p $pgport -k /tmp -c max_connections=300 -c shared_buffers=256MB" start >/dev/null
"$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U licit exchange
"$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U licit pgbench
database="postgres://licit@127.0.0.1:$pgport/exchange"
echo "CREATE TABLE IF NOT EXISTS bench (id bigserial PRIMARY KEY, payload text NOT NULL);" |
    "$pgbin/psql" -q -h 127.0.0.1 -p "$pgport" -U licit pgbench
echo "INSERT INTO bench (payload) VALUES ('an export authorization of about this size');" >"$work/insert.sql"

# Two sandboxes (one on SQLite, one on PostgreSQL), each with 4 exporting signer identities.
prepare() { # folder [--database URL]
    local folder=$1 port
    shift
    port=$(free_port)
    "$bin/licitd" sandbox --data "$folder" --port "$port" --log-level warning "$@" &
    local pid=$!
    for _ in $(seq 300); do [ -f "$folder/manifest.json" ] && break; sleep 0.1; done
    kill "$pid"
    wait "$pid" || true
    for n in 2 3 4; do
        "$bin/licitd" identity issue --data "$folder" --name "in-signer-$n" --country IN --authority IN-NCB \
            --role signer >/dev/null
    done
}
prepare "$work/sqlite"
prepare "$work/postgres" --database "$database"

start() { # folder port [--database URL]
    local folder=$1 port=$2
    shift 2
    "$bin/licitd" sandbox --data "$folder" --port "$port" --log-level warning --writes-per-second 1000000 "$@" &
    pids+=($!)
}
sqlite_port=$(free_port)
pg_a=$(free_port)
pg_b=$(free_port)
start "$work/sqlite" "$sqlite_port"
start "$work/postgres" "$pg_a" --database "$database"
start "$work/postgres" "$pg_b" --database "$database"
sleep 3

load() { # folder label port...
    local folder=$1 label=$2
    shift 2
    local ids=$folder/identities ports=()
    for port in "$@"; do ports+=(--port "$port"); done
    "$bin/licit-bench" ea-issue "${ports[@]}" --ca "$folder/ca/cert.pem" --importer "$ids/fr-signer" \
        --exporters "$ids/in-signer,$ids/in-signer-2,$ids/in-signer-3,$ids/in-signer-4" \
        --clients "$clients" --seconds "$seconds" --label "$label" | tee -a "$results" >&2
}
push() { # label issuing-port subscribing-port
    local ids=$work/postgres/identities
    "$bin/licit-bench" push-latency --port "$2" --port "$3" --ca "$work/postgres/ca/cert.pem" \
        --importer "$ids/fr-signer" --subscriber "$ids/in-signer" --label "$1" | tee -a "$results" >&2
}
run_pgbench() { # clients
    local out
    out=$("$pgbin/pgbench" -h 127.0.0.1 -p "$pgport" -U licit -n -f "$work/insert.sql" -c "$1" -j 2 \
        -T "$seconds" -r pgbench 2>&1)
    python3 - "$1" "$out" <<'EOF' | tee -a "$results" >&2
import json, re, sys
clients, out = sys.argv[1], sys.argv[2]
tps = float(re.search(r"tps = ([0-9.]+)", out).group(1))
latency = float(re.search(r"latency average = ([0-9.]+) ms", out).group(1))
print(json.dumps({"case": f"pgbench insert {clients} client(s)", "per_second": tps, "mean_us": latency * 1000}))
EOF
}

results=$here/results-postgres.jsonl
: >"$results"
for round in $(seq "$rounds"); do
    echo "round $round/$rounds" >&2
    load "$work/sqlite" "sqlite, 1 daemon" "$sqlite_port"
    load "$work/postgres" "postgres, 1 daemon" "$pg_a"
    load "$work/postgres" "postgres, 2 daemons" "$pg_a" "$pg_b"
    run_pgbench 1
    run_pgbench "$clients"
    push "push, same daemon" "$pg_a" "$pg_a"
    push "push, daemon A to B" "$pg_a" "$pg_b"
done
python3 "$here/summarize-postgres.py" "$results"
