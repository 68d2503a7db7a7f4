"""An open inbox subscription, as an iterator of events."""

from __future__ import annotations

from types import TracebackType
from typing import Callable, Iterator, Optional, Type, Union

from google.protobuf.message import DecodeError

from licit._call import PendingCall
from licit.errors import ProtocolError
from licit.v1 import inbox_pb2 as inbox


class InboxSubscription(Iterator[inbox.InboxEvent]):
    """Events as they arrive: ``for event in subscription`` blocks for the next one and stops when
    the exchange ends the subscription normally; an error that ends it is raised. Close it (or
    use ``with``) to cancel it."""

    def __init__(self, acknowledge: Callable[[int], int], call: PendingCall) -> None:
        self._acknowledge = acknowledge
        self._call = call
        #: The sequence of the last event handed out: resume from it after a reconnection.
        self.last_sequence = 0

    def __iter__(self) -> "InboxSubscription":
        return self

    def __next__(self) -> inbox.InboxEvent:
        event = self.get(timeout=None)
        if event is None:
            raise StopIteration
        return event

    def get(self, timeout: Optional[float]) -> Optional[inbox.InboxEvent]:
        """The next event, or None when none arrived within ``timeout`` seconds or the exchange
        ended the subscription (see :attr:`ended`)."""
        item = self._call.next_event(timeout)
        if item is None:
            return None
        sequence, payload = item
        event = inbox.InboxEvent()
        try:
            event.ParseFromString(payload)
        except DecodeError as error:
            raise ProtocolError(f"inbox event {sequence} is not a valid InboxEvent") from error
        self.last_sequence = sequence
        return event

    @property
    def ended(self) -> bool:
        return self._call.done()

    def acknowledge(self, event: Union[inbox.InboxEvent, int]) -> int:
        """Acknowledges everything up to this event (or sequence); returns the cursor."""
        sequence = event if isinstance(event, int) else event.sequence
        return self._acknowledge(sequence)

    def close(self) -> None:
        self._call.cancel()

    def __enter__(self) -> "InboxSubscription":
        return self

    def __exit__(
        self, kind: Optional[Type[BaseException]], value: Optional[BaseException], traceback: Optional[TracebackType]
    ) -> None:
        self.close()
