/* Offline behaviour: seals, webhook signatures, request ids, reasons, status names, the
 * configuration's checks, and the waits and tries of retried writes. */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "internal.h"

/* Seals a document the way the exchange does (PROTOCOL.md §14.1), with a fresh key. */
static void seal_with_new_key(const uint8_t *content, size_t size, uint8_t seal[64], uint8_t public_key[32])
{
    EVP_PKEY *key = NULL;
    EVP_PKEY_CTX *maker = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, NULL);
    CHECK(maker && EVP_PKEY_keygen_init(maker) == 1 && EVP_PKEY_keygen(maker, &key) == 1, "keygen");
    EVP_PKEY_CTX_free(maker);
    uint8_t message[256];
    memcpy(message, "licit.seal.v1", 13);
    message[13] = 0;
    memcpy(message + 14, content, size);
    size_t seal_size = 64, key_size = 32;
    EVP_MD_CTX *signer = EVP_MD_CTX_new();
    CHECK(EVP_DigestSignInit(signer, NULL, NULL, NULL, key) == 1 &&
              EVP_DigestSign(signer, seal, &seal_size, message, 14 + size) == 1,
          "sign");
    CHECK(EVP_PKEY_get_raw_public_key(key, public_key, &key_size) == 1 && key_size == 32, "public key");
    EVP_MD_CTX_free(signer);
    EVP_PKEY_free(key);
}

static void a_seal_verifies_over_exactly_its_content(void)
{
    const uint8_t content[] = "\x0a\x0a" "FR-IA-0001";
    uint8_t seal[64], public_key[32];
    seal_with_new_key(content, sizeof content - 1, seal, public_key);
    CHECK(licit_seal_verify(content, sizeof content - 1, seal, 64, public_key) == 1, "genuine seal");
    CHECK(licit_seal_verify(content, sizeof content - 2, seal, 64, public_key) == 0, "a byte less");
    uint8_t forged[64];
    memcpy(forged, seal, 64);
    forged[10] ^= 1;
    CHECK(licit_seal_verify(content, sizeof content - 1, forged, 64, public_key) == 0, "altered seal");
    CHECK(licit_seal_verify(content, sizeof content - 1, seal, 63, public_key) == 0, "short seal");
    CHECK(licit_seal_verify(content, sizeof content - 1, NULL, 0, public_key) == 0, "no seal (a draft)");
    uint8_t other_key[32], other_seal[64];
    seal_with_new_key(content, sizeof content - 1, other_seal, other_key);
    CHECK(licit_seal_verify(content, sizeof content - 1, seal, 64, other_key) == 0, "another key");
}

/* A webhook delivery (PROTOCOL.md §15.10), and its signature computed apart from the library with
 * `openssl dgst -sha256 -hmac SECRET` over "1767225600." and the body; the Python client's
 * tests/test_webhook.py checks the same vector. */
#define HOOK_SECRET "whsec-test-0123456789abcdef"
#define HOOK_T 1767225600 /* 2026-01-01T00:00:00Z */
#define HOOK_V1 "d1928f1d0dee01900aa6191fdae29616439176ad7a47718db61907339736eda1"
#define HOOK_HEADER "t=1767225600,v1=" HOOK_V1
static const char hook_body[] =
    "{\"target\":\"FR-ANSM-1\",\"inbox\":\"FR-ANSM\",\"events\":[{\"sequence\":42,\"kind\":\"notification_registered\","
    "\"at\":\"2026-01-01T00:00:00.000Z\",\"at_ms\":1767225600000,\"subject\":\"notification/FR-ANSM-1\","
    "\"status\":\"active\",\"summary\":\"fr-admin a enregistré https://récepteur.example.org/licit\"}]}";
#define HOOK_BODY ((const uint8_t *)hook_body)
#define HOOK_BODY_LEN (sizeof hook_body - 1)

static licit_webhook_result check_hook(const char *header, int64_t now)
{
    return licit_verify_webhook_signature(HOOK_SECRET, header, HOOK_BODY, HOOK_BODY_LEN, now, 300);
}

