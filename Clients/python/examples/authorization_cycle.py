#!/usr/bin/env python3
"""The authorization cycle against a sandbox: France imports morphine from India.

    licitd sandbox --data ./sandbox &
    python3 examples/authorization_cycle.py ./sandbox

France (fr-signer) issues an import authorization (IA); India (in-signer) sees it arrive in its
inbox and issues the export authorization (EA) citing it; France endorses what arrived. Both seals
are verified offline with the exchange's public key. Quantities are milligrams.
"""

from __future__ import annotations

import datetime
import sys

import licit
from licit import Client, ClientConfig
from licit.v1 import documents_pb2 as documents

FORM = "MORPHINE-HYDROCHLORIDE-TRIHYDRATE"  # the exchange computes base = traded x 0.7592


def exchange_day(client: Client, days: int = 0) -> str:
    """A day on the exchange's clock (never the local one), as YYYY-MM-DD."""
    now = datetime.datetime.fromtimestamp(client.server_time_ms / 1000, datetime.timezone.utc)
    return (now.date() + datetime.timedelta(days=days)).isoformat()


def main(sandbox: str) -> int:
    with Client.connect(ClientConfig.from_sandbox(sandbox, "fr-signer")) as france, Client.connect(
        ClientConfig.from_sandbox(sandbox, "in-signer")
    ) as india:
        stamp = france.server_time_ms  # numbers are unique per CNA
        with india.inbox(from_cursor=True) as inbox:
            ia = france.issue_import_authorization(
                documents.ImportAuthorizationContent(
                    number=f"FR-IA-{stamp}",
                    exporting_country="IN",
                    importer=documents.Trader(id="FR-ANSM-T1"),  # a trader France registered
                    exporter=documents.Trader(name="India Pharma Ltd", address="1 Harbour Road, India"),
                    lines=[documents.Line(form=FORM, traded_mg=10_000_000)],
                    period=documents.Period(first=exchange_day(france), last=exchange_day(france, 90)),
                    multiple_consignments=True,
                )
            )
            issued = licit.import_authorization(ia)
            assert issued is not None
            print(f"France issued IA {issued.number} on {issued.issued_on}: {ia.state.status}, "
                  f"{issued.lines[0].base_mg} mg base")
            for event in inbox:
                print(f"India's inbox: {event.kind} {event.document.number} (sequence {event.sequence})")
                inbox.acknowledge(event)
                if event.kind == "ia_received" and event.document.number == issued.number:
                    break
        ea = india.issue_export_authorization(
            documents.ExportAuthorizationContent(
                number=f"IN-EA-{stamp}",
                import_authorization=documents.Citation(
                    number=issued.number, issued_on=issued.issued_on, authority=issued.authority
                ),
                lines=[documents.Line(form=FORM, traded_mg=6_000_000)],
                period=documents.Period(first=exchange_day(india), last=exchange_day(india, 30)),
            )
        )
        print(f"India issued EA IN-EA-{stamp}: {ea.state.status}")
        endorsed = france.endorse("IN-NCB", f"IN-EA-{stamp}", [4_500_000])
        print(f"France endorsed EA IN-EA-{stamp} on {endorsed.state.endorsed_on}: {endorsed.state.status}")
        key = france.get_seal_key().public_key
        sealed = licit.document_seal_valid(ia, key) and licit.document_seal_valid(endorsed, key)
        print(f"seals: {'valid' if sealed else 'INVALID'}")
        for balance in france.get_balances(substance="MORPHINE"):
            print(f"France's {balance.substance} {balance.year}: limit {balance.limit_mg} mg, authorized "
                  f"{balance.authorized_not_used_mg} mg, imported {balance.imported_mg} mg, "
                  f"remaining {balance.remaining_mg} mg")
        return 0 if sealed and endorsed.state.status == "endorsed" else 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} SANDBOX_DIR   (the --data folder of `licitd sandbox`)")
    try:
        sys.exit(main(sys.argv[1]))
    except licit.LicitError as error:
        sys.exit(f"{type(error).__name__}: {error}")
