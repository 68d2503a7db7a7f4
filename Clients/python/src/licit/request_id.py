"""Request ids: the idempotency keys of writes (PROTOCOL.md §13)."""

import os
import time
import uuid
from typing import Optional


def new_request_id(at: Optional[float] = None) -> str:
    """A fresh idempotency key for a write: a lower-case, time-ordered UUID (version 7).

    Its first 48 bits are the Unix time in milliseconds (``at``, in seconds, or now) and the
    rest random, so the exchange files each new key beside the last one rather than at a
    random place in its index of keys.
    """
    milliseconds = int((time.time() if at is None else at) * 1000)
    value = bytearray(milliseconds.to_bytes(6, "big") + os.urandom(10))
    value[6] = 0x70 | (value[6] & 0x0F)  # version 7
    value[8] = 0x80 | (value[8] & 0x3F)  # RFC 9562 variant
    return str(uuid.UUID(bytes=bytes(value)))
