"""Against a real exchange (the `sandbox` fixture): the typed helpers of every method a national
system or the Board calls besides the IA/EA cycle of test_live.py. Each test works with countries
no other test uses, so that the tests may run in any order on the one sandbox:

- documents: Ghana (gh-officer, gh-signer) imports from Kenya (ke-signer);
- reference: Brazil; accounts: Australia; estimates: Mexico; returns: Canada;
- the Board's reads: Japan imports from Thailand, and records a paper IA of Haiti.
"""

from __future__ import annotations

import datetime
import hashlib
import struct
from typing import List

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

import licit
from licit import Client, LicitError, RejectedError, StatusCode
from licit.v1 import board_pb2 as board
from licit.v1 import documents_pb2 as documents
from licit.v1 import estimates_pb2 as estimates
from licit.v1 import reference_pb2 as reference
from licit.v1 import returns_pb2 as returns
from licit.v1 import session_pb2

FORM = "MORPHINE-HYDROCHLORIDE-TRIHYDRATE"  # base = traded x 0.7592


def day(client: Client, days: int = 0) -> str:
    now = datetime.datetime.fromtimestamp(client.server_time_ms / 1000, datetime.timezone.utc)
    return (now.date() + datetime.timedelta(days=days)).isoformat()


def this_year(client: Client) -> int:
    return int(day(client)[:4])


def import_content(
    client: Client, number: str, exporting_country: str, traded_mg: int
) -> documents.ImportAuthorizationContent:
    """An IA of the caller's country for morphine from `exporting_country`, valid 90 days."""
    return documents.ImportAuthorizationContent(
        number=number,
        exporting_country=exporting_country,
        importer=documents.Trader(id=f"{client.account.authority}-T1"),
        exporter=documents.Trader(name="Exporter Ltd", address="1 Harbour Road"),
        lines=[documents.Line(form=FORM, traded_mg=traded_mg)],
        period=documents.Period(first=day(client), last=day(client, 90)),
        multiple_consignments=True,
    )


def export_content(
    client: Client, number: str, ia: documents.ImportAuthorizationContent, traded_mg: int
) -> documents.ExportAuthorizationContent:
    return documents.ExportAuthorizationContent(
        number=number,
        import_authorization=documents.Citation(number=ia.number, issued_on=ia.issued_on, authority=ia.authority),
        lines=[documents.Line(form=FORM, traded_mg=traded_mg)],
        period=documents.Period(first=day(client), last=day(client, 30)),
    )


def refused(call, *args, **kwargs) -> RejectedError:
    with pytest.raises(RejectedError) as refusal:
        call(*args, **kwargs)
    return refusal.value


def morphine(client: Client, year: int = 0) -> documents.Balance:
    (balance,) = client.get_balances(year=year, substance="MORPHINE")
    return balance


