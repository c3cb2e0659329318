/*
 * Shared helpers for the benchmark guests (header only; each NAME.c is one program).
 *
 * Every guest times itself with clock_gettime(CLOCK_MONOTONIC) around the measured loop
 * only (setup and checks are outside the timed region) and prints one `name=value` line
 * per measurement: nanoseconds per operation, or MB/s (10^6 bytes per second) for bulk
 * I/O. A failing step prints `NAME: what: strerror` to stderr and exits 1.
 *
 * The host must give the guest a real monotonic clock; under a virtual clock the numbers
 * are meaningless (but the output has the same shape, which the tests check).
 */
#ifndef BENCH_H
#define BENCH_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline uint64_t now_ns(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
        fprintf(stderr, "clock_gettime: %s\n", strerror(errno));
        exit(1);
    }
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* argv[i] as a positive number, or `fallback` when absent. */
static inline long arg_num(int argc, char **argv, int i, long fallback) {
    if (i >= argc) return fallback;
    char *end = NULL;
    long v = strtol(argv[i], &end, 10);
    if (end == argv[i] || *end != '\0' || v <= 0) {
        fprintf(stderr, "bad number %s\n", argv[i]);
        exit(2);
    }
    return v;
}

static inline void fail(const char *prog, const char *what) {
    fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(errno));
    exit(1);
}

/* `name=<ns per op>` with two decimals, in integer arithmetic. */
static inline void report_ns(const char *name, uint64_t ns, uint64_t ops) {
    if (ops == 0) ops = 1;
    uint64_t centi = ns * 100 / ops;
    printf("%s=%llu.%02llu\n", name, (unsigned long long)(centi / 100),
           (unsigned long long)(centi % 100));
}

/* `name=<MB/s>` (10^6 bytes per second) with one decimal. */
static inline void report_mbps(const char *name, uint64_t bytes, uint64_t ns) {
    if (ns == 0) ns = 1;
    /* bytes * 1e9 / ns / 1e6 = bytes * 1000 / ns; one more digit for the decimal. */
    uint64_t deci = bytes * 10000 / ns;
    printf("%s=%llu.%llu\n", name, (unsigned long long)(deci / 10),
           (unsigned long long)(deci % 10));
}

#endif
