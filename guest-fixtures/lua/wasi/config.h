/* Force-included (-include) before every Lua source file: the Lua build
 * settings that WASI needs, on top of the "generic" (ISO C) platform, which
 * already leaves out popen (io.popen raises "'popen' not supported") and
 * dlopen (package.loadlib and C modules: "dynamic libraries not enabled").
 */

/* os.tmpname: the ISO C default calls tmpnam(), which wasi-libc lacks (there
 * is no shared temporary directory in WASI). Fail instead; os.tmpname raises
 * "unable to generate a unique filename". */
#define LUA_TMPNAMBUFSIZE 32
#define lua_tmpnam(buff, err) { (buff)[0] = '\0'; err = 1; }

/* Nested C calls (C function -> Lua -> C function ..., and parser nesting)
 * before Lua raises "C stack overflow". Each level costs about 8 wasm frames
 * here, and engines bound the wasm call depth (wasmi: 1000 frames by default),
 * so Lua's default of 200 would trap in the engine first. At 100 Lua reports
 * the error itself. */
#define LUAI_MAXCCALLS 100