def test_an_ia_is_validated_drafted_issued_from_its_draft_amended_and_its_history_read(sandbox) -> None:
    with sandbox.client("gh-officer") as officer, sandbox.client("gh-signer") as ghana:
        too_much = ghana.validate_import_authorization(import_content(ghana, "GH-IA-CHECK", "KE", 10_000_000_000))
        assert [problem.reason for problem in too_much.problems] == ["over_estimate"]
        assert too_much.problems[0].facts["limit_mg"] and too_much.document.seal == b""
        before = morphine(ghana)
        fits = ghana.validate_import_authorization(import_content(ghana, "GH-IA-CHECK", "KE", 1_000_000))
        assert list(fits.problems) == [] and licit.import_authorization(fits.document).lines[0].base_mg == 759_200
        (after,) = [balance for balance in fits.balances_after if balance.substance == "MORPHINE"]
        assert after.authorized_not_used_mg == before.authorized_not_used_mg + 759_200
        assert morphine(ghana) == before, "a validation writes nothing"

        draft = officer.draft_import_authorization(import_content(officer, "GH-IA-DRAFT", "KE", 1_000_000))
        assert (draft.state.status, draft.seal) == ("draft", b"")
        assert ghana.get_document("GH-FDA", "GH-IA-DRAFT").state.status == "draft"
        with sandbox.client("ke-signer") as kenya:
            assert refused(kenya.get_document, "GH-FDA", "GH-IA-DRAFT").reason == "document_not_found"
        assert refused(ghana.issue_import_authorization, draft_number="GH-IA-NO-DRAFT").reason == "draft_not_found"
        with pytest.raises(ValueError):
            ghana.issue_import_authorization()

        issued = ghana.issue_import_authorization(draft_number="GH-IA-DRAFT")
        assert (issued.state.status, len(issued.seal)) == ("issued", 64)
        assert licit.import_authorization(issued).signed_by == "gh-signer"
        assert licit.document_seal_valid(issued, sandbox.seal_public_key)

        amendment = import_content(ghana, "GH-IA-AMENDED", "KE", 2_000_000)
        amendment.supersedes = "GH-IA-DRAFT"
        amended = ghana.amend_import_authorization(amendment)
        assert amended.state.status == "issued" and licit.import_authorization(amended).supersedes == "GH-IA-DRAFT"
        old = ghana.get_document("GH-FDA", "GH-IA-DRAFT")
        assert (old.state.status, old.state.superseded_by) == ("superseded", "GH-IA-AMENDED")

        history = ghana.get_history("GH-FDA", "GH-IA-DRAFT")
        assert [entry.action for entry in history][-2:] == ["issued", "superseded"]
        assert [entry.status for entry in history][-2:] == ["issued", "superseded"]
        assert all(entry.authority == "GH-FDA" and entry.at_ms > 0 for entry in history)
        assert [entry.action for entry in ghana.get_history("GH-FDA", "GH-IA-AMENDED")] == ["issued"]

    with sandbox.client("ke-signer") as kenya:
        cited = licit.import_authorization(kenya.get_document("GH-FDA", "GH-IA-AMENDED"))
        over = kenya.validate_export_authorization(export_content(kenya, "KE-EA-CHECK", cited, 3_000_000))
        assert "over_remaining_ia" in [problem.reason for problem in over.problems]
        fits = kenya.validate_export_authorization(export_content(kenya, "KE-EA-CHECK", cited, 1_500_000))
        assert list(fits.problems) == [] and list(fits.balances_after) == []
        assert licit.export_authorization(fits.document).importing_country == "GH"
        assert refused(kenya.get_document, "KE-PPB", "KE-EA-CHECK").reason == "document_not_found"


def test_reference_data_traders_and_accounts_are_read(sandbox) -> None:
    with sandbox.client("br-signer") as brazil:
        data = brazil.get_reference("BR")
        countries = {country.code: country for country in data.countries}
        assert {"BR", "FR", "IN", "NP"} <= set(countries)
        assert countries["BR"].participating and not countries["NP"].participating
        assert countries["BR"].names["fr"] == "Brésil"
        assert "BR-ANVISA" in {authority.code for authority in data.authorities}
        (morphine_substance,) = [s for s in data.substances if s.code == "MORPHINE"]
        assert FORM in {form.code for form in morphine_substance.forms}
        assert data.allowances and {allowance.country for allowance in data.allowances} == {"BR"}
        assert {"BR-ANVISA-T1", "BR-ANVISA-T2"} <= {trader.id for trader in data.traders}
        assert "draft" in {term.code for term in data.statuses}
        (over_estimate,) = [term for term in data.reasons if term.code == "over_estimate"]
        assert over_estimate.status_code == StatusCode.FAILED_PRECONDITION

        trader = brazil.register_trader("Recife Hospital", "Rua 1, Recife")
        assert trader.id.startswith("BR-ANVISA-T") and (trader.country, trader.authority) == ("BR", "BR-ANVISA")
        renamed = brazil.register_trader("Recife General Hospital", "Rua 1, Recife", id=trader.id)
        assert renamed.id == trader.id
        names = {listed.id: listed.name for listed in brazil.get_reference("BR").traders}
        assert names[trader.id] == "Recife General Hospital"
        assert refused(brazil.register_trader, "", "nowhere").code == StatusCode.INVALID_ARGUMENT
        assert refused(brazil.list_accounts).reason == "role_not_permitted"

    with sandbox.client("board-admin") as board_admin, sandbox.client("br-admin") as admin:
        everyone = {account.name: account for account in board_admin.list_accounts()}
        assert {"board-admin", "br-signer", "fr-signer"} <= set(everyone)
        assert everyone["br-signer"].role == session_pb2.SIGNER and everyone["br-signer"].authority == "BR-ANVISA"
        brazilians = admin.list_accounts()
        assert {account.country for account in brazilians} == {"BR"}
        assert {"br-admin", "br-officer", "br-signer", "br-viewer"} <= {account.name for account in brazilians}


