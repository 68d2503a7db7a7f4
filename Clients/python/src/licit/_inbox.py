"""licit.v1.Inbox (PROTOCOL.md §15.5): listing, acknowledging and following a CNA's events."""

from __future__ import annotations

from typing import Optional

from licit._caller import Caller
from licit.request_id import new_request_id
from licit.subscription import InboxSubscription
from licit.v1 import inbox_pb2 as inbox


def _method(name: str) -> str:
    return f"licit.v1.Inbox/{name}"


class InboxMixin(Caller):
    def list_events(
        self, after_sequence: int = 0, limit: int = 0, *, timeout: Optional[float] = None
    ) -> inbox.ListEventsResponse:
        """Up to ``limit`` events after ``after_sequence`` (0: 100), and the account's cursor."""
        request = inbox.ListEventsRequest(after_sequence=after_sequence, limit=limit)
        return self.unary(_method("ListEvents"), request, inbox.ListEventsResponse, timeout=timeout)

    def acknowledge(
        self, through_sequence: int, *, request_id: Optional[str] = None, timeout: Optional[float] = None
    ) -> int:
        """Marks every event up to ``through_sequence`` processed; returns the cursor after the call."""
        request = inbox.AcknowledgeRequest(through_sequence=through_sequence)
        response = self.unary(
            _method("Acknowledge"),
            request,
            inbox.AcknowledgeResponse,
            timeout=timeout,
            request_id=request_id or new_request_id(),
        )
        return response.acknowledged

    def inbox(
        self, *, from_cursor: bool = True, after_sequence: int = 0, timeout: Optional[float] = None
    ) -> InboxSubscription:
        """Follows the CNA's inbox: the events after the account's acknowledged cursor (or after
        ``after_sequence`` when ``from_cursor`` is False), then live ones as they happen.

        Iterate over it; acknowledge what was processed with ``subscription.acknowledge(event)``.
        Delivery is at least once: process events idempotently by ``sequence``.
        """
        request = inbox.SubscribeRequest(from_cursor=from_cursor, after_sequence=after_sequence)
        call = self.subscribe(_method("Subscribe"), request.SerializeToString(), timeout=timeout)
        return InboxSubscription(self.acknowledge, call)
