//! The `wasip1-host` command: parse the command line, set up a [`Host`] with its preopens,
//! run the guest, save what `--save` asks for, and turn the result into an exit status.
//!
//! Preopens, descriptors 3, 4, ... in command-line order across `--dir`, `--ro-dir` and
//! `--mem`:
//! - `--dir HOST[::GUEST]` is backed as `--fs` says: `host` (default) a [`HostDirFs`] on
//!   HOST, so changes reach the host at once; `mem` an in-memory copy ([`HostCopy::load`]),
//!   so the host is never touched; `cow` a [`CopyOnWrite`] over a [`HostDirFs`], so the guest
//!   reads the host and its changes stay in memory.
//! - `--ro-dir HOST[::GUEST]`: the same, wrapped in [`ReadOnly`].
//! - `--mem GUEST`: an empty [`MemFs`].
//!
//! With `mem` and `cow` (and `--mem`) the guest's changes are dropped at the end of the run
//! unless `--save GUEST::HOST` copies that preopen out ([`save`]), which happens only when
//! the guest ran to completion (returned, or called `proc_exit` with any code).

mod args;
mod hostcopy;
mod save;

use args::{Backing, Cli, Source};
use hostcopy::HostCopy;
use save::Target;
use std::io::Write;
use std::path::Path;
use std::rc::Rc;
use wasip1_host::clock::{OsRandom, SystemClock};
use wasip1_host::fs::{CopyOnWrite, Fs, HostDirFs, MemFs, ReadOnly};
use wasip1_host::stdio::inherit::{Stderr, Stdin, Stdout};
use wasip1_host::{Error, Host};

/// Exit status when wasip1-host itself fails (unreadable or invalid module, a directory that
/// cannot be opened, a failed `--save`).
const EXIT_FAILURE: i32 = 1;
/// Exit status when the guest traps: that of an abort (128 + `SIGABRT`), as wasmtime uses.
const EXIT_TRAP: i32 = 134;
/// At most this many `--save` failures are listed, one line each.
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
    let cli = match args::parse(std::env::args_os()) {
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

/// One preopen, ready to hand to the guest.
struct Opened {
    guest: String,
    fs: Rc<dyn Fs>,
    /// Whether `fs` reports host device and inode numbers (see [`save::save`]).
    host_backed: bool,
}

/// One `--save`, checked: the preopen it copies and where to.
struct Save {
    preopen: usize,
    target: Target,
}

fn run(cli: Cli) -> Result<i32, Failure> {
    let module = std::fs::read(&cli.module).map_err(|e| {
        let path = cli.module.display();
        Failure::new(EXIT_FAILURE, format!("cannot read module `{path}`: {e}"))
    })?;
    let saves = check_saves(&cli)?;
    let preopens = open_preopens(&cli)?;

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
    for preopen in &preopens {
        host = host.preopen(preopen.guest.as_str(), Rc::clone(&preopen.fs));
    }
    let exit_code = host
        .run_module(&module)
        .map_err(|e| Failure::new(status_of(&e), e))?
        .exit_code;

    // The guest ran to completion: save what was asked for.
    let mut errors = Vec::new();
    for s in &saves {
        if let Some(p) = preopens.get(s.preopen) {
            if let Err(e) = save::save(&*p.fs, &p.guest, p.host_backed, &s.target) {
                errors.extend(e);
            }
        }
    }
    if !errors.is_empty() {
        let mut messages: Vec<String> = errors.iter().take(MAX_LISTED_ERRORS).cloned().collect();
        if let Some(more) = errors
            .len()
            .checked_sub(MAX_LISTED_ERRORS)
            .filter(|&n| n > 0)
        {
            messages.push(format!("and {more} more --save failures"));
        }
        return Err(Failure {
            status: EXIT_FAILURE,
            messages,
        });
    }
    // The OS keeps the low 8 bits of the status; the bit pattern is what matters here.
    Ok(i32::from_ne_bytes(exit_code.to_ne_bytes()))
}

/// Matches every `--save` with exactly one preopen and checks its HOST, before the run.
fn check_saves(cli: &Cli) -> Result<Vec<Save>, Failure> {
    let mut saves = Vec::with_capacity(cli.saves.len());
    for spec in &cli.saves {
        let mut named = cli
            .preopens
            .iter()
            .enumerate()
            .filter(|(_, p)| p.guest == spec.guest)
            .map(|(i, _)| i);
        let (Some(preopen), None) = (named.next(), named.next()) else {
            let problem = if cli.preopens.iter().any(|p| p.guest == spec.guest) {
                "more than one --dir, --ro-dir or --mem has that name"
            } else {
                "no --dir, --ro-dir or --mem has that name"
            };
            let message = format!("--save {}::{}: {problem}", spec.guest, spec.host.display());
            return Err(Failure::new(EXIT_FAILURE, message));
        };
        let target = Target::resolve(&spec.host).map_err(|e| Failure::new(EXIT_FAILURE, e))?;
        saves.push(Save { preopen, target });
    }
    Ok(saves)
}

/// Opens (or loads) every preopen, in command-line order.
fn open_preopens(cli: &Cli) -> Result<Vec<Opened>, Failure> {
    let open_host = |host: &Path| {
        HostDirFs::open(host).map_err(|e| {
            let message = format!("cannot open directory `{}`: {e}", host.display());
            Failure::new(EXIT_FAILURE, message)
        })
    };
    let mut preopens = Vec::with_capacity(cli.preopens.len());
    for spec in &cli.preopens {
        let (fs, host_backed): (Rc<dyn Fs>, bool) = match &spec.source {
            Source::Mem => (Rc::new(real_time(MemFs::new())), false),
            Source::Dir { host, read_only } => {
                let (fs, host_backed): (Rc<dyn Fs>, bool) = match cli.backing {
                    Backing::Host => (Rc::new(open_host(host)?), true),
                    Backing::Mem => {
                        let copy =
                            HostCopy::load(host).map_err(|e| Failure::new(EXIT_FAILURE, e))?;
                        (Rc::new(real_time(copy.fs())), false)
                    }
                    Backing::Cow => {
                        let upper = real_time(MemFs::new());
                        (
                            Rc::new(CopyOnWrite::with_upper(open_host(host)?, upper)),
                            true,
                        )
                    }
                };
                if *read_only {
                    (Rc::new(ReadOnly::new(fs)), host_backed)
                } else {
                    (fs, host_backed)
                }
            }
        };
        preopens.push(Opened {
            guest: spec.guest.clone(),
            fs,
            host_backed,
        });
    }
    Ok(preopens)
}

/// `fs`, stamping what the guest changes with the real time (the CLI uses real clocks).
fn real_time(fs: MemFs) -> MemFs {
    fs.set_time_source(std::rc::Rc::new(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
    }));
    fs
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
