/* TCP and the TLS connection over it, non-blocking, with deadlines. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"
#include "socket_bio.h"

static int remaining_ms(uint64_t deadline_ms)
{
    uint64_t now = licit_now_ms();
    if (now >= deadline_ms) return 0;
    uint64_t left = deadline_ms - now;
    return left > INT_MAX ? INT_MAX : (int)left;
}

static int wait_for(int fd, short events, uint64_t deadline_ms)
{
    struct pollfd entry = {.fd = fd, .events = events};
    for (;;) {
        int ready = poll(&entry, 1, remaining_ms(deadline_ms));
        if (ready >= 0 || errno != EINTR) return ready;
    }
}

/* One address: a non-blocking connect finished by `deadline_ms`. Returns the socket or -1. */
static int connect_address(const struct addrinfo *address, uint64_t deadline_ms, int *failure)
{
    int fd = socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                    address->ai_protocol);
    if (fd < 0) {
        *failure = errno;
        return -1;
    }
    if (connect(fd, address->ai_addr, address->ai_addrlen) != 0) {
        if (errno != EINPROGRESS) {
            *failure = errno;
            close(fd);
            return -1;
        }
        int ready = wait_for(fd, POLLOUT, deadline_ms);
        int socket_error = 0;
        socklen_t length = sizeof socket_error;
        if (ready <= 0) {
            *failure = ready == 0 ? ETIMEDOUT : errno;
            close(fd);
            return -1;
        }
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &socket_error, &length) != 0 || socket_error != 0) {
            *failure = socket_error ? socket_error : errno;
            close(fd);
            return -1;
        }
    }
    int on = 1;
    /* Frames are small and latency matters; a failure here only costs latency. */
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    return fd;
}

static licit_result connect_tcp(const char *host, uint16_t port, uint64_t deadline_ms, int *fd,
                                licit_error *error)
{
    char service[8];
    snprintf(service, sizeof service, "%u", (unsigned)port);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_NUMERICSERV};
    struct addrinfo *addresses = NULL;
    int resolved = getaddrinfo(host, service, &hints, &addresses);
    if (resolved != 0)
        return licit_fail(error, LICIT_UNAVAILABLE, "cannot resolve %s: %s", host,
                          gai_strerror(resolved));
    size_t count = 0;
    for (struct addrinfo *at = addresses; at != NULL; at = at->ai_next) count++;
    int failure = 0;
    *fd = -1;
    /* Each address in turn, with an equal share of the time left: one that never answers
     * leaves the others theirs. */
    size_t left = count;
    for (struct addrinfo *at = addresses; at != NULL && *fd < 0; at = at->ai_next, left--) {
        uint64_t now = licit_now_ms();
        uint64_t share = deadline_ms > now ? (deadline_ms - now) / left : 0;
        *fd = connect_address(at, now + share, &failure);
    }
    freeaddrinfo(addresses);
    if (*fd < 0 && count > 1)
        return licit_fail(error, LICIT_UNAVAILABLE, "cannot connect to %s:%u (any of its %zu addresses): %s",
                          host, (unsigned)port, count, strerror(failure));
    if (*fd < 0)
        return licit_fail(error, LICIT_UNAVAILABLE, "cannot connect to %s:%u: %s", host,
                          (unsigned)port, strerror(failure));
    return LICIT_OK;
}

static int is_ip_address(const char *name)
{
    unsigned char address[sizeof(struct in6_addr)];
    return inet_pton(AF_INET, name, address) == 1 || inet_pton(AF_INET6, name, address) == 1;
}