/* The header as the exchange makes it, with OpenSSL's HMAC directly. */
static void sign_hook(const char *secret, int64_t t, const uint8_t *body, size_t size, char header[128])
{
    uint8_t message[512], mac[32];
    unsigned int mac_size = 0;
    int prefix = snprintf((char *)message, sizeof message, "%lld.", (long long)t);
    header[0] = '\0';
    CHECK(prefix > 0 && (size_t)prefix + size <= sizeof message, "room for the message");
    if (prefix <= 0 || (size_t)prefix + size > sizeof message) return;
    if (size > 0) memcpy(message + prefix, body, size);
    CHECK(HMAC(EVP_sha256(), secret, (int)strlen(secret), message, (size_t)prefix + size, mac, &mac_size) != NULL &&
              mac_size == 32,
          "HMAC");
    int used = snprintf(header, 128, "t=%lld,v1=", (long long)t);
    for (int i = 0; i < 32; i++) used += snprintf(header + used, 128 - (size_t)used, "%02x", mac[i]);
}

static void a_webhook_signature_verifies_over_exactly_its_body(void)
{
    char made[128];
    sign_hook(HOOK_SECRET, HOOK_T, HOOK_BODY, HOOK_BODY_LEN, made);
    CHECK(strcmp(made, HOOK_HEADER) == 0, "the known vector: %s", made);
    licit_webhook_result known = check_hook(HOOK_HEADER, HOOK_T);
    CHECK(known == LICIT_WEBHOOK_VALID, "the known vector verifies: %s", licit_webhook_result_name(known));
    CHECK(check_hook("t=1767225600,v1=D1928F1D0DEE01900AA6191FDAE29616439176AD7A47718DB61907339736EDA1", HOOK_T) ==
              LICIT_WEBHOOK_VALID,
          "hex in either case");
    CHECK(check_hook(" t=1767225600 ,\tv1=" HOOK_V1 " ", HOOK_T) == LICIT_WEBHOOK_VALID, "blanks around fields");
    CHECK(check_hook("v1=" HOOK_V1 ",t=1767225600", HOOK_T) == LICIT_WEBHOOK_VALID, "fields in any order");
    CHECK(check_hook("t=1767225600,v0=abc,v1=" HOOK_V1, HOOK_T) == LICIT_WEBHOOK_VALID, "unknown fields ignored");
    CHECK(check_hook("t=1767225600,v1=0000000000000000000000000000000000000000000000000000000000000000,v1=" HOOK_V1,
                     HOOK_T) == LICIT_WEBHOOK_VALID,
          "any v1 may match");

    /* On this machine's clock; an empty body is signed too (and may be NULL). */
    int64_t now = (int64_t)time(NULL);
    sign_hook(HOOK_SECRET, now, (const uint8_t *)"", 0, made);
    CHECK(licit_verify_webhook_signature(HOOK_SECRET, made, NULL, 0, now, 300) == LICIT_WEBHOOK_VALID, "empty body");
    sign_hook(HOOK_SECRET, now, HOOK_BODY, HOOK_BODY_LEN, made);
    CHECK(check_hook(made, now) == LICIT_WEBHOOK_VALID, "fresh");

    /* A tampered body, t or signature. */
    uint8_t tampered[sizeof hook_body];
    memcpy(tampered, hook_body, sizeof hook_body);
    char *sequence = strstr((char *)tampered, "\"sequence\":42");
    CHECK(sequence != NULL, "the body has a sequence");
    if (sequence) sequence[12] = '3';
    CHECK(licit_verify_webhook_signature(HOOK_SECRET, HOOK_HEADER, tampered, HOOK_BODY_LEN, HOOK_T, 300) ==
              LICIT_WEBHOOK_MISMATCH,
          "another sequence");
    CHECK(licit_verify_webhook_signature(HOOK_SECRET, HOOK_HEADER, HOOK_BODY, HOOK_BODY_LEN - 1, HOOK_T, 300) ==
              LICIT_WEBHOOK_MISMATCH,
          "a byte less");
    CHECK(licit_verify_webhook_signature(HOOK_SECRET, HOOK_HEADER, NULL, 0, HOOK_T, 300) == LICIT_WEBHOOK_MISMATCH,
          "no body");
    CHECK(check_hook("t=1767225601,v1=" HOOK_V1, HOOK_T) == LICIT_WEBHOOK_MISMATCH, "another t");
    CHECK(check_hook("t=1767225600,v1=d1928f1d0dee01900aa6191fdae29616439176ad7a47718db61907339736eda0", HOOK_T) ==
              LICIT_WEBHOOK_MISMATCH,
          "another signature");

    /* Another secret. */
    CHECK(licit_verify_webhook_signature(HOOK_SECRET "x", HOOK_HEADER, HOOK_BODY, HOOK_BODY_LEN, HOOK_T, 300) ==
              LICIT_WEBHOOK_MISMATCH,
          "a longer secret");
    CHECK(licit_verify_webhook_signature("another-secret-of-16+", HOOK_HEADER, HOOK_BODY, HOOK_BODY_LEN, HOOK_T,
                                         300) == LICIT_WEBHOOK_MISMATCH,
          "another secret");
    sign_hook("another-secret-of-16+", HOOK_T, HOOK_BODY, HOOK_BODY_LEN, made);
    CHECK(check_hook(made, HOOK_T) == LICIT_WEBHOOK_MISMATCH, "signed with another secret");
}

