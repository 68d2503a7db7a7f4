/* Offline behaviour: seals, request ids, reasons, status names and the configuration's checks. */
#include <openssl/evp.h>
#include <string.h>

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

static void request_ids_follow_the_protocol(void)
{
    char id[LICIT_REQUEST_ID_SIZE], other[LICIT_REQUEST_ID_SIZE];
    CHECK(licit_new_request_id(id) == LICIT_OK && licit_new_request_id(other) == LICIT_OK, "made");
    CHECK(strlen(id) == 36 && id[14] == '4', "a version-4 UUID: %s", id);
    CHECK(strcmp(id, other) != 0, "fresh each time");
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

int main(void)
{
    RUN(a_seal_verifies_over_exactly_its_content);
    RUN(request_ids_follow_the_protocol);
    RUN(reasons_and_codes_have_names);
    RUN(a_missing_configuration_is_explained);
    RUN(other_endpoints_are_checked_before_connecting);
    return check_summary("unit_test");
}
