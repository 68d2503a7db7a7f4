/*
 * Counts heap allocations in a process, for the benchmarks' allocation figures: preload it
 * (LD_PRELOAD=malloc-count.so) and send the process SIGUSR2 to have the number of allocations
 * so far (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign) written to the file
 * named by MALLOC_COUNT_FILE. Counting is one relaxed atomic add per call; glibc does the rest.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static atomic_ulong allocations;
static char path[4096];

static void count(void) { atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed); }

void *malloc(size_t size) {
    count();
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size) {
    count();
    return __libc_calloc(n, size);
}

void *realloc(void *pointer, size_t size) {
    count();
    return __libc_realloc(pointer, size);
}

void *memalign(size_t alignment, size_t size) {
    count();
    return __libc_memalign(alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
    count();
    return __libc_memalign(alignment, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    count();
    void *pointer = __libc_memalign(alignment, size);
    if (!pointer) return 12; /* ENOMEM */
    *result = pointer;
    return 0;
}

/* Async-signal-safe: the count in decimal, written with open/write/close only. */
static void report(int signal) {
    (void)signal;
    char digits[32];
    int length = 0;
    unsigned long value = atomic_load(&allocations);
    do {
        digits[sizeof digits - 1 - length++] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    int file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (file < 0) return;
    ssize_t ignored = write(file, digits + sizeof digits - length, (size_t)length);
    (void)ignored;
    close(file);
}

__attribute__((constructor)) static void start(void) {
    const char *file = getenv("MALLOC_COUNT_FILE");
    if (!file) return;
    strncpy(path, file, sizeof path - 1);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = report;
    action.sa_flags = SA_RESTART;
    sigaction(SIGUSR2, &action, NULL);
}
