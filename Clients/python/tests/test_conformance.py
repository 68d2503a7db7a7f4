"""`licitd sandbox --faults-for` and `licit-sim conform`: this client, used as its README says
(:meth:`Client.retrying`, :meth:`Client.follow_inbox`), passes under every fault; a careless loop
(a new request id for every try, no pause) fails.

Mirrors the Swift SDK's Tests/LicitSimTests/ConformanceTests.swift: de-signer is faulted and
judged; fr-signer, unfaulted, issues IAs exporting from DE, so that de-signer's inbox receives
ia_received events to follow. licit-sim is $LICIT_SIM (default: the repository's
.build/debug/licit-sim); without it the tests are skipped, unless CI=true.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, Dict, List, Set, Tuple

import pytest

from conftest import start_sandbox
from licit import Client, LicitError, RejectedError, import_authorization
from licit.v1 import documents_pb2 as documents
from licit.v1 import inbox_pb2

DEFAULT_LICIT_SIM = str(Path(__file__).resolve().parents[3] / ".build" / "debug" / "licit-sim")
COUNT = 30

#: Every fault, often, as the Swift test has it: a short workload meets each of them.
PROFILE: Dict[str, Any] = {
    "drop_after_commit": 0.15,
    "rate_limited": 0.15,
    "retry_after_ms": 150,
    "delay_past_deadline": 0.2,
    "drain_mid_call": 0.05,
    "duplicate_event": 0.15,
    "end_subscription": 0.2,
    "expiry_warning_days": 7,
}


def licit_sim() -> str:
    path = os.environ.get("LICIT_SIM") or DEFAULT_LICIT_SIM
    if not os.access(path, os.X_OK):
        message = f"licit-sim not found at {path}: build it (swift build --product licit-sim) or set LICIT_SIM"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def today(client: Client) -> str:
    now = datetime.datetime.fromtimestamp(client.server_time_ms / 1000, datetime.timezone.utc)
    return now.date().isoformat()


def import_content(number: str, importer: str, exporting: str, first: str) -> documents.ImportAuthorizationContent:
    last = (datetime.date.fromisoformat(first) + datetime.timedelta(days=90)).isoformat()
    return documents.ImportAuthorizationContent(
        number=number,
        exporting_country=exporting,
        importer=documents.Trader(id=f"{importer}-T1"),
        exporter=documents.Trader(name="Conformance Exporter", address="1 Test Street"),
        lines=[documents.Line(form="MORPHINE", traded_mg=1_000)],
        period=documents.Period(first=first, last=last),
        multiple_consignments=True,
    )


def write_profile(folder: Path, profile: Dict[str, Any]) -> str:
    path = folder / "faults.json"
    path.write_text(json.dumps(profile))
    return str(path)


def conform(sim: str, directory: str, folder: Path) -> Tuple[int, Dict[str, Any], str]:
    """Runs `licit-sim conform` on de-signer's journal: its exit status, JSON report and text."""
    report = folder / "conform.json"
    finished = subprocess.run(
        [sim, "conform", "--sandbox", directory, "--account", "de-signer", "--json", str(report)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    text = finished.stdout + finished.stderr
    parsed: Dict[str, Any] = json.loads(report.read_text()) if report.exists() else {}
    return finished.returncode, parsed, text


def failed_checks(report: Dict[str, Any]) -> Set[str]:
    return {check["id"] for check in report.get("checks", []) if check["status"] == "fail"}


def test_retrying_and_follow_inbox_pass_conform(tmp_path: Path) -> None:
    sim = licit_sim()
    profile = write_profile(tmp_path, PROFILE)
    with start_sandbox("--faults-for", f"de-signer={profile}", "--fault-seed", "7") as sandbox:
        faulted = sandbox.config("de-signer")
        faulted.default_timeout = 1.0  # delay_past_deadline holds answers past it
        # The default (10 s) passes too, but connections dropped as soon as they are used never
        # reset the backoff, and the run then lasts a minute.
        faulted.reconnect_max = 2.0
        handled: List[int] = []
        received: Set[str] = set()
        problems: List[BaseException] = []
        stop = threading.Event()

        def on_event(event: inbox_pb2.InboxEvent) -> None:
            handled.append(event.sequence)
            if event.kind == "ia_received":
                received.add(event.document.number)

        def follow(client: Client) -> None:
            try:
                client.follow_inbox(on_event, stop=stop)
            except BaseException as error:  # noqa: B902 - reported by the test's thread
                problems.append(error)

        def partner(first: str) -> None:
            try:
                with sandbox.client("fr-signer") as fr:
                    for index in range(COUNT):
                        fr.issue_import_authorization(import_content(f"CF-FR-{index}", "FR-ANSM", "DE", first))
            except BaseException as error:  # noqa: B902
                problems.append(error)

        with Client.connect(faulted) as client:
            first = today(client)
            threads = [
                threading.Thread(target=follow, args=(client,), name="follower"),
                threading.Thread(target=partner, args=(first,), name="fr-signer"),
            ]
            for thread in threads:
                thread.start()
            try:
                for index in range(COUNT):
                    content = import_content(f"CF-DE-{index}", "DE-BFARM", "FR", first)

                    def issue(request_id: str, content: documents.ImportAuthorizationContent = content) -> str:
                        issued = import_authorization(client.issue_import_authorization(content, request_id=request_id))
                        assert issued is not None
                        return issued.number

                    assert client.retrying(issue) == content.number
                threads[1].join(timeout=120)
                deadline = time.monotonic() + 90
                while len(received) < COUNT and time.monotonic() < deadline and not problems:
                    time.sleep(0.1)
                time.sleep(3)  # acknowledgements settle past conform's 2 s grace
            finally:
                stop.set()
                for thread in threads:
                    thread.join(timeout=30)
        assert not problems, problems
        assert len(received) == COUNT, f"ia_received for {len(received)} of {COUNT} IAs: {sorted(received)}"
        assert handled == sorted(handled) and len(set(handled)) == len(handled), f"each event once: {handled}"
        sandbox.stop()
        status, report, text = conform(sim, sandbox.directory, tmp_path)
    assert (status, report.get("verdict")) == (0, "pass"), text
    for fault in ("drop_after_commit", "rate_limited", "delay_past_deadline", "duplicate_event", "end_subscription"):
        assert report["faults"].get(fault, 0) > 0, f"{fault} was never met:\n{text}"


def test_a_careless_loop_fails_conform(tmp_path: Path) -> None:
    """A fresh request id for every try of an indeterminate or rate-limited write, and no pause."""
    sim = licit_sim()
    profile = write_profile(tmp_path, {"drop_after_commit": 0.3, "rate_limited": 0.3, "retry_after_ms": 500})
    with start_sandbox("--faults-for", f"de-signer={profile}") as sandbox:
        config = sandbox.config("de-signer")
        config.reconnect_max = 2.0  # as above: only to keep the run short
        with Client.connect(config) as client:
            first = today(client)
            for index in range(20):
                content = import_content(f"CF-X-{index}", "DE-BFARM", "FR", first)
                for _ in range(5):  # wrong on purpose: a new request id each time
                    try:
                        client.issue_import_authorization(content)
                        break
                    except RejectedError as error:
                        if error.reason == "duplicate_number":
                            break
                    except LicitError:
                        pass
        sandbox.stop()
        status, report, text = conform(sim, sandbox.directory, tmp_path)
    assert (status, report.get("verdict")) == (1, "fail"), text
    failed = failed_checks(report)
    for check in ("no_new_request_id", "retry_after_respected", "indeterminate_writes_retried"):
        assert check in failed, f"{check} did not fail:\n{text}"
