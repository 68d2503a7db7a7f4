"""licit.v1.Estimates (PROTOCOL.md §15.3): supplementary estimates, asked by a CNA and decided by the
Board, and annual estimates (Form B), furnished by a CNA and confirmed or queried by the Board."""

from __future__ import annotations

from typing import List, Optional, Sequence

from licit._caller import Caller
from licit.v1 import estimates_pb2 as estimates


def _method(name: str) -> str:
    return f"licit.v1.Estimates/{name}"


class EstimatesMixin(Caller):
    def request_supplementary_estimate(
        self,
        substance: str,
        quantity_mg: int,
        justification: str,
        *,
        year: int = 0,
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> estimates.SupplementaryEstimate:
        """Asks the Board for ``quantity_mg`` more base of ``substance`` for the caller's country
        (``year`` 0: this year). The Board's decision arrives as an inbox event."""
        request = estimates.RequestSupplementaryRequest(
            substance=substance, quantity_mg=quantity_mg, year=year, justification=justification
        )
        response = self._write(
            _method("RequestSupplementary"),
            request,
            estimates.SupplementaryEstimateResponse,
            request_id=request_id,
            timeout=timeout,
        )
        return response.estimate

    def decide_supplementary_estimate(
        self,
        id: str,
        confirmed_mg: int,
        reason: str = "",
        *,
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> estimates.SupplementaryEstimate:
        """The Board's decision on the request ``id`` (board admins): ``confirmed_mg`` equal to the
        quantity asked confirms it, less reduces it, 0 refuses it; a reduction or refusal needs a
        ``reason``. What is confirmed enters the country's estimate at once."""
        request = estimates.DecideSupplementaryRequest(id=id, confirmed_mg=confirmed_mg, reason=reason)
        response = self._write(
            _method("Decide"), request, estimates.SupplementaryEstimateResponse, request_id=request_id, timeout=timeout
        )
        return response.estimate

    def list_supplementary_estimates(
        self, country: str = "", status: str = "", *, timeout: Optional[float] = None
    ) -> List[estimates.SupplementaryEstimate]:
        """The requests the caller may see: its own country's (the Board: any, or ``country``'s)."""
        request = estimates.ListSupplementaryRequest(country=country, status=status)
        response = self.unary(_method("List"), request, estimates.ListSupplementaryResponse, timeout=timeout)
        return list(response.estimates)

    def submit_annual_estimate(
        self,
        lines: Sequence[estimates.AnnualEstimateLine],
        *,
        year: int = 0,
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> estimates.AnnualEstimate:
        """Furnishes the caller's country's estimates for ``year`` (0: next year; or this one): 1 to
        200 lines of base substance, purpose (``consumption``, ``utilization``, ``special_stocks``,
        ``stocks``) and quantity. Replaces earlier ones for the year until the Board confirms them."""
        request = estimates.SubmitAnnualRequest(year=year, lines=list(lines))
        response = self._write(
            _method("SubmitAnnual"), request, estimates.AnnualEstimateResponse, request_id=request_id, timeout=timeout
        )
        return response.estimate

    def decide_annual_estimate(
        self,
        country: str,
        year: int,
        confirm: bool,
        reason: str = "",
        *,
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> estimates.AnnualEstimate:
        """The Board's decision on ``country``'s submitted estimates for ``year`` (board admins):
        ``confirm`` puts each substance's total in force as the year's estimate; otherwise they are
        queried back to the CNA (``reason`` required)."""
        request = estimates.DecideAnnualRequest(country=country, year=year, confirm=confirm, reason=reason)
        response = self._write(
            _method("DecideAnnual"), request, estimates.AnnualEstimateResponse, request_id=request_id, timeout=timeout
        )
        return response.estimate

    def list_annual_estimates(
        self, country: str = "", year: int = 0, *, timeout: Optional[float] = None
    ) -> List[estimates.AnnualEstimate]:
        """The annual estimates the caller may see: its own country's (the Board: any, or
        ``country``'s), for ``year`` (0: every year)."""
        request = estimates.ListAnnualRequest(country=country, year=year)
        response = self.unary(_method("ListAnnual"), request, estimates.ListAnnualResponse, timeout=timeout)
        return list(response.estimates)
