/*
 * posix_dirs.c -- directories through wasi-libc's <dirent.h> and <sys/stat.h>:
 * opendir/readdir/telldir/seekdir/rewinddir/closedir, mkdir and rmdir.
 *
 * The test prepares (paths relative to the preopened "/", which is the cwd):
 *   list/alpha, list/beta, list/delta   regular files
 *   list/gamma/                        a directory
 *   full/inner                         a regular file (so full/ is not empty)
 * and no made/ and no many/.
 *
 * Every step prints one line "step: result" on stdout. A result is a plain
 * value, "ok" for a call that succeeded, or "errno=NAME" with a fixed name
 * (see errname) when it failed, so a test can show exactly what differs. The
 * program prints "done: ok" and exits 0 when it reached the end, whatever
 * the steps printed; it exits 1 only when it cannot go on (opendir failed).
 *
 * Steps:
 *  1. opendir("list") and read it to the end, printing for every entry its
 *     name, its type, the telldir() position taken just before the readdir
 *     that returned it, and whether its d_ino equals the st_ino that
 *     lstat("list/NAME") gives ("." and ".." included).
 *  2. seekdir() back to the position remembered before the 3rd entry and
 *     read to the end again: the same entries must follow.
 *  3. Create list/epsilon, rewinddir() and list again on one line: the new
 *     file shows up.
 *  4. mkdir made; mkdir made again (EEXIST); rmdir full (ENOTEMPTY);
 *     rmdir made; stat made (ENOENT).
 *  5. mkdir many, create many/f000 .. many/f299, and read it back: 302
 *     entries (with "." and ".."), each of the 300 names exactly once; then
 *     seekdir() to the position remembered before entry 150 (past the first
 *     4 KiB buffer wasi-libc asks fd_readdir to fill) and read one entry: the
 *     same name as the first time.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANY 300

/* A fixed name for the errnos this program may meet; others print as a number. */
static const char *errname(int e) {
    static char other[16];
    switch (e) {
    case EACCES: return "EACCES";
    case EBADF: return "EBADF";
    case EEXIST: return "EEXIST";
    case EINVAL: return "EINVAL";
    case EISDIR: return "EISDIR";
    case ELOOP: return "ELOOP";
    case ENOENT: return "ENOENT";
    case ENOSYS: return "ENOSYS";
    case ENOTCAPABLE: return "ENOTCAPABLE";
    case ENOTDIR: return "ENOTDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case ENOTSUP: return "ENOTSUP";
    case EPERM: return "EPERM";
    }
    snprintf(other, sizeof other, "%d", e);
    return other;
}

/* Prints "step: ok" if rc is 0, else "step: errno=NAME". */
static void report(const char *step, int rc) {
    if (rc == 0)
        printf("%s: ok\n", step);
    else
        printf("%s: errno=%s\n", step, errname(errno));
}

/* The d_type of an entry as a word. */
static const char *type_name(unsigned char t) {
    switch (t) {
    case DT_REG: return "file";
    case DT_DIR: return "dir";
    case DT_LNK: return "symlink";
    }
    return "other";
}

/* "ok" if d_ino matches lstat("dir/name"), else what went wrong. */
static const char *ino_check(const char *dir, const struct dirent *e) {
    char path[300];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    if (lstat(path, &st) != 0)
        return errname(errno);
    return st.st_ino == e->d_ino ? "ok" : "MISMATCH";
}

/* Creates an empty regular file; returns 0 or -1 with errno set. */
static int touch(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    return close(fd);
}

int main(void) {
    /* 1. The first listing, entry by entry. */
    DIR *d = opendir("list");
    report("opendir list", d ? 0 : -1);
    if (!d)
        return 1;
    long third = -1; /* telldir() before the 3rd entry */
    char names[16][64];
    int n = 0;
    for (;;) {
        long pos = telldir(d);
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e) {
            if (errno)
                printf("readdir: errno=%s\n", errname(errno));
            else
                printf("readdir: end tell=%ld\n", pos);
            break;
        }
        printf("readdir: %s %s tell=%ld ino=%s\n", e->d_name,
               type_name(e->d_type), pos, ino_check("list", e));
        if (n == 2)
            third = pos;
        if (n < 16)
            snprintf(names[n], sizeof names[n], "%s", e->d_name);
        n++;
    }
    printf("entries: %d\n", n);

    /* 2. Back to the 3rd entry: the same entries must follow. */
    seekdir(d, third);
    printf("seekdir: tell=%ld\n", telldir(d));
    int i = 2;
    int same = 1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        printf("after seekdir: %s\n", e->d_name);
        if (i >= n || strcmp(names[i], e->d_name) != 0)
            same = 0;
        i++;
    }
    printf("after seekdir same as first listing: %s\n", same && i == n ? "yes" : "no");

    /* 3. A file created after the listing shows up after rewinddir. */
    report("create list/epsilon", touch("list/epsilon"));
    rewinddir(d);
    printf("rewinddir: tell=%ld\n", telldir(d));
    printf("after rewinddir:");
    while ((e = readdir(d)) != NULL)
        printf(" %s", e->d_name);
    printf("\n");
    report("closedir", closedir(d));

    /* 4. mkdir and rmdir, and their usual errors. */
    struct stat st;
    report("mkdir made", mkdir("made", 0755));
    if (stat("made", &st) == 0)
        printf("stat made: %s\n", S_ISDIR(st.st_mode) ? "dir" : "not a dir");
    else
        printf("stat made: errno=%s\n", errname(errno));
    report("mkdir made again", mkdir("made", 0755));
    report("rmdir full", rmdir("full"));
    report("rmdir made", rmdir("made"));
    report("stat made after rmdir", stat("made", &st));

    /* 5. A directory with 300 entries, read through several fd_readdir calls. */
    report("mkdir many", mkdir("many", 0755));
    int created = 0;
    for (int k = 0; k < MANY; k++) {
        char path[32];
        snprintf(path, sizeof path, "many/f%03d", k);
        if (touch(path) == 0)
            created++;
        else
            printf("create %s: errno=%s\n", path, errname(errno));
    }
    printf("created in many: %d\n", created);
    d = opendir("many");
    report("opendir many", d ? 0 : -1);
    if (!d)
        return 1;
    static char seen[MANY];
    int total = 0, distinct = 0, strays = 0;
    long pos150 = -1;
    char name150[64] = "";
    for (;;) {
        long pos = telldir(d);
        if (!(e = readdir(d)))
            break;
        if (total == 150) {
            pos150 = pos;
            snprintf(name150, sizeof name150, "%s", e->d_name);
        }
        total++;
        int k;
        char extra;
        if (sscanf(e->d_name, "f%3d%c", &k, &extra) == 1 && k >= 0 && k < MANY &&
            strlen(e->d_name) == 4) {
            if (!seen[k]++)
                distinct++;
        } else if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            strays++;
        }
    }
    printf("many entries: %d\n", total);
    printf("many distinct names: %d\n", distinct);
    printf("many other names: %d\n", strays);
    seekdir(d, pos150);
    e = readdir(d);
    printf("many seekdir to entry 150: %s %s\n", e ? e->d_name : "(end)",
           e && strcmp(e->d_name, name150) == 0 ? "same" : "DIFFERENT");
    report("closedir many", closedir(d));

    printf("done: ok\n");
    return 0;
}
