/*
 * Frames on the wire (PROTOCOL.md §4):
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |              length N (unsigned 32-bit, big-endian)           |
 * +---------------------------------------------------------------+
 * |          N bytes: one protobuf-encoded licit.v1.Frame ...     |
 * +---------------------------------------------------------------+
 */
#include "internal.h"

licit_result licit_frame_write(const Licit__V1__Frame *frame, uint32_t max_bytes,
                               licit_buffer *out, licit_error *error)
{
    size_t size = licit__v1__frame__get_packed_size(frame);
    if (size > max_bytes)
        return licit_fail(error, LICIT_INVALID_REQUEST,
                          "the request's frame is %zu bytes, over the exchange's limit of %u bytes; "
                          "it was not sent",
                          size, max_bytes);
    if (licit_buffer_reserve(out, size + 4) != 0)
        return licit_fail(error, LICIT_NO_MEMORY, "out of memory for a frame of %zu bytes", size);
    uint8_t *at = out->data + out->end;
    at[0] = (uint8_t)(size >> 24);
    at[1] = (uint8_t)(size >> 16);
    at[2] = (uint8_t)(size >> 8);
    at[3] = (uint8_t)size;
    size_t packed = licit__v1__frame__pack(frame, at + 4);
    if (packed != size)
        return licit_fail(error, LICIT_INVALID_REQUEST, "protobuf-c packed %zu bytes, expected %zu",
                          packed, size);
    out->end += size + 4;
    return LICIT_OK;
}

int licit_frame_read(licit_buffer *in, uint32_t max_bytes, Licit__V1__Frame **frame,
                     licit_error *error)
{
    size_t available = licit_buffer_length(in);
    if (available < 4) return 0;
    const uint8_t *bytes = licit_buffer_bytes(in);
    uint32_t size = (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 |
                    (uint32_t)bytes[2] << 8 | (uint32_t)bytes[3];
    if (size == 0) {
        licit_fail(error, LICIT_PROTOCOL_ERROR, "the exchange sent a frame of length 0");
        return -1;
    }
    if (size > max_bytes) {
        licit_fail(error, LICIT_PROTOCOL_ERROR,
                   "the exchange announced a frame of %u bytes, over this client's limit of %u",
                   size, max_bytes);
        return -1;
    }
    if (available - 4 < size) return 0;
    *frame = licit__v1__frame__unpack(NULL, size, bytes + 4);
    if (*frame == NULL) {
        licit_fail(error, LICIT_PROTOCOL_ERROR,
                   "the exchange sent %u bytes that are not a valid licit.v1.Frame", size);
        return -1;
    }
    licit_buffer_consume(in, (size_t)size + 4);
    return 1;
}
