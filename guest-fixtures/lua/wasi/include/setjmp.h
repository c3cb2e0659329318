/* <setjmp.h> for wasm32-wasi, which wasi-libc does not have: WebAssembly
 * cannot return into an older frame without the exception-handling proposal
 * (which wasmi lacks). The implementation, on Binaryen's Asyncify, is sjlj.c;
 * Lua uses it for errors (ldo.c's LUAI_TRY / LUAI_THROW) and coroutine yields.
 */
#ifndef WASI_SJLJ_SETJMP_H
#define WASI_SJLJ_SETJMP_H
#include <stdint.h>

typedef struct wasi_sjlj_buf {
    uintptr_t sp;  /* the shadow stack pointer (__stack_pointer) at setjmp */
    uint32_t slot; /* the index of its stack snapshot in sjlj.c's table */
} jmp_buf[1];

/* Own symbol names: the compiler knows the C library's longjmp as noreturn,
 * but this one returns (into the unwind that performs the jump). */
#define setjmp wasi_sjlj_setjmp
#define longjmp wasi_sjlj_longjmp

int setjmp(jmp_buf env) __attribute__((returns_twice));
#ifndef WASI_SJLJ_IMPL
_Noreturn
#endif
void longjmp(jmp_buf env, int value);

#endif
