/*
 * metadata DEPTH N [ONLY]: path lookups of a file DEPTH components deep.
 *
 * Creates the directories d1/d2/... so that the file has DEPTH path components
 * (DEPTH=1: `f` in the preopened root, DEPTH=3: `d1/d2/f`), then times, in ns per iteration:
 *   open_fstat_close=  open(O_RDONLY) + fstat + close of that file
 *   stat=              stat() of that file
 * and removes everything it created. With ONLY (one of the names above) only that loop runs,
 * for counting host syscalls per operation. Exits 1 on any failure, 2 for bad arguments.
 * DEPTH defaults to 1, N to 20000.
 */
#include "bench.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    long depth = arg_num(argc, argv, 1, 1);
    long n = arg_num(argc, argv, 2, 20000);
    const char *only = argc > 3 ? argv[3] : NULL;
    int run_open = only == NULL || strcmp(only, "open_fstat_close") == 0;
    int run_stat = only == NULL || strcmp(only, "stat") == 0;
    if (depth > 32 || (!run_open && !run_stat)) {
        fprintf(stderr, "usage: metadata [DEPTH<=32] [N] [open_fstat_close|stat]\n");
        return 2;
    }
    char path[256] = "";
    size_t len = 0;
    for (long d = 1; d < depth; d++) {
        len += (size_t)snprintf(path + len, sizeof path - len, "d%ld/", d);
        if (mkdir(path, 0755) != 0) fail("metadata", "mkdir");
    }
    size_t dir_len = len;
    snprintf(path + len, sizeof path - len, "f");
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, "x", 1) != 1 || close(fd) != 0) fail("metadata", "create");

    struct stat st;
    uint64_t t0, t1;
    if (run_open) {
        t0 = now_ns();
        for (long i = 0; i < n; i++) {
            fd = open(path, O_RDONLY);
            if (fd < 0) fail("metadata", "open");
            if (fstat(fd, &st) != 0 || st.st_size != 1) fail("metadata", "fstat");
            if (close(fd) != 0) fail("metadata", "close");
        }
        t1 = now_ns();
        report_ns("open_fstat_close", t1 - t0, n);
    }
    if (run_stat) {
        t0 = now_ns();
        for (long i = 0; i < n; i++) {
            if (stat(path, &st) != 0 || st.st_size != 1) fail("metadata", "stat");
        }
        t1 = now_ns();
        report_ns("stat", t1 - t0, n);
    }

    if (unlink(path) != 0) fail("metadata", "unlink");
    /* Remove d(DEPTH-1), ..., d1, each named without a trailing slash. */
    while (dir_len > 0) {
        path[dir_len - 1] = '\0';
        if (rmdir(path) != 0) fail("metadata", "rmdir");
        char *slash = strrchr(path, '/');
        dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    }
    return 0;
}
