//! FFmpeg 5.1 as a real-world guest: `guest-fixtures/ffmpeg/ffmpeg.wasm` (built by
//! `guest-fixtures/ffmpeg/build.sh` from Debian's source package) encodes and decodes
//! small videos on every backend.
//!
//! Each scenario checks the exit code, the shape of what ffmpeg wrote (an mp4 whose
//! top-level boxes are ftyp, moov, …, mdat: `+faststart` rewrites the file through
//! seek-and-overwrite, see `seek_overwrite.rs`), and that the bytes equal those Node's
//! built-in WASI made from the same module and arguments. Those reference hashes are in
//! `guest-fixtures/ffmpeg/reference.sha256`, recorded with
//! `node guest-fixtures/ffmpeg/reference.mjs > guest-fixtures/ffmpeg/reference.sha256`;
//! the argument lists below must stay identical to the ones in `reference.mjs`.
//!
//! The arguments need no `-fflags +bitexact` or fixed `creation_time`: ffmpeg writes
//! mvhd/tkhd/mdhd times of 0 unless the `creation_time` metadata is set, and neither the
//! clock nor randomness reaches the bytes of these outputs. So our deterministic defaults
//! (virtual clock from 2023-11-14, seeded random) and Node's real clock and randomness
//! give the same files. The "Lavc59.37.100" / "Lavf59.27.100" strings ffmpeg embeds
//! come from the module itself.
//!
//! The scenarios print how long each run took (`--nocapture` shows it).

use crate::support::{backends, fixture, get, hex, mkdir_p, put, FsRef};
use std::rc::Rc;
use std::sync::OnceLock;
use std::time::Instant;
use wasip1_host::{Host, Outcome};

/// The committed module, read once for all tests.
fn ffmpeg_wasm() -> &'static [u8] {
    static WASM: OnceLock<Vec<u8>> = OnceLock::new();
    WASM.get_or_init(|| fixture("ffmpeg/ffmpeg.wasm"))
}

/// Encode 1 s of the `testsrc` pattern (10 frames of 128x72) to MPEG-4 Part 2 in mp4.
const REEL: &[&str] = &[
    "ffmpeg",
    "-nostdin",
    "-f",
    "lavfi",
    "-i",
    "testsrc=size=128x72:rate=10",
    "-t",
    "1",
    "-c:v",
    "mpeg4",
    "-movflags",
    "+faststart",
    "out/reel.mp4",
];

/// Loop one PNG (`guest-fixtures/ffmpeg/cover.png`, 128x72) for 1 s at 10 fps.
const COVER: &[&str] = &[
    "ffmpeg",
    "-nostdin",
    "-loop",
    "1",
    "-framerate",
    "10",
    "-t",
    "1",
    "-i",
    "in/cover.png",
    "-c:v",
    "mpeg4",
    "-movflags",
    "+faststart",
    "out/cover.mp4",
];

/// Decode the reel and write one MD5 per frame.
const FRAMEMD5: &[&str] = &[
    "ffmpeg",
    "-nostdin",
    "-i",
    "out/reel.mp4",
    "-f",
    "framemd5",
    "out/reel.framemd5",
];

