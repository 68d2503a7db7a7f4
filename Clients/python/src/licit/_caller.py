"""What the service mixins need from the client: a unary call, a write and a subscription."""

from __future__ import annotations

from typing import Optional, Type, TypeVar

from google.protobuf.message import Message

from licit._call import PendingCall
from licit.request_id import new_request_id

M = TypeVar("M", bound=Message)


class Caller:
    def unary(
        self,
        method: str,
        request: Message,
        response_type: Type[M],
        *,
        timeout: Optional[float] = None,
        request_id: Optional[str] = None,
    ) -> M:
        raise NotImplementedError

    def _write(
        self,
        method: str,
        request: Message,
        response_type: Type[M],
        *,
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> M:
        """A write: ``unary`` with ``request_id``, or a fresh one when it is None or empty."""
        return self.unary(method, request, response_type, timeout=timeout, request_id=request_id or new_request_id())

    def subscribe(self, method: str, payload: bytes, *, timeout: Optional[float] = None) -> PendingCall:
        raise NotImplementedError
