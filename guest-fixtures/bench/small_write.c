/*
 * small_write PATH N: N unbuffered 16-byte write()s to a new file at PATH.
 *
 * Opens PATH with O_WRONLY|O_CREAT|O_TRUNC, then times N write(fd, buf, 16) calls (each one
 * fd_write with one iovec) and prints `small_write=<ns per write>`. Afterwards it checks with
 * fstat that the file is 16*N bytes, closes and unlinks it. Exits 1 on any failure.
 * N defaults to 100000.
 */
#include "bench.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: small_write PATH [N]\n");
        return 2;
    }
    const char *path = argv[1];
    long n = arg_num(argc, argv, 2, 100000);
    static const char rec[16] = "0123456789abcde\n";

    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) fail("small_write", "open");
    uint64_t t0 = now_ns();
    for (long i = 0; i < n; i++) {
        if (write(fd, rec, sizeof rec) != (ssize_t)sizeof rec) fail("small_write", "write");
    }
    uint64_t t1 = now_ns();
    report_ns("small_write", t1 - t0, n);

    struct stat st;
    if (fstat(fd, &st) != 0) fail("small_write", "fstat");
    if (st.st_size != (off_t)(16 * n)) {
        fprintf(stderr, "small_write: size %lld, want %lld\n", (long long)st.st_size,
                (long long)(16 * n));
        return 1;
    }
    if (close(fd) != 0) fail("small_write", "close");
    if (unlink(path) != 0) fail("small_write", "unlink");
    return 0;
}
