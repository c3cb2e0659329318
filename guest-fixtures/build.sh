#!/usr/bin/env bash
# Rebuild every guest fixture from source and regenerate MANIFEST.sha256.
#
# The tests use the committed .wasm files; run this only after changing a
# fixture's source. It needs (Debian/Ubuntu, as root):
#   apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32
#   rustup target add wasm32-wasip1    # for the Rust guests (rust/)
# and cargo, for the wat2wasm helper crate in this directory.
#
# Runnable from any directory; running it twice gives identical bytes.
set -euo pipefail
shopt -s nullglob

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"   # the workspace root, which lists guest-fixtures/wat2wasm
cd "$here"

# Drop outputs whose source is gone, so the manifest lists only real fixtures.
for wasm in wat/*.wasm; do [[ -f "${wasm%.wasm}.wat" ]] || rm -v -- "$wasm"; done
for wasm in c/*.wasm; do [[ -f "${wasm%.wasm}.c" ]] || rm -v -- "$wasm"; done

# 1. Hand-written WebAssembly text: wat/NAME.wat -> wat/NAME.wasm
for src in wat/*.wat; do
    echo "wat2wasm $src"
    (cd "$root" && cargo run -q -p wat2wasm -- "guest-fixtures/$src" "guest-fixtures/${src%.wat}.wasm")
done

# 2. C programs against wasi-libc, one file per program: c/NAME.c -> c/NAME.wasm
#    No -g, so no debug info; -ffile-prefix-map keeps the build directory out
#    of the output in case anything (e.g. __FILE__ in assert) records a path.
if [[ -n "$(echo c/*.c)" ]] && ! command -v clang >/dev/null; then
    echo "build.sh: clang not found; see the comment at the top of $0" >&2
    exit 1
fi
for src in c/*.c; do
    echo "clang $src"
    clang --target=wasm32-wasi -O2 -Wall -Werror -ffile-prefix-map="$here"=. \
        -o "${src%.c}.wasm" "$src"
done

# 3. Rust guests: rust/ is a Cargo workspace of its own (not a member of the
#    root one), built for wasm32-wasip1. The build output goes to the root's
#    ignored target/guest-rust (anything under guest-fixtures/ ending in .wasm
#    counts as a fixture); each binary NAME is copied to rust/NAME.wasm and any
#    other rust/*.wasm is dropped. The release profile (rust/Cargo.toml) strips
#    symbols and uses one codegen unit; the remaps keep the source directory,
#    $CARGO_HOME and the toolchain's location out of the output.
if [[ -f rust/Cargo.toml ]]; then
    echo "cargo build rust/ (wasm32-wasip1)"
    cargo_home="${CARGO_HOME:-$HOME/.cargo}"
    sysroot="$(rustc --print sysroot)"
    remap="--remap-path-prefix=$here/rust=rust --remap-path-prefix=$cargo_home=/cargo"
    remap+=" --remap-path-prefix=$sysroot=/rustc-sysroot"
    json="$(cd rust && RUSTFLAGS="$remap" cargo build --release --locked \
        --target wasm32-wasip1 --target-dir "$root/target/guest-rust" \
        --message-format=json-render-diagnostics)"
    built=()
    while IFS= read -r exe; do built+=("$exe"); done \
        < <(grep -o '"executable":"[^"]*\.wasm"' <<<"$json" | sed 's/^"executable":"//; s/"$//')
    keep=" "
    for exe in "${built[@]}"; do
        echo "  rust/$(basename "$exe")"
        cp -- "$exe" "rust/$(basename "$exe")"
        keep+="$(basename "$exe") "
    done
    for wasm in rust/*.wasm; do
        [[ "$keep" == *" $(basename "$wasm") "* ]] || rm -v -- "$wasm"
    done
fi

# 4. Benchmark guests and third-party programs, each with its own script beside its sources
#    (FFmpeg, SQLite and Lua come from Debian source packages, pinned; they need apt and
#    take a few minutes). SKIP_THIRD_PARTY=1 rebuilds only steps 1-3 and the benchmarks.
for d in bench ffmpeg sqlite lua; do
    [[ -x "$d/build.sh" ]] || continue
    if [[ "$d" != bench && "${SKIP_THIRD_PARTY:-0}" == 1 ]]; then
        echo "skipping $d (SKIP_THIRD_PARTY=1)"
        continue
    fi
    echo "== $d"
    "$here/$d/build.sh"
done

# Manifest: "<sha256>  <dir>/<name>.wasm", paths relative to guest-fixtures/,
# sorted bytewise. Add a directory here when a step above starts using it.
dirs=()
for d in wat c rust bench ffmpeg sqlite lua; do [[ -d "$d" ]] && dirs+=("$d"); done
find "${dirs[@]}" -maxdepth 1 -name '*.wasm' -type f | LC_ALL=C sort \
    | xargs -d '\n' sha256sum > MANIFEST.sha256
echo "wrote $here/MANIFEST.sha256 ($(wc -l < MANIFEST.sha256) fixtures)"