def test_accounts_are_enrolled_approved_and_revoked_and_reference_imported(sandbox, tmp_path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "au-admin-2")])
    request = x509.CertificateSigningRequestBuilder().subject_name(name).sign(key, hashes.SHA256())
    with sandbox.client("au-admin") as australia, sandbox.client("board-admin") as board_admin:
        enrolled = australia.enroll_account(
            "au-admin-2", session_pb2.COUNTRY_ADMIN, request.public_bytes(serialization.Encoding.DER)
        )
        assert (enrolled.account.name, enrolled.account.authority) == ("au-admin-2", "AU-ODC")
        assert enrolled.account.pending_approval and enrolled.certificate_pem.startswith("-----BEGIN CERTIFICATE-----")
        certificate_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
        certificate_file.write_text(enrolled.certificate_pem)
        key_file.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        config = sandbox.config("au-admin")
        config.certificate_file, config.private_key_file = str(certificate_file), str(key_file)
        with pytest.raises(LicitError):
            Client.connect(config)  # pending: its Hello is refused

        approved = board_admin.approve_account("au-admin-2")
        assert approved.name == "au-admin-2" and not approved.pending_approval
        assert refused(board_admin.approve_account, "au-admin-2").reason == "account_not_pending"
        with Client.connect(config) as newcomer:
            assert (newcomer.account.name, newcomer.account.role) == ("au-admin-2", session_pb2.COUNTRY_ADMIN)
            fingerprint = newcomer.account.certificate_fingerprint
        assert fingerprint == licit.certificate_fingerprint(str(certificate_file))

        revoked = australia.revoke_certificate(fingerprint, "the key was lost")
        assert revoked.name == "au-admin-2" and revoked.revoked
        assert {account.name: account.revoked for account in australia.list_accounts()}["au-admin-2"]
        with pytest.raises(LicitError):
            Client.connect(config)
        unknown = refused(australia.revoke_certificate, "00" * 32, "no such certificate")
        assert unknown.reason == "account_not_found"

        imported = board_admin.import_reference(
            reference.ReferenceData(prohibitions=[reference.Prohibition(country="AU", substance="PENTOBARBITAL")])
        )
        assert (imported.prohibitions, imported.countries) == (1, 0)
        prohibited = {(p.country, p.substance) for p in australia.get_reference("AU").prohibitions}
        assert ("AU", "PENTOBARBITAL") in prohibited
        assert refused(australia.import_reference, reference.ReferenceData()).reason == "role_not_permitted"


def test_supplementary_and_annual_estimates_are_decided_by_the_board(sandbox) -> None:
    with sandbox.client("mx-signer") as mexico, sandbox.client("board-admin") as board_admin:
        (codeine,) = mexico.get_balances(substance="CODEINE")
        asked = mexico.request_supplementary_estimate("CODEINE", 2_000_000, "a new hospital opens")
        decided = board_admin.decide_supplementary_estimate(asked.id, 1_500_000, "the usual need is lower")
        assert (decided.id, decided.status, decided.confirmed_mg) == (asked.id, "reduced", 1_500_000)
        assert decided.decision_reason == "the usual need is lower" and decided.decided_at_ms > 0
        (grown,) = mexico.get_balances(substance="CODEINE")
        assert grown.limit_mg == codeine.limit_mg + 1_500_000
        assert refused(board_admin.decide_supplementary_estimate, asked.id, 0, "no").reason == (
            "estimate_already_decided"
        )
        assert refused(mexico.decide_supplementary_estimate, asked.id, 0, "no").reason == "role_not_permitted"

        lines = [
            estimates.AnnualEstimateLine(substance="MORPHINE", purpose="consumption", quantity_mg=300_000_000),
            estimates.AnnualEstimateLine(substance="MORPHINE", purpose="stocks", quantity_mg=50_000_000),
            estimates.AnnualEstimateLine(substance="CODEINE", purpose="consumption", quantity_mg=1_000_000_000),
        ]
        submitted = mexico.submit_annual_estimate(lines)
        next_year = this_year(mexico) + 1
        assert (submitted.country, submitted.year, submitted.status) == ("MX", next_year, "submitted")
        assert len(submitted.lines) == 3 and submitted.submitted_by == "MX-COFEPRIS"
        assert [(e.year, e.status) for e in mexico.list_annual_estimates(year=next_year)] == [(next_year, "submitted")]
        assert [e.country for e in board_admin.list_annual_estimates("MX", next_year)] == ["MX"]

        confirmed = board_admin.decide_annual_estimate("MX", next_year, True)
        assert confirmed.status == "confirmed" and confirmed.decided_at_ms > 0
        assert morphine(mexico, next_year).limit_mg == 350_000_000
        assert refused(mexico.submit_annual_estimate, lines).reason == "estimate_already_decided"
        bad = [estimates.AnnualEstimateLine(substance="MORPHINE", purpose="fun", quantity_mg=1)]
        assert refused(mexico.submit_annual_estimate, bad, year=this_year(mexico)).reason == "invalid_estimate_request"


