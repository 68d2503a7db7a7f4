"""Against a real exchange (the `sandbox` fixture): France (fr-signer) imports from India (in-signer)."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import licit
from licit import (
    Client,
    DeadlineExceededError,
    IndeterminateError,
    InvalidRequestError,
    RejectedError,
    StatusCode,
    UnavailableError,
)
from licit.v1 import documents_pb2 as documents
from licit.v1 import session_pb2

FORM = "MORPHINE-HYDROCHLORIDE-TRIHYDRATE"  # base = traded x 0.7592


def day(client: Client, days: int = 0) -> str:
    now = datetime.datetime.fromtimestamp(client.server_time_ms / 1000, datetime.timezone.utc)
    return (now.date() + datetime.timedelta(days=days)).isoformat()


def morphine_import(client: Client, number: str, traded_mg: int) -> documents.ImportAuthorizationContent:
    return documents.ImportAuthorizationContent(
        number=number,
        exporting_country="IN",
        importer=documents.Trader(id="FR-ANSM-T1"),
        exporter=documents.Trader(name="India Pharma Ltd", address="1 Harbour Road, India"),
        lines=[documents.Line(form=FORM, traded_mg=traded_mg)],
        period=documents.Period(first=day(client), last=day(client, 90)),
        multiple_consignments=True,
    )


def await_event(inbox: licit.InboxSubscription, kind: str, number: str) -> licit.v1.inbox_pb2.InboxEvent:
    """Reads the subscription until `kind` about `number` arrives, acknowledging every event."""
    for _ in range(100):
        event = inbox.get(timeout=15)
        assert event is not None, f"no {kind} {number} within 15 s"
        assert inbox.acknowledge(event) >= event.sequence
        if event.kind == kind and event.document.number == number:
            return event
    raise AssertionError(f"no {kind} {number} in 100 events")


def imported_morphine(client: Client) -> int:
    (balance,) = client.get_balances(substance="MORPHINE")
    assert balance.limit_kind == "estimate"
    return balance.imported_mg


def stop_process(process: subprocess.Popen) -> None:
    """Stops the process and waits until every one of its threads has stopped: the signal is
    delivered after send_signal returns, and a thread still running could answer a request."""
    process.send_signal(signal.SIGSTOP)
    tasks = Path(f"/proc/{process.pid}/task")
    for _ in range(1000):
        states = []
        for task in tasks.iterdir() if tasks.exists() else []:
            try:
                states.append((task / "stat").read_text().rsplit(")", 1)[1].split()[0])
            except (OSError, IndexError):
                pass
        if all(state in ("T", "t") for state in states):
            return
        time.sleep(0.001)


def test_hello_recognises_the_account(sandbox) -> None:
    config = sandbox.config("fr-signer")
    with Client.connect(config) as client:
        assert (client.account.name, client.account.authority, client.account.country) == ("fr-signer", "FR-ANSM", "FR")
        assert client.account.role == session_pb2.SIGNER
        assert client.account.certificate_fingerprint == licit.certificate_fingerprint(config.certificate_file)
        assert client.limits.max_frame_bytes == 4194304
        assert client.hello().account.name == "fr-signer"
        assert client.echo(b"ping") == b"ping"


def test_an_endpoint_that_refuses_is_skipped_for_the_next(sandbox) -> None:
    config = sandbox.config("fr-signer")
    live = (config.host, config.port)
    config.port = 1  # nothing listens there
    config.other_endpoints = (live,)
    with Client.connect(config) as client:
        assert client.echo(b"second endpoint") == b"second endpoint"
    config.other_endpoints = ()
    with pytest.raises(UnavailableError):
        Client.connect(config)


def test_the_ia_ea_endorsement_cycle_between_two_countries(sandbox) -> None:
    with sandbox.client("fr-signer") as france, sandbox.client("in-signer") as india:
        with india.inbox() as india_inbox, france.inbox() as france_inbox:
            imported_before = imported_morphine(france)
            ia = france.issue_import_authorization(morphine_import(france, "FR-IA-CYCLE", 10_000_000))
            issued = licit.import_authorization(ia)
            assert issued is not None
            assert (ia.state.status, ia.state.counterpart_authority) == ("issued", "IN-NCB")
            assert (issued.lines[0].substance, issued.lines[0].base_mg) == ("MORPHINE", 7_592_000)
            await_event(india_inbox, "ia_received", "FR-IA-CYCLE")

            ea = india.issue_export_authorization(
                documents.ExportAuthorizationContent(
                    number="IN-EA-CYCLE",
                    import_authorization=documents.Citation(
                        number=issued.number, issued_on=issued.issued_on, authority=issued.authority
                    ),
                    lines=[documents.Line(form=FORM, traded_mg=6_000_000)],
                    period=documents.Period(first=day(india), last=day(india, 30)),
                )
            )
            assert ea.state.status == "issued"
            assert licit.export_authorization(ea).importer.name  # copied from the IA
            await_event(france_inbox, "ea_received", "IN-EA-CYCLE")

            endorsed = france.endorse("IN-NCB", "IN-EA-CYCLE", [4_500_000])
            assert endorsed.state.status == "endorsed" and list(endorsed.state.imported_mg) == [4_500_000]
            await_event(india_inbox, "endorsement_received", "IN-EA-CYCLE")

        key = france.get_seal_key().public_key
        assert key == sandbox.seal_public_key  # the key the manifest publishes
        assert licit.document_seal_valid(ia, key) and licit.document_seal_valid(endorsed, key)
        forged = documents.Document()
        forged.CopyFrom(ia)
        forged.content = ia.content[:-1] + bytes([ia.content[-1] ^ 1])
        assert not licit.document_seal_valid(forged, key)
        assert imported_morphine(france) - imported_before == 4_500_000
        assert india.get_document("FR-ANSM", "FR-IA-CYCLE").state.status == "partly_used"


def test_refusals_carry_code_reason_and_request_id(sandbox) -> None:
    with sandbox.client("fr-signer") as france, sandbox.client("fr-viewer") as viewer:
        with pytest.raises(RejectedError) as refused:
            # 7 592 kg of base: over France's estimate.
            france.issue_import_authorization(
                morphine_import(france, "FR-IA-TOO-MUCH", 10_000_000_000), request_id="refused-1"
            )
        assert (refused.value.code, refused.value.reason) == (StatusCode.FAILED_PRECONDITION, "over_estimate")
        assert "limit" in refused.value.details and refused.value.request_id == "refused-1"
        assert not isinstance(refused.value, IndeterminateError)

        with pytest.raises(RejectedError) as missing:
            france.get_document("FR-ANSM", "NO-SUCH")
        assert (missing.value.code, missing.value.reason) == (StatusCode.NOT_FOUND, "document_not_found")
        with pytest.raises(RejectedError) as denied:
            viewer.issue_import_authorization(morphine_import(viewer, "FR-IA-VIEWER", 1_000_000))
        assert (denied.value.code, denied.value.reason) == (StatusCode.PERMISSION_DENIED, "role_not_permitted")
        with pytest.raises(RejectedError) as unknown:
            france.call("licit.v1.Nope/Nothing", b"")
        assert (unknown.value.code, unknown.value.reason) == (StatusCode.UNIMPLEMENTED, "unknown_method")
        with pytest.raises(InvalidRequestError):
            france.call("licit.v1.Session/Echo", b"", request_id="not valid!")


def test_an_oversized_request_is_refused_before_sending(sandbox) -> None:
    with sandbox.client("fr-signer") as client:
        connection = client._connection
        limit = client.limits.max_frame_bytes
        with pytest.raises(InvalidRequestError, match="not sent"):
            client.echo(bytes(limit + 1))
        # Had it been sent, the exchange would have sent GoAway frame_too_large and closed.
        assert client.echo(b"still here") == b"still here"
        assert client._connection is connection and connection.usable
        big = os.urandom(1 << 20)  # under the limit: many partial reads and writes
        assert client.echo(big) == big


def test_pipelined_calls_are_matched_by_call_id(sandbox) -> None:
    with sandbox.client("in-signer") as client:
        texts = [f"call-{index}".encode() for index in range(8)]
        calls = [
            client.start_call("licit.v1.Session/Echo", session_pb2.EchoRequest(data=text).SerializeToString())
            for text in texts
        ]
        for text, call in reversed(list(zip(texts, calls))):  # answers are kept for their calls
            assert session_pb2.EchoResponse.FromString(call.result()).data == text


def test_a_replayed_write_returns_the_original(sandbox) -> None:
    with sandbox.client("fr-signer") as france:
        content = morphine_import(france, "FR-IA-REPLAY", 1_000_000)
        first = france.issue_import_authorization(content, request_id="replay-1")
        again = france.issue_import_authorization(content, request_id="replay-1")
        assert len(first.seal) == 64 and first.seal == again.seal
        content.lines[0].traded_mg = 2_000_000
        with pytest.raises(RejectedError) as reused:
            france.issue_import_authorization(content, request_id="replay-1")
        assert (reused.value.code, reused.value.reason) == (StatusCode.ALREADY_EXISTS, "request_id_reused")


def test_an_unanswered_write_is_indeterminate_and_retried_with_its_request_id(sandbox) -> None:
    with sandbox.client("fr-signer") as france:
        content = morphine_import(france, "FR-IA-UNSURE", 1_000_000)
        stop_process(sandbox.process)  # the exchange stops answering
        try:
            with pytest.raises(IndeterminateError) as unsure:
                france.issue_import_authorization(content, timeout=0.3)
            with pytest.raises(DeadlineExceededError):
                france.get_balances(timeout=0.3)
        finally:
            sandbox.process.send_signal(signal.SIGCONT)
        request_id = unsure.value.request_id
        assert request_id and len(request_id) == 36
        document = france.issue_import_authorization(content, request_id=request_id)
        assert document.state.status == "issued"
        with pytest.raises(RejectedError) as duplicate:
            france.issue_import_authorization(content)
        assert duplicate.value.reason == "duplicate_number"


def test_documents_are_listed_and_cancelled(sandbox) -> None:
    with sandbox.client("fr-signer") as france:
        france.issue_import_authorization(morphine_import(france, "FR-IA-CANCEL", 1_000_000))
        page = france.list_documents(
            documents.ListDocumentsRequest(kind=documents.IMPORT_AUTHORIZATION, status="issued")
        )
        numbers = [licit.import_authorization(document).number for document in page.documents]
        assert numbers.count("FR-IA-CANCEL") == 1
        cancelled = france.cancel("FR-IA-CANCEL", "issued by mistake")
        assert (cancelled.state.status, cancelled.state.cancellation_reason) == ("cancelled", "issued by mistake")
        with pytest.raises(RejectedError) as again:
            france.cancel("FR-IA-CANCEL", "again")
        assert again.value.reason == "invalid_transition"
        listed = france.list_events()
        assert listed.acknowledged >= 0


def test_a_paper_partner_document_is_recorded_and_its_scan_read_back(sandbox) -> None:
    scan = b"%PDF-1.4 Nepal's import certificate"
    with sandbox.client("fr-signer") as france:
        paper = documents.ImportAuthorizationContent(
            number="NP-IA-PY",
            authority="NP-DDA",
            importing_country="NP",
            exporting_country="FR",
            issued_on=day(france),
            importer=documents.Trader(name="Bir Hospital", address="Kathmandu"),
            exporter=documents.Trader(id="FR-ANSM-T1"),
            lines=[documents.Line(form=FORM, traded_mg=1_000_000)],
            period=documents.Period(first=day(france), last=day(france, 60)),
        )
        recorded = france.record_paper_document(paper, scan)
        assert (recorded.state.paper, recorded.state.recorded_by) == (True, "FR-ANSM")
        saved = france.get_scan("NP-DDA", "NP-IA-PY")
        assert (saved.scan, saved.media_type, saved.sha256) == (scan, "application/pdf", recorded.state.scan_sha256)
        paper.number, paper.authority = "NP-IA-PY2", "NP-NOBODY"
        with pytest.raises(RejectedError) as unknown:
            france.record_paper_document(paper, scan)
        assert unknown.value.reason == "unknown_authority"
    with sandbox.client("in-signer") as india:
        with pytest.raises(RejectedError) as hidden:
            india.get_scan("NP-DDA", "NP-IA-PY")
        assert hidden.value.reason == "document_not_found"


def test_a_supplementary_estimate_is_requested_and_listed(sandbox) -> None:
    with sandbox.client("fr-signer") as france:
        asked = france.request_supplementary_estimate("CODEINE", 2_000_000, "a new hospital opens")
        assert (asked.status, asked.requested_by, asked.requested_mg) == ("requested", "FR-ANSM", 2_000_000)
        assert asked.id in [estimate.id for estimate in france.list_supplementary_estimates(status="requested")]
        with pytest.raises(RejectedError) as bad:
            france.request_supplementary_estimate("CODEINE", 0, "nothing")
        assert bad.value.reason == "invalid_estimate_request"


def test_the_server_certificate_is_verified(sandbox) -> None:
    config = sandbox.config("fr-signer")
    config.server_name = "exchange.example.org"
    with pytest.raises(UnavailableError, match="not accepted"):
        Client.connect(config)
    config = sandbox.config("fr-signer")
    config.ca_file = config.certificate_file  # not the exchange's CA
    with pytest.raises(UnavailableError, match="not accepted"):
        Client.connect(config)


def test_the_example_runs_the_cycle(sandbox) -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "authorization_cycle.py"
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    result = subprocess.run(
        [sys.executable, str(example), sandbox.directory], capture_output=True, text=True, env=environment, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "seals: valid" in result.stdout


def test_a_fatal_goaway_is_reported_with_its_status(sandbox) -> None:
    from licit.frames import encode_frame
    from licit.v1 import frame_pb2

    with sandbox.client("de-signer") as client:
        connection = client._connection
        violation = frame_pb2.Frame(call_id=0)  # a Request on call id 0: the exchange answers GoAway
        violation.request.method = "licit.v1.Session/Echo"
        with connection._lock:
            connection._outbox += encode_frame(violation)
        connection._wake()
        connection._thread.join(timeout=10)
        assert connection.closed and connection.retired
        assert "GoAway INVALID_ARGUMENT/invalid_call_id" in connection.why_closed.message
        assert client.echo(b"again") == b"again"  # the next call reconnects
