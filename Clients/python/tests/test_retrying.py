"""Offline: Client.retrying and Client.follow_inbox against scripted outcomes (the live check under a
faulty sandbox is test_conformance.py)."""

from __future__ import annotations

import threading
import time
from typing import Dict, List, Optional, Sequence, Tuple, Union

import pytest

from licit import (
    DeadlineExceededError,
    IndeterminateError,
    InvalidRequestError,
    LicitError,
    RejectedError,
    RetryPolicy,
    Status,
    StatusCode,
    UnavailableError,
)
from licit.retrying import RetryingMixin
from licit.v1 import inbox_pb2

FAST = RetryPolicy(attempts=10, first_backoff=0.001, max_backoff=0.004)


def refused(code: StatusCode, reason: str, **details: str) -> RejectedError:
    return RejectedError("refused", status=Status(code, reason, "", dict(details)))


class Script:
    """A write failing as scripted, then returning "done"; it remembers the request ids it was given."""

    def __init__(self, *outcomes: LicitError) -> None:
        self.outcomes = list(outcomes)
        self.ids: List[str] = []
        self.times: List[float] = []

    def __call__(self, request_id: str) -> str:
        self.ids.append(request_id)
        self.times.append(time.monotonic())
        if self.outcomes:
            raise self.outcomes.pop(0)
        return "done"


def test_the_wait_follows_the_outcome() -> None:
    policy = RetryPolicy()
    for _ in range(50):
        assert 0.08 <= policy.wait_after(IndeterminateError("?"), 0.1) <= 0.1  # type: ignore[operator]
    assert policy.wait_after(UnavailableError("no connection"), 0.4) is not None
    assert policy.wait_after(UnavailableError("no connection in time", not_sent=True), 0.1) is not None
    assert policy.wait_after(DeadlineExceededError("a read was slow"), 0.1) is None
    assert policy.wait_after(refused(StatusCode.RESOURCE_EXHAUSTED, "rate_limited", retry_after_ms="150"), 9) == 0.15
    assert policy.wait_after(refused(StatusCode.RESOURCE_EXHAUSTED, "rate_limited"), 0.1) == 1.0
    for reason in ("draining", "storage_unavailable", "too_many_calls_in_flight", "internal_error"):
        assert policy.wait_after(refused(StatusCode.UNAVAILABLE, reason), 0.1) is not None, reason
    for reason in ("duplicate_number", "request_id_reused", "certificate_expired", "a_reason_from_the_future"):
        assert policy.wait_after(refused(StatusCode.FAILED_PRECONDITION, reason), 0.1) is None, reason
    assert policy.wait_after(InvalidRequestError("too large"), 0.1) is None
    assert policy.next_backoff(4.0) == 5.0
    with pytest.raises(ValueError):
        RetryPolicy(attempts=0)


def test_a_write_is_retried_with_its_request_id_until_it_has_an_outcome() -> None:
    write = Script(
        IndeterminateError("dropped"),
        refused(StatusCode.RESOURCE_EXHAUSTED, "rate_limited", retry_after_ms="30"),
        UnavailableError("draining", not_sent=True),
        refused(StatusCode.UNAVAILABLE, "storage_unavailable"),
    )
    assert RetryingMixin().retrying(write, policy=FAST) == "done"
    assert len(write.ids) == 5 and len(set(write.ids)) == 1, write.ids
    assert write.times[2] - write.times[1] >= 0.03, "retry_after_ms was waited out"

    given = Script()
    assert RetryingMixin().retrying(given, request_id="my-write-1") == "done"
    assert given.ids == ["my-write-1"]


def test_a_refusal_is_final_and_the_tries_are_bounded() -> None:
    write = Script(refused(StatusCode.ALREADY_EXISTS, "duplicate_number"))
    with pytest.raises(RejectedError) as refusal:
        RetryingMixin().retrying(write, request_id="my-write-2", policy=FAST)
    assert refusal.value.reason == "duplicate_number" and write.ids == ["my-write-2"]

    unsettled = Script(*[IndeterminateError("dropped") for _ in range(5)])
    with pytest.raises(IndeterminateError) as error:
        RetryingMixin().retrying(unsettled, policy=RetryPolicy(attempts=3, first_backoff=0.001, max_backoff=0.001))
    assert len(unsettled.ids) == 3
    assert error.value.request_id == unsettled.ids[0], "the id to retry with later"


Step = Union[Tuple[int, str], LicitError, None]  # an event (sequence, kind), an error that ends it, or its end


class FakeSubscription:
    def __init__(self, steps: Sequence[Step]) -> None:
        self.steps = list(steps)
        self.closed = False

    def get(self, timeout: Optional[float]) -> Optional[inbox_pb2.InboxEvent]:
        if not self.steps:
            time.sleep(timeout or 0)
            return None
        step = self.steps.pop(0)
        if isinstance(step, LicitError):
            self.steps.insert(0, step)  # it stays ended
            raise step
        if step is None:
            self.steps.insert(0, None)
            return None
        return inbox_pb2.InboxEvent(sequence=step[0], kind=step[1])

    @property
    def ended(self) -> bool:
        return bool(self.steps) and (self.steps[0] is None or isinstance(self.steps[0], LicitError))

    def __enter__(self) -> "FakeSubscription":
        return self

    def __exit__(self, *exception: object) -> None:
        self.closed = True


