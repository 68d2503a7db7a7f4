"""Writes run until they have an outcome, and an inbox followed across faults (PROTOCOL.md §13, §15.5).

:meth:`Client.retrying <licit.Client.retrying>` and :meth:`Client.follow_inbox
<licit.Client.follow_inbox>` are what ``licit-sim conform`` expects of a client under a faulty
sandbox (``licitd sandbox --faults``): an indeterminate write is retried with the *same* request id
and payload until it has an outcome, never under a new one; ``rate_limited`` is retried no sooner
than its ``retry_after_ms``; a subscription the exchange ended is taken up again from the last event
handled; every event handled is acknowledged, and an event delivered twice is handled once.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, FrozenSet, Optional, Tuple, TypeVar, Union

from licit._caller import Caller
from licit.errors import (
    CallCancelledError,
    DeadlineExceededError,
    IndeterminateError,
    LicitError,
    RejectedError,
    UnavailableError,
)
from licit.request_id import new_request_id
from licit.v1 import inbox_pb2

if TYPE_CHECKING:
    from licit.subscription import InboxSubscription

logger = logging.getLogger("licit")

T = TypeVar("T")

#: Refusals that say "not now" rather than "no": the same request (same request id) may succeed
#: later. ``rate_limited`` is one too, retried after its ``retry_after_ms``.
TRANSIENT_REASONS: FrozenSet[str] = frozenset(
    {"draining", "storage_unavailable", "too_many_calls_in_flight", "internal_error", "subscription_ended"}
)

#: The wait after a ``rate_limited`` refusal that gave no ``retry_after_ms``, in seconds.
_DEFAULT_RETRY_AFTER = 1.0

#: What :meth:`Client.follow_inbox` is told to stop by: an event that is set, or a callable that
#: returns True.
Stop = Union[threading.Event, Callable[[], bool]]


@dataclass(frozen=True)
class RetryPolicy:
    """How long :meth:`Client.retrying` and :meth:`Client.follow_inbox` keep trying, and how they wait.

    ``attempts`` counts every try, the first included. The wait before the second try is
    ``first_backoff`` seconds; it doubles up to ``max_backoff``, less up to a fifth at random
    (jitter). A ``rate_limited`` refusal is waited out for exactly its ``retry_after_ms`` instead.
    """

    attempts: int = 10
    first_backoff: float = 0.1
    max_backoff: float = 5.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("RetryPolicy.attempts is at least 1")
        if self.first_backoff < 0 or self.max_backoff < self.first_backoff:
            raise ValueError("RetryPolicy needs 0 <= first_backoff <= max_backoff")

    def wait_after(self, error: LicitError, backoff: float) -> Optional[float]:
        """The seconds to wait before trying the same request again after ``error`` (``backoff``
        being the current backoff), or None when trying again cannot help."""
        if isinstance(error, (IndeterminateError, UnavailableError)):
            return jittered(backoff)
        if isinstance(error, RejectedError):
            if error.reason == "rate_limited":
                # Never sooner than the exchange asked: a retry before retry_after_ms is refused again.
                return retry_after(error)
            if error.reason in TRANSIENT_REASONS:
                return jittered(backoff)
        return None

    def next_backoff(self, backoff: float) -> float:
        return min(backoff * 2, self.max_backoff)


#: The default policy: 10 tries, 100 ms doubling to 5 s.
STANDARD_POLICY = RetryPolicy()


def jittered(backoff: float) -> float:
    """``backoff`` less up to a fifth at random, so that clients do not retry in step."""
    return backoff * random.uniform(0.8, 1.0)


def retry_after(error: LicitError) -> float:
    """The seconds a ``rate_limited`` refusal asks to wait (its ``retry_after_ms`` detail)."""
    try:
        milliseconds = int(error.details.get("retry_after_ms", ""))
    except ValueError:
        return _DEFAULT_RETRY_AFTER
    return max(0, milliseconds) / 1000


def _stop_test(stop: Stop) -> Callable[[], bool]:
    if isinstance(stop, threading.Event):
        return stop.is_set
    if callable(stop):
        return stop
    raise TypeError("stop is a threading.Event or a callable returning True to stop")


def _pause(seconds: float, stop: Optional[Stop] = None) -> None:
    """Sleeps ``seconds``, or until ``stop`` is set when it is an event."""
    if isinstance(stop, threading.Event):
        stop.wait(seconds)
    else:
        time.sleep(seconds)


class _HandlerFailed(Exception):
    """What a follow_inbox handler raised, kept apart from the subscription's own errors."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


