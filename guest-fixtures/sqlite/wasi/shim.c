/* Stubs for what wasi-libc lacks, and the hook that picks SQLite's VFS.
 *
 * WASI preview1 has no users, permission bits, processes or file locks. Each
 * stub below fails with an errno (or reports "nobody") rather than pretending
 * to succeed, except where noted; none of the failures matter to SQLite.
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/types.h>

#include "sqlite3.h"

/* os_unix.c robust_open(): a new, empty file whose mode differs from the one
 * asked for is chmod-ed; WASI reports no permission bits, so every new file
 * qualifies. The result is ignored. */
int fchmod(int fd, mode_t mode) {
    (void)fd;
    (void)mode;
    errno = ENOTSUP;
    return -1;
}

/* shell.c's fileio extension (writefile(), .archive): setting a file's mode.
 * writefile() then reports an error, as it would for any chmod failure. */
int chmod(const char *path, mode_t mode) {
    (void)path;
    (void)mode;
    errno = ENOTSUP;
    return -1;
}

/* os_unix.c robustFchown(): only called when geteuid() is 0, which it never
 * is here. */
int fchown(int fd, uid_t owner, gid_t group) {
    (void)fd;
    (void)owner;
    (void)group;
    errno = ENOTSUP;
    return -1;
}

/* There are no users; answer with a fixed id that is not root, so SQLite
 * never tries to chown journals to the database owner. */
uid_t geteuid(void) { return 1; }
uid_t getuid(void) { return 1; }

/* shell.c find_home_dir(): no user database; it falls back to $HOME. */
struct passwd *getpwuid(uid_t uid) {
    (void)uid;
    errno = ENOENT;
    return NULL;
}

/* shell.c .system, .shell and the "open in an editor/spreadsheet" commands.
 * There are no processes: system(NULL) says no shell is available (0), any
 * command fails with ENOSYS. */
int system(const char *command) {
    if (command == NULL) return 0;
    errno = ENOSYS;
    return -1;
}

/* Run by sqlite3_initialize() (-DSQLITE_EXTRA_INIT=wasi_sqlite_init), after the
 * unix VFSes are registered: make "unix-none", the unix VFS without file
 * locking, the default. Every other part of os_unix.c (pread/pwrite I/O,
 * journals, fsync, unlink) stays as it is. One process owns the files here,
 * and WASI preview1 has no locks to take. */
int wasi_sqlite_init(const char *unused) {
    (void)unused;
    sqlite3_vfs *vfs = sqlite3_vfs_find("unix-none");
    return vfs ? sqlite3_vfs_register(vfs, 1) : SQLITE_ERROR;
}
