//! Runs a real C guest (wasi-libc stdio) entirely over an in-memory filesystem: put an input
//! in, run the guest, read the output back. Nothing touches the host disk.
//!
//! ```text
//! cargo run --example in_memory
//! ```

use wasip1_host::fs::MemFs;
use wasip1_host::Host;

fn main() -> Result<(), Box<dyn core::error::Error>> {
    let guest = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/guest-fixtures/c/hello_fs.wasm"
    ))?;

    let fs = MemFs::new();
    fs.write_file("in/hello.txt", b"Hello from an in-memory file!\n")?;
    fs.create_dir_all("out")?;

    let outcome = Host::new()
        .args(["hello_fs.wasm", "first-arg"])
        .env("GREETING", "hi there")
        .run_with(&guest, fs.clone())?;

    print!(
        "guest stdout:\n{}",
        String::from_utf8_lossy(&outcome.stdout)
    );
    println!("guest exit code: {}", outcome.exit_code);
    let written = fs.read_file("out/HELLO.TXT")?;
    print!(
        "out/HELLO.TXT in the MemFs:\n{}",
        String::from_utf8_lossy(&written)
    );
    Ok(())
}
