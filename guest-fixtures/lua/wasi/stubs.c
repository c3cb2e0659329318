/* C library functions that Lua calls and wasi-libc lacks. WASI preview1 has no
 * processes and no temporary directory; each stub fails in the documented way
 * so the Lua function reports the failure normally. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* os.execute(): system(NULL) answers "no shell" (0), so os.execute() returns
 * false; os.execute(cmd) returns nil, "Function not implemented", 52 (ENOSYS). */
int system(const char *command) {
    if (command == NULL) return 0;
    errno = ENOSYS;
    return -1;
}

/* io.tmpfile(): wasi-libc declares tmpfile() but does not define it. It
 * returns nil, "Not supported", 58 (ENOTSUP). */
FILE *tmpfile(void) {
    errno = ENOTSUP;
    return NULL;
}
