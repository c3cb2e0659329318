//! Renders an mp4 with ffmpeg (compiled to wasm32-wasi) entirely in memory: no host disk is
//! touched, and the output is read back from the in-memory filesystem.
//!
//! ```text
//! cargo run --release --example render_in_memory
//! ```

use wasip1_host::{fs::MemFs, Host};

fn main() -> Result<(), Box<dyn core::error::Error>> {
    let ffmpeg = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/guest-fixtures/ffmpeg/ffmpeg.wasm"
    ))?;
    let fs = MemFs::new();
    fs.create_dir_all("out")?;
    let args = "ffmpeg -nostdin -f lavfi -i testsrc=size=128x72:rate=10 -t 1 -c:v mpeg4 \
                -fflags +bitexact -flags:v +bitexact -movflags +faststart out/reel.mp4";
    let outcome = Host::new()
        .args(args.split(' '))
        .run_with(&ffmpeg, fs.clone())?;
    let mp4 = fs.read_file("out/reel.mp4")?;
    // Top-level boxes: a 32-bit size and a 4-byte type each (size 1: a 64-bit size follows).
    let (mut boxes, mut at) = (Vec::new(), 0usize);
    while let (Some(size), Some(kind)) = (mp4.get(at..at + 4), mp4.get(at + 4..at + 8)) {
        let mut len = u64::from(u32::from_be_bytes(size.try_into()?));
        if len == 1 {
            len = u64::from_be_bytes(mp4.get(at + 8..at + 16).ok_or("short box")?.try_into()?);
        }
        let len = usize::try_from(len)?;
        boxes.push(String::from_utf8_lossy(kind).into_owned());
        at += len.max(8);
    }
    println!(
        "exit code {}, out/reel.mp4: {} bytes, boxes: {}",
        outcome.exit_code,
        mp4.len(),
        boxes.join(", ")
    );
    Ok(())
}
