/*
 * hostcall N [ONLY]: the cost of one host call, next to the cost of pure guest computation.
 *
 * Calls the WASI imports directly (no libc wrapper), N times each, and prints in ns per call:
 *   compute=        one iteration of an xorshift loop (no host call): the engine alone
 *   sched_yield=    sched_yield(): an import that does nothing, the host-call floor
 *   fd_fdstat_get=  fd_fdstat_get(1): a descriptor-table lookup and a 24-byte store
 *   clock_time_get= clock_time_get(MONOTONIC): one clock reading and an 8-byte store
 * then `checksum=` (so the compute loop cannot be optimised away). With ONLY (one of the
 * names above) only that loop runs, for counting instructions per call. Exits 1 if a call
 * fails, 2 for bad arguments. N defaults to 1000000.
 */
#include "bench.h"
#include <wasi/api.h>

static const char *only;

/* Whether the loop `name` should run. */
static int want(const char *name) { return only == NULL || strcmp(only, name) == 0; }

int main(int argc, char **argv) {
    long n = arg_num(argc, argv, 1, 1000000);
    only = argc > 2 ? argv[2] : NULL;
    if (only && !want("compute") && !want("sched_yield") && !want("fd_fdstat_get") &&
        !want("clock_time_get")) {
        fprintf(stderr, "hostcall: unknown loop %s\n", only);
        return 2;
    }
    uint64_t t0, t1;

    uint64_t x = 88172645463325252ull;
    if (want("compute")) {
        t0 = now_ns();
        for (long i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }
        t1 = now_ns();
        report_ns("compute", t1 - t0, n);
    }

    if (want("sched_yield")) {
        t0 = now_ns();
        for (long i = 0; i < n; i++) {
            if (__wasi_sched_yield() != 0) {
                fprintf(stderr, "hostcall: sched_yield failed\n");
                return 1;
            }
        }
        t1 = now_ns();
        report_ns("sched_yield", t1 - t0, n);
    }

    if (want("fd_fdstat_get")) {
        __wasi_fdstat_t st;
        t0 = now_ns();
        for (long i = 0; i < n; i++) {
            if (__wasi_fd_fdstat_get(1, &st) != 0) {
                fprintf(stderr, "hostcall: fd_fdstat_get failed\n");
                return 1;
            }
        }
        t1 = now_ns();
        report_ns("fd_fdstat_get", t1 - t0, n);
    }

    __wasi_timestamp_t sum = 0;
    if (want("clock_time_get")) {
        __wasi_timestamp_t ts;
        t0 = now_ns();
        for (long i = 0; i < n; i++) {
            if (__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &ts) != 0) {
                fprintf(stderr, "hostcall: clock_time_get failed\n");
                return 1;
            }
            sum += ts;
        }
        t1 = now_ns();
        report_ns("clock_time_get", t1 - t0, n);
    }

    printf("checksum=%llu\n", (unsigned long long)((x ^ sum) & 0xffff));
    return 0;
}
