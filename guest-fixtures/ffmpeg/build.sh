#!/usr/bin/env bash
# Build guest-fixtures/ffmpeg/ffmpeg.wasm: FFmpeg 5.1 (Debian bookworm's source
# package) for wasm32-wasi, with zlib (Debian's source package) linked in.
#
# The tests use the committed ffmpeg.wasm; run this only to rebuild it. It runs
# on Debian 12 (bookworm) as root, or with sudo, and installs what it needs:
#   apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32 llvm-14 \
#       dpkg-dev make gcc patch
# (llvm-14 for llvm-ar-14, llvm-ranlib-14 and llvm-nm-14; dpkg-dev for
# dpkg-source). It enables deb-src for the configured Debian mirrors in
# /etc/apt/sources.list.d/debian-src.sources if no source index is there yet.
#
# Sources are pinned: the Debian versions below and the sha256 of their .dsc
# files (which carry the hashes of the tarballs, checked by dpkg-source). When
# the mirror no longer offers a version, point a deb-src line at
# snapshot.debian.org, or update the pins and re-record the reference hashes
# (see README.md).
#
# Everything is built under $BUILD_DIR (default /tmp/ffmpeg-build), outside the
# repository; only the final binary is copied to ffmpeg.wasm next to this
# script. About 2 minutes on 2 cores, of which the compile (make -j$JOBS,
# JOBS defaults to 2) takes under one. The build is reproducible: the same
# toolchain gives the same bytes for any BUILD_DIR, because everything is
# compiled in the source tree with relative paths, including the zlib flags
# in the configuration string that ffmpeg embeds and prints.
#
# After a rebuild, update the ffmpeg/ffmpeg.wasm line of ../MANIFEST.sha256
# and check the reference hashes (README.md).
set -euo pipefail

FFMPEG_VERSION="7:5.1.9-0+deb12u1"
FFMPEG_DSC_SHA256="055f82fca9a92f1d47216be2c2488d09373c7ca154806fbc36b0127c191d5104"
ZLIB_VERSION="1:1.2.13.dfsg-1"
ZLIB_DSC_SHA256="3fa1e6b2fc525062aa88207dda52fed8e045373c809d362fe8a2bfbf7cf515a8"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_DIR="${BUILD_DIR:-/tmp/ffmpeg-build}"
JOBS="${JOBS:-2}"
mkdir -p "$BUILD_DIR"
BUILD_DIR="$(cd "$BUILD_DIR" && pwd)"

die() { echo "ffmpeg/build.sh: $*" >&2; exit 1; }
# shellcheck source=../lib/debian.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/debian.sh"

# 1. Tools, installed only when missing.
need_packages clang lld wasi-libc libclang-rt-dev-wasm32 llvm-14 dpkg-dev make gcc patch

# 2-3. Sources: the pinned versions, downloaded once, checked, unpacked fresh.
fetch_debian_source zlib "$ZLIB_VERSION" "$ZLIB_DSC_SHA256" "$BUILD_DIR"
fetch_debian_source ffmpeg "$FFMPEG_VERSION" "$FFMPEG_DSC_SHA256" "$BUILD_DIR"
zlib_src="$BUILD_DIR/zlib"
ffmpeg_src="$BUILD_DIR/ffmpeg"

# No locale in tool output or sort order. (llvm-ar writes deterministic
# archives by default, and nothing in this build reads the date.)
export LC_ALL=C

# 4. zlib as a static wasm32-wasi library in $BUILD_DIR/zlib-wasm (include/, lib/).
echo "building zlib"
(
    cd "$zlib_src"
    CC=clang CFLAGS="--target=wasm32-wasi -O2" AR=llvm-ar-14 RANLIB=llvm-ranlib-14 \
        CHOST=wasm32-wasi ./configure --static --prefix="$BUILD_DIR/zlib-wasm"
    make -j"$JOBS" libz.a
    rm -rf "$BUILD_DIR/zlib-wasm"
    make install
) >"$BUILD_DIR/zlib.log" 2>&1 || die "zlib failed; see $BUILD_DIR/zlib.log"

# 5. FFmpeg, in its source tree (so every compiled path is relative), with the
#    one source change: wasi-libc declares tempnam() but lacks it.
echo "patching ffmpeg"
patch -d "$ffmpeg_src" -p1 --no-backup-if-mismatch < "$here/wasi-tempnam.patch"

wasi_emulated=(signal process-clocks mman getpid)
cflags="--target=wasm32-wasi -I../zlib-wasm/include"
ldflags="--target=wasm32-wasi -L../zlib-wasm/lib -Wl,-z,stack-size=1048576 -Wl,--strip-debug"
libs=""
for e in "${wasi_emulated[@]}"; do
    flag="${e^^}"
    cflags+=" -D_WASI_EMULATED_${flag//-/_}"
    libs+=" -lwasi-emulated-$e"
done

configure=(
    ./configure
    --enable-cross-compile --target-os=none --arch=wasm32
    --cc=clang --ar=llvm-ar-14 --ranlib=llvm-ranlib-14 --nm=llvm-nm-14 --host-cc=gcc
    "--extra-cflags=$cflags" "--extra-ldflags=$ldflags" "--extra-libs=${libs# }"
    --disable-asm --disable-pthreads --disable-network --disable-autodetect
    --disable-stripping --disable-debug --disable-doc --disable-ffplay --disable-ffprobe
    --enable-small --enable-zlib
    --disable-everything
    --enable-indev=lavfi
    --enable-protocol=file,pipe
    --enable-demuxer=image2,png_pipe,mov
    --enable-decoder=png,mpeg4,mjpeg,rawvideo
    --enable-encoder=mpeg4,mjpeg,png,rawvideo
    --enable-muxer=mp4,mov,image2,null,framemd5
    --enable-parser=png,mpeg4video
    --enable-filter=testsrc,color,scale,format,null,fps,loop,setpts,trim
    --enable-filter=aformat,anull,atrim,aresample
)
echo "configuring ffmpeg: ${configure[*]}"
# ../zlib-wasm in the flags is relative to the source tree, where configure and
# make run.
(cd "$ffmpeg_src" && "${configure[@]}") >"$BUILD_DIR/configure.log" 2>&1 \
    || die "configure failed; see $BUILD_DIR/configure.log and $ffmpeg_src/ffbuild/config.log"

echo "building ffmpeg (make -j$JOBS)"
start=$SECONDS
make -C "$ffmpeg_src" -j"$JOBS" ffmpeg >"$BUILD_DIR/make.log" 2>&1 \
    || die "make failed; see $BUILD_DIR/make.log"
echo "built in $((SECONDS - start)) s"

cp -- "$ffmpeg_src/ffmpeg" "$here/ffmpeg.wasm"
echo "wrote $here/ffmpeg.wasm ($(stat -c %s "$here/ffmpeg.wasm") bytes)"
(cd "$here/.." && sha256sum ffmpeg/ffmpeg.wasm)
