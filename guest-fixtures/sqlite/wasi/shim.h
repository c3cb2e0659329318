/* Force-included (-include) before sqlite3.c and shell.c: what wasi-libc
 * lacks and SQLite's unix layer names. The functions are defined in shim.c,
 * where each stub says what it does and why.
 *
 * The F_*LK constants only let os_unix.c's POSIX-locking code compile; it is
 * never run, because shim.c makes "unix-none" (no locking) the default VFS.
 * WASI preview1 has no advisory locks: fcntl(F_SETLK) would fail with EINVAL.
 */
#ifndef WASI_SQLITE_SHIM_H
#define WASI_SQLITE_SHIM_H
#include <sys/types.h>

int fchmod(int fd, mode_t mode);
int chmod(const char *path, mode_t mode);
int fchown(int fd, uid_t owner, gid_t group);
uid_t geteuid(void);

#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2

#endif
