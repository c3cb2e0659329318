/* setjmp/longjmp for wasm32-wasi, built on Binaryen's Asyncify pass.
 *
 * WebAssembly has no way to jump back into an older stack frame without the
 * exception-handling proposal, which wasmi does not implement. Asyncify
 * (`wasm-opt --asyncify`) rewrites every function that can reach setjmp or
 * longjmp so that it can save its locals and return ("unwind") and later be
 * re-entered and restore them ("rewind"). On top of that:
 *
 *   setjmp(env)   unwinds the whole stack into `work`, down to main() below;
 *                 main() copies it as a snapshot, then rewinds the same data,
 *                 and setjmp returns 0 at the end of the rewind.
 *   longjmp(env)  unwinds (the data is thrown away); main() resets the shadow
 *                 stack pointer to what it was at setjmp, rewinds env's
 *                 snapshot, and setjmp returns the value a second time.
 *
 * Wasm locals come back as they were at setjmp (C leaves non-volatile
 * automatics changed after setjmp indeterminate, so that is allowed); linear
 * memory keeps its current contents, as with a native longjmp.
 *
 * Snapshots form a stack. The shadow stack grows down, and a caller of setjmp
 * keeps its jmp_buf in its own frame, so when setjmp runs at stack pointer S,
 * every snapshot taken at S or below belongs to a frame that has returned: it
 * is dropped. (So one frame must not hold two live jmp_bufs; Lua never does.)
 * The table stays sorted by decreasing stack pointer and holds at most one
 * entry per stack depth. A stack with more than `work` (1 MiB) of saved
 * locals makes the run trap: Asyncify checks the bound when the unwind ends.
 *
 * The program's own main is renamed lua_main (-Dmain=lua_main for lua.c).
 * The functions here call the asyncify.* imports, so Asyncify leaves them
 * uninstrumented, as a runtime must be.
 */
#define WASI_SJLJ_IMPL /* longjmp returns here: into the unwind */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT(name) __attribute__((import_module("asyncify"), import_name(name)))
IMPORT("start_unwind") void asyncify_start_unwind(void *data);
IMPORT("stop_unwind") void asyncify_stop_unwind(void);
IMPORT("start_rewind") void asyncify_start_rewind(void *data);
IMPORT("stop_rewind") void asyncify_stop_rewind(void);

uintptr_t wasi_sjlj_get_sp(void); /* sp.s */
void wasi_sjlj_set_sp(uintptr_t sp);

int lua_main(int argc, char **argv);

/* The Asyncify data header: where the next saved byte goes, and the end. */
static struct {
    char *cur;
    char *end;
} control;
#define WORK_SIZE (1u << 20)
static char work[WORK_SIZE] __attribute__((aligned(16)));

struct snapshot {
    const struct wasi_sjlj_buf *env;
    uintptr_t sp;
    size_t offset; /* into arena */
    size_t len;
};
static struct snapshot *table;
static size_t table_len, table_cap;
static char *arena;
static size_t arena_len, arena_cap;

enum { OP_NONE, OP_CAPTURE, OP_JUMP };
static int op = OP_NONE;
static struct wasi_sjlj_buf *op_env;
static int op_value;
static int rewinding;    /* main() started a rewind that setjmp must stop */
static int resume_value; /* what setjmp returns when the rewind reaches it */

static void fail(const char *what) {
    fprintf(stderr, "sjlj: %s\n", what);
    abort();
}

static void begin_unwind(void) {
    control.cur = work;
    control.end = work + WORK_SIZE;
    asyncify_start_unwind(&control);
}

int setjmp(jmp_buf env) {
    if (rewinding) {
        rewinding = 0;
        asyncify_stop_rewind();
        return resume_value;
    }
    env->sp = wasi_sjlj_get_sp();
    op = OP_CAPTURE;
    op_env = env;
    begin_unwind();
    return 0; /* not seen: the caller is unwinding */
}

void longjmp(jmp_buf env, int value) {
    op = OP_JUMP;
    op_env = env;
    op_value = value ? value : 1;
    begin_unwind();
}

static void *grow(void *p, size_t *cap, size_t need, size_t elem) {
    if (need <= *cap) return p;
    size_t n = *cap ? *cap : 16;
    while (n < need) n *= 2;
    p = realloc(p, n * elem);
    if (!p) fail("out of memory for a snapshot");
    *cap = n;
    return p;
}

/* Records the stack just unwound into `work` as op_env's snapshot. */
static void capture(size_t len) {
    while (table_len > 0 && table[table_len - 1].sp <= op_env->sp) table_len--;
    arena_len = table_len ? table[table_len - 1].offset + table[table_len - 1].len : 0;
    table = grow(table, &table_cap, table_len + 1, sizeof *table);
    arena = grow(arena, &arena_cap, arena_len + len, 1);
    memcpy(arena + arena_len, work, len);
    table[table_len] = (struct snapshot){op_env, op_env->sp, arena_len, len};
    op_env->slot = (uint32_t)table_len;
    table_len++;
    arena_len += len;
    resume_value = 0;
    /* `work` still holds the data and control.cur its end: rewind from it. */
}

/* Loads op_env's snapshot into `work` and drops every newer one. */
static void jump(void) {
    size_t i = op_env->slot;
    if (i >= table_len || table[i].env != op_env || table[i].sp != op_env->sp)
        fail("longjmp to a jmp_buf whose setjmp frame has returned");
    table_len = i + 1;
    arena_len = table[i].offset + table[i].len;
    memcpy(work, arena + table[i].offset, table[i].len);
    control.cur = work + table[i].len;
    control.end = work + WORK_SIZE;
    wasi_sjlj_set_sp(op_env->sp);
    resume_value = op_value;
}

int main(int argc, char **argv) {
    for (;;) {
        int status = lua_main(argc, argv);
        if (op == OP_NONE) return status;
        asyncify_stop_unwind();
        if (op == OP_CAPTURE) {
            capture((size_t)(control.cur - work));
        } else {
            jump();
        }
        op = OP_NONE;
        rewinding = 1;
        asyncify_start_rewind(&control);
        /* The next lua_main call re-enters the saved frames, not a new run. */
    }
}
