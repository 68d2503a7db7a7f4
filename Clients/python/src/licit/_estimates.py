"""licit.v1.Estimates (PROTOCOL.md §15.3): supplementary estimates, asked by a CNA and decided by the Board."""

from __future__ import annotations

from typing import List, Optional

from licit._caller import Caller
from licit.request_id import new_request_id
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
        response = self.unary(
            _method("RequestSupplementary"),
            request,
            estimates.SupplementaryEstimateResponse,
            timeout=timeout,
            request_id=request_id or new_request_id(),
        )
        return response.estimate

    def list_supplementary_estimates(
        self, country: str = "", status: str = "", *, timeout: Optional[float] = None
    ) -> List[estimates.SupplementaryEstimate]:
        """The requests the caller may see: its own country's (the Board: any, or ``country``'s)."""
        request = estimates.ListSupplementaryRequest(country=country, status=status)
        response = self.unary(_method("List"), request, estimates.ListSupplementaryResponse, timeout=timeout)
        return list(response.estimates)
