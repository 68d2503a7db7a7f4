/* Reading a sandbox's manifest, and running `licitd sandbox` for the tests. */
#define _GNU_SOURCE
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <openssl/evp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "json.h"

static int fail(char *why, size_t why_size, const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(why, why_size, format, arguments);
    va_end(arguments);
    return -1;
}

static char *read_file(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL) return NULL;
    char *text = NULL;
    size_t size = 0, got;
    char chunk[8192];
    while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) {
        char *grown = realloc(text, size + got + 1);
        if (grown == NULL) break;
        text = grown;
        memcpy(text + size, chunk, got);
        size += got;
        text[size] = '\0';
    }
    fclose(file);
    return text;
}

static void copy(char *destination, size_t size, const char *source)
{
    snprintf(destination, size, "%s", source ? source : "");
}

static int read_accounts(const json_value *list, sandbox *out)
{
    if (list == NULL || list->type != JSON_ARRAY) return -1;
    out->accounts = calloc(list->count ? list->count : 1, sizeof *out->accounts);
    if (out->accounts == NULL) return -1;
    for (size_t i = 0; i < list->count; i++) {
        struct sandbox_account *account = &out->accounts[out->account_count++];
        copy(account->name, sizeof account->name, json_string(list->items[i], "name"));
        copy(account->authority, sizeof account->authority, json_string(list->items[i], "authority"));
        copy(account->identity, sizeof account->identity, json_string(list->items[i], "identity"));
    }
    return 0;
}

int sandbox_read_manifest(const char *directory, sandbox *out, char *why, size_t why_size)
{
    pid_t pid = out->pid;
    char scratch[SANDBOX_PATH_SIZE];
    copy(scratch, sizeof scratch, out->scratch);
    sandbox_free(out);
    memset(out, 0, sizeof *out);
    out->pid = pid;
    copy(out->scratch, sizeof out->scratch, scratch);
    copy(out->directory, sizeof out->directory, directory);
    char path[SANDBOX_PATH_SIZE + 32];
    snprintf(path, sizeof path, "%s/manifest.json", directory);
    char *text = read_file(path);
    if (text == NULL) return fail(why, why_size, "cannot read %s: %s", path, strerror(errno));
    json_value *manifest = json_parse(text);
    free(text);
    if (manifest == NULL) return fail(why, why_size, "%s is not valid JSON (yet)", path);
    const json_value *port = json_member(manifest, "port");
    const char *seal = json_string(manifest, "seal_public_key");
    copy(out->host, sizeof out->host, json_string(manifest, "host"));
    copy(out->ca_file, sizeof out->ca_file, json_string(manifest, "ca_file"));
    out->port = port && port->type == JSON_NUMBER ? (uint16_t)port->number : 0;
    unsigned char key[48];
    int decoded = seal && strlen(seal) == 44 ? EVP_DecodeBlock(key, (const unsigned char *)seal, 44) : -1;
    if (decoded >= LICIT_SEAL_PUBLIC_KEY_BYTES) memcpy(out->seal_public_key, key, LICIT_SEAL_PUBLIC_KEY_BYTES);
    int accounts = read_accounts(json_member(manifest, "accounts"), out);
    json_free(manifest);
    if (accounts != 0 || out->host[0] == '\0' || out->ca_file[0] == '\0' || decoded < LICIT_SEAL_PUBLIC_KEY_BYTES)
        return fail(why, why_size, "%s lacks host, ca_file, seal_public_key or accounts", path);
    return 0;
}

static int remove_entry(const char *path, const struct stat *status, int flag, struct FTW *walk)
{
    (void)status;
    (void)flag;
    (void)walk;
    return remove(path);
}

static void sleep_ms(long ms)
{
    struct timespec pause = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
    nanosleep(&pause, NULL);
}

