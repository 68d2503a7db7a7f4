"""The golden frames of Proto/testdata (PROTOCOL.md §4.3): each decodes to what its .txtpb says and
re-encodes to exactly the same bytes; the reader reassembles them from single bytes and refuses the
malformed prefixes of §4."""

from __future__ import annotations

import pytest

from conftest import TESTDATA
from licit import FrameReader, InvalidRequestError, ProtocolError, Status, StatusCode, encode_frame
from licit.v1 import frame_pb2, session_pb2

GOLDEN = sorted(TESTDATA.glob("*.bin"))


def decode_one(data: bytes) -> frame_pb2.Frame:
    reader = FrameReader()
    frames = reader.feed(data)
    assert len(frames) == 1 and reader.buffered == 0
    return frames[0]


def test_there_are_golden_frames() -> None:
    assert len(GOLDEN) == 11, [path.name for path in GOLDEN]


@pytest.mark.parametrize("path", GOLDEN, ids=lambda path: path.stem)
def test_golden_frame_round_trips_byte_for_byte(path) -> None:
    data = path.read_bytes()
    assert encode_frame(decode_one(data)) == data


def test_golden_frames_say_what_their_text_says() -> None:
    echo = decode_one((TESTDATA / "echo_request.bin").read_bytes())
    assert echo.call_id == 7 and echo.WhichOneof("kind") == "request"
    assert echo.request.method == "licit.v1.Session/Echo" and echo.request.timeout_ms == 0
    assert session_pb2.EchoRequest.FromString(echo.request.payload).data == b"ping"

    hello = decode_one((TESTDATA / "hello_response.bin").read_bytes())
    assert hello.response.HasField("status") and hello.response.status.code == 0
    answer = session_pb2.HelloResponse.FromString(hello.response.payload)
    assert (answer.account.name, answer.account.authority) == ("fr-signer", "FR-ANSM")
    assert answer.account.role == session_pb2.SIGNER and len(answer.account.certificate_fingerprint) == 64
    assert answer.limits.max_frame_bytes == 4194304 and answer.server_name == "licitd"

    goaway = decode_one((TESTDATA / "goaway_frame_too_large.bin").read_bytes())
    status = Status.from_wire(goaway.goaway.status)
    assert goaway.call_id == 0 and goaway.goaway.last_call_id == 1
    assert (status.code, status.reason) == (StatusCode.RESOURCE_EXHAUSTED, "frame_too_large")
    assert status.details == {"announced_bytes": "5000000", "max_frame_bytes": "4194304"}

    event = decode_one((TESTDATA / "event.bin").read_bytes())
    assert (event.call_id, event.event.sequence, event.event.payload) == (9, 1024, b"\n\x03abc")

    write = decode_one((TESTDATA / "write_request.bin").read_bytes())
    assert write.request.request_id == "9f1c2b7e-5d4a-4c21-8e0f-3a6b1d2c4e5f"


def test_the_reader_reassembles_frames_from_single_bytes() -> None:
    stream = b"".join(path.read_bytes() for path in GOLDEN)
    reader = FrameReader()
    frames = [frame for byte in stream for frame in reader.feed(bytes([byte]))]
    assert [frame.SerializeToString(deterministic=True) for frame in frames] == [
        decode_one(path.read_bytes()).SerializeToString(deterministic=True) for path in GOLDEN
    ]
    assert reader.buffered == 0


def test_the_reader_refuses_malformed_frames() -> None:
    with pytest.raises(ProtocolError, match="length 0"):
        FrameReader().feed(b"\0\0\0\0")
    # Over the limit: refused on the 4 length bytes, before any of the body arrives.
    with pytest.raises(ProtocolError, match="5000000"):
        FrameReader().feed((5_000_000).to_bytes(4, "big"))
    assert FrameReader(max_frame_bytes=8).feed(b"\0\0\0\x08") == []  # N = max is allowed
    with pytest.raises(ProtocolError, match="not a valid"):
        FrameReader().feed(b"\0\0\0\x02\xff\xff")
    ping = (TESTDATA / "ping.bin").read_bytes()
    for cut in range(len(ping)):
        assert FrameReader().feed(ping[:cut]) == []


def test_the_writer_refuses_frames_over_the_limit() -> None:
    frame = frame_pb2.Frame(call_id=3)
    frame.request.method = "licit.v1.Session/Echo"
    frame.request.payload = bytes(64)
    size = len(frame.SerializeToString())
    with pytest.raises(InvalidRequestError, match="not sent"):
        encode_frame(frame, size - 1)
    assert len(encode_frame(frame, size)) == size + 4
