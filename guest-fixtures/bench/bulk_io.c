/*
 * bulk_io PATH MIB: sequential I/O in 1 MiB chunks on a MIB-MiB file at PATH.
 *
 * Prints, in MB/s (10^6 bytes per second):
 *   bulk_write=    write() of MIB chunks to a new, empty file (O_CREAT|O_TRUNC)
 *   bulk_rewrite=  the same chunks again over the existing bytes (after lseek to 0)
 *   bulk_read=     read() of the whole file in 1 MiB chunks (after lseek to 0)
 * Every chunk is one write()/read() of 1 MiB, i.e. one fd_write/fd_read with one iovec.
 * The data read back is checked (one word per 4 KiB). The file is unlinked at the end.
 * Exits 1 on any failure. MIB defaults to 64.
 */
#include "bench.h"
#include <fcntl.h>
#include <unistd.h>

#define CHUNK (1u << 20)

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: bulk_io PATH [MIB]\n");
        return 2;
    }
    const char *path = argv[1];
    long mib = arg_num(argc, argv, 2, 64);
    uint64_t total = (uint64_t)mib * CHUNK;

    uint32_t *buf = malloc(CHUNK);
    if (!buf) fail("bulk_io", "malloc");
    for (uint32_t i = 0; i < CHUNK / 4; i++) buf[i] = i * 2654435761u;

    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) fail("bulk_io", "open");

    uint64_t t0 = now_ns();
    for (long c = 0; c < mib; c++) {
        if (write(fd, buf, CHUNK) != (ssize_t)CHUNK) fail("bulk_io", "write");
    }
    uint64_t t1 = now_ns();
    report_mbps("bulk_write", total, t1 - t0);

    if (lseek(fd, 0, SEEK_SET) != 0) fail("bulk_io", "lseek");
    t0 = now_ns();
    for (long c = 0; c < mib; c++) {
        if (write(fd, buf, CHUNK) != (ssize_t)CHUNK) fail("bulk_io", "rewrite");
    }
    t1 = now_ns();
    report_mbps("bulk_rewrite", total, t1 - t0);

    if (lseek(fd, 0, SEEK_SET) != 0) fail("bulk_io", "lseek");
    memset(buf, 0, CHUNK);
    uint64_t bad = 0;
    t0 = now_ns();
    for (long c = 0; c < mib; c++) {
        if (read(fd, buf, CHUNK) != (ssize_t)CHUNK) fail("bulk_io", "read");
        bad += buf[c % 1024] != (uint32_t)(c % 1024) * 2654435761u;
    }
    t1 = now_ns();
    report_mbps("bulk_read", total, t1 - t0);
    for (uint32_t i = 0; i < CHUNK / 4; i += 1024) bad += buf[i] != i * 2654435761u;
    if (bad != 0) {
        fprintf(stderr, "bulk_io: %llu words read back wrong\n", (unsigned long long)bad);
        return 1;
    }
    if (close(fd) != 0) fail("bulk_io", "close");
    if (unlink(path) != 0) fail("bulk_io", "unlink");
    free(buf);
    return 0;
}
