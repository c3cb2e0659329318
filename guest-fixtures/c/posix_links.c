/*
 * posix_links.c -- names through wasi-libc: rename, link, symlink, readlink,
 * unlink, and a realpath written here (see guest_realpath).
 *
 * The test prepares (paths relative to the preopened "/", which is the cwd):
 *   r/file1 = "one"      r/victim = "old"      r/dir1/inside = "in"
 *   r/empty/ (empty)     r/dir2/x = "x"
 *   l/orig = "hello"     l/sub/deeper/leaf = "leaf"
 *   l/tosub -> "sub"     a symlink
 *
 * Every step prints one line "step: result" on stdout. A result is a plain
 * value, "ok" for a call that succeeded, or "errno=NAME" with a fixed name
 * (see errname) when it failed, so a test can show exactly what differs.
 * File contents print in double quotes. The program prints "done: ok" and
 * exits 0 when it reached the end, whatever the steps printed.
 *
 * Steps:
 *  1. rename a file (r/file1 -> r/file2), a directory (r/dir1 -> r/dir1b),
 *     a file over an existing file (r/file2 -> r/victim), a directory over
 *     an empty directory (r/dir1b -> r/empty), a directory into its own
 *     child (r/dir2 -> r/dir2/inner: EINVAL), a directory over a non-empty
 *     one (r/dir2 -> r/empty: ENOTEMPTY) and a file over a directory
 *     (r/victim -> r/dir2: EISDIR); after each, what the old and new names
 *     hold.
 *  2. link l/orig -> l/hard: st_nlink is 2 through fstat of an fd opened on
 *     l/orig before the link and through stat of both names, which share an
 *     inode; writing "changed" through l/hard shows through l/orig.
 *  3. symlink "nowhere/target" -> l/dangling (dangling is fine): lstat sees
 *     a symlink, stat fails (ENOENT); readlink gives the target back, and
 *     into a 4-byte buffer gives its first 4 bytes; readlink of a regular
 *     file is EINVAL.
 *  4. symlink "sub/deeper" -> l/deeplink; guest_realpath of
 *     "./l/../l/deeplink/../deeper/./leaf" is "/l/sub/deeper/leaf" (".."
 *     after a symlink goes to the parent of its target); the host resolves
 *     the same path to the same inode. guest_realpath of the prepared
 *     symlink "l/tosub/./deeper/leaf" is "/l/sub/deeper/leaf" too.
 *  5. symlink "orig" -> l/tolink, read through it, unlink it: l/orig stays.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENOENT: return "ENOENT";
    case ENOSYS: return "ENOSYS";
    case ENOTCAPABLE: return "ENOTCAPABLE";
    case ENOTDIR: return "ENOTDIR";
    case ENOTEMPTY: return "ENOTEMPTY";
    case ENOTSUP: return "ENOTSUP";
    case EPERM: return "EPERM";
    case EXDEV: return "EXDEV";
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

/* Prints "cat PATH: "contents"" or "cat PATH: errno=NAME". */
static void cat(const char *path) {
    char buf[64];
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        printf("cat %s: errno=%s\n", path, errname(errno));
        return;
    }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    if (n < 0)
        printf("cat %s: errno=%s\n", path, errname(errno));
    else
        printf("cat %s: \"%.*s\"\n", path, (int)n, buf);
    close(fd);
}

/* Prints what lstat says PATH is: "file", "dir", "symlink" or errno=NAME. */
static void what(const char *path) {
    struct stat st;
    if (lstat(path, &st) != 0)
        printf("lstat %s: errno=%s\n", path, errname(errno));
    else
        printf("lstat %s: %s\n", path,
               S_ISREG(st.st_mode)   ? "file"
               : S_ISDIR(st.st_mode) ? "dir"
               : S_ISLNK(st.st_mode) ? "symlink"
                                     : "other");
}