static void a_webhook_signature_must_be_recent(void)
{
    CHECK(check_hook(HOOK_HEADER, HOOK_T + 300) == LICIT_WEBHOOK_VALID, "300 s old");
    CHECK(check_hook(HOOK_HEADER, HOOK_T + 301) == LICIT_WEBHOOK_STALE, "301 s old");
    CHECK(check_hook(HOOK_HEADER, HOOK_T - 300) == LICIT_WEBHOOK_VALID, "300 s ahead");
    CHECK(check_hook(HOOK_HEADER, HOOK_T - 301) == LICIT_WEBHOOK_STALE, "301 s ahead");
    CHECK(check_hook(HOOK_HEADER, (int64_t)time(NULL)) == LICIT_WEBHOOK_STALE, "signed on 2026-01-01, checked now");
    CHECK(licit_verify_webhook_signature(HOOK_SECRET, HOOK_HEADER, HOOK_BODY, HOOK_BODY_LEN, HOOK_T, 0) ==
              LICIT_WEBHOOK_VALID,
          "no tolerance, the same second");
    CHECK(licit_verify_webhook_signature(HOOK_SECRET, HOOK_HEADER, HOOK_BODY, HOOK_BODY_LEN, HOOK_T + 1, 0) ==
              LICIT_WEBHOOK_STALE,
          "no tolerance, a second later");
    CHECK(licit_verify_webhook_signature(HOOK_SECRET, HOOK_HEADER, HOOK_BODY, HOOK_BODY_LEN, HOOK_T + 3600, 3600) ==
              LICIT_WEBHOOK_VALID,
          "an hour's tolerance");
    CHECK(check_hook(HOOK_HEADER, INT64_MIN) == LICIT_WEBHOOK_STALE, "the earliest now, without overflow");
    CHECK(check_hook(HOOK_HEADER, INT64_MAX) == LICIT_WEBHOOK_STALE, "the latest now");
    CHECK(licit_verify_webhook_signature(HOOK_SECRET, HOOK_HEADER, HOOK_BODY, HOOK_BODY_LEN, 0, INT64_MAX) ==
              LICIT_WEBHOOK_VALID,
          "the largest tolerance");
    CHECK(licit_verify_webhook_signature(HOOK_SECRET, HOOK_HEADER, HOOK_BODY, HOOK_BODY_LEN, INT64_MIN, INT64_MAX) ==
              LICIT_WEBHOOK_STALE,
          "2^63 + t seconds away is past even that");
    CHECK(check_hook("t=1767225601,v1=" HOOK_V1, HOOK_T + 3600) == LICIT_WEBHOOK_MISMATCH,
          "the signature is checked before the time");
    CHECK(strcmp(licit_webhook_result_name(LICIT_WEBHOOK_STALE), "stale") == 0, "name");
}

