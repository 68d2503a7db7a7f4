/* Offline: checking a webhook delivery's Licit-Signature header (PROTOCOL.md §15.10). */
#include <limits.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define SHA256_BYTES 32
/* 18 digits always fit an int64_t; seconds since 1970 have 10 until the year 2286. */
#define TIMESTAMP_MAX_DIGITS 18

const char *licit_webhook_result_name(licit_webhook_result result)
{
    switch (result) {
    case LICIT_WEBHOOK_VALID: return "valid";
    case LICIT_WEBHOOK_MALFORMED: return "malformed";
    case LICIT_WEBHOOK_MISMATCH: return "mismatch";
    case LICIT_WEBHOOK_STALE: return "stale";
    case LICIT_WEBHOOK_INVALID_ARGUMENT: return "invalid_argument";
    case LICIT_WEBHOOK_FAILED: return "failed";
    }
    return "unknown";
}

static int blank(char c)
{
    return c == ' ' || c == '\t';
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* 1 when `text` is exactly 64 hex digits (either case), decoded into `out` when it is not NULL. */
static int sha256_hex(const char *text, size_t size, uint8_t out[SHA256_BYTES])
{
    if (size != 2 * SHA256_BYTES) return 0;
    for (size_t i = 0; i < SHA256_BYTES; i++) {
        int high = hex_digit(text[2 * i]), low = hex_digit(text[2 * i + 1]);
        if (high < 0 || low < 0) return 0;
        if (out != NULL) out[i] = (uint8_t)(high << 4 | low);
    }
    return 1;
}

typedef struct signature_fields {
    const char *timestamp; /* the digits of t, as the header has them (they are what was signed) */
    size_t timestamp_size;
    int64_t seconds;
    size_t signatures; /* how many v1 */
} signature_fields;

/*
 * Walks the header's comma-separated `key=value` fields (blanks around each allowed). Without
 * `mac`, checks them and fills `fields`: one t of 1 to 18 ASCII digits, v1 of 64 hex digits, other
 * keys ignored. With `mac`, sets *matched when any v1 is `mac`, comparing every one in constant
 * time. 0 when the header is malformed.
 */
static int walk_fields(const char *header, signature_fields *fields, const uint8_t *mac, int *matched)
{
    const char *part = header;
    for (;;) {
        const char *end = part;
        while (*end != '\0' && *end != ',') end++;
        const char *first = part, *last = end;
        while (first < last && blank(*first)) first++;
        while (last > first && blank(last[-1])) last--;
        const char *equals = memchr(first, '=', (size_t)(last - first));
        if (equals == NULL) return 0;
        size_t key_size = (size_t)(equals - first), value_size = (size_t)(last - equals - 1);
        const char *value = equals + 1;
        if (key_size == 1 && first[0] == 't' && mac == NULL) {
            if (fields->timestamp != NULL || value_size == 0 || value_size > TIMESTAMP_MAX_DIGITS) return 0;
            int64_t seconds = 0;
            for (size_t i = 0; i < value_size; i++) {
                if (value[i] < '0' || value[i] > '9') return 0;
                seconds = seconds * 10 + (value[i] - '0');
            }
            fields->timestamp = value;
            fields->timestamp_size = value_size;
            fields->seconds = seconds;
        } else if (key_size == 2 && first[0] == 'v' && first[1] == '1') {
            uint8_t given[SHA256_BYTES];
            if (!sha256_hex(value, value_size, mac ? given : NULL)) return 0;
            if (mac == NULL)
                fields->signatures++;
            else
                *matched |= CRYPTO_memcmp(given, mac, SHA256_BYTES) == 0;
        }
        if (*end == '\0') return 1;
        part = end + 1;
    }
}

licit_webhook_result licit_verify_webhook_signature(const char *secret, const char *signature_header,
                                                    const uint8_t *body, size_t body_len, int64_t now_seconds,
                                                    int64_t tolerance_seconds)
{
    if (secret == NULL || secret[0] == '\0' || strlen(secret) > INT_MAX || (body == NULL && body_len > 0) ||
        tolerance_seconds < 0)
        return LICIT_WEBHOOK_INVALID_ARGUMENT;
    if (signature_header == NULL || signature_header[0] == '\0') return LICIT_WEBHOOK_MALFORMED;
    signature_fields fields = {0};
    if (!walk_fields(signature_header, &fields, NULL, NULL) || fields.timestamp == NULL || fields.signatures == 0)
        return LICIT_WEBHOOK_MALFORMED;

    /* HMAC-SHA256 under the secret's bytes of "<t>.<body>". */
    if (body_len > SIZE_MAX - TIMESTAMP_MAX_DIGITS - 1) return LICIT_WEBHOOK_INVALID_ARGUMENT;
    size_t signed_size = fields.timestamp_size + 1 + body_len;
    uint8_t *signed_bytes = malloc(signed_size);
    if (signed_bytes == NULL) return LICIT_WEBHOOK_FAILED;
    memcpy(signed_bytes, fields.timestamp, fields.timestamp_size);
    signed_bytes[fields.timestamp_size] = '.';
    if (body_len > 0) memcpy(signed_bytes + fields.timestamp_size + 1, body, body_len);
    uint8_t mac[EVP_MAX_MD_SIZE];
    unsigned int mac_size = 0;
    const unsigned char *made = HMAC(EVP_sha256(), secret, (int)strlen(secret), signed_bytes, signed_size, mac,
                                     &mac_size);
    free(signed_bytes);
    if (made == NULL || mac_size != SHA256_BYTES) {
        ERR_clear_error();
        return LICIT_WEBHOOK_FAILED;
    }

    int matched = 0;
    walk_fields(signature_header, &fields, mac, &matched);
    if (!matched) return LICIT_WEBHOOK_MISMATCH;
    /* |now - t| without overflow, whatever now_seconds is. */
    uint64_t distance = now_seconds >= fields.seconds ? (uint64_t)now_seconds - (uint64_t)fields.seconds
                                                      : (uint64_t)fields.seconds - (uint64_t)now_seconds;
    return distance > (uint64_t)tolerance_seconds ? LICIT_WEBHOOK_STALE : LICIT_WEBHOOK_VALID;
}