def test_a_return_is_saved_submitted_queried_and_accepted(sandbox) -> None:
    with sandbox.client("ca-signer") as canada, sandbox.client("board-admin") as board_admin:
        year = this_year(canada)
        figures = [
            returns.ReturnFigure(substance="MORPHINE", item="consumption", quantity_mg=120_000_000),
            returns.ReturnFigure(substance="MORPHINE", item="stocks", quantity_mg=30_000_000),
        ]
        draft = canada.save_return("C", year, figures)
        assert (draft.country, draft.form, draft.year, draft.status) == ("CA", "C", year, "draft")
        assert [(f.form, f.status) for f in canada.list_returns()] == [("C", "draft")]

        submitted = canada.save_return("C", year, figures, submit=True)
        assert submitted.status == "submitted" and len(submitted.figures) == 2
        assert [f.status for f in board_admin.list_returns("CA")] == ["submitted"]
        queried = board_admin.decide_return("CA", "C", year, False, "stocks look low")
        assert (queried.status, queried.decision_reason) == ("queried", "stocks look low")
        assert canada.list_returns()[0].status == "queried"

        canada.save_return("C", year, figures, submit=True)
        accepted = board_admin.decide_return("CA", "C", year, True)
        assert accepted.status == "accepted"
        assert refused(canada.save_return, "C", year, figures).reason == "return_not_open"
        assert refused(canada.save_return, "X", year, figures).reason == "invalid_form"
        assert refused(canada.decide_return, "CA", "C", year, True).reason == "role_not_permitted"


def verify_audit_chain(entries: List[board.AuditEntry], previous_hash: bytes) -> bytes:
    """Checks each record's sequence, link and hash (PROTOCOL.md §15.9); returns the last hash."""
    for entry in entries:
        assert entry.previous_hash == previous_hash, f"record {entry.sequence} is not linked"
        digest = hashlib.sha256(
            b"licit.audit.v1" + entry.previous_hash + struct.pack(">Qq", entry.sequence, entry.at_ms)
        )
        for text in (entry.actor, entry.certificate, entry.action, entry.subject, entry.outcome, entry.detail):
            data = text.encode("utf-8")
            digest.update(struct.pack(">I", len(data)) + data)
        assert entry.hash == digest.digest(), f"record {entry.sequence}'s hash"
        previous_hash = entry.hash
    return previous_hash


