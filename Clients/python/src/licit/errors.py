"""Every way a Licit call can fail, as exceptions (PROTOCOL.md §11 and §13).

What matters for writes: :class:`RejectedError` means the exchange answered and did **not** apply
the write; :class:`IndeterminateError` means nobody knows — retry the write with the same
``request_id`` (``error.request_id``) and the exchange applies it at most once. Never report an
indeterminate write as failed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Mapping, Optional

from licit.reasons import REASONS, Reason
from licit.v1 import status_pb2


class StatusCode(enum.IntEnum):
    """The exchange's status codes: gRPC's, with the same numbers."""

    OK = 0
    CANCELLED = 1
    UNKNOWN = 2
    INVALID_ARGUMENT = 3
    DEADLINE_EXCEEDED = 4
    NOT_FOUND = 5
    ALREADY_EXISTS = 6
    PERMISSION_DENIED = 7
    RESOURCE_EXHAUSTED = 8
    FAILED_PRECONDITION = 9
    ABORTED = 10
    OUT_OF_RANGE = 11
    UNIMPLEMENTED = 12
    INTERNAL = 13
    UNAVAILABLE = 14
    DATA_LOSS = 15
    UNAUTHENTICATED = 16

    @classmethod
    def of(cls, number: int) -> "StatusCode":
        """The code for a wire number; an unknown number is handled like UNKNOWN (PROTOCOL.md §1)."""
        try:
            return cls(number)
        except ValueError:
            return cls.UNKNOWN


@dataclass(frozen=True)
class Status:
    """A non-OK answer: decide on ``code`` and ``reason``, never on ``message``."""

    code: StatusCode
    reason: str = ""
    message: str = ""
    details: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_wire(cls, status: status_pb2.Status) -> "Status":
        return cls(StatusCode.of(status.code), status.reason, status.message, dict(status.details))

    @property
    def catalogue(self) -> Optional[Reason]:
        """The reason's catalogue entry (what to do, whether a retry with the same request id can
        help, its detail keys); None for a reason from a newer exchange."""
        return REASONS.get(self.reason)

    def __str__(self) -> str:
        text = f"{self.code.name}/{self.reason}" if self.reason else self.code.name
        return f"{text}: {self.message}" if self.message else text


class LicitError(Exception):
    """Base of every error this package raises.

    ``status`` is the exchange's answer when there was one; ``request_id`` the write's
    idempotency key; ``not_sent`` is true when the request certainly never reached the exchange.
    """

    def __init__(
        self,
        message: str,
        *,
        status: Optional[Status] = None,
        request_id: Optional[str] = None,
        not_sent: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.request_id = request_id or None
        self.not_sent = not_sent

    @property
    def code(self) -> Optional[StatusCode]:
        return self.status.code if self.status else None

    @property
    def reason(self) -> str:
        return self.status.reason if self.status else ""

    @property
    def details(self) -> Mapping[str, str]:
        return self.status.details if self.status else {}

    def __str__(self) -> str:
        text = self.message
        if self.status is not None:
            name = f"{self.status.code.name}/{self.status.reason}" if self.status.reason else self.status.code.name
            text = f"{name}: {text}" if text else name
        if self.request_id:
            text += f" [request id {self.request_id}]"
        return text


class RejectedError(LicitError):
    """The exchange answered with a non-OK status; a write was not applied."""


class IndeterminateError(LicitError):
    """A write was sent and its outcome is unknown: retry it with ``request_id``."""


class UnavailableError(LicitError):
    """No connection, or a read lost with its connection. Safe to retry."""


class DeadlineExceededError(LicitError):
    """A read did not finish before its deadline. Safe to retry."""


class CallCancelledError(LicitError):
    """A read was cancelled."""


class InvalidRequestError(LicitError):
    """Refused by this client before sending: over the frame limit, a malformed request id …"""


class ProtocolError(LicitError):
    """The exchange sent something this client does not accept."""
