#!/usr/bin/env bash
# Rebuild the benchmark guests: bench/NAME.c -> bench/NAME.wasm (bench.h is shared).
#
# Same toolchain and flags as the C fixtures in ../c (see ../build.sh):
#   apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32
# Runnable from any directory; running it twice gives identical bytes. It does not touch
# ../MANIFEST.sha256: ../build.sh rewrites that for every directory (bench included), and
# when running this script alone, update the bench/ lines by hand with
#   (cd guest-fixtures && sha256sum bench/*.wasm)
set -euo pipefail
shopt -s nullglob

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fixtures="$(dirname "$here")"
cd "$here"

if ! command -v clang >/dev/null; then
    echo "bench/build.sh: clang not found; see the comment at the top of $0" >&2
    exit 1
fi
# Drop outputs whose source is gone.
for wasm in *.wasm; do [[ -f "${wasm%.wasm}.c" ]] || rm -v -- "$wasm"; done
for src in *.c; do
    echo "clang bench/$src"
    clang --target=wasm32-wasi -O2 -Wall -Werror -ffile-prefix-map="$fixtures"=. \
        -o "${src%.c}.wasm" "$src"
done
