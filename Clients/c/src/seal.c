/* Offline checks: document seals (PROTOCOL.md §14.1) and certificate fingerprints (§3). */
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char seal_tag[] = "licit.seal.v1"; /* followed by one 0x00 byte */

int licit_seal_verify(const uint8_t *content, size_t content_size, const uint8_t *seal, size_t seal_size,
                      const uint8_t public_key[LICIT_SEAL_PUBLIC_KEY_BYTES])
{
    if (seal == NULL || seal_size != LICIT_SEAL_BYTES || public_key == NULL) return 0;
    size_t message_size = sizeof seal_tag + content_size; /* sizeof counts the 0x00 */
    uint8_t *message = malloc(message_size);
    if (message == NULL) return 0;
    memcpy(message, seal_tag, sizeof seal_tag);
    if (content_size > 0) memcpy(message + sizeof seal_tag, content, content_size);
    int valid = 0;
    EVP_PKEY *key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, public_key, LICIT_SEAL_PUBLIC_KEY_BYTES);
    EVP_MD_CTX *context = key ? EVP_MD_CTX_new() : NULL;
    if (context != NULL && EVP_DigestVerifyInit(context, NULL, NULL, NULL, key) == 1)
        valid = EVP_DigestVerify(context, seal, seal_size, message, message_size) == 1;
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    free(message);
    ERR_clear_error();
    return valid;
}

int licit_document_seal_valid(const Licit__V1__Document *document,
                              const uint8_t public_key[LICIT_SEAL_PUBLIC_KEY_BYTES])
{
    if (document == NULL) return 0;
    return licit_seal_verify(document->content.data, document->content.len, document->seal.data,
                             document->seal.len, public_key);
}

licit_result licit_certificate_fingerprint(const char *certificate_file, char fingerprint[65],
                                           licit_error *error)
{
    fingerprint[0] = '\0';
    FILE *file = fopen(certificate_file, "r");
    if (file == NULL)
        return licit_fail(error, LICIT_INVALID_REQUEST, "cannot open the client certificate %s",
                          certificate_file);
    X509 *certificate = PEM_read_X509(file, NULL, NULL, NULL);
    fclose(file);
    if (certificate == NULL) {
        licit_fail(error, LICIT_INVALID_REQUEST, "%s holds no PEM certificate", certificate_file);
        licit_error_append_openssl(error);
        return LICIT_INVALID_REQUEST;
    }
    unsigned char *der = NULL;
    int size = i2d_X509(certificate, &der);
    X509_free(certificate);
    if (size <= 0) {
        licit_fail(error, LICIT_INVALID_REQUEST, "cannot encode the certificate in %s as DER",
                   certificate_file);
        licit_error_append_openssl(error);
        return LICIT_INVALID_REQUEST;
    }
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(der, (size_t)size, digest);
    OPENSSL_free(der);
    for (size_t i = 0; i < sizeof digest; i++) snprintf(fingerprint + 2 * i, 3, "%02x", digest[i]);
    return LICIT_OK;
}
