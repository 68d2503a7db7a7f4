/*
 * The C + OpenSSL peer of the benchmarks: a single-threaded epoll server that echoes every byte
 * it reads over mutual TLS 1.3 (ALPN licit/1), as the bare SwiftNIO echo does. Driven by the same
 * licit-bench client, it shows what the same work costs without Swift.
 *
 *   echo-server PORT CERT KEY CA
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static const unsigned char alpn[] = {7, 'l', 'i', 'c', 'i', 't', '/', '1'};

static int select_alpn(SSL *ssl, const unsigned char **out, unsigned char *outlen, const unsigned char *in,
                       unsigned int inlen, void *arg) {
    (void)ssl;
    (void)arg;
    if (SSL_select_next_proto((unsigned char **)out, outlen, alpn, sizeof alpn, in, inlen) == OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_OK;
    return SSL_TLSEXT_ERR_ALERT_FATAL;
}

static void fail(const char *what) {
    fprintf(stderr, "echo-server: %s\n", what);
    ERR_print_errors_fp(stderr);
    exit(1);
}

/* Writes all of `length` bytes; returns 0 when the connection failed. */
static int write_all(SSL *ssl, const char *bytes, int length) {
    for (int written = 0; written < length;) {
        int w = SSL_write(ssl, bytes + written, length - written);
        if (w <= 0) {
            int error = SSL_get_error(ssl, w);
            if (error != SSL_ERROR_WANT_WRITE && error != SSL_ERROR_WANT_READ) return 0;
            continue; /* a loopback socket drains quickly: retry */
        }
        written += w;
    }
    return 1;
}

/* Reads every record TLS has, then writes them all back at once (as NIO flushes at the end of
 * a read burst); returns 0 when the connection is done. */
static int serve(SSL *ssl) {
    static char buffer[1 << 18];
    int length = 0;
    for (;;) {
        int n = SSL_read(ssl, buffer + length, (int)sizeof buffer - length);
        if (n > 0) {
            length += n;
            if (length < (int)sizeof buffer) continue;
            if (!write_all(ssl, buffer, length)) return 0;
            length = 0;
            continue;
        }
        int error = SSL_get_error(ssl, n);
        if (length > 0 && !write_all(ssl, buffer, length)) return 0;
        return error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE;
    }
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: echo-server PORT CERT KEY CA\n");
        return 2;
    }
    SSL_CTX *context = SSL_CTX_new(TLS_server_method());
    if (!context) fail("cannot make a TLS context");
    SSL_CTX_set_min_proto_version(context, TLS1_3_VERSION);
    SSL_CTX_set_max_proto_version(context, TLS1_3_VERSION);
    if (SSL_CTX_use_certificate_chain_file(context, argv[2]) != 1) fail("cannot read the certificate");
    if (SSL_CTX_use_PrivateKey_file(context, argv[3], SSL_FILETYPE_PEM) != 1) fail("cannot read the key");
    if (SSL_CTX_load_verify_locations(context, argv[4], NULL) != 1) fail("cannot read the CA");
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    SSL_CTX_set_alpn_select_cb(context, select_alpn, NULL);
    SSL_CTX_set_mode(context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1])),
                                  .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 1024) != 0)
        fail("cannot listen");
    int poller = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(poller, EPOLL_CTL_ADD, listener, &event);
    printf("echo server listening on 127.0.0.1:%s\n", argv[1]);
    fflush(stdout);

    struct epoll_event ready[256];
    for (;;) {
        int count = epoll_wait(poller, ready, 256, -1);
        if (count < 0 && errno == EINTR) continue;
        for (int i = 0; i < count; i++) {
            SSL *ssl = ready[i].data.ptr;
            if (!ssl) {
                int connection;
                while ((connection = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(connection, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    SSL *accepted = SSL_new(context);
                    SSL_set_fd(accepted, connection);
                    SSL_set_accept_state(accepted);
                    struct epoll_event added = {.events = EPOLLIN, .data.ptr = accepted};
                    epoll_ctl(poller, EPOLL_CTL_ADD, connection, &added);
                }
                continue;
            }
            if (!serve(ssl)) {
                int fd = SSL_get_fd(ssl);
                epoll_ctl(poller, EPOLL_CTL_DEL, fd, NULL);
                SSL_free(ssl);
                close(fd);
            }
        }
    }
}
