"""licit.v1.Notifications (PROTOCOL.md §15.10): an inbox delivered beyond the inbox, to a webhook
or an e-mail address, and the check a webhook receiver makes of each delivery's signature."""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from typing import Iterable, List, Optional, Union

from licit._caller import Caller
from licit.request_id import new_request_id
from licit.v1 import notifications_pb2 as notifications


def _method(name: str) -> str:
    return f"licit.v1.Notifications/{name}"


def _kinds(kinds: Iterable[str]) -> List[str]:
    if isinstance(kinds, (str, bytes)):
        raise TypeError("kinds is a sequence of event kinds, e.g. ('ia_received',), not one string")
    return list(kinds)


class NotificationsMixin(Caller):
    def register_webhook(
        self,
        url: str,
        secret: str,
        kinds: Iterable[str] = (),
        *,
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> notifications.NotificationTarget:
        """Has the caller's inbox (its CNA's; the Board's for a board admin) POSTed to ``url``, an
        ``https://`` URL, each batch signed with ``secret`` (16 to 256 printable ASCII characters)
        in the ``Licit-Signature`` header: check it with :func:`licit.verify_webhook`. ``kinds``:
        the ``InboxEvent.kind`` values delivered, empty for every kind. Country and board admins."""
        return self._register("webhook", url, secret, kinds, request_id, timeout)

    def register_email(
        self,
        address: str,
        kinds: Iterable[str] = (),
        *,
        request_id: Optional[str] = None,
        timeout: Optional[float] = None,
    ) -> notifications.NotificationTarget:
        """Has the caller's inbox e-mailed to ``address`` through the exchange's SMTP server."""
        return self._register("email", address, "", kinds, request_id, timeout)

    def list_notification_targets(self, *, timeout: Optional[float] = None) -> List[notifications.NotificationTarget]:
        """The caller's inbox's targets in force, by id, with how far delivery got
        (``delivered_through``) and its last failure (``failures``, ``last_error``, ``retry_at_ms``)."""
        request = notifications.ListNotificationsRequest()
        response = self.unary(_method("List"), request, notifications.ListNotificationsResponse, timeout=timeout)
        return list(response.targets)

    def remove_notification_target(
        self, id: str, *, request_id: Optional[str] = None, timeout: Optional[float] = None
    ) -> notifications.NotificationTarget:
        """Stops delivery to the target ``id`` (``AUTHORITY-N``); returns it with ``removed_at_ms``
        set. Another inbox's target, or one already removed, is NOT_FOUND ``not_found``."""
        response = self.unary(
            _method("Remove"),
            notifications.RemoveNotificationRequest(id=id),
            notifications.NotificationTargetResponse,
            timeout=timeout,
            request_id=request_id or new_request_id(),
        )
        return response.target

    def _register(
        self,
        channel: str,
        address: str,
        secret: str,
        kinds: Iterable[str],
        request_id: Optional[str],
        timeout: Optional[float],
    ) -> notifications.NotificationTarget:
        request = notifications.RegisterNotificationRequest(
            channel=channel, address=address, secret=secret, kinds=_kinds(kinds)
        )
        response = self.unary(
            _method("Register"),
            request,
            notifications.NotificationTargetResponse,
            timeout=timeout,
            request_id=request_id or new_request_id(),
        )
        return response.target


_TIMESTAMP = re.compile(r"[0-9]{1,18}")
_HEX_SHA256 = re.compile(r"[0-9a-fA-F]{64}")


def verify_webhook(
    secret: str,
    signature_header: Optional[str],
    body: Union[bytes, bytearray, memoryview],
    *,
    now: Optional[float] = None,
    tolerance: float = 300,
) -> bool:
    """Whether a webhook delivery is the exchange's (PROTOCOL.md §15.10): ``signature_header`` is
    the ``Licit-Signature`` header, ``t=UNIX_SECONDS,v1=HEX``, where HEX is the HMAC-SHA256 under
    ``secret`` (its UTF-8 bytes) of ``UNIX_SECONDS`` ``.`` ``body``, and ``t`` is within
    ``tolerance`` seconds of ``now`` (default: this machine's clock).

    Pass the body exactly as received, before any JSON decoding. A missing (None) or malformed
    header is False; fields other than ``t`` and ``v1`` are ignored, and any one of several
    ``v1`` may match. An empty secret is a ValueError (anyone could sign with it).
    """
    if not isinstance(secret, str):
        raise TypeError(f"secret is the target's secret as a str, not {type(secret).__name__}")
    if secret == "":
        raise ValueError("verify_webhook needs the target's secret; an empty one verifies nothing")
    if tolerance < 0:
        raise ValueError(f"tolerance is a number of seconds, at least 0, not {tolerance!r}")
    if not isinstance(body, (bytes, bytearray, memoryview)):
        raise TypeError(f"body is the request's raw bytes, not {type(body).__name__}")
    if not signature_header:
        return False
    timestamp: Optional[str] = None
    candidates: List[bytes] = []
    for part in signature_header.split(","):
        key, equals, value = part.strip(" \t").partition("=")
        if not equals:
            return False
        if key == "t":
            if timestamp is not None or not _TIMESTAMP.fullmatch(value):
                return False
            timestamp = value
        elif key == "v1":
            if not _HEX_SHA256.fullmatch(value):
                return False
            candidates.append(bytes.fromhex(value))
    if timestamp is None or not candidates:
        return False
    expected = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + bytes(body), hashlib.sha256).digest()
    # Every candidate is compared, in constant time each: no early exit.
    matched = False
    for candidate in candidates:
        matched |= hmac.compare_digest(expected, candidate)
    if not matched:
        return False
    current = time.time() if now is None else now
    return abs(current - int(timestamp)) <= tolerance