static void a_malformed_webhook_signature_is_refused(void)
{
    const char *malformed[] = {
        "",
        HOOK_V1,
        "v1=" HOOK_V1,  /* no t */
        "t=1767225600", /* no v1 */
        "t=1767225600,v1=",
        "t=1767225600,v1=d1928f1d0dee01900aa6191fdae29616439176ad7a47718db61907339736ed",   /* short */
        HOOK_HEADER "00",                                                                   /* long */
        "t=1767225600,v1=d1928f1d0dee01900aa6191fdae29616439176ad7a47718db61907339736edag", /* not hex */
        "t=1767225600,v1=d1928f1d0dee01900aa6191fdae2961 439176ad7a47718db61907339736eda1", /* a space */
        "t=1767225600,v1=d1928f1d0dee01900aa6191fdae29616439176ad7a47718db61907339736edé",  /* non-ASCII */
        "t=,v1=" HOOK_V1,
        "t=-1767225600,v1=" HOOK_V1,
        "t=+1767225600,v1=" HOOK_V1,
        "t=1767225600.0,v1=" HOOK_V1,
        "t=9999999999999999999,v1=" HOOK_V1, /* 19 digits */
        "t=1767225600,t=1767225600,v1=" HOOK_V1,
        "t=1767225600;v1=" HOOK_V1,
        "t=1767225600,,v1=" HOOK_V1,
        HOOK_HEADER ",",
        "T=1767225600,V1=" HOOK_V1, /* the names are lowercase */
    };
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
        licit_webhook_result result = check_hook(malformed[i], HOOK_T);
        CHECK(result == LICIT_WEBHOOK_MALFORMED, "[%zu] \"%s\": %s", i, malformed[i], licit_webhook_result_name(result));
    }
    CHECK(check_hook(NULL, HOOK_T) == LICIT_WEBHOOK_MALFORMED, "no header");

    CHECK(licit_verify_webhook_signature(NULL, HOOK_HEADER, HOOK_BODY, HOOK_BODY_LEN, HOOK_T, 300) ==
              LICIT_WEBHOOK_INVALID_ARGUMENT,
          "no secret");
    CHECK(licit_verify_webhook_signature("", HOOK_HEADER, HOOK_BODY, HOOK_BODY_LEN, HOOK_T, 300) ==
              LICIT_WEBHOOK_INVALID_ARGUMENT,
          "an empty secret: anyone could sign with it");
    CHECK(licit_verify_webhook_signature(HOOK_SECRET, HOOK_HEADER, NULL, 5, HOOK_T, 300) ==
              LICIT_WEBHOOK_INVALID_ARGUMENT,
          "a length without a body");
    CHECK(licit_verify_webhook_signature(HOOK_SECRET, HOOK_HEADER, HOOK_BODY, HOOK_BODY_LEN, HOOK_T, -1) ==
              LICIT_WEBHOOK_INVALID_ARGUMENT,
          "a negative tolerance");
}

static void request_ids_follow_the_protocol(void)
{
    char id[LICIT_REQUEST_ID_SIZE], other[LICIT_REQUEST_ID_SIZE];
    CHECK(licit_new_request_id(id) == LICIT_OK && licit_new_request_id(other) == LICIT_OK, "made");
    CHECK(strlen(id) == 36 && id[14] == '7' && strchr("89ab", id[19]) != NULL, "a version-7 UUID: %s", id);
    CHECK(strcmp(id, other) != 0, "fresh each time");
    char at[LICIT_REQUEST_ID_SIZE], later[LICIT_REQUEST_ID_SIZE];
    CHECK(licit_request_id_at(1796601600123u, at) == LICIT_OK, "made at a time");
    CHECK(strncmp(at, "01a24dcc-d87b-7", 15) == 0, "the time's milliseconds first: %s", at);
    for (uint64_t ms = 1700000000000u; ms < 1700000000600u; ms += 3) {
        CHECK(licit_request_id_at(ms, at) == LICIT_OK && licit_request_id_at(ms + 3, later) == LICIT_OK, "made");
        CHECK(strcmp(at, later) < 0, "later sorts after: %s then %s", at, later);
    }
    CHECK(licit_request_id_valid(id), "valid");
    CHECK(licit_request_id_valid("a.b_c:d-E9"), "every allowed character");
    CHECK(!licit_request_id_valid(""), "empty");
    CHECK(!licit_request_id_valid("with space"), "space");
    CHECK(!licit_request_id_valid("é"), "non-ASCII");
    char longest[66];
    memset(longest, 'a', 65);
    longest[65] = '\0';
    CHECK(!licit_request_id_valid(longest), "65 characters");
    longest[64] = '\0';
    CHECK(licit_request_id_valid(longest), "64 characters");
}

