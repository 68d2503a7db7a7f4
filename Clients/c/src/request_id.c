/* Request ids: the idempotency keys of writes (PROTOCOL.md §13). */
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "internal.h"

int licit_request_id_valid(const char *request_id)
{
    size_t length = strlen(request_id);
    if (length < 1 || length > 64) return 0;
    for (size_t i = 0; i < length; i++) {
        char c = request_id[i];
        int allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == ':' || c == '-';
        if (!allowed) return 0;
    }
    return 1;
}

licit_result licit_request_id_at(uint64_t unix_ms, char request_id[LICIT_REQUEST_ID_SIZE])
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes + 6, sizeof bytes - 6) != 1) {
        request_id[0] = '\0';
        return LICIT_UNAVAILABLE;
    }
    for (int i = 0; i < 6; i++) bytes[i] = (unsigned char)(unix_ms >> (40 - 8 * i));
    bytes[6] = (unsigned char)((bytes[6] & 0x0f) | 0x70); /* version 7: time-ordered */
    bytes[8] = (unsigned char)((bytes[8] & 0x3f) | 0x80); /* RFC 9562 variant */
    static const char hex[] = "0123456789abcdef";
    size_t at = 0;
    for (size_t i = 0; i < sizeof bytes; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) request_id[at++] = '-';
        request_id[at++] = hex[bytes[i] >> 4];
        request_id[at++] = hex[bytes[i] & 0x0f];
    }
    request_id[at] = '\0';
    return LICIT_OK;
}

licit_result licit_new_request_id(char request_id[LICIT_REQUEST_ID_SIZE])
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return licit_request_id_at((uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000, request_id);
}
