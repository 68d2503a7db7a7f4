"""Frames on the wire (PROTOCOL.md §4)::

     0                   1                   2                   3
     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    +---------------------------------------------------------------+
    |              length N (unsigned 32-bit, big-endian)           |
    +---------------------------------------------------------------+
    |          N bytes: one protobuf-encoded licit.v1.Frame ...     |
    +---------------------------------------------------------------+
"""

from __future__ import annotations

from typing import List

from google.protobuf.message import DecodeError

from licit.errors import InvalidRequestError, ProtocolError
from licit.v1 import frame_pb2

DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024


def encode_frame(frame: frame_pb2.Frame, max_frame_bytes: int = DEFAULT_MAX_FRAME_BYTES) -> bytes:
    """The length prefix and the frame; refuses a frame over ``max_frame_bytes`` (not sent)."""
    body: bytes = frame.SerializeToString(deterministic=True)
    if len(body) > max_frame_bytes:
        raise InvalidRequestError(
            f"the request's frame is {len(body)} bytes, over the exchange's limit of "
            f"{max_frame_bytes} bytes; it was not sent"
        )
    return len(body).to_bytes(4, "big") + body


class FrameReader:
    """Reassembles frames from bytes as they arrive, in pieces of any size.

    A length of 0 or over ``max_frame_bytes`` is refused as soon as its 4 bytes are in,
    before any of the body is buffered.
    """

    def __init__(self, max_frame_bytes: int = DEFAULT_MAX_FRAME_BYTES) -> None:
        self.max_frame_bytes = max_frame_bytes
        self._buffer = bytearray()

    @property
    def buffered(self) -> int:
        return len(self._buffer)

    def feed(self, data: bytes) -> List[frame_pb2.Frame]:
        """Adds ``data``; returns every frame it completes. Raises ProtocolError on a bad frame."""
        self._buffer += data
        frames = []
        while len(self._buffer) >= 4:
            size = int.from_bytes(self._buffer[:4], "big")
            if size == 0:
                raise ProtocolError("the exchange sent a frame of length 0")
            if size > self.max_frame_bytes:
                raise ProtocolError(
                    f"the exchange announced a frame of {size} bytes, over this client's limit of "
                    f"{self.max_frame_bytes}"
                )
            if len(self._buffer) < 4 + size:
                break
            frame = frame_pb2.Frame()
            try:
                frame.ParseFromString(bytes(self._buffer[4 : 4 + size]))
            except DecodeError as error:
                raise ProtocolError(f"the exchange sent {size} bytes that are not a valid licit.v1.Frame") from error
            del self._buffer[: 4 + size]
            frames.append(frame)
        return frames
