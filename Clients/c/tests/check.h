/* A minimal test harness: CHECK records a failure with its place and goes on. */
#ifndef LICIT_TEST_CHECK_H
#define LICIT_TEST_CHECK_H

#include <stdio.h>

static int check_failures;
static int check_count;

#define CHECK(condition, ...)                                                                       \
    do {                                                                                            \
        check_count++;                                                                              \
        if (!(condition)) {                                                                         \
            check_failures++;                                                                       \
            fprintf(stderr, "%s:%d: FAILED %s: ", __FILE__, __LINE__, #condition);                  \
            fprintf(stderr, __VA_ARGS__);                                                           \
            fputc('\n', stderr);                                                                    \
        }                                                                                           \
    } while (0)

/* A test: a function run by RUN, which prints its name and whether its checks held. */
#define RUN(test)                                                                                   \
    do {                                                                                            \
        int failures_before = check_failures;                                                       \
        test();                                                                                     \
        printf("%s %s\n", check_failures == failures_before ? "ok  " : "FAIL", #test);              \
        fflush(stdout);                                                                             \
        tests_run++;                                                                                \
    } while (0)

static int tests_run;

static int check_summary(const char *suite)
{
    printf("%s: %d tests, %d checks, %d failed\n", suite, tests_run, check_count, check_failures);
    return check_failures == 0 ? 0 : 1;
}

#endif