static int spawn(const char *licitd, const char *const *arguments, const char *data, const char *log, pid_t *pid)
{
    const char *argv[9 + SANDBOX_MAX_ARGUMENTS] = {
        licitd, "sandbox", "--data", data, "--port", "0", "--log-level", "warning",
    };
    size_t count = 8;
    for (size_t i = 0; arguments != NULL && arguments[i] != NULL && i < SANDBOX_MAX_ARGUMENTS; i++)
        argv[count++] = arguments[i];
    argv[count] = NULL;
    *pid = fork();
    if (*pid < 0) return -1;
    if (*pid > 0) return 0;
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) {
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
    }
    execv(licitd, (char *const *)argv);
    fprintf(stderr, "cannot run %s: %s\n", licitd, strerror(errno));
    _exit(127);
}

int sandbox_start(const char *licitd, sandbox *out, char *why, size_t why_size)
{
    return sandbox_start_with(licitd, NULL, out, why, why_size);
}

int sandbox_start_with(const char *licitd, const char *const *arguments, sandbox *out, char *why,
                       size_t why_size)
{
    memset(out, 0, sizeof *out);
    size_t count = 0;
    while (arguments != NULL && arguments[count] != NULL) count++;
    if (count > SANDBOX_MAX_ARGUMENTS)
        return fail(why, why_size, "at most %d arguments are added to licitd sandbox, not %zu",
                    SANDBOX_MAX_ARGUMENTS, count);
    if (access(licitd, X_OK) != 0)
        return fail(why, why_size,
                    "licitd not found at %s: build it (swift build --product licitd) or set LICITD to its path",
                    licitd);
    snprintf(out->scratch, sizeof out->scratch, "%s/licit-c-test-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (mkdtemp(out->scratch) == NULL) return fail(why, why_size, "mkdtemp: %s", strerror(errno));
    char data[SANDBOX_PATH_SIZE + 8], log[SANDBOX_PATH_SIZE + 16];
    snprintf(data, sizeof data, "%s/data", out->scratch);
    snprintf(log, sizeof log, "%s/licitd.log", out->scratch);
    if (spawn(licitd, arguments, data, log, &out->pid) != 0) {
        int saved = errno;
        sandbox_stop(out);
        return fail(why, why_size, "fork: %s", strerror(saved));
    }
    /* Making 51 identities takes seconds on a loaded machine: wait up to a minute. */
    for (int waited = 0; waited < 60000; waited += 50) {
        int status;
        if (waitpid(out->pid, &status, WNOHANG) == out->pid) {
            out->pid = 0;
            char *text = read_file(log);
            fail(why, why_size, "licitd exited before it was ready: %s", text ? text : "(no log)");
            free(text);
            sandbox_stop(out); /* removes the folder */
            return -1;
        }
        if (sandbox_read_manifest(data, out, why, why_size) == 0 && out->port != 0) return 0;
        sleep_ms(50);
    }
    sandbox_stop(out);
    return fail(why, why_size, "licitd wrote no manifest with a port within 60 s (log: %s)", log);
}

int sandbox_stop_daemon(sandbox *box)
{
    int clean = 0;
    if (box->pid > 0) {
        int status = 0;
        kill(box->pid, SIGTERM);
        if (waitpid(box->pid, &status, 0) == box->pid)
            clean = WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
        box->pid = 0;
    }
    return clean;
}

int sandbox_stop(sandbox *box)
{
    int clean = sandbox_stop_daemon(box);
    if (box->scratch[0] != '\0') nftw(box->scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    box->scratch[0] = '\0';
    sandbox_free(box);
    return clean;
}

void sandbox_free(sandbox *box)
{
    free(box->accounts);
    box->accounts = NULL;
    box->account_count = 0;
}

int sandbox_config(const sandbox *box, const char *account, licit_config *config,
                   char certificate[SANDBOX_PATH_SIZE], char key[SANDBOX_PATH_SIZE])
{
    for (size_t i = 0; i < box->account_count; i++) {
        if (strcmp(box->accounts[i].name, account) != 0) continue;
        snprintf(certificate, SANDBOX_PATH_SIZE, "%.1000s/cert.pem", box->accounts[i].identity);
        snprintf(key, SANDBOX_PATH_SIZE, "%.1000s/key.pem", box->accounts[i].identity);
        config->host = box->host;
        config->port = box->port;
        config->ca_file = box->ca_file;
        config->certificate_file = certificate;
        config->private_key_file = key;
        return 0;
    }
    return -1;
}
