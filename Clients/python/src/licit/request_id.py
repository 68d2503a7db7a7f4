"""Request ids: the idempotency keys of writes (PROTOCOL.md §13)."""

import uuid


def new_request_id() -> str:
    """A fresh idempotency key for a write: a lowercase UUID."""
    return str(uuid.uuid4())