/* Prints "step: N" for a link count, or errno=NAME. */
static void nlink_of(const char *step, int rc, const struct stat *st) {
    if (rc != 0)
        printf("%s: errno=%s\n", step, errname(errno));
    else
        printf("%s: %llu\n", step, (unsigned long long)st->st_nlink);
}

/*
 * realpath(3) for this sandbox: the wasi-libc this is built with declares
 * realpath but does not provide it, so the guest walks the path itself with
 * lstat and readlink, as a libc would. PATH is relative to the cwd "/" (or
 * absolute); OUT gets an absolute path without ".", ".." or symlinks. Only
 * relative symlink targets are expanded (the host refuses to follow absolute
 * ones anyway). Returns 0, or -1 with errno set (ELOOP after 40 links).
 */
static int guest_realpath(const char *path, char *out, size_t outlen) {
    char rest[1024];  /* what is left to resolve */
    char done[1024];  /* resolved so far: "" is "/", else "/a/b" */
    int links = 0;
    if (strlen(path) >= sizeof rest) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(rest, path);
    done[0] = '\0';
    while (rest[0] != '\0') {
        /* Take the first component off rest. */
        char *p = rest;
        while (*p == '/')
            p++;
        size_t len = strcspn(p, "/");
        char name[256];
        if (len >= sizeof name) {
            errno = ENAMETOOLONG;
            return -1;
        }
        memcpy(name, p, len);
        name[len] = '\0';
        memmove(rest, p + len, strlen(p + len) + 1);
        if (len == 0 || strcmp(name, ".") == 0)
            continue;
        if (strcmp(name, "..") == 0) {
            char *slash = strrchr(done, '/');
            if (slash)
                *slash = '\0';
            continue;
        }
        size_t at = strlen(done);
        if (at + 1 + len >= sizeof done) {
            errno = ENAMETOOLONG;
            return -1;
        }
        done[at] = '/';
        strcpy(done + at + 1, name);
        struct stat st;
        if (lstat(done, &st) != 0)
            return -1;
        if (S_ISLNK(st.st_mode)) {
            /* Replace the link by its target, to be resolved from its directory. */
            char target[1024];
            if (++links > 40) {
                errno = ELOOP;
                return -1;
            }
            ssize_t n = readlink(done, target, sizeof target - 1);
            if (n < 0)
                return -1;
            target[n] = '\0';
            done[at] = '\0';
            if (target[0] == '/')
                done[0] = '\0';
            if ((size_t)n + 1 + strlen(rest) >= sizeof rest) {
                errno = ENAMETOOLONG;
                return -1;
            }
            memmove(rest + n, rest, strlen(rest) + 1);
            memcpy(rest, target, (size_t)n);
        } else if (!S_ISDIR(st.st_mode) && strspn(rest, "/") != strlen(rest)) {
            errno = ENOTDIR;
            return -1;
        }
    }
    if (snprintf(out, outlen, "%s", done[0] ? done : "/") >= (int)outlen) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

int main(void) {
    struct stat st, st2;

    /* 1. rename. */
    report("rename file", rename("r/file1", "r/file2"));
    what("r/file1");
    cat("r/file2");
    report("rename dir", rename("r/dir1", "r/dir1b"));
    what("r/dir1");
    cat("r/dir1b/inside");
    report("rename file over file", rename("r/file2", "r/victim"));
    what("r/file2");
    cat("r/victim");
    report("rename dir over empty dir", rename("r/dir1b", "r/empty"));
    what("r/dir1b");
    cat("r/empty/inside");
    report("rename dir into its child", rename("r/dir2", "r/dir2/inner"));
    what("r/dir2/inner");
    cat("r/dir2/x");
    report("rename dir over non-empty dir", rename("r/dir2", "r/empty"));
    cat("r/empty/inside");
    report("rename file over dir", rename("r/victim", "r/dir2"));
    what("r/dir2");
    cat("r/victim");

    /* 2. Hard links. */
    int fd = open("l/orig", O_RDONLY);
    report("open l/orig", fd < 0 ? -1 : 0);
    report("link l/orig l/hard", link("l/orig", "l/hard"));
    nlink_of("fstat l/orig nlink", fstat(fd, &st), &st);
    nlink_of("stat l/orig nlink", stat("l/orig", &st), &st);
    nlink_of("stat l/hard nlink", stat("l/hard", &st2), &st2);
    printf("same inode: %s\n", st.st_ino == st2.st_ino ? "yes" : "no");
    int wfd = open("l/hard", O_WRONLY | O_TRUNC);
    report("open l/hard for writing", wfd < 0 ? -1 : 0);
    printf("write l/hard: %zd\n", write(wfd, "changed", 7));
    report("close l/hard", close(wfd));
    cat("l/orig");
    cat("l/hard");
    report("link onto existing name", link("l/orig", "l/hard"));
    report("close l/orig", close(fd));

    /* 3. Symlinks and readlink. */
    char buf[64];
    ssize_t n;
    report("symlink dangling", symlink("nowhere/target", "l/dangling"));
    what("l/dangling");
    report("stat l/dangling", stat("l/dangling", &st));
    memset(buf, '#', sizeof buf);
    n = readlink("l/dangling", buf, sizeof buf);
    if (n < 0)
        printf("readlink l/dangling: errno=%s\n", errname(errno));
    else
        printf("readlink l/dangling: %zd \"%.*s\" next byte %s\n", n, (int)n, buf,
               buf[n] == '#' ? "untouched" : "WRITTEN");
    memset(buf, '#', sizeof buf);
    n = readlink("l/dangling", buf, 4);
    if (n < 0)
        printf("readlink short buffer: errno=%s\n", errname(errno));
    else
        printf("readlink short buffer: %zd \"%.*s\" next byte %s\n", n, (int)n, buf,
               buf[n] == '#' ? "untouched" : "WRITTEN");
    n = readlink("l/orig", buf, sizeof buf);
    printf("readlink regular file: %s%s\n", n < 0 ? "errno=" : "returned ",
           n < 0 ? errname(errno) : "a value");
    report("symlink onto existing name", symlink("x", "l/orig"));

    /* 4. realpath through ".", ".." and a symlink. */
    char resolved[256];
    const char *twisty = "./l/../l/deeplink/../deeper/./leaf";
    report("symlink l/deeplink", symlink("sub/deeper", "l/deeplink"));
    if (guest_realpath(twisty, resolved, sizeof resolved) == 0)
        printf("realpath %s: %s\n", twisty, resolved);
    else
        printf("realpath %s: errno=%s\n", twisty, errname(errno));
    if (guest_realpath("l/deeplink", resolved, sizeof resolved) == 0)
        printf("realpath l/deeplink: %s\n", resolved);
    else
        printf("realpath l/deeplink: errno=%s\n", errname(errno));
    if (stat(twisty, &st) == 0 && stat("l/sub/deeper/leaf", &st2) == 0)
        printf("host resolves it to the same file: %s\n", st.st_ino == st2.st_ino ? "yes" : "no");
    else
        printf("host resolves it to the same file: errno=%s\n", errname(errno));
    cat(twisty);
    if (guest_realpath("l/tosub/./deeper/leaf", resolved, sizeof resolved) == 0)
        printf("realpath l/tosub/./deeper/leaf: %s\n", resolved);
    else
        printf("realpath l/tosub/./deeper/leaf: errno=%s\n", errname(errno));

    /* 5. Unlinking a symlink removes the link, not its target. */
    report("symlink l/tolink", symlink("orig", "l/tolink"));
    cat("l/tolink");
    report("unlink l/tolink", unlink("l/tolink"));
    what("l/tolink");
    cat("l/orig");

    printf("done: ok\n");
    return 0;
}
