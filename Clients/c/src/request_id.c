/* Request ids: the idempotency keys of writes (PROTOCOL.md §13). */
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>

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

licit_result licit_new_request_id(char request_id[LICIT_REQUEST_ID_SIZE])
{
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) {
        request_id[0] = '\0';
        return LICIT_UNAVAILABLE;
    }
    bytes[6] = (unsigned char)((bytes[6] & 0x0f) | 0x40); /* version 4 */
    bytes[8] = (unsigned char)((bytes[8] & 0x3f) | 0x80); /* RFC 4122 variant */
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