/// Runs ffmpeg with `args` (argv[0] included) over `fs` preopened as `/`, checks that it
/// exited 0 and returns the bytes of its output file, the last argument.
fn ffmpeg(backend: &str, fs: &FsRef, args: &[&str]) -> Vec<u8> {
    let output = *args.last().unwrap();
    let start = Instant::now();
    let out: Outcome = Host::new()
        .args(args)
        .run_with(ffmpeg_wasm(), Rc::clone(fs))
        .unwrap_or_else(|e| panic!("{backend}: ffmpeg … {output}: {e}"));
    eprintln!(
        "ffmpeg … {output} on {backend}: {:.2} s",
        start.elapsed().as_secs_f64()
    );
    assert_eq!(
        out.exit_code,
        0,
        "{backend}: ffmpeg {args:?} failed; stderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    get(fs.as_ref(), output).unwrap_or_else(|e| panic!("{backend}: reading {output}: {e}"))
}

/// The sha256 Node's WASI gave for `output` (a line of `reference.sha256`).
fn reference(output: &str) -> String {
    let text = String::from_utf8(fixture("ffmpeg/reference.sha256")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| {
            let (hash, path) = l.split_once("  ")?;
            (path == output).then(|| hash.to_string())
        })
        .unwrap_or_else(|| panic!("no reference hash for {output}"))
}

fn assert_reference(backend: &str, output: &str, bytes: &[u8]) {
    assert_eq!(
        hex(bytes),
        reference(output),
        "{backend}: {output} ({} bytes) differs from what node:wasi made",
        bytes.len()
    );
}

/// The top-level boxes of an ISO base media file, as (type, size). Each box starts with a
/// 32-bit big-endian size and a 4-byte type; size 1 means a 64-bit size follows, size 0
/// means the box runs to the end of the file. Panics unless the boxes tile the file.
fn top_level_boxes(file: &[u8]) -> Vec<(String, u64)> {
    let be = |b: &[u8]| b.iter().fold(0u64, |acc, &x| acc << 8 | u64::from(x));
    let len = file.len() as u64;
    let mut boxes = Vec::new();
    let mut at = 0u64;
    while at < len {
        let rest = &file[at as usize..];
        assert!(rest.len() >= 8, "truncated box header at {at}");
        let kind = String::from_utf8_lossy(&rest[4..8]).into_owned();
        let size = match be(&rest[..4]) {
            0 => len - at,
            1 => {
                assert!(rest.len() >= 16, "truncated largesize of {kind} at {at}");
                be(&rest[8..16])
            }
            n => n,
        };
        assert!(
            size >= 8 && size <= len - at,
            "box {kind} at {at} has size {size}, file has {len} bytes"
        );
        boxes.push((kind, size));
        at += size;
    }
    boxes
}

/// `+faststart` moved the index to the front: ftyp, moov, …, mdat.
fn assert_faststart(backend: &str, name: &str, mp4: &[u8]) {
    let kinds: Vec<String> = top_level_boxes(mp4).into_iter().map(|(k, _)| k).collect();
    let count = |kind: &str| kinds.iter().filter(|k| *k == kind).count();
    let ok = kinds.len() >= 3
        && kinds[0] == "ftyp"
        && kinds[1] == "moov"
        && kinds.last().is_some_and(|k| k == "mdat")
        && count("moov") == 1
        && count("mdat") == 1;
    assert!(
        ok,
        "{backend}: {name} boxes are {kinds:?}, want ftyp, moov, …, mdat"
    );
}

/// A fresh filesystem of every backend with `out/` made.
fn each_backend() -> impl Iterator<Item = (&'static str, FsRef)> {
    backends().into_iter().map(|(name, make)| {
        let fs = make();
        mkdir_p(fs.as_ref(), "out");
        (name, fs)
    })
}

#[test]
fn reel_mp4_from_lavfi_testsrc() {
    for (backend, fs) in each_backend() {
        let mp4 = ffmpeg(backend, &fs, REEL);
        assert_faststart(backend, "out/reel.mp4", &mp4);
        assert_reference(backend, "out/reel.mp4", &mp4);
    }
}

#[test]
fn cover_mp4_from_a_looped_png() {
    let png = fixture("ffmpeg/cover.png");
    for (backend, fs) in each_backend() {
        put(fs.as_ref(), "in/cover.png", &png);
        let mp4 = ffmpeg(backend, &fs, COVER);
        assert_faststart(backend, "out/cover.mp4", &mp4);
        assert_reference(backend, "out/cover.mp4", &mp4);
        assert_eq!(get(fs.as_ref(), "in/cover.png").unwrap(), png, "{backend}");
    }
}

#[test]
fn framemd5_of_the_decoded_reel() {
    for (backend, fs) in each_backend() {
        let mp4 = ffmpeg(backend, &fs, REEL);
        assert_reference(backend, "out/reel.mp4", &mp4);
        let md5s = ffmpeg(backend, &fs, FRAMEMD5);
        let text = String::from_utf8(md5s.clone()).unwrap();
        assert!(
            text.starts_with("#format: frame checksums\n"),
            "{backend}: {text}"
        );
        // 10 frames of 128x72 yuv420p: 128 * 72 * 3 / 2 = 13824 bytes each.
        let frames: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(frames.len(), 10, "{backend}: {text}");
        for (i, frame) in frames.iter().enumerate() {
            let fields: Vec<&str> = frame.split(',').map(str::trim).collect();
            // stream, dts, pts, duration, size, md5
            assert_eq!(fields.len(), 6, "{backend}: {frame}");
            assert_eq!(
                fields[..5].join(","),
                format!("0,{i},{i},1,13824"),
                "{backend}"
            );
        }
        assert_reference(backend, "out/reel.framemd5", &md5s);
        // The input was only read.
        assert_eq!(get(fs.as_ref(), "out/reel.mp4").unwrap(), mp4, "{backend}");
    }
}

#[test]
fn top_level_boxes_reads_32_and_64_bit_sizes() {
    let mut file = Vec::new();
    file.extend_from_slice(&[0, 0, 0, 8]);
    file.extend_from_slice(b"ftyp");
    file.extend_from_slice(&[0, 0, 0, 1]);
    file.extend_from_slice(b"mdat");
    file.extend_from_slice(&20u64.to_be_bytes());
    file.extend_from_slice(&[7; 4]);
    file.extend_from_slice(&[0, 0, 0, 0]);
    file.extend_from_slice(b"free");
    file.extend_from_slice(&[0; 3]);
    assert_eq!(
        top_level_boxes(&file),
        [("ftyp".into(), 8), ("mdat".into(), 20), ("free".into(), 11)]
    );
}
