//! The `wasip1-host` command: parse the command line, set up a [`Host`], run the guest, and
//! turn the result into an exit status.

mod args;
mod hostcopy;

use args::Cli;
use clap::Parser;
use hostcopy::HostCopy;
use std::io::Write;
use std::path::Path;
use wasip1_host::clock::{OsRandom, SystemClock};
use wasip1_host::stdio::inherit::{Stderr, Stdin, Stdout};
use wasip1_host::{Error, Host};

/// Exit status when wasip1-host itself fails (unreadable or invalid module, `--dir` problems).
const EXIT_FAILURE: i32 = 1;
/// Exit status when the guest traps: that of an abort (128 + `SIGABRT`), as wasmtime uses.
const EXIT_TRAP: i32 = 134;
/// At most this many write-back failures are listed, one line each.
const MAX_LISTED_ERRORS: usize = 10;

/// A run that ends in an error line on stderr.
struct Failure {
    status: i32,
    messages: Vec<String>,
}

impl Failure {
    fn new(status: i32, message: impl ToString) -> Self {
        Self {
            status,
            messages: vec![message.to_string()],
        }
    }
}

/// Runs the command with the process's arguments and returns its exit status.
pub(crate) fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and `--version` land here too, with status 0.
            let _ = e.print();
            return e.exit_code();
        }
    };
    match run(cli) {
        Ok(status) => status,
        Err(failure) => {
            let mut stderr = std::io::stderr().lock();
            for message in &failure.messages {
                let _ = writeln!(stderr, "wasip1-host: error: {}", one_line(message));
            }
            failure.status
        }
    }
}

fn run(cli: Cli) -> Result<i32, Failure> {
    let module = std::fs::read(&cli.module).map_err(|e| {
        let path = cli.module.display();
        Failure::new(EXIT_FAILURE, format!("cannot read module `{path}`: {e}"))
    })?;

    let mut dirs = Vec::with_capacity(cli.dirs.len());
    for spec in &cli.dirs {
        let copy = HostCopy::load(&spec.host).map_err(|e| Failure::new(EXIT_FAILURE, e))?;
        dirs.push((spec.guest.as_str(), copy));
    }
    let mut host = Host::new()
        .arg(argv0(&cli.module))
        .args(cli.args.iter().map(|a| a.as_encoded_bytes()))
        .stdin_stream(Stdin)
        .stdout_stream(Stdout)
        .stderr_stream(Stderr)
        .clock(SystemClock::default())
        .random(OsRandom);
    for var in &cli.env {
        host = host.env(&var.key, &var.value);
    }
    if let Some(fuel) = cli.fuel {
        host = host.fuel(fuel);
    }
    // Preopens get descriptors 3, 4, ... in command-line order.
    for (guest, copy) in &dirs {
        host = host.preopen(*guest, copy.fs());
    }
    let result = host.run_module(&module);

    let exit_code = result
        .map_err(|e| Failure::new(status_of(&e), e))?
        .exit_code;
    let errors: Vec<_> = dirs
        .iter()
        .flat_map(|(_, copy)| copy.write_back())
        .collect();
    if !errors.is_empty() {
        let mut messages: Vec<String> = errors
            .iter()
            .take(MAX_LISTED_ERRORS)
            .map(ToString::to_string)
            .collect();
        if let Some(more) = errors
            .len()
            .checked_sub(MAX_LISTED_ERRORS)
            .filter(|&n| n > 0)
        {
            messages.push(format!("and {more} more write-back failures"));
        }
        return Err(Failure {
            status: EXIT_FAILURE,
            messages,
        });
    }
    // The OS keeps the low 8 bits of the status; the bit pattern is what matters here.
    Ok(i32::from_ne_bytes(exit_code.to_ne_bytes()))
}

/// The guest's `argv[0]`: the module's file name, or the whole path if it has none.
fn argv0(module: &Path) -> &[u8] {
    module
        .file_name()
        .unwrap_or(module.as_os_str())
        .as_encoded_bytes()
}

/// The exit status for a failed run: 134 for a trap (or running out of fuel), else 1.
fn status_of(error: &Error) -> i32 {
    match error {
        Error::Trap { .. } | Error::OutOfFuel { .. } => EXIT_TRAP,
        Error::Instantiation(e) if e.as_trap_code().is_some() => EXIT_TRAP,
        _ => EXIT_FAILURE,
    }
}

/// `message` on one line: its lines, trimmed, joined with a space.
fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argv0_is_the_file_name() {
        assert_eq!(argv0(Path::new("dir/sub/hello.wasm")), b"hello.wasm");
        assert_eq!(argv0(Path::new("hello.wasm")), b"hello.wasm");
        assert_eq!(argv0(Path::new("..")), b"..");
    }

    #[test]
    fn messages_fit_on_one_line() {
        assert_eq!(one_line("a\n  b\r\n\nc"), "a b c");
        assert_eq!(one_line("plain"), "plain");
    }

    #[test]
    fn statuses() {
        let trap = Error::Trap {
            message: "x".into(),
            stdout: Vec::new(),
            stderr: Vec::new(),
        };
        assert_eq!(status_of(&trap), EXIT_TRAP);
        assert_eq!(status_of(&Error::MissingStart), EXIT_FAILURE);
    }
}
