"""The client: one connection to the exchange, kept up with reconnection and backoff."""

from __future__ import annotations

import random
import threading
import time
from types import TracebackType
from typing import Optional, Type, TypeVar

from google.protobuf.message import DecodeError, Message

from licit._board import BoardMixin
from licit._call import PendingCall
from licit._connection import Connection
from licit._documents import DocumentsMixin
from licit._estimates import EstimatesMixin
from licit._inbox import InboxMixin
from licit._notifications import NotificationsMixin
from licit._reference import ReferenceMixin
from licit._returns import ReturnsMixin
from licit._sandbox import SandboxMixin
from licit._tls import make_context, open_tls
from licit.config import ClientConfig
from licit.errors import DeadlineExceededError, InvalidRequestError, LicitError, ProtocolError, UnavailableError
from licit.request_id import new_request_id
from licit.retrying import RetryingMixin
from licit.seal import certificate_fingerprint
from licit.v1 import session_pb2

PROTOCOL_VERSION = 1
HELLO = "licit.v1.Session/Hello"
ECHO = "licit.v1.Session/Echo"
_NOT_SENT_ATTEMPTS = 3
_REQUEST_ID_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-")

M = TypeVar("M", bound=Message)


def _check_request_id(request_id: str) -> None:
    if request_id and (len(request_id) > 64 or not set(request_id) <= _REQUEST_ID_CHARACTERS):
        raise InvalidRequestError(f"the request id {request_id!r} is not 1 to 64 characters of A-Z a-z 0-9 . _ : -")


