"""licit.v1.Sandbox (PROTOCOL.md §15.6): a training sandbox's clock, read and moved forward by its
board admins. Any other exchange answers FAILED_PRECONDITION ``not_a_sandbox``."""

from __future__ import annotations

from typing import Optional

from licit._caller import Caller
from licit.v1 import sandbox_pb2 as sandbox


def _method(name: str) -> str:
    return f"licit.v1.Sandbox/{name}"


class SandboxMixin(Caller):
    def get_sandbox_clock(self, *, timeout: Optional[float] = None) -> sandbox.ClockResponse:
        """The sandbox's clock: ``now_ms``, its ``day`` (YYYY-MM-DD, UTC) and ``rate`` (exchange
        seconds per real second)."""
        return self.unary(_method("GetClock"), sandbox.GetClockRequest(), sandbox.ClockResponse, timeout=timeout)

    def set_sandbox_clock(
        self,
        advance_seconds: int = 0,
        rate: float = 0.0,
        *,
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> sandbox.ClockResponse:
        """Moves the sandbox's clock forward by ``advance_seconds`` (never back) and/or runs it at
        ``rate`` (1 to 100 000; 0 leaves it), then runs the expiry sweep (``swept``: the documents
        it changed). A replay with the same request id answers with the clock as it is now."""
        request = sandbox.SetClockRequest(advance_seconds=advance_seconds, rate=rate)
        return self._write(_method("SetClock"), request, sandbox.ClockResponse, request_id=request_id, timeout=timeout)