static void reasons_and_codes_have_names(void)
{
    CHECK(licit_reason_from_text("over_estimate") == LICIT_REASON_OVER_ESTIMATE, "known");
    CHECK(licit_reason_from_text("a_reason_from_the_future") == LICIT_REASON_OTHER, "unknown reads as OTHER");
    CHECK(licit_reason_from_text("") == LICIT_REASON_NONE, "none");
    CHECK(strcmp(licit_reason_text(LICIT_REASON_REQUEST_ID_REUSED), "request_id_reused") == 0, "text");
    CHECK(licit_reason_retry_same_id(LICIT_REASON_STORAGE_UNAVAILABLE) == 1, "retry helps");
    CHECK(licit_reason_retry_same_id(LICIT_REASON_OVER_ESTIMATE) == 0, "retry does not help");
    CHECK(licit_reason_from_text("amendment_below_exported") == LICIT_REASON_AMENDMENT_BELOW_EXPORTED, "every reason");
    CHECK(strcmp(licit_status_code_name(LICIT_STATUS_FAILED_PRECONDITION), "FAILED_PRECONDITION") == 0, "name");
    CHECK(strcmp(licit_status_code_name((licit_status_code)99), "UNKNOWN") == 0, "an unknown number is UNKNOWN");
    CHECK(strcmp(licit_result_name(LICIT_INDETERMINATE), "indeterminate") == 0, "result name");
}

static void a_missing_configuration_is_explained(void)
{
    licit_config config;
    licit_config_init(&config);
    licit_client *client = (licit_client *)&config; /* must be reset to NULL */
    licit_error error;
    CHECK(licit_connect(&config, &client, &error) == LICIT_INVALID_REQUEST && client == NULL, "no host");
    CHECK(strstr(error.message, "host") != NULL, "%s", error.message);
    config.host = "127.0.0.1";
    config.port = 1;
    config.ca_file = config.certificate_file = config.private_key_file = "/nonexistent/cert.pem";
    CHECK(licit_connect(&config, &client, &error) == LICIT_INVALID_REQUEST, "unreadable certificate");
    CHECK(strstr(error.message, "/nonexistent/cert.pem") != NULL, "%s", error.message);
}

static void other_endpoints_are_checked_before_connecting(void)
{
    licit_config config;
    licit_config_init(&config);
    CHECK(config.other_endpoints == NULL && config.other_endpoint_count == 0, "none by default");
    config.host = "127.0.0.1";
    config.port = 1;
    config.ca_file = config.certificate_file = config.private_key_file = "/nonexistent/cert.pem";
    licit_client *client = NULL;
    licit_error error;
    config.other_endpoint_count = 1;
    CHECK(licit_connect(&config, &client, &error) == LICIT_INVALID_REQUEST && client == NULL, "a count, no array");
    CHECK(strstr(error.message, "other_endpoints") != NULL, "%s", error.message);
    licit_endpoint endpoints[] = {{"127.0.0.2", 7443}, {"", 7443}, {"127.0.0.3", 0}};
    config.other_endpoints = endpoints;
    config.other_endpoint_count = 2;
    CHECK(licit_connect(&config, &client, &error) == LICIT_INVALID_REQUEST, "no host");
    CHECK(strstr(error.message, "other_endpoints[1]") != NULL, "%s", error.message);
    config.other_endpoints = endpoints + 2;
    config.other_endpoint_count = 1;
    CHECK(licit_connect(&config, &client, &error) == LICIT_INVALID_REQUEST, "no port");
    CHECK(strstr(error.message, "other_endpoints[0]") != NULL, "%s", error.message);
    config.other_endpoints = endpoints;
    CHECK(licit_connect(&config, &client, &error) == LICIT_INVALID_REQUEST, "valid: on to the certificate");
    CHECK(strstr(error.message, "/nonexistent/cert.pem") != NULL, "%s", error.message);
}

static licit_error failure(licit_result result, licit_reason reason, const char *retry_after_ms)
{
    licit_error error;
    memset(&error, 0, sizeof error);
    error.result = result;
    error.reason = reason;
    snprintf(error.reason_text, sizeof error.reason_text, "%s", licit_reason_text(reason));
    if (retry_after_ms != NULL) {
        snprintf(error.details[0].key, sizeof error.details[0].key, "retry_after_ms");
        snprintf(error.details[0].value, sizeof error.details[0].value, "%s", retry_after_ms);
        error.detail_count = 1;
    }
    return error;
}

