"""One TLS connection to the exchange, served by one thread (PROTOCOL.md §5–§10).

The thread owns the socket: it writes what callers queue, reads and dispatches every frame
(answers, events, pings, GoAway) even when no call is waiting, and pings after a quiet spell.
Callers only queue bytes and wait on their :class:`PendingCall`.
"""

from __future__ import annotations

import logging
import select
import socket
import ssl
import threading
import time
from typing import Dict, Optional

from licit._call import PendingCall
from licit.errors import LicitError, ProtocolError, Status, StatusCode, UnavailableError
from licit.frames import FrameReader, encode_frame
from licit.v1 import frame_pb2

logger = logging.getLogger("licit")

_WRITE_CHUNK = 16384
_READ_CHUNK = 65536


class Connection:
    def __init__(self, tls: ssl.SSLSocket, max_frame_bytes: int, keepalive_interval: float) -> None:
        self._tls = tls
        self._tls.setblocking(False)
        self.max_send_bytes = max_frame_bytes
        self.max_calls_in_flight = 256
        self._keepalive = keepalive_interval
        self._reader = FrameReader(max_frame_bytes)
        self._lock = threading.Lock()
        self._slot_freed = threading.Condition(self._lock)
        self._pending: Dict[int, PendingCall] = {}
        self._outbox = bytearray()
        self._chunk = b""  # being written: retried as is after a would-block (OpenSSL requires it)
        self._next_call_id = 1
        self._closing = False
        self.closed = False
        self.retired = False  # a GoAway: no new calls
        self.why_closed: Optional[LicitError] = None
        self._fatal_goaway: Optional[Status] = None  # names a bug or a refusal
        self.opened_at = time.monotonic()
        self._last_write = self.opened_at
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._thread = threading.Thread(target=self._run, name="licit-connection", daemon=True)
        self._thread.start()

    @property
    def usable(self) -> bool:
        with self._lock:
            return not self.closed and not self.retired and not self._closing

    @property
    def open_calls(self) -> int:
        with self._lock:
            return len(self._pending)

    # -- callers

    def start(
        self, method: str, payload: bytes, timeout_ms: int, request_id: str, subscription: bool, deadline: Optional[float]
    ) -> PendingCall:
        """Queues a Request; raises InvalidRequestError (over the frame limit) or UnavailableError."""
        with self._lock:
            # Keep at most max_calls_in_flight open (PROTOCOL.md §16, item 7): wait for answers to free a place.
            while len(self._pending) >= self.max_calls_in_flight and not self.closed:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    break
                self._slot_freed.wait(left)
            if self.closed or self.retired or self._closing:
                raise UnavailableError("the connection is closing; the request was not sent", not_sent=True)
            if len(self._pending) >= self.max_calls_in_flight:
                raise UnavailableError(
                    f"{self.max_calls_in_flight} calls are already in flight; the request was not sent", not_sent=True
                )
            call_id = self._next_call_id
            frame = frame_pb2.Frame(call_id=call_id)
            frame.request.method = method
            frame.request.timeout_ms = timeout_ms
            frame.request.request_id = request_id
            frame.request.payload = payload
            encoded = encode_frame(frame, self.max_send_bytes)  # refuses oversized requests before sending
            self._next_call_id += 1
            call = PendingCall(self, call_id, method, request_id, subscription, deadline)
            self._pending[call_id] = call
            self._outbox += encoded
        self._wake()
        return call

    def expire(self, call: PendingCall) -> None:
        """The call's deadline passed: Cancel it, unless its answer has just arrived."""
        self.abandon(call, call._deadline_outcome())

    def abandon(self, call: PendingCall, outcome: LicitError) -> None:
        with self._lock:
            if self._pending.get(call.call_id) is not call:
                return
            del self._pending[call.call_id]
            self._slot_freed.notify()
            if not self.closed:
                cancel = frame_pb2.Frame(call_id=call.call_id)
                cancel.cancel.SetInParent()
                self._outbox += encode_frame(cancel)
            call._finish(error=outcome)
        self._wake()

    def close(self) -> None:
        """Closes the connection; calls still open end as for a lost connection."""
        with self._lock:
            self._closing = True
        self._wake()
        if threading.current_thread() is not self._thread:
            self._thread.join()

    def _wake(self) -> None:
        try:
            self._wake_writer.send(b"\0")
        except OSError:
            pass  # already closed: the thread has ended

    # -- the connection's thread

    def _run(self) -> None:
        reason: LicitError = UnavailableError("the client closed its connection")
        try:
            while True:
                with self._lock:
                    if self._closing:
                        break
                    want_write = bool(self._outbox) or bool(self._chunk)
                quiet = time.monotonic() - self._last_write
                timeout = max(0.0, self._keepalive - quiet) if self._keepalive > 0 else None
                readable, _, _ = select.select(
                    [self._tls, self._wake_reader], [self._tls] if want_write else [], [], timeout
                )
                if self._wake_reader in readable:
                    self._wake_reader.recv(4096)
                self._ping_if_quiet()
                self._write()
                self._read()
        except LicitError as error:
            reason = error
        except (OSError, ValueError) as error:
            reason = UnavailableError(f"the connection failed: {error}")
        finally:
            self._lost(reason)

    def _ping_if_quiet(self) -> None:
        now = time.monotonic()
        if self._keepalive <= 0 or now - self._last_write < self._keepalive:
            return
        ping = frame_pb2.Frame()
        ping.ping.opaque = time.monotonic_ns()
        with self._lock:
            self._outbox += encode_frame(ping)
        self._last_write = now

    def _write(self) -> None:
        while True:
            if not self._chunk:
                with self._lock:
                    self._chunk = bytes(self._outbox[:_WRITE_CHUNK])
                    del self._outbox[:_WRITE_CHUNK]
                if not self._chunk:
                    return
            try:
                written = self._tls.send(self._chunk)
            except (ssl.SSLWantWriteError, ssl.SSLWantReadError):
                return
            self._chunk = self._chunk[written:]
            self._last_write = time.monotonic()

    def _read(self) -> None:
        while True:
            try:
                data = self._tls.recv(_READ_CHUNK)
            except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
                return
            except ssl.SSLZeroReturnError:
                data = b""
            if not data:
                raise UnavailableError("the exchange closed the connection")
            for frame in self._reader.feed(data):
                self._dispatch(frame)

    def _dispatch(self, frame: frame_pb2.Frame) -> None:
        kind = frame.WhichOneof("kind")
        if kind == "response":
            with self._lock:
                call = self._pending.pop(frame.call_id, None)
                self._slot_freed.notify()
            if call is not None:  # else: a call we gave up on
                call._answered(frame.response)
        elif kind == "event":
            with self._lock:
                call = self._pending.get(frame.call_id)
            if call is not None and call.is_subscription and not call._event(frame.event.sequence, frame.event.payload):
                self.abandon(call, UnavailableError("the subscription was ended: too many events arrived unread"))
        elif kind == "ping":
            pong = frame_pb2.Frame()
            pong.pong.opaque = frame.ping.opaque
            with self._lock:
                self._outbox += encode_frame(pong)
        elif kind == "goaway":
            self._goaway(frame.goaway)
        elif kind in ("request", "cancel"):
            raise ProtocolError(f"the exchange sent a {kind} frame, which a server may not send")
        # A Pong, or a frame kind added to v1 after this client: ignored (PROTOCOL.md §1).

    def _goaway(self, goaway: frame_pb2.GoAway) -> None:
        status = Status.from_wire(goaway.status)
        if status.code != StatusCode.OK:
            self._fatal_goaway = status
            logger.warning("the exchange sent GoAway %s", status, extra={"licit.last_call_id": goaway.last_call_id})
        with self._lock:
            self.retired = True
            # Calls above last_call_id were never processed (PROTOCOL.md §10): safe to send again.
            refused = [call for call_id, call in self._pending.items() if call_id > goaway.last_call_id]
            for call in refused:
                del self._pending[call.call_id]
            self._slot_freed.notify_all()
            subscriptions = [call for call in self._pending.values() if call.is_subscription]
        # A subscription would hold a draining connection open until the drain timeout: end it
        # now (its queued events stay readable), so that it resumes on a new connection.
        for call in subscriptions:
            self.abandon(
                call,
                UnavailableError(
                    f"the exchange is closing this connection (GoAway {status.code.name}/{status.reason}): "
                    "subscribe again, from the cursor"
                ),
            )
        for call in refused:
            call._finish(
                error=UnavailableError(
                    f"the exchange did not process the call (GoAway {status.code.name}/{status.reason}); it may be "
                    "sent again on a new connection",
                    status=status,
                    request_id=call.request_id,
                    not_sent=True,
                )
            )

    def _lost(self, reason: LicitError) -> None:
        if self._fatal_goaway is not None:
            # The calls that end now learn why the exchange closed: the GoAway before the close.
            reason = UnavailableError(f"{reason.message} (after GoAway {self._fatal_goaway})")
        with self._lock:
            self.closed = True
            self.why_closed = reason
            calls = list(self._pending.values())
            self._pending.clear()
            self._slot_freed.notify_all()
        for call in calls:
            call._lost(reason)
        for closable in (self._tls, self._wake_reader, self._wake_writer):
            try:
                closable.close()
            except OSError:
                pass
