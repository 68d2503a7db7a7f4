/* The TLS side of PROTOCOL.md §2: TLS 1.3 only, ALPN licit/1, the exchange's CA only. */
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "internal.h"

static const unsigned char alpn_protocols[] = "\x07" LICIT_ALPN;

static SSL_CTX *refuse(SSL_CTX *context, licit_error *error, const char *format, const char *file)
{
    licit_fail(error, LICIT_INVALID_REQUEST, format, file);
    licit_error_append_openssl(error);
    SSL_CTX_free(context);
    return NULL;
}

SSL_CTX *licit_tls_context(const licit_config *config, licit_error *error)
{
    SSL_CTX *context = SSL_CTX_new(TLS_client_method());
    if (context == NULL) {
        licit_fail(error, LICIT_NO_MEMORY, "cannot make a TLS context");
        licit_error_append_openssl(error);
        return NULL;
    }
    if (SSL_CTX_set_min_proto_version(context, TLS1_3_VERSION) != 1 ||
        SSL_CTX_set_max_proto_version(context, TLS1_3_VERSION) != 1)
        return refuse(context, error, "this OpenSSL cannot limit TLS to version 1.3%s", "");
    /* The exchange's CA and nothing else: no default trust store. */
    if (SSL_CTX_load_verify_locations(context, config->ca_file, NULL) != 1)
        return refuse(context, error, "cannot read the exchange's CA certificate %s", config->ca_file);
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, NULL);
    if (SSL_CTX_use_certificate_chain_file(context, config->certificate_file) != 1)
        return refuse(context, error, "cannot read the client certificate %s",
                      config->certificate_file);
    if (SSL_CTX_use_PrivateKey_file(context, config->private_key_file, SSL_FILETYPE_PEM) != 1)
        return refuse(context, error, "cannot read the client private key %s",
                      config->private_key_file);
    if (SSL_CTX_check_private_key(context) != 1)
        return refuse(context, error, "the private key %s does not match the client certificate",
                      config->private_key_file);
    /* SSL_CTX_set_alpn_protos returns 0 on success. */
    if (SSL_CTX_set_alpn_protos(context, alpn_protocols, sizeof alpn_protocols - 1) != 0)
        return refuse(context, error, "cannot offer ALPN %s", LICIT_ALPN);
    SSL_CTX_set_mode(context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    /* No session resumption, hence never early data (PROTOCOL.md §2). */
    SSL_CTX_set_session_cache_mode(context, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(context, SSL_OP_NO_TICKET);
    return context;
}
