#!/usr/bin/env bash
# Build guest-fixtures/lua/lua.wasm: the standalone Lua 5.4.4 interpreter from
# Debian bookworm's lua5.4 source package, for wasm32-wasi.
#
# The tests use the committed lua.wasm; run this only to rebuild it. It runs on
# Debian 12 (bookworm) as root, or with sudo, and installs what it needs when
# missing:
#   apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32 dpkg-dev binaryen
# (dpkg-dev for dpkg-source; binaryen for wasm-opt). If apt has no source index
# yet it enables deb-src for the Debian mirrors of
# /etc/apt/sources.list.d/debian.sources, in debian-src.sources next to it.
#
# The source is pinned to the Debian version below and the sha256 of its .dsc
# (which holds the hashes of the tarballs, checked by dpkg-source). When the
# mirror no longer offers that version, use a snapshot.debian.org deb-src line,
# or update the pins and re-record reference.sha256 (README.md).
#
# Steps, all under $BUILD_DIR (default /tmp/lua-build), outside the repository:
# unpack the source (Debian's patches applied), compile src/*.c except luac.c
# for Lua's "generic" (ISO C) platform plus wasi/ (setjmp/longjmp, stubs), link,
# then run Binaryen's Asyncify pass, which wasi/sjlj.c's setjmp/longjmp needs,
# and copy the result to lua.wasm next to this script. Under a minute.
# Reproducible: the same toolchain gives the same bytes, for any BUILD_DIR.
#
# After a rebuild, update the lua/lua.wasm line of ../MANIFEST.sha256
# (../build.sh does it) and check the reference (README.md).
set -euo pipefail

LUA_VERSION="5.4.4-3+deb12u1"
LUA_DSC_SHA256="d47c50154294a68c8a209c5d61bc09e5b22891c01b7c47501ac3f9725eb4a813"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_DIR="${BUILD_DIR:-/tmp/lua-build}"
mkdir -p "$BUILD_DIR"
BUILD_DIR="$(cd "$BUILD_DIR" && pwd)"

die() { echo "lua/build.sh: $*" >&2; exit 1; }
# shellcheck source=../lib/debian.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/debian.sh"

# 1. Tools, installed only when missing.
need_packages clang lld wasi-libc libclang-rt-dev-wasm32 dpkg-dev binaryen

# 2-3. The pinned source: downloaded once, checked, unpacked fresh into $BUILD_DIR/lua5.4.
fetch_debian_source lua5.4 "$LUA_VERSION" "$LUA_DSC_SHA256" "$BUILD_DIR"
src="$BUILD_DIR/lua5.4"

export LC_ALL=C SOURCE_DATE_EPOCH=0

# 4. Compile. Debian's module-path patch makes luaconf.h include a generated
#    lua5.4-deb-multiarch.h (it names the lib/<triplet>/lua/5.4/ directory in
#    package.cpath); we write it here. Only wasi-libc's headers (-nostdinc) plus
#    wasi/include for <setjmp.h>. Lua's own flags (src/Makefile): -std=gnu99
#    -O2 -DLUA_COMPAT_5_3, for the "generic" platform (no LUA_USE_POSIX: no
#    popen, mkstemp or dlopen). wasi/config.h replaces tmpnam. The program's
#    main() becomes lua_main(); the one in wasi/sjlj.c calls it.
obj="$BUILD_DIR/obj"
rm -rf "$obj"
mkdir -p "$obj"
echo '#define DEB_HOST_MULTIARCH "wasm32-wasi"' >"$obj/lua5.4-deb-multiarch.h"
resource="$(clang -print-resource-dir)/include"
cflags=(
    --target=wasm32-wasi -std=gnu99 -O2 -Wall -nostdinc
    -isystem "$resource" -isystem "$here/wasi/include" -isystem /usr/include/wasm32-wasi
    -I"$obj" -include "$here/wasi/config.h"
    -ffile-prefix-map="$BUILD_DIR"=/build -ffile-prefix-map="$here"=/lua
    -DLUA_COMPAT_5_3 -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS
)
echo "compiling"
objs=()
for c in "$src"/src/*.c "$here/wasi/sjlj.c" "$here/wasi/stubs.c"; do
    name="$(basename "$c" .c)"
    [[ "$name" == luac ]] && continue
    extra=()
    [[ "$name" == lua ]] && extra=(-Dmain=lua_main)
    # liolib.c's io.tmpfile calls tmpfile(), which wasi-libc marks deprecated.
    [[ "$name" == liolib || "$name" == stubs ]] && extra+=(-Wno-deprecated-declarations)
    clang "${cflags[@]}" "${extra[@]}" -c "$c" -o "$obj/$name.o" 2>>"$BUILD_DIR/compile.log" \
        || die "compiling $c failed; see $BUILD_DIR/compile.log"
    objs+=("$obj/$name.o")
done
clang --target=wasm32-wasi -c "$here/wasi/sp.s" -o "$obj/sp.o"
objs+=("$obj/sp.o")
# wasi-libc emulations: signal (lua.c's SIGINT handler), process clocks
# (os.clock). A 1 MiB shadow stack (wasm-ld's default is 64 KiB); no DWARF.
clang --target=wasm32-wasi -Wl,-z,stack-size=1048576 -Wl,--strip-debug \
    -o "$obj/lua-linked.wasm" "${objs[@]}" \
    -lwasi-emulated-signal -lwasi-emulated-process-clocks

# 5. Asyncify (see wasi/sjlj.c). No WASI import ever unwinds, only the
#    asyncify.* imports that sjlj.c calls; indirect calls may (Lua calls its C
#    functions through pointers), so they stay instrumented. Then -O2; -g keeps
#    the function names section (the link already dropped the DWARF).
echo "wasm-opt --asyncify"
wasm-opt "$obj/lua-linked.wasm" -o "$obj/lua.wasm" \
    --asyncify --pass-arg=asyncify-ignore-imports -O2 -g

cp -- "$obj/lua.wasm" "$here/lua.wasm"
echo "wrote $here/lua.wasm ($(stat -c %s "$here/lua.wasm") bytes)"
(cd "$here/.." && sha256sum lua/lua.wasm)
