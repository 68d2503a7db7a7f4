"""What the service mixins need from the client: a unary call and a subscription."""

from __future__ import annotations

from typing import Optional, Type, TypeVar

from google.protobuf.message import Message

from licit._call import PendingCall

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

    def subscribe(self, method: str, payload: bytes, *, timeout: Optional[float] = None) -> PendingCall:
        raise NotImplementedError
