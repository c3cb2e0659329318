/*
 * hello_fs.c -- the demo guest: reads in/hello.txt, writes it upper-cased
 * (ASCII letters only; every other byte is copied unchanged) to
 * out/HELLO.TXT, and reports on stdout:
 *
 *   hello_fs: read N bytes from in/hello.txt, wrote N bytes to out/HELLO.TXT
 *   arg: <argv[i]>          (one line for each argument after argv[0])
 *   GREETING=<value>        (only if the variable GREETING is set)
 *
 * Paths are relative; wasi-libc resolves them against the preopened "/".
 * The host creates out/ beforehand. Exit status 0 on success; on failure
 * "hello_fs: <what>: <strerror(errno)>" on stderr and exit status 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IN_PATH "in/hello.txt"
#define OUT_PATH "out/HELLO.TXT"

/* Print "hello_fs: what: <strerror(err)>" to stderr and exit 1. */
static void fail(const char *what, int err) {
    fprintf(stderr, "hello_fs: %s: %s\n", what, strerror(err));
    exit(1);
}

int main(int argc, char **argv) {
    /* Read the whole input, growing the buffer as needed. */
    FILE *in = fopen(IN_PATH, "rb");
    if (!in)
        fail("open " IN_PATH, errno);
    size_t len = 0, cap = 4096;
    unsigned char *buf = malloc(cap);
    if (!buf)
        fail("read " IN_PATH, ENOMEM);
    for (;;) {
        if (len == cap) {
            unsigned char *bigger = realloc(buf, cap * 2);
            if (!bigger)
                fail("read " IN_PATH, ENOMEM);
            buf = bigger;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len, in);
        len += n;
        if (n == 0) {
            if (ferror(in))
                fail("read " IN_PATH, errno);
            break;
        }
    }
    if (fclose(in) != 0)
        fail("close " IN_PATH, errno);

    /* Upper-case ASCII letters only (no locale involved). */
    for (size_t i = 0; i < len; i++)
        if (buf[i] >= 'a' && buf[i] <= 'z')
            buf[i] = (unsigned char)(buf[i] - 'a' + 'A');

    FILE *out = fopen(OUT_PATH, "wb");
    if (!out)
        fail("open " OUT_PATH, errno);
    if (fwrite(buf, 1, len, out) != len)
        fail("write " OUT_PATH, errno);
    if (fclose(out) != 0)
        fail("close " OUT_PATH, errno);
    free(buf);

    printf("hello_fs: read %zu bytes from " IN_PATH ", wrote %zu bytes to " OUT_PATH "\n",
           len, len);
    for (int i = 1; i < argc; i++)
        printf("arg: %s\n", argv[i]);
    const char *greeting = getenv("GREETING");
    if (greeting)
        printf("GREETING=%s\n", greeting);
    if (fflush(stdout) != 0)
        fail("write stdout", errno);
    return 0;
}
