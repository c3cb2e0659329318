/* The part of <pwd.h> that shell.c uses (find_home_dir). wasi-libc has no
 * user database, so there is no <pwd.h>; getpwuid() in shim.c finds no one and
 * the shell falls back to $HOME. */
#ifndef WASI_SQLITE_PWD_H
#define WASI_SQLITE_PWD_H
#include <sys/types.h>

struct passwd {
    char *pw_name;
    char *pw_dir;
};

struct passwd *getpwuid(uid_t uid);
uid_t getuid(void);

#endif
