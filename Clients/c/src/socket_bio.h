/* A BIO over a non-blocking socket that never raises SIGPIPE. */
#ifndef LICIT_SOCKET_BIO_H
#define LICIT_SOCKET_BIO_H

#include <openssl/bio.h>

/** A BIO reading and writing `fd` (not closed with the BIO); NULL when out of memory. */
BIO *licit_socket_bio(int fd);

#endif
