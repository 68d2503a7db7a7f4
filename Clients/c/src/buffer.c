/* A growable byte buffer, read from the front: the connection's inbound and outbound bytes. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

size_t licit_buffer_length(const licit_buffer *buffer)
{
    return buffer->end - buffer->start;
}

const uint8_t *licit_buffer_bytes(const licit_buffer *buffer)
{
    return buffer->data + buffer->start;
}

int licit_buffer_reserve(licit_buffer *buffer, size_t extra)
{
    size_t length = licit_buffer_length(buffer);
    if (buffer->start > 0 && buffer->end + extra > buffer->capacity) {
        /* Reclaim what was consumed before growing. */
        memmove(buffer->data, buffer->data + buffer->start, length);
        buffer->start = 0;
        buffer->end = length;
    }
    if (buffer->end + extra <= buffer->capacity) return 0;
    size_t capacity = buffer->capacity ? buffer->capacity : 4096;
    while (capacity < buffer->end + extra) {
        if (capacity > SIZE_MAX / 2) return -1;
        capacity *= 2;
    }
    uint8_t *data = realloc(buffer->data, capacity);
    if (data == NULL) return -1;
    buffer->data = data;
    buffer->capacity = capacity;
    return 0;
}

int licit_buffer_append(licit_buffer *buffer, const uint8_t *bytes, size_t size)
{
    if (size == 0) return 0;
    if (licit_buffer_reserve(buffer, size) != 0) return -1;
    memcpy(buffer->data + buffer->end, bytes, size);
    buffer->end += size;
    return 0;
}

void licit_buffer_consume(licit_buffer *buffer, size_t size)
{
    buffer->start += size;
    if (buffer->start >= buffer->end) buffer->start = buffer->end = 0;
}

void licit_buffer_free(licit_buffer *buffer)
{
    free(buffer->data);
    memset(buffer, 0, sizeof *buffer);
}