static void retry_waits_follow_the_protocol(void)
{
    licit_retry_policy policy;
    licit_retry_policy_init(&policy);
    CHECK(policy.attempts == 10 && policy.first_backoff_ms == 100 && policy.max_backoff_ms == 5000, "defaults");
    licit_error unknown = failure(LICIT_INDETERMINATE, LICIT_REASON_NONE, NULL);
    for (int i = 0; i < 50; i++) {
        int64_t first = licit_retry_wait_ms(&unknown, 1, &policy), third = licit_retry_wait_ms(&unknown, 3, NULL);
        CHECK(first >= 80 && first <= 100, "100 ms less up to a fifth: %lld", (long long)first);
        CHECK(third >= 320 && third <= 400, "doubled twice: %lld", (long long)third);
        int64_t late = licit_retry_wait_ms(&unknown, 9, &policy);
        CHECK(late >= 4000 && late <= 5000, "at most max_backoff_ms: %lld", (long long)late);
    }
    CHECK(licit_retry_wait_ms(&unknown, 10, &policy) == -1, "the tries are spent");
    licit_error lost = failure(LICIT_UNAVAILABLE, LICIT_REASON_NONE, NULL);
    CHECK(licit_retry_wait_ms(&lost, 1, &policy) >= 80, "unavailable: retried");
    licit_error slow_read = failure(LICIT_DEADLINE_EXCEEDED, LICIT_REASON_NONE, NULL);
    CHECK(licit_retry_wait_ms(&slow_read, 1, &policy) == -1, "a read's deadline: not a write's to retry");
    licit_error limited = failure(LICIT_REJECTED, LICIT_REASON_RATE_LIMITED, "150");
    CHECK(licit_retry_wait_ms(&limited, 1, &policy) == 150, "rate_limited: exactly retry_after_ms");
    CHECK(licit_retry_wait_ms(&limited, 7, &policy) == 150, "whatever the backoff");
    limited = failure(LICIT_REJECTED, LICIT_REASON_RATE_LIMITED, NULL);
    CHECK(licit_retry_wait_ms(&limited, 1, &policy) == 1000, "rate_limited without retry_after_ms: 1 s");
    limited = failure(LICIT_REJECTED, LICIT_REASON_RATE_LIMITED, "soon");
    CHECK(licit_retry_wait_ms(&limited, 1, &policy) == 1000, "an unreadable retry_after_ms: 1 s");
    const licit_reason not_now[] = {LICIT_REASON_DRAINING, LICIT_REASON_STORAGE_UNAVAILABLE,
                                    LICIT_REASON_TOO_MANY_CALLS_IN_FLIGHT, LICIT_REASON_INTERNAL_ERROR,
                                    LICIT_REASON_SUBSCRIPTION_ENDED};
    for (size_t i = 0; i < sizeof not_now / sizeof not_now[0]; i++) {
        licit_error refusal = failure(LICIT_REJECTED, not_now[i], NULL);
        CHECK(licit_retry_wait_ms(&refusal, 1, &policy) >= 80, "%s: retried", licit_reason_text(not_now[i]));
    }
    const licit_reason no[] = {LICIT_REASON_DUPLICATE_NUMBER, LICIT_REASON_REQUEST_ID_REUSED,
                               LICIT_REASON_CERTIFICATE_EXPIRED, LICIT_REASON_OTHER, LICIT_REASON_NONE};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        licit_error refusal = failure(LICIT_REJECTED, no[i], NULL);
        CHECK(licit_retry_wait_ms(&refusal, 1, &policy) == -1, "%s: final", licit_reason_text(no[i]));
    }
    const licit_result final[] = {LICIT_OK, LICIT_DEADLINE_EXCEEDED, LICIT_CANCELLED, LICIT_INVALID_REQUEST,
                                  LICIT_PROTOCOL_ERROR, LICIT_NO_MEMORY};
    for (size_t i = 0; i < sizeof final / sizeof final[0]; i++) {
        licit_error other = failure(final[i], LICIT_REASON_NONE, NULL);
        CHECK(licit_retry_wait_ms(&other, 1, &policy) == -1, "%s: not retried", licit_result_name(final[i]));
    }
    CHECK(licit_retry_wait_ms(NULL, 1, &policy) == -1, "no error");
}

/* A write that fails as scripted, remembering the request ids it was given. */
typedef struct scripted {
    const licit_error *outcomes;
    size_t count, calls;
    char ids[8][LICIT_REQUEST_ID_SIZE];
} scripted;