class FakeInbox(RetryingMixin):
    """An inbox whose subscriptions follow a script, and whose acknowledgements fail as scripted."""

    def __init__(self, subscriptions: Sequence[Sequence[Step]], acknowledgements: Dict[int, List[LicitError]]) -> None:
        self.subscriptions = [FakeSubscription(steps) for steps in subscriptions]
        self.subscribed: List[Tuple[bool, int]] = []
        self.acknowledgement_failures = acknowledgements
        self.acknowledged: List[Tuple[int, str]] = []
        self.stop = threading.Event()

    def inbox(  # type: ignore[override]
        self, *, from_cursor: bool = True, after_sequence: int = 0, timeout: Optional[float] = None
    ) -> FakeSubscription:
        self.subscribed.append((from_cursor, after_sequence))
        if not self.subscriptions:
            self.stop.set()
            return FakeSubscription([])
        return self.subscriptions.pop(0)

    def acknowledge(
        self, through_sequence: int, *, request_id: Optional[str] = None, timeout: Optional[float] = None
    ) -> int:
        assert request_id
        self.acknowledged.append((through_sequence, request_id))
        failures = self.acknowledgement_failures.get(through_sequence, [])
        if failures:
            raise failures.pop(0)
        return through_sequence


def test_the_inbox_is_followed_across_ends_duplicates_and_unsettled_acknowledgements() -> None:
    ended = refused(StatusCode.UNAVAILABLE, "subscription_ended")
    inbox = FakeInbox(
        [
            [(1, "ia_received"), (2, "ia_received"), (2, "ia_received"), ended],  # 2 delivered twice
            [(2, "ia_received"), (3, "ia_received"), UnavailableError("the connection ended")],
            [None],  # ended normally
            [(4, "ia_received"), (5, "ia_received")],
        ],
        {3: [IndeterminateError("dropped"), refused(StatusCode.RESOURCE_EXHAUSTED, "rate_limited", retry_after_ms="1")]},
    )
    handled: List[int] = []

    def handle(event: inbox_pb2.InboxEvent) -> None:
        handled.append(event.sequence)
        if event.sequence == 5:
            inbox.stop.set()

    last = inbox.follow_inbox(handle, stop=inbox.stop, policy=FAST, poll_interval=0.01)
    assert handled == [1, 2, 3, 4, 5] and last == 5
    assert inbox.subscribed == [(True, 0), (False, 2), (False, 3), (False, 3)], "from the cursor, then the last handled"
    through = [sequence for sequence, _ in inbox.acknowledged]
    assert through == [1, 2, 3, 3, 3, 4, 5]
    retried = {request_id for sequence, request_id in inbox.acknowledged if sequence == 3}
    assert len(retried) == 1, "an acknowledgement is retried with its request id"
    assert len({request_id for _, request_id in inbox.acknowledged}) == 5


def test_an_acknowledgement_that_runs_out_of_tries_is_retried_with_its_id_after_resubscribing() -> None:
    stop = threading.Event()
    policy = RetryPolicy(attempts=2, first_backoff=0.001, max_backoff=0.001)
    inbox = FakeInbox(
        [[(7, "ia_received")], [(7, "ia_received"), (8, "ia_received")]],
        {7: [IndeterminateError("dropped"), IndeterminateError("dropped again")]},
    )
    handled: List[int] = []

    def handle(event: inbox_pb2.InboxEvent) -> None:
        handled.append(event.sequence)
        if event.sequence == 8:
            stop.set()

    inbox.follow_inbox(handle, stop=stop, policy=policy, poll_interval=0.01)
    assert handled == [7, 8]
    sevens = [request_id for sequence, request_id in inbox.acknowledged if sequence == 7]
    assert len(sevens) == 3 and len(set(sevens)) == 1, sevens
    assert inbox.subscribed == [(True, 0), (False, 7)]


def test_a_handler_error_and_a_final_refusal_end_following() -> None:
    inbox = FakeInbox([[(1, "ia_received")]], {})

    def broken(event: inbox_pb2.InboxEvent) -> None:
        raise RejectedError("the handler's own call failed", status=Status(StatusCode.UNAVAILABLE, "draining"))

    with pytest.raises(RejectedError, match="handler's own"):
        inbox.follow_inbox(broken, stop=inbox.stop, policy=FAST, poll_interval=0.01)
    assert inbox.acknowledged == [], "an event whose handling failed is not acknowledged"

    denied = FakeInbox([[refused(StatusCode.PERMISSION_DENIED, "role_not_permitted")]], {})
    with pytest.raises(RejectedError, match="refused"):
        denied.follow_inbox(lambda event: None, stop=lambda: False, policy=FAST, poll_interval=0.01)


def test_stop_is_an_event_or_a_callable() -> None:
    inbox = FakeInbox([[]], {})
    looks = iter(range(4))

    def stop() -> bool:
        return next(looks, None) is None  # True from the fifth look on

    assert inbox.follow_inbox(lambda event: None, stop=stop, poll_interval=0.01) is None
    with pytest.raises(TypeError):
        inbox.follow_inbox(lambda event: None, stop=42)  # type: ignore[arg-type]
