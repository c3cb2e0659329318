/*
 * readdir N [REPS]: create, list and unlink a directory of N empty files.
 *
 * Creates the directory `dir` with N empty files dir/f0000000 ... (open O_CREAT + close),
 * lists it REPS times with opendir/readdir/closedir (wasi-libc pages through fd_readdir
 * with its own buffer), and unlinks everything. Prints, in ns:
 *   create=  per file created
 *   list=    per entry listed (`.` and `..` are not counted), the mean over REPS listings
 *   unlink=  per file removed
 * Exits 1 on any failure, or if a listing does not have exactly N files. REPS defaults to 3.
 */
#include "bench.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    long n = arg_num(argc, argv, 1, 1000);
    long reps = arg_num(argc, argv, 2, 3);
    char path[32];

    if (mkdir("dir", 0755) != 0) fail("readdir", "mkdir");
    uint64_t t0 = now_ns();
    for (long i = 0; i < n; i++) {
        snprintf(path, sizeof path, "dir/f%07ld", i);
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd < 0 || close(fd) != 0) fail("readdir", "create");
    }
    uint64_t t1 = now_ns();
    report_ns("create", t1 - t0, n);

    uint64_t listed = 0;
    t0 = now_ns();
    for (long r = 0; r < reps; r++) {
        DIR *d = opendir("dir");
        if (!d) fail("readdir", "opendir");
        long count = 0;
        struct dirent *e;
        errno = 0;
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == 'f') count++;
        }
        if (errno != 0) fail("readdir", "readdir");
        closedir(d);
        if (count != n) {
            fprintf(stderr, "readdir: listed %ld files, want %ld\n", count, n);
            return 1;
        }
        listed += (uint64_t)count;
    }
    t1 = now_ns();
    report_ns("list", t1 - t0, listed);

    t0 = now_ns();
    for (long i = 0; i < n; i++) {
        snprintf(path, sizeof path, "dir/f%07ld", i);
        if (unlink(path) != 0) fail("readdir", "unlink");
    }
    t1 = now_ns();
    report_ns("unlink", t1 - t0, n);
    if (rmdir("dir") != 0) fail("readdir", "rmdir");
    return 0;
}