def test_the_boards_reads_see_the_trade(sandbox) -> None:
    with sandbox.client("jp-signer") as japan, sandbox.client("th-signer") as thailand:
        japan.issue_import_authorization(import_content(japan, "JP-IA-WITHDRAWN", "TH", 1_000_000))
        japan.cancel("JP-IA-WITHDRAWN", "the wrong importer")
        over = japan.issue_import_authorization(
            import_content(japan, "JP-IA-OVER", "TH", 2_000_000_000), override_justification="an epidemic"
        )
        assert over.state.override_justification == "an epidemic"
        ia = licit.import_authorization(thailand.get_document("JP-MHLW", "JP-IA-OVER"))
        thailand.issue_export_authorization(export_content(thailand, "TH-EA-JP", ia, 1_000_000))
        endorsed = japan.endorse("TH-FDA", "TH-EA-JP", [700_000])
        paper = import_content(japan, "HT-IA-JP", "JP", 1_000_000)
        paper.authority, paper.importing_country, paper.issued_on = "HT-DPM", "HT", day(japan)
        paper.importer.CopyFrom(documents.Trader(name="Hôpital de Port-au-Prince", address="Port-au-Prince"))
        paper.exporter.CopyFrom(documents.Trader(id="JP-MHLW-T1"))
        japan.record_paper_document(paper, b"%PDF-1.4 Haiti's import certificate")

        year, month = int(endorsed.state.endorsed_on[:4]), int(endorsed.state.endorsed_on[5:7])
        own = japan.get_return("A", year, (month - 1) // 3 + 1)
        (line,) = [line for line in own.lines if line.direction == "import" and line.partner_country == "TH"]
        assert (line.substance, line.base_mg) == ("MORPHINE", 700_000)
        assert [(d.authority, d.number) for d in line.documents] == [("TH-FDA", "TH-EA-JP")]
        assert refused(japan.get_return, "A", year, 1, country="TH").reason == "other_country_return"
        assert refused(japan.get_trade_flows).reason == "role_not_permitted"

    with sandbox.client("board-observer") as observer:
        (flow,) = observer.get_trade_flows(exporting_country="TH", importing_country="JP")
        assert (flow.substance, flow.status, flow.export_authorizations) == ("MORPHINE", "endorsed", 1)
        assert (flow.authorized_mg, flow.imported_mg) == (759_200, 700_000)

        overrides = observer.list_oversight(board.OVERRIDES, country="JP").entries
        assert [(licit.import_authorization(e.document).number, e.note) for e in overrides] == [
            ("JP-IA-OVER", "an epidemic")
        ]
        withdrawn = observer.list_oversight(board.WITHDRAWN, country="JP", page_size=10)
        assert "the wrong importer" in {entry.note for entry in withdrawn.entries}
        assert refused(observer.list_oversight, board.OVERSIGHT_KIND_UNSPECIFIED).reason == "missing_field"

        watched = observer.get_estimate_watch(threshold_percent=100, substance="MORPHINE")
        (japan_watch,) = [entry for entry in watched if entry.balance.country == "JP"]
        assert japan_watch.used_percent >= 100 and japan_watch.balance.remaining_mg < 0

        partners = {partner.country: partner for partner in observer.list_paper_partners()}
        assert partners["HT"].documents >= 1 and partners["HT"].name == "Haiti"

        assert observer.get_return("A", year, (month - 1) // 3 + 1, country="JP") == own

        counters = {counter.method: counter.by_status for counter in observer.get_call_counters()}
        assert counters["licit.v1.Documents/IssueImportAuthorization"]["ok"] >= 2
        assert counters["licit.v1.Board/TradeFlows"]["ok"] >= 1

        previous, after, seen = bytes(32), 0, []
        while True:
            page = observer.list_audit(after, 200)
            previous = verify_audit_chain(list(page.entries), previous)
            seen += [(entry.actor, entry.action, entry.subject, entry.outcome) for entry in page.entries]
            if page.next_after_sequence == 0:
                break
            after = page.next_after_sequence
        assert (page.entries[-1].sequence, previous) == (page.head_sequence, page.head_hash)
        assert ("jp-signer", "ia.issue", "JP-MHLW/JP-IA-OVER", "ok") in seen
        assert refused(observer.list_audit, 0, 1001).reason == "page_size_too_large"


def test_the_sandbox_clock_is_read_and_moved_forward(sandbox) -> None:
    with sandbox.client("board-admin") as board_admin:
        before = board_admin.get_sandbox_clock()
        today = datetime.datetime.fromtimestamp(before.now_ms / 1000, datetime.timezone.utc).date().isoformat()
        assert before.day == today and before.rate >= 1
        moved = board_admin.set_sandbox_clock(advance_seconds=120)
        assert moved.now_ms >= before.now_ms + 120_000 and moved.rate == before.rate
        assert board_admin.get_sandbox_clock().now_ms >= moved.now_ms
        assert refused(board_admin.set_sandbox_clock, advance_seconds=-60).reason == "invalid_clock"
    with sandbox.client("jp-signer") as japan:
        assert refused(japan.get_sandbox_clock).reason == "role_not_permitted"
