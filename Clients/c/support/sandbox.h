/*
 * A licitd sandbox for the example and the tests: reading DIR/manifest.json, and starting and
 * stopping `licitd sandbox --data DIR --port 0`.
 */
#ifndef LICIT_SUPPORT_SANDBOX_H
#define LICIT_SUPPORT_SANDBOX_H

#include <sys/types.h>

#include "licit/licit.h"

#define SANDBOX_PATH_SIZE 1024

typedef struct sandbox {
    char directory[SANDBOX_PATH_SIZE]; /* the folder holding manifest.json */
    char host[256];
    uint16_t port;
    char ca_file[SANDBOX_PATH_SIZE];
    uint8_t seal_public_key[LICIT_SEAL_PUBLIC_KEY_BYTES];
    /* A started sandbox: its process, and the temporary folder holding its data and log. */
    pid_t pid;
    char scratch[SANDBOX_PATH_SIZE];
    /* Identity folders are kept by account name; filled by sandbox_read_manifest. */
    size_t account_count;
    struct sandbox_account {
        char name[64];
        char authority[64];
        char identity[SANDBOX_PATH_SIZE];
    } *accounts;
} sandbox;

/** Reads DIR/manifest.json; 0 on success, else -1 with `why` set. */
int sandbox_read_manifest(const char *directory, sandbox *out, char *why, size_t why_size);

/** Starts `licitd` on a free port in a new temporary folder and waits (up to 60 s) for its manifest. */
int sandbox_start(const char *licitd, sandbox *out, char *why, size_t why_size);

/** sandbox_start() with `arguments` (NULL-terminated; at most SANDBOX_MAX_ARGUMENTS) added to
 *  `licitd sandbox`'s own, e.g. "--faults-for", "de-signer=standard". */
#define SANDBOX_MAX_ARGUMENTS 16
int sandbox_start_with(const char *licitd, const char *const *arguments, sandbox *out, char *why,
                       size_t why_size);

/** Stops a started sandbox's daemon with SIGTERM (0 when it exited cleanly), keeping its folder
 *  (for example to read its conformance journal). Does nothing when already stopped. */
int sandbox_stop_daemon(sandbox *box);

/** Stops a started sandbox with SIGTERM (0 when it exited cleanly) and removes its folder. */
int sandbox_stop(sandbox *box);

void sandbox_free(sandbox *box);

/**
 * Fills `config` (after licit_config_init) to connect as `account`; the certificate and key
 * paths are written to `certificate` and `key`, which must outlive the config. 0 on success.
 */
int sandbox_config(const sandbox *box, const char *account, licit_config *config,
                   char certificate[SANDBOX_PATH_SIZE], char key[SANDBOX_PATH_SIZE]);

#endif
