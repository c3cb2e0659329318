//! `wat2wasm IN.wat OUT.wasm`: compile a WebAssembly text file to binary.
//!
//! A build-time helper for `guest-fixtures/build.sh`; tests never run it,
//! they load the committed `.wasm` files.
#![forbid(unsafe_code)]

use std::path::Path;
use std::process::ExitCode;

fn run(input: &Path, output: &Path) -> Result<(), String> {
    // `parse_file` reads the file; its errors already name the file (and the
    // line and column of a syntax error). It does not validate the module.
    let wasm = wat::parse_file(input).map_err(|e| e.to_string())?;
    std::fs::write(output, wasm).map_err(|e| format!("{}: {e}", output.display()))
}

fn main() -> ExitCode {
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: wat2wasm IN.wat OUT.wasm");
        return ExitCode::from(2);
    };
    match run(Path::new(input), Path::new(output)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("wat2wasm: {msg}");
            ExitCode::FAILURE
        }
    }
}
