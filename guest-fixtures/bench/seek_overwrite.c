/*
 * seek_overwrite PATH N: N iterations of lseek(SEEK_SET) + a 13-byte write() into a 1 MiB file.
 *
 * Creates PATH as 1 MiB of zeros (one write, untimed), then times N iterations of
 * lseek(fd, off_i, SEEK_SET) followed by write(fd, "hello, world\n", 13) at offsets spread
 * over the file (off_i = i * 7919 * 13 mod (1 MiB - 13)), and prints
 * `seek_overwrite=<ns per iteration>`. It then checks that the file is still 1 MiB (the
 * writes overwrote, none extended it) and that the last record reads back, and unlinks
 * the file. Exits 1 on any failure. N defaults to 100000.
 */
#include "bench.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define SIZE (1u << 20)

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: seek_overwrite PATH [N]\n");
        return 2;
    }
    const char *path = argv[1];
    long n = arg_num(argc, argv, 2, 100000);
    static const char rec[13] = "hello, world\n";

    char *zeros = calloc(1, SIZE);
    if (!zeros) fail("seek_overwrite", "calloc");
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) fail("seek_overwrite", "open");
    if (write(fd, zeros, SIZE) != (ssize_t)SIZE) fail("seek_overwrite", "write zeros");

    uint64_t off = 0;
    uint64_t t0 = now_ns();
    for (long i = 0; i < n; i++) {
        off = ((uint64_t)i * 7919u * 13u) % (SIZE - 13);
        if (lseek(fd, (off_t)off, SEEK_SET) != (off_t)off) fail("seek_overwrite", "lseek");
        if (write(fd, rec, sizeof rec) != (ssize_t)sizeof rec) fail("seek_overwrite", "write");
    }
    uint64_t t1 = now_ns();
    report_ns("seek_overwrite", t1 - t0, n);

    struct stat st;
    if (fstat(fd, &st) != 0) fail("seek_overwrite", "fstat");
    char back[13];
    if (pread(fd, back, sizeof back, (off_t)off) != (ssize_t)sizeof back)
        fail("seek_overwrite", "pread");
    if (st.st_size != SIZE || memcmp(back, rec, sizeof rec) != 0) {
        fprintf(stderr, "seek_overwrite: size %lld or contents wrong\n", (long long)st.st_size);
        return 1;
    }
    if (close(fd) != 0) fail("seek_overwrite", "close");
    if (unlink(path) != 0) fail("seek_overwrite", "unlink");
    free(zeros);
    return 0;
}
