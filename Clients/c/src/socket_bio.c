/*
 * An OpenSSL BIO over a non-blocking socket that writes with MSG_NOSIGNAL: a library must not
 * let a peer that closed its socket kill the process with SIGPIPE, nor change the process's
 * signal handlers to prevent it.
 */
#include <errno.h>
#include <pthread.h>
#include <sys/socket.h>

#include "socket_bio.h"

static BIO_METHOD *method;
static pthread_once_t method_once = PTHREAD_ONCE_INIT;

static int socket_of(BIO *bio)
{
    return (int)(intptr_t)BIO_get_data(bio);
}

static int retryable(int error_number)
{
    return error_number == EAGAIN || error_number == EWOULDBLOCK || error_number == EINTR;
}

static int bio_write(BIO *bio, const char *data, int size)
{
    BIO_clear_retry_flags(bio);
    ssize_t written = send(socket_of(bio), data, (size_t)size, MSG_NOSIGNAL);
    if (written < 0 && retryable(errno)) BIO_set_retry_write(bio);
    return (int)written;
}

static int bio_read(BIO *bio, char *data, int size)
{
    BIO_clear_retry_flags(bio);
    ssize_t got = recv(socket_of(bio), data, (size_t)size, 0);
    if (got < 0 && retryable(errno)) BIO_set_retry_read(bio);
    return (int)got;
}

static long bio_ctrl(BIO *bio, int command, long number, void *pointer)
{
    (void)bio;
    (void)number;
    (void)pointer;
    return command == BIO_CTRL_FLUSH ? 1 : 0;
}

static int bio_create(BIO *bio)
{
    BIO_set_init(bio, 1);
    return 1;
}

static void make_method(void)
{
    BIO_METHOD *made = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "licit socket");
    if (made == NULL) return;
    if (BIO_meth_set_write(made, bio_write) != 1 || BIO_meth_set_read(made, bio_read) != 1 ||
        BIO_meth_set_ctrl(made, bio_ctrl) != 1 || BIO_meth_set_create(made, bio_create) != 1) {
        BIO_meth_free(made);
        return;
    }
    method = made;
}

BIO *licit_socket_bio(int fd)
{
    if (pthread_once(&method_once, make_method) != 0 || method == NULL) return NULL;
    BIO *bio = BIO_new(method);
    if (bio != NULL) BIO_set_data(bio, (void *)(intptr_t)fd);
    return bio;
}