/* The server must be named `server_name`; SNI only for a DNS name (PROTOCOL.md §2). */
static int expect_name(SSL *ssl, const char *server_name)
{
    X509_VERIFY_PARAM *parameters = SSL_get0_param(ssl);
    X509_VERIFY_PARAM_set_hostflags(parameters, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    if (is_ip_address(server_name)) return X509_VERIFY_PARAM_set1_ip_asc(parameters, server_name);
    return X509_VERIFY_PARAM_set1_host(parameters, server_name, 0) == 1 &&
           SSL_set_tlsext_host_name(ssl, server_name) == 1;
}

static licit_result handshake(licit_transport *transport, const char *where, uint64_t deadline_ms,
                              licit_error *error)
{
    for (;;) {
        ERR_clear_error();
        int done = SSL_connect(transport->ssl);
        if (done == 1) break;
        int reason = SSL_get_error(transport->ssl, done);
        short events = reason == SSL_ERROR_WANT_READ ? POLLIN : reason == SSL_ERROR_WANT_WRITE ? POLLOUT : 0;
        if (events == 0) {
            long verified = SSL_get_verify_result(transport->ssl);
            if (verified != X509_V_OK)
                return licit_fail(error, LICIT_UNAVAILABLE,
                                  "the server certificate of %s was not accepted: %s", where,
                                  X509_verify_cert_error_string(verified));
            licit_fail(error, LICIT_UNAVAILABLE,
                       "the TLS handshake with %s failed (a refused client certificate, or not a "
                       "TLS 1.3 server)",
                       where);
            licit_error_append_openssl(error);
            return LICIT_UNAVAILABLE;
        }
        if (wait_for(transport->fd, events, deadline_ms) <= 0)
            return licit_fail(error, LICIT_UNAVAILABLE, "the TLS handshake with %s timed out", where);
    }
    const unsigned char *protocol = NULL;
    unsigned int length = 0;
    SSL_get0_alpn_selected(transport->ssl, &protocol, &length);
    if (length != strlen(LICIT_ALPN) || memcmp(protocol, LICIT_ALPN, length) != 0)
        return licit_fail(error, LICIT_UNAVAILABLE, "%s did not negotiate ALPN %s", where, LICIT_ALPN);
    return LICIT_OK;
}

licit_result licit_transport_open(licit_transport *transport, SSL_CTX *context, const char *host,
                                  uint16_t port, const char *server_name, uint64_t deadline_ms,
                                  licit_error *error)
{
    transport->fd = -1;
    transport->ssl = NULL;
    char where[300];
    snprintf(where, sizeof where, "%s:%u", host, (unsigned)port);
    licit_result result = connect_tcp(host, port, deadline_ms, &transport->fd, error);
    if (result != LICIT_OK) return result;
    transport->ssl = SSL_new(context);
    BIO *bio = transport->ssl ? licit_socket_bio(transport->fd) : NULL;
    if (bio == NULL) {
        licit_transport_close(transport);
        return licit_fail(error, LICIT_NO_MEMORY, "cannot make a TLS connection object");
    }
    SSL_set_bio(transport->ssl, bio, bio);
    if (!expect_name(transport->ssl, server_name)) {
        licit_transport_close(transport);
        return licit_fail(error, LICIT_INVALID_REQUEST, "cannot use %s as the server's name",
                          server_name);
    }
    result = handshake(transport, where, deadline_ms, error);
    if (result != LICIT_OK) licit_transport_close(transport);
    return result;
}

void licit_transport_close(licit_transport *transport)
{
    if (transport->ssl != NULL) {
        /* A courtesy close_notify; the socket is non-blocking, so this never waits. */
        (void)SSL_shutdown(transport->ssl);
        SSL_free(transport->ssl);
        transport->ssl = NULL;
    }
    if (transport->fd >= 0) {
        close(transport->fd);
        transport->fd = -1;
    }
    ERR_clear_error();
}

static long transport_failed(licit_transport *transport, int returned, const char *doing,
                             licit_error *error)
{
    int reason = SSL_get_error(transport->ssl, returned);
    if (reason == SSL_ERROR_WANT_READ || reason == SSL_ERROR_WANT_WRITE) return 0;
    if (reason == SSL_ERROR_ZERO_RETURN) {
        licit_fail(error, LICIT_UNAVAILABLE, "the exchange closed the connection");
    } else {
        int saved = errno;
        licit_fail(error, LICIT_UNAVAILABLE, "the connection failed while %s%s%s", doing,
                   reason == SSL_ERROR_SYSCALL && saved ? ": " : "",
                   reason == SSL_ERROR_SYSCALL && saved ? strerror(saved) : "");
        licit_error_append_openssl(error);
    }
    ERR_clear_error();
    return -1;
}

long licit_transport_read(licit_transport *transport, uint8_t *bytes, size_t size, licit_error *error)
{
    ERR_clear_error();
    int got = SSL_read(transport->ssl, bytes, size > INT_MAX ? INT_MAX : (int)size);
    if (got > 0) return got;
    return transport_failed(transport, got, "reading", error);
}

long licit_transport_write(licit_transport *transport, const uint8_t *bytes, size_t size,
                           licit_error *error)
{
    if (size == 0) return 0;
    ERR_clear_error();
    int written = SSL_write(transport->ssl, bytes, size > INT_MAX ? INT_MAX : (int)size);
    if (written > 0) return written;
    return transport_failed(transport, written, "writing", error);
}

void licit_transport_wait(licit_transport *transport, int want_write, uint64_t wait_ms)
{
    if (transport->ssl != NULL && SSL_pending(transport->ssl) > 0) return;
    struct pollfd entry = {.fd = transport->fd, .events = (short)(POLLIN | (want_write ? POLLOUT : 0))};
    int timeout = wait_ms > INT_MAX ? INT_MAX : (int)wait_ms;
    /* EINTR or a timeout: the caller rechecks its deadline and comes back. */
    (void)poll(&entry, 1, timeout);
}