class RetryingMixin(Caller):
    if TYPE_CHECKING:  # provided by InboxMixin

        def acknowledge(
            self, through_sequence: int, *, request_id: Optional[str] = None, timeout: Optional[float] = None
        ) -> int: ...

        def inbox(
            self, *, from_cursor: bool = True, after_sequence: int = 0, timeout: Optional[float] = None
        ) -> InboxSubscription: ...

    def retrying(
        self,
        fn: Callable[[str], T],
        *,
        request_id: Optional[str] = None,
        policy: RetryPolicy = STANDARD_POLICY,
    ) -> T:
        """Runs a write until it has an outcome, as PROTOCOL.md §13 asks, and returns its result.

        ``fn`` is called with one request id (``request_id``, or a fresh one), and called again
        with that *same* id while the outcome is unknown (:class:`IndeterminateError`), the
        request did not get through (:class:`UnavailableError`, with ``not_sent`` when no
        connection was made within the call's time), or the exchange said "not now":
        ``rate_limited`` (after its ``retry_after_ms``), ``draining``, ``storage_unavailable``,
        ``too_many_calls_in_flight``, ``internal_error``. Between tries it backs off as ``policy``
        says. ``fn`` must send the same write each time (same method, same message)::

            document = client.retrying(lambda id: client.issue_import_authorization(content, request_id=id))

        Any other error is raised at once (a :class:`RejectedError` means nothing was applied), as
        is the last one once ``policy.attempts`` are spent: an :class:`IndeterminateError` then
        still carries ``request_id`` — retry it later with that id, never under a new one.
        """
        request_id = request_id or new_request_id()
        backoff = policy.first_backoff
        attempt = 1
        while True:
            try:
                return fn(request_id)
            except LicitError as error:
                wait = policy.wait_after(error, backoff) if attempt < policy.attempts else None
                if wait is None:
                    if error.request_id is None:
                        error.request_id = request_id
                    raise
                logger.debug(
                    "retrying a write with the same request id in %.3f s: %s",
                    wait,
                    error,
                    extra={"licit.request_id": request_id, "licit.attempt": attempt},
                )
                time.sleep(wait)
                backoff = policy.next_backoff(backoff)
                attempt += 1

    def follow_inbox(
        self,
        handle: Callable[[inbox_pb2.InboxEvent], None],
        *,
        stop: Stop,
        after_sequence: Optional[int] = None,
        policy: RetryPolicy = STANDARD_POLICY,
        poll_interval: float = 0.2,
    ) -> Optional[int]:
        """Follows the account's inbox until ``stop`` says so; returns the last sequence handled.

        Each event is handed to ``handle`` once, in order, then acknowledged (through
        :meth:`retrying`: a retried acknowledgement keeps its request id); an event delivered again
        (at-least-once delivery, or a resubscription) is skipped. When the exchange ends the
        subscription (``subscription_ended``, a drain, a lost connection) it subscribes again,
        after the last event handled — from the account's cursor before any — backing off between
        tries.

        ``stop`` is a :class:`threading.Event` or a callable returning True to stop; it is looked
        at between events and at least every ``poll_interval`` seconds. Start after
        ``after_sequence`` instead of the cursor to resume from your own records. Raises what
        ``handle`` raises (the event is then not acknowledged), and a refusal no retry can help.
        Run it on its own thread; the client is thread-safe, so other threads may keep writing.
        """
        stopped = _stop_test(stop)
        handled = after_sequence
        # An acknowledgement that ran out of tries: retried with its request id before going on.
        unacknowledged: Optional[Tuple[int, str]] = None
        backoff = policy.first_backoff
        while not stopped():
            try:
                if unacknowledged is not None:
                    sequence, request_id = unacknowledged
                    self._acknowledge_retrying(sequence, request_id, policy)
                    unacknowledged = None
                subscription = self.inbox(from_cursor=handled is None, after_sequence=handled or 0)
                with subscription:
                    while not stopped():
                        event = subscription.get(timeout=poll_interval)
                        if event is None:
                            if not subscription.ended:
                                continue
                            event = subscription.get(timeout=0)  # raises what ended it, if anything did
                            if event is None:
                                break
                        backoff = policy.first_backoff
                        if handled is not None and event.sequence <= handled:
                            continue  # delivered again: already handled and acknowledged
                        try:
                            handle(event)
                        except Exception as error:
                            raise _HandlerFailed(error) from error
                        handled = event.sequence
                        unacknowledged = (event.sequence, new_request_id())
                        self._acknowledge_retrying(event.sequence, unacknowledged[1], policy)
                        unacknowledged = None
                    else:
                        return handled
            except _HandlerFailed as failed:
                raise failed.error from None
            except LicitError as error:
                if stopped():
                    break
                wait = policy.wait_after(error, backoff)
                if wait is None and isinstance(error, (DeadlineExceededError, CallCancelledError)):
                    wait = jittered(backoff)  # the subscription's read was cut short: take it up again
                if wait is None:
                    raise
                logger.info("the inbox subscription ended (%s); subscribing again in %.3f s", error, wait)
                _pause(wait, stop)
                backoff = policy.next_backoff(backoff)
                continue
            # The exchange ended the subscription without an error: subscribe again, after a pause.
            _pause(jittered(backoff), stop)
            backoff = policy.next_backoff(backoff)
        return handled

    def _acknowledge_retrying(self, sequence: int, request_id: str, policy: RetryPolicy) -> None:
        self.retrying(lambda id: self.acknowledge(sequence, request_id=id), request_id=request_id, policy=policy)