static licit_result scripted_write(licit_client *client, const char *request_id, void *context, licit_error *error)
{
    (void)client;
    scripted *script = context;
    if (script->calls < 8) snprintf(script->ids[script->calls], LICIT_REQUEST_ID_SIZE, "%s", request_id);
    const licit_error *outcome = script->calls < script->count ? &script->outcomes[script->calls] : NULL;
    script->calls++;
    if (outcome == NULL || outcome->result == LICIT_OK) return LICIT_OK;
    *error = *outcome;
    return outcome->result;
}

static uint64_t monotonic_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000u + (uint64_t)now.tv_nsec / 1000000u;
}

static void a_write_is_retried_with_its_request_id(void)
{
    licit_client offline; /* never connected: the waits only sleep */
    memset(&offline, 0, sizeof offline);
    licit_retry_policy policy;
    licit_retry_policy_init(&policy);
    policy.first_backoff_ms = 1;
    licit_error error;

    licit_error bumpy[] = {failure(LICIT_INDETERMINATE, LICIT_REASON_NONE, NULL),
                           failure(LICIT_REJECTED, LICIT_REASON_RATE_LIMITED, "30"),
                           failure(LICIT_UNAVAILABLE, LICIT_REASON_NONE, NULL),
                           failure(LICIT_REJECTED, LICIT_REASON_DRAINING, NULL), failure(LICIT_OK, 0, NULL)};
    scripted script = {bumpy, 5, 0, {{0}}};
    uint64_t started = monotonic_ms();
    CHECK(licit_write_retrying(&offline, NULL, &policy, scripted_write, &script, &error) == LICIT_OK, "%s",
          error.message);
    CHECK(monotonic_ms() - started >= 30, "retry_after_ms was waited out");
    CHECK(script.calls == 5, "five tries: %zu", script.calls);
    CHECK(licit_request_id_valid(script.ids[0]), "a fresh id: %s", script.ids[0]);
    for (size_t i = 1; i < 5; i++) CHECK(strcmp(script.ids[i], script.ids[0]) == 0, "the same id: %s", script.ids[i]);

    licit_error refused[] = {failure(LICIT_REJECTED, LICIT_REASON_DUPLICATE_NUMBER, NULL)};
    script = (scripted){refused, 1, 0, {{0}}};
    CHECK(licit_write_retrying(&offline, "my-write-1", &policy, scripted_write, &script, &error) == LICIT_REJECTED,
          "a refusal is final");
    CHECK(script.calls == 1 && strcmp(script.ids[0], "my-write-1") == 0, "the id given: %s", script.ids[0]);
    CHECK(error.reason == LICIT_REASON_DUPLICATE_NUMBER && strcmp(error.request_id, "my-write-1") == 0,
          "the refusal, with its request id: %s %s", error.reason_text, error.request_id);

    licit_error unsettled[] = {failure(LICIT_INDETERMINATE, LICIT_REASON_NONE, NULL),
                               failure(LICIT_INDETERMINATE, LICIT_REASON_NONE, NULL),
                               failure(LICIT_INDETERMINATE, LICIT_REASON_NONE, NULL)};
    policy.attempts = 2;
    script = (scripted){unsettled, 3, 0, {{0}}};
    CHECK(licit_write_retrying(&offline, NULL, &policy, scripted_write, &script, &error) == LICIT_INDETERMINATE,
          "still indeterminate once the tries are spent");
    CHECK(script.calls == 2, "two tries: %zu", script.calls);
    CHECK(strcmp(error.request_id, script.ids[0]) == 0, "the id to retry with later: %s", error.request_id);

    script = (scripted){NULL, 0, 0, {{0}}};
    CHECK(licit_write_retrying(&offline, "not an id", &policy, scripted_write, &script, &error) ==
              LICIT_INVALID_REQUEST && script.calls == 0,
          "a malformed request id is refused before any try");
}

int main(void)
{
    RUN(a_seal_verifies_over_exactly_its_content);
    RUN(a_webhook_signature_verifies_over_exactly_its_body);
    RUN(a_webhook_signature_must_be_recent);
    RUN(a_malformed_webhook_signature_is_refused);
    RUN(request_ids_follow_the_protocol);
    RUN(reasons_and_codes_have_names);
    RUN(a_missing_configuration_is_explained);
    RUN(other_endpoints_are_checked_before_connecting);
    RUN(retry_waits_follow_the_protocol);
    RUN(a_write_is_retried_with_its_request_id);
    return check_summary("unit_test");
}
