#!/usr/bin/env python3
"""Fetches one admin URL of licitd and prints JSON: {"status": N, "body": TEXT, "samples": {...}}.

For /metrics the body is parsed with Prometheus's own client library (Debian's
python3-prometheus-client): "samples" maps each sample, written name{label="value",...} with the
labels sorted, to its value. A body that library cannot parse fails the script (exit 2).
"""

import json
import sys
import urllib.error
import urllib.request

from prometheus_client.parser import text_string_to_metric_families


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def samples(text: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = ",".join(f'{key}="{value}"' for key, value in sorted(sample.labels.items()))
            found[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
    return found


def main() -> int:
    url = sys.argv[1]
    status, body = fetch(url)
    result = {"status": status, "body": body, "samples": {}}
    if url.endswith("/metrics") and status == 200:
        try:
            result["samples"] = samples(body)
        except Exception as error:  # the parser's own errors are ValueError and friends
            print(f"the exposition does not parse: {error}", file=sys.stderr)
            return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
