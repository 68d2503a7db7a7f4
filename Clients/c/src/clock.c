/* The monotonic clock every deadline is measured on. */
#include <time.h>

#include "internal.h"

uint64_t licit_now_ms(void)
{
    struct timespec now;
    /* CLOCK_MONOTONIC cannot fail on Linux with a valid pointer. */
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000u + (uint64_t)now.tv_nsec / 1000000u;
}
