"""licit.v1.Returns (PROTOCOL.md §15.8): annual statistical returns (forms C and P) filed by a CNA
and accepted or queried by the Board."""

from __future__ import annotations

from typing import List, Optional, Sequence

from licit._caller import Caller
from licit.v1 import returns_pb2 as returns


def _method(name: str) -> str:
    return f"licit.v1.Returns/{name}"


class ReturnsMixin(Caller):
    def save_return(
        self,
        form: str,
        year: int,
        figures: Sequence[returns.ReturnFigure],
        *,
        submit: bool = False,
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> returns.ReturnFiling:
        """Saves the caller's country's return ``form`` (``C`` or ``P``) for ``year`` as a draft, or
        with ``submit`` files it with the Board: the exchange then adds the year's trade from the
        documents (``trade``) and refuses ``return_does_not_reconcile`` when the CNA's own
        ``imported``/``exported`` figures differ. Signers and country admins."""
        request = returns.SaveReturnRequest(form=form, year=year, figures=list(figures), submit=submit)
        response = self._write(
            _method("Save"), request, returns.ReturnFilingResponse, request_id=request_id, timeout=timeout
        )
        return response.filing

    def decide_return(
        self,
        country: str,
        form: str,
        year: int,
        accept: bool,
        reason: str = "",
        *,
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> returns.ReturnFiling:
        """The Board's decision on a submitted return (board admins): ``accept``, or query it back
        to the CNA with a ``reason``."""
        request = returns.DecideReturnRequest(country=country, form=form, year=year, accept=accept, reason=reason)
        response = self._write(
            _method("Decide"), request, returns.ReturnFilingResponse, request_id=request_id, timeout=timeout
        )
        return response.filing

    def list_returns(self, country: str = "", *, timeout: Optional[float] = None) -> List[returns.ReturnFiling]:
        """The returns filed: a CNA's own country's, whatever ``country`` says; the Board's all, or
        ``country``'s."""
        request = returns.ListReturnsRequest(country=country)
        return list(self.unary(_method("List"), request, returns.ListReturnsResponse, timeout=timeout).filings)