class Client(
    DocumentsMixin,
    ReferenceMixin,
    EstimatesMixin,
    InboxMixin,
    BoardMixin,
    ReturnsMixin,
    NotificationsMixin,
    SandboxMixin,
    RetryingMixin,
):
    """A connection to a Licit exchange, as the account of its client certificate.

    Use it as a context manager::

        with Client.connect(ClientConfig.from_sandbox("sandbox", "fr-signer")) as client:
            print(client.account.name, client.echo(b"hello"))

    It is thread-safe: many threads may call at once, and their calls share the one connection
    (or use :meth:`start_call` to pipeline from one thread). A lost or drained connection is
    replaced on the next call, with exponential backoff and jitter between attempts.
    """

    def __init__(self, config: ClientConfig) -> None:
        self.config = config
        self._tls_context = make_context(config.ca_file, config.certificate_file, config.private_key_file)
        self._fingerprint = certificate_fingerprint(config.certificate_file)
        self._lock = threading.Lock()
        self._connection: Optional[Connection] = None
        self._hello: Optional[session_pb2.HelloResponse] = None
        self._backoff = config.reconnect_initial
        self._next_attempt = 0.0
        self._closed = False
        #: The endpoint the next connection goes to; it moves on after each lost or failed one.
        self._endpoint = 0

    @classmethod
    def connect(cls, config: ClientConfig) -> "Client":
        """A client connected and past Hello (raises :class:`LicitError` otherwise)."""
        client = cls(config)
        try:
            client.open()
        except BaseException:
            client.close()
            raise
        return client

    def open(self) -> None:
        self._usable_connection(time.monotonic() + self.config.connect_timeout)

    def close(self) -> None:
        """Closes the connection; calls still open end as for a lost connection."""
        with self._lock:
            self._closed = True
            connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    def __enter__(self) -> "Client":
        if self._connection is None:
            self.open()
        return self

    def __exit__(
        self, kind: Optional[Type[BaseException]], value: Optional[BaseException], traceback: Optional[TracebackType]
    ) -> None:
        self.close()

    @property
    def account(self) -> session_pb2.Account:
        """The account the exchange recognised from the certificate."""
        return self._hello_response().account

    @property
    def limits(self) -> session_pb2.ConnectionLimits:
        """The limits the exchange reported in Hello (0: not reported)."""
        return self._hello_response().limits

    @property
    def server_time_ms(self) -> int:
        """The exchange's clock at the last Hello, in ms since the Unix epoch."""
        return self._hello_response().server_time_ms

    def _hello_response(self) -> session_pb2.HelloResponse:
        if self._hello is None:
            raise UnavailableError("not connected yet")
        return self._hello

    # -- calls

    def start_call(
        self, method: str, payload: bytes, *, timeout: Optional[float] = None, request_id: Optional[str] = None
    ) -> PendingCall:
        """Sends a request without waiting; ``.result()`` waits for its answer.

        ``request_id`` marks a write (required on writes). ``timeout`` in seconds, default
        ``config.default_timeout``. A request over the exchange's frame limit is refused before
        sending (:class:`InvalidRequestError`).
        """
        request_id = request_id or ""
        _check_request_id(request_id)
        seconds = self.config.default_timeout if timeout is None else timeout
        # The local deadline leaves the exchange's own answer time to arrive.
        deadline = time.monotonic() + seconds + 0.5
        connection = self._usable_connection(deadline)
        return connection.start(method, payload, max(1, int(seconds * 1000)), request_id, False, deadline)

    def call(
        self, method: str, payload: bytes, *, timeout: Optional[float] = None, request_id: Optional[str] = None
    ) -> bytes:
        """One call, start to finish; returns the response payload.

        A request the exchange certainly did not process (a draining or lost connection before
        sending) goes again on a new connection, with the same request id, while time allows.
        """
        seconds = self.config.default_timeout if timeout is None else timeout
        deadline = time.monotonic() + seconds
        for attempt in range(1, _NOT_SENT_ATTEMPTS + 1):
            left = max(0.001, deadline - time.monotonic())
            try:
                return self.start_call(method, payload, timeout=left, request_id=request_id).result()
            except UnavailableError as error:
                if not error.not_sent or attempt == _NOT_SENT_ATTEMPTS or time.monotonic() >= deadline:
                    raise
        raise AssertionError("unreachable: the last attempt returns or raises")

    def subscribe(self, method: str, payload: bytes, *, timeout: Optional[float] = None) -> PendingCall:
        """Opens a subscription (no deadline unless ``timeout``); read it with ``next_event``."""
        deadline = None if timeout is None else time.monotonic() + timeout + 0.5
        connection = self._usable_connection(deadline or time.monotonic() + self.config.connect_timeout)
        timeout_ms = 0 if timeout is None else max(1, int(timeout * 1000))
        return connection.start(method, payload, timeout_ms, "", True, deadline)

    def unary(
        self,
        method: str,
        request: Message,
        response_type: Type[M],
        *,
        timeout: Optional[float] = None,
        request_id: Optional[str] = None,
    ) -> M:
        """Calls ``method`` with a message and decodes its answer as ``response_type``."""
        payload = self.call(method, request.SerializeToString(), timeout=timeout, request_id=request_id)
        response: M = response_type()
        try:
            response.ParseFromString(payload)
        except DecodeError as error:
            raise ProtocolError(
                f"the exchange's answer to {method} is not a valid {response_type.DESCRIPTOR.full_name}"
            ) from error
        return response

    # -- session (PROTOCOL.md §14)

    def hello(self) -> session_pb2.HelloResponse:
        """Says Hello again on the current connection, refreshing the account and limits."""
        connection = self._usable_connection(time.monotonic() + self.config.connect_timeout)
        return self._say_hello(connection, time.monotonic() + self.config.connect_timeout)

    def echo(self, data: bytes, *, timeout: Optional[float] = None) -> bytes:
        """Returns ``data`` as the exchange echoes it: the cheapest round trip."""
        request = session_pb2.EchoRequest(data=data)
        return self.unary(ECHO, request, session_pb2.EchoResponse, timeout=timeout).data

    # -- connecting

    def _usable_connection(self, deadline: float) -> Connection:
        with self._lock:
            if self._closed:
                raise UnavailableError("the client is closed", not_sent=True)
            current = self._connection
            if current is not None and current.usable:
                return current
            if current is not None:
                # A drained connection finishes its own calls on its thread and closes itself.
                lasted = time.monotonic() - current.opened_at > 1.0
                if current.closed:
                    current.close()
                self._connection = None
                self._endpoint += 1
                if lasted:
                    self._backoff, self._next_attempt = self.config.reconnect_initial, 0.0
                else:
                    self._schedule_reconnection()
            return self._reconnect(deadline)

    def _schedule_reconnection(self) -> None:
        self._next_attempt = time.monotonic() + self._backoff * random.uniform(0.5, 1.0)
        self._backoff = min(self._backoff * 2, self.config.reconnect_max)

    def _reconnect(self, deadline: float) -> Connection:
        if self._next_attempt > deadline:
            raise UnavailableError(
                "no connection, and the next attempt (backing off after a failure) is due after the call's "
                "deadline; the request was not sent",
                not_sent=True,
            )
        time.sleep(max(0.0, self._next_attempt - time.monotonic()))
        connect_by = min(deadline, time.monotonic() + self.config.connect_timeout)
        try:
            connection = self._open_connection(connect_by)
        except DeadlineExceededError as error:
            # Connecting took the call's time: nothing was sent, which is not a deadline of the call.
            self._schedule_reconnection()
            raise UnavailableError(
                f"no connection to the exchange within the call's deadline ({error.message}); the request was not sent",
                not_sent=True,
            ) from error
        except LicitError as error:
            self._schedule_reconnection()
            error.not_sent = True
            raise
        self._connection = connection
        return connection

    def _open_connection(self, deadline: float) -> Connection:
        """A connection to the next endpoint that accepts one, each tried once in turn."""
        endpoints = self.config.endpoints
        for attempt in range(len(endpoints)):
            host, port = endpoints[self._endpoint % len(endpoints)]
            try:
                return self._open_connection_to(host, port, deadline)
            except LicitError:
                self._endpoint += 1
                if attempt == len(endpoints) - 1 or time.monotonic() >= deadline:
                    raise
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _open_connection_to(self, host: str, port: int, deadline: float) -> Connection:
        config = self.config
        tls = open_tls(
            self._tls_context,
            host,
            port,
            config.server_name or host,
            max(0.001, deadline - time.monotonic()),
        )
        connection = Connection(tls, config.max_frame_bytes, config.keepalive_interval)
        try:
            self._say_hello(connection, deadline)
        except BaseException:
            connection.close()
            raise
        return connection

    def _say_hello(self, connection: Connection, deadline: float) -> session_pb2.HelloResponse:
        request = session_pb2.HelloRequest(protocol_version=PROTOCOL_VERSION, client_name=self.config.client_name)
        timeout_ms = max(1, int((deadline - time.monotonic()) * 1000))
        call = connection.start(HELLO, request.SerializeToString(), timeout_ms, "", False, deadline)
        try:
            payload = call.result()
        except UnavailableError as error:
            if connection.closed:
                raise UnavailableError(
                    "the exchange closed the connection before answering Hello: the client certificate was "
                    "probably refused (not registered, revoked, expired, or not issued by the exchange's CA) "
                    f"({error.message})"
                ) from error
            raise
        hello = session_pb2.HelloResponse()
        try:
            hello.ParseFromString(payload)
        except DecodeError as error:
            raise ProtocolError("the exchange's Hello answer is not a HelloResponse") from error
        if hello.protocol_version != PROTOCOL_VERSION:
            raise ProtocolError(f"the exchange speaks protocol version {hello.protocol_version}, not {PROTOCOL_VERSION}")
        if hello.account.certificate_fingerprint != self._fingerprint:
            raise ProtocolError(
                f"the exchange recognised certificate {hello.account.certificate_fingerprint}, but this client "
                f"presented {self._fingerprint}"
            )
        if hello.limits.max_frame_bytes:
            connection.max_send_bytes = min(connection.max_send_bytes, hello.limits.max_frame_bytes)
        if hello.limits.max_calls_in_flight:
            connection.max_calls_in_flight = hello.limits.max_calls_in_flight
        self._hello = hello
        return hello
