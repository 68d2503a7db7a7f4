"""Shared by summarize.py and compare: the median of each case over a run's rounds, and the
ratios the regression guard compares — each against a peer measured in the same run, never an
absolute time."""
import json
import statistics
from collections import defaultdict


def read(*paths):
    """Every result row of the given JSON-lines files that exist."""
    rows = []
    for path in paths:
        try:
            with open(path) as file:
                rows += [json.loads(line) for line in file if line.strip()]
        except FileNotFoundError:
            pass
    return rows


def medians(rows):
    """case → {field: median over its rounds} for every numeric field."""
    by_case = defaultdict(list)
    for row in rows:
        by_case[row["case"]].append(row)
    result = {}
    for case, runs in by_case.items():
        fields = {key for run in runs for key, value in run.items() if isinstance(value, (int, float))}
        result[case] = {key: statistics.median(run[key] for run in runs if key in run) for key in fields}
    return result


# name → (how it is computed, True when higher is better, tolerance before it counts as worse)
def ratios(m):
    """The guarded ratios that these medians allow, as name → (value, higher_is_better, tolerance)."""
    out = {}

    def put(name, numerator, denominator, higher=True, tolerance=0.05):
        if numerator is not None and denominator:
            out[name] = (numerator / denominator, higher, tolerance)

    def get(case, field):
        return m.get(case, {}).get(field)

    # The C echo's 1×1 round trips: a yardstick of this machine's speed for rates with no peer.
    yardstick = get("c 1x1", "per_second")
    for shape in ("1x1", "1x32", "64x1"):
        put(f"licit/nio echo {shape}", get(f"licit {shape}", "per_second"), get(f"raw {shape}", "per_second"))
        put(f"licit/c echo {shape}", get(f"licit {shape}", "per_second"), get(f"c {shape}", "per_second"))
        put(f"sdk/licit echo {shape}", get(f"sdk {shape}", "per_second"), get(f"licit {shape}", "per_second"))
        put(f"sdk on loop/licit echo {shape}", get(f"sdk on loop {shape}", "per_second"), get(f"licit {shape}", "per_second"))
    put("licit/nio echo 64x1 p99", get("licit 64x1", "p99_us"), get("raw 64x1", "p99_us"), False, 0.10)
    put("idle bytes licit/nio", get("licit idle memory", "bytes_per_connection"), get("raw idle memory", "bytes_per_connection"),
        False, 0.10)
    put("allocations per echo", get("allocations per echo", "allocations"), 1, False)
    put("allocations per pushed event", get("allocations per pushed event", "allocations"), 1, False)
    put("handshakes per core / c echo 1x1", get("handshakes", "per_daemon_core_second"), yardstick)
    put("push deliveries / c echo 1x1", get("push fanout 64 subscribers", "per_second"), yardstick)
    storm = get("reconnect storm", "all_within_ms")
    if storm is not None and yardstick:
        out["reconnect storm time × c echo 1x1"] = (storm / 1000 * yardstick, False, 0.10)
    sqlite = get("sqlite 1 row/transaction", "per_second")
    sqlite_p99 = get("sqlite 1 row/transaction", "p99_us")
    for clients in ("1", "64"):
        put(f"ea issue {clients} client(s) / sqlite 1-row", get(f"ea issue {clients} client(s)", "per_second"), sqlite)
    put("ea issue 64 p99 / sqlite 1-row p99", get("ea issue 64 client(s)", "p99_us"), sqlite_p99, False, 0.10)
    put("store group commit / sqlite 1-row", get("store 64 writer(s)", "per_second"), sqlite)
    return out
