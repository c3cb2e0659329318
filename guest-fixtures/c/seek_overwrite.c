/*
 * seek_overwrite.c -- the same "write, seek back, patch the header" sequence
 * as wat/seek_overwrite.wat (see that file for the full story), written with
 * stdio the way a real muxer such as ffmpeg's would be, so that it goes
 * through wasi-libc's buffering and its own choice of rights and flags.
 *
 * The final content of out/reel.bin is byte-for-byte the same as the WAT
 * version's, and a failing step exits with the same code:
 *   1  fopen("out/reel.bin", "w+b")            (path_open CREAT|TRUNC)
 *   2  writing the 8 MiB pattern, k % 251
 *   3  fseek(f1, 0, SEEK_SET)
 *   4  writing the 32-byte header 0xA0 + i
 *   5  fseek(f1, 0, SEEK_END)
 *   6  writing 1024 x 0xEE
 *   7  fstat(fileno(f1))
 *  10  size != 8 MiB + 1024
 *   8  fopen("out/reel.bin", "rb")
 *   9  fseek(f2, -4096, SEEK_END)
 *  12  fread of exactly 4096 bytes
 *  13  fseek(f1, 32, SEEK_SET)
 *  14  fwrite of those 4096 bytes
 *  15  ftell(f1) failed (wasi-libc implements it with fd_seek(fd, 0, CUR))
 *  11  ftell(f1) != 4128
 *  16  fclose(f2)
 *  17  fclose(f1)
 *  18  printing "ok"
 * Every write step ends with an fflush, so that a failing fd_write is
 * reported by the step that made it rather than by the next fseek that
 * would flush stdio's buffer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define FILE_SIZE (8L * 1024 * 1024)
#define CHUNK (64 * 1024)
#define TAIL 1024
#define READBACK 4096

static unsigned char chunk[CHUNK];
static unsigned char readback[READBACK];

/* Write all of buf or exit with code. */
static void write_or_exit(FILE *f, const void *buf, size_t len, int code) {
    if (fwrite(buf, 1, len, f) != len)
        exit(code);
}

/* Push stdio's buffer to the host or exit with code. */
static void flush_or_exit(FILE *f, int code) {
    if (fflush(f) != 0)
        exit(code);
}

int main(void) {
    /* 1. Create/truncate for reading and writing. */
    FILE *f1 = fopen("out/reel.bin", "w+b");
    if (!f1)
        exit(1);

    /* 2. 8 MiB where the byte at offset k is k % 251. The buffer is refilled
     * for every chunk, continuing the pattern where the last one stopped
     * (64 KiB is not a multiple of 251). */
    unsigned value = 0; /* == offset % 251 */
    for (long off = 0; off < FILE_SIZE; off += CHUNK) {
        size_t n = FILE_SIZE - off < CHUNK ? (size_t)(FILE_SIZE - off) : CHUNK;
        for (size_t i = 0; i < n; i++) {
            chunk[i] = (unsigned char)value;
            if (++value == 251)
                value = 0;
        }
        write_or_exit(f1, chunk, n, 2);
    }
    flush_or_exit(f1, 2);

    /* 3./4. Back to the start, overwrite a 32-byte header. */
    if (fseek(f1, 0, SEEK_SET) != 0)
        exit(3);
    unsigned char header[32];
    for (int i = 0; i < 32; i++)
        header[i] = (unsigned char)(0xA0 + i);
    write_or_exit(f1, header, sizeof header, 4);
    flush_or_exit(f1, 4);

    /* 5./6. To the end, append 1024 bytes of 0xEE. The flush also makes
     * the host see every byte before we ask it for the size. */
    if (fseek(f1, 0, SEEK_END) != 0)
        exit(5);
    unsigned char tail[TAIL];
    memset(tail, 0xEE, sizeof tail);
    write_or_exit(f1, tail, sizeof tail, 6);
    flush_or_exit(f1, 6);

    /* 7. The size, as the host reports it (fd_filestat_get). */
    struct stat st;
    if (fstat(fileno(f1), &st) != 0)
        exit(7);
    if (st.st_size != FILE_SIZE + TAIL)
        exit(10);

    /* 8.-10. A second, read-only handle reads the last 4096 bytes. */
    FILE *f2 = fopen("out/reel.bin", "rb");
    if (!f2)
        exit(8);
    if (fseek(f2, -READBACK, SEEK_END) != 0)
        exit(9);
    if (fread(readback, 1, READBACK, f2) != READBACK)
        exit(12);

    /* 11./12. Copy them to offset 32 through the first handle. */
    if (fseek(f1, 32, SEEK_SET) != 0)
        exit(13);
    write_or_exit(f1, readback, READBACK, 14);
    flush_or_exit(f1, 14);

    /* 13. The position is right after what we wrote. */
    long pos = ftell(f1);
    if (pos < 0)
        exit(15);
    if (pos != 32 + READBACK)
        exit(11);

    /* 14./15. Close both. */
    if (fclose(f2) != 0)
        exit(16);
    if (fclose(f1) != 0)
        exit(17);

    /* 16. Success. */
    if (printf("ok\n") < 0 || fflush(stdout) != 0)
        exit(18);
    return 0;
}
