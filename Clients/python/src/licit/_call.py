"""One call's state: its answer, or for a subscription its events, as the connection delivers them."""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Deque, Optional, Tuple

from licit.errors import (
    CallCancelledError,
    DeadlineExceededError,
    IndeterminateError,
    LicitError,
    RejectedError,
    Status,
    StatusCode,
    UnavailableError,
)
from licit.v1 import frame_pb2

if TYPE_CHECKING:
    from licit._connection import Connection

#: Events queued on a subscription nobody reads, before it is ended.
MAX_QUEUED_EVENTS = 10_000


class PendingCall:
    """A request sent and not yet answered. Wait for it with :meth:`result`.

    Many may be open at once on one connection (pipelining); answers are matched by call id.
    """

    def __init__(
        self,
        connection: "Connection",
        call_id: int,
        method: str,
        request_id: str,
        is_subscription: bool,
        deadline: Optional[float],
    ) -> None:
        self.call_id = call_id
        self.method = method
        self.request_id = request_id
        self.is_subscription = is_subscription
        self.deadline = deadline  # time.monotonic(); None: none
        self._connection = connection
        self._condition = threading.Condition()
        self._finished = False
        self._payload = b""
        self._error: Optional[LicitError] = None
        self._events: Deque[Tuple[int, bytes]] = deque()

    @property
    def is_write(self) -> bool:
        return bool(self.request_id) and not self.is_subscription

    # -- what the connection's thread reports

    def _finish(self, payload: bytes = b"", error: Optional[LicitError] = None) -> None:
        with self._condition:
            if self._finished:
                return
            self._finished = True
            self._payload = payload
            self._error = error
            self._condition.notify_all()

    def _answered(self, response: frame_pb2.Response) -> None:
        status = Status.from_wire(response.status)
        if status.code == StatusCode.OK:
            self._finish(payload=response.payload)
            return
        self._finish(error=self._outcome_of(status))

    def _outcome_of(self, status: Status) -> LicitError:
        """PROTOCOL.md §13: a write stopped by the exchange may have been applied."""
        request_id = self.request_id or None
        if self.is_write and status.code in (StatusCode.DEADLINE_EXCEEDED, StatusCode.CANCELLED):
            return IndeterminateError(
                f"the exchange stopped {self.method} ({status.reason}); the write may or may not have been "
                "applied: retry it with the same request id",
                status=status,
                request_id=request_id,
            )
        if status.code == StatusCode.DEADLINE_EXCEEDED:
            return DeadlineExceededError(status.message, status=status, request_id=request_id)
        if status.code == StatusCode.CANCELLED:
            return CallCancelledError(status.message, status=status, request_id=request_id)
        if status.code == StatusCode.UNAVAILABLE and status.reason == "draining":
            return UnavailableError(status.message, status=status, request_id=request_id, not_sent=True)
        return RejectedError(status.message, status=status, request_id=request_id)

    def _lost(self, reason: LicitError) -> None:
        if self.is_write:
            self._finish(
                error=IndeterminateError(
                    f"the connection ended before the exchange answered ({reason.message}); the write may or "
                    "may not have been applied: retry it with the same request id",
                    request_id=self.request_id,
                )
            )
        else:
            self._finish(error=UnavailableError(f"the connection ended before the exchange answered ({reason.message})"))

    def _deadline_outcome(self) -> LicitError:
        if self.is_write:
            return IndeterminateError(
                f"the deadline passed before the exchange answered {self.method}; the write may or may not "
                "have been applied: retry it with the same request id",
                request_id=self.request_id,
            )
        return DeadlineExceededError(f"the deadline passed before the exchange answered {self.method}")

    def _event(self, sequence: int, payload: bytes) -> bool:
        """Queues an event; False when too many are unread."""
        with self._condition:
            if len(self._events) >= MAX_QUEUED_EVENTS:
                return False
            self._events.append((sequence, payload))
            self._condition.notify_all()
            return True

    # -- what the caller asks

    def done(self) -> bool:
        with self._condition:
            return self._finished

    def result(self) -> bytes:
        """Waits for the answer; returns the response payload or raises a :class:`LicitError`.

        When the deadline passes first, a Cancel is sent and the call ends as
        DeadlineExceededError (a read) or IndeterminateError (a write).
        """
        with self._condition:
            while not self._finished and not self._deadline_passed():
                self._condition.wait(self._time_left())
        if not self.done():
            self._connection.expire(self)
        with self._condition:
            if self._error is not None:
                raise self._error
            return self._payload

    def next_event(self, timeout: Optional[float]) -> Optional[Tuple[int, bytes]]:
        """The next (sequence, payload), or None after ``timeout`` seconds or when the stream ended
        normally (see :meth:`done`). Raises the error that ended it otherwise."""
        until = None if timeout is None else time.monotonic() + timeout
        while True:
            with self._condition:
                while not self._events and not self._finished and not self._deadline_passed():
                    wait = self._time_left()
                    if until is not None:
                        left = until - time.monotonic()
                        if left <= 0:
                            return None
                        wait = left if wait is None else min(wait, left)
                    self._condition.wait(wait)
                if self._events:
                    return self._events.popleft()
                if self._finished:
                    if self._error is not None:
                        raise self._error
                    return None
            self._connection.expire(self)  # the subscription's own deadline passed

    def cancel(self) -> None:
        """Gives up on the call: a Cancel is sent if it is still open."""
        self._connection.abandon(self, CallCancelledError(f"{self.method} was cancelled by the caller"))

    def _deadline_passed(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def _time_left(self) -> Optional[float]:
        return None if self.deadline is None else max(0.0, self.deadline - time.monotonic())
