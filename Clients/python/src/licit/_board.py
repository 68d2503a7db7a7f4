"""licit.v1.Board (PROTOCOL.md §15.8, §15.9): the Board's reads on licit trade, the statistical
returns computed from the documents, the exchange's call counters and its audit trail."""

from __future__ import annotations

from typing import List, Optional

from licit._caller import Caller
from licit.v1 import board_pb2 as board


def _method(name: str) -> str:
    return f"licit.v1.Board/{name}"


class BoardMixin(Caller):
    def get_trade_flows(
        self,
        *,
        exporting_country: str = "",
        importing_country: str = "",
        substance: str = "",
        status: str = "",
        issued_from: str = "",
        issued_to: str = "",
        timeout: Optional[float] = None,
    ) -> List[board.TradeFlow]:
        """EAs summed by exporting country, importing country, substance and status: how many,
        and the base milligrams authorized, exported and endorsed as imported. Every filter is
        optional (``status`` one EA status; ``issued_from``/``issued_to`` YYYY-MM-DD). Board roles."""
        request = board.TradeFlowsRequest(
            exporting_country=exporting_country,
            importing_country=importing_country,
            substance=substance,
            status=status,
            issued_from=issued_from,
            issued_to=issued_to,
        )
        return list(self.unary(_method("TradeFlows"), request, board.TradeFlowsResponse, timeout=timeout).flows)

    def list_oversight(
        self,
        kind: board.OversightKind,
        *,
        country: str = "",
        issued_from: str = "",
        issued_to: str = "",
        page_size: int = 0,
        page_token: str = "",
        timeout: Optional[float] = None,
    ) -> board.OversightResponse:
        """One page, newest first, of the documents of ``kind`` (``board_pb2.OVERRIDES``,
        ``EMERGENCY_EXPORTS``, ``OVERDUE_ENDORSEMENTS``, ``WITHDRAWN``), each with its ``note``
        (justification, cancellation reason or successor). Pass ``next_page_token`` as
        ``page_token`` for the next page. Board roles."""
        request = board.OversightRequest(
            kind=kind,
            country=country,
            issued_from=issued_from,
            issued_to=issued_to,
            page_size=page_size,
            page_token=page_token,
        )
        return self.unary(_method("ListOversight"), request, board.OversightResponse, timeout=timeout)

    def get_estimate_watch(
        self, *, year: int = 0, threshold_percent: int = 0, substance: str = "", timeout: Optional[float] = None
    ) -> List[board.EstimateWatchEntry]:
        """The countries and substances whose authorized-not-used plus imported quantity reaches
        ``threshold_percent`` (0: 90) of the estimate or assessment for ``year`` (0: this year),
        with the balance and ``used_percent``, highest first. Board roles."""
        request = board.EstimateWatchRequest(year=year, threshold_percent=threshold_percent, substance=substance)
        return list(self.unary(_method("EstimateWatch"), request, board.EstimateWatchResponse, timeout=timeout).entries)

    def list_paper_partners(self, *, timeout: Optional[float] = None) -> List[board.PaperPartner]:
        """The countries not on the exchange that documents recorded from paper name, with how many
        documents and the latest issue day. Board roles."""
        request = board.PaperPartnersRequest()
        return list(
            self.unary(_method("PaperPartners"), request, board.PaperPartnersResponse, timeout=timeout).partners
        )

    def get_return(
        self, form: str, year: int, quarter: int = 0, *, country: str = "", timeout: Optional[float] = None
    ) -> board.ReturnResponse:
        """The import and export parts of a statistical return computed from the documents:
        ``form`` ``A`` or ``A/P`` (``quarter`` 1-4) or ``C`` or ``P`` (``quarter`` 0), one
        ``ReturnLine`` per direction, substance and partner country. ``country`` empty: the
        caller's own (a CNA may ask no other; the Board any)."""
        request = board.ReturnRequest(country=country, form=form, year=year, quarter=quarter)
        return self.unary(_method("GetReturn"), request, board.ReturnResponse, timeout=timeout)

    def get_call_counters(self, *, timeout: Optional[float] = None) -> List[board.MethodCounters]:
        """How every method's calls ended since the daemon started: per method, ``by_status`` maps
        a status name (``ok``, ``failedPrecondition`` …) to a count. Board roles."""
        request = board.CallCountersRequest()
        return list(
            self.unary(_method("GetCallCounters"), request, board.CallCountersResponse, timeout=timeout).methods
        )

    def list_audit(
        self, after_sequence: int = 0, page_size: int = 0, *, timeout: Optional[float] = None
    ) -> board.ListAuditResponse:
        """One page of the audit trail, oldest first: the records after ``after_sequence``, at most
        ``page_size`` (0: 100; at most 1000). ``next_after_sequence`` continues it (0: the end);
        ``head_sequence`` and ``head_hash`` are the trail's last record. Board roles."""
        request = board.ListAuditRequest(after_sequence=after_sequence, page_size=page_size)
        return self.unary(_method("ListAudit"), request, board.ListAuditResponse, timeout=timeout)
