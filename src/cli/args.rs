//! The command line itself: the options, their parsing and the `--help` text.

use clap::Parser;
use std::ffi::OsString;
use std::path::PathBuf;

/// The long help of `--dir`: how a directory reaches the guest, and how changes come back.
const DIR_HELP: &str = "\
Give the guest the host directory HOST, under the name GUEST (default: HOST).\n\
Repeatable.\n\n\
Directories are preopened as descriptors 3, 4, ... in the order given; without any\n\
--dir the guest sees no filesystem at all.\n\n\
For now each HOST is copied into memory before the guest starts (regular files with\n\
their contents and times, directories, and symbolic links as links with their target\n\
text; sockets, FIFOs and devices are left out), and the guest works on that copy. When\n\
the guest ends, by returning from `_start` or by `proc_exit` with any exit code, its\n\
changes are written back to HOST: new and changed files are written, new directories\n\
and symbolic links created, and entries the guest removed are deleted from HOST. Files\n\
the guest did not change are not touched. If the guest traps (or runs out of fuel),\n\
nothing is written back.\n\n\
A symbolic link naming HOST itself is followed once, when HOST is opened; no symbolic\n\
link inside HOST is ever followed, on loading or on writing back, and nothing is ever\n\
written outside HOST. Names must be UTF-8. The copy holds at most 1 GiB of file\n\
contents.";

/// The long help of `--env`.
const ENV_HELP: &str = "\
Set the environment variable KEY to VALUE in the guest. Repeatable. The guest sees\n\
only the variables given with --env, never the environment of wasip1-host itself.";

/// What the exit statuses mean (shown after the long help).
const EXIT_HELP: &str = "\
Exit status:
  N    the guest's exit code, when it returns from `_start` (0) or calls `proc_exit(N)`;
       the operating system keeps only the low 8 bits (an exit code of 256 reads as 0)
  1    wasip1-host failed: the module could not be read or is invalid, or a --dir could
       not be loaded or written back
  2    the command line is invalid
  134  the guest trapped or ran out of fuel (the status of an abort, as in wasmtime)";

/// `wasip1-host [OPTIONS] <MODULE.wasm> [ARGS]...`
#[derive(Debug, Parser)]
#[command(
    name = "wasip1-host",
    version,
    about = "Run a WASI preview1 command module in the wasmi interpreter",
    long_about = "Run a WASI preview1 command module in the wasmi interpreter.\n\n\
        The guest gets the arguments after MODULE.wasm (its argv[0] is the module's file\n\
        name), the standard streams, clocks and random source of this process, the\n\
        environment variables given with --env, and the directories given with --dir.",
    after_long_help = EXIT_HELP
)]
pub(crate) struct Cli {
    /// Give the guest the host directory HOST as GUEST (default: HOST); see --help
    #[arg(long = "dir", value_name = "HOST[::GUEST]", value_parser = parse_dir, long_help = DIR_HELP)]
    pub(crate) dirs: Vec<DirSpec>,

    /// Set the guest environment variable KEY to VALUE (the guest sees only these)
    #[arg(long = "env", value_name = "KEY=VALUE", value_parser = parse_env, long_help = ENV_HELP)]
    pub(crate) env: Vec<EnvVar>,

    /// Stop the guest (as a trap) after about N instructions
    #[arg(long, value_name = "N")]
    pub(crate) fuel: Option<u64>,

    /// The WebAssembly module to run: a WASI preview1 command exporting `_start` and `memory`
    #[arg(value_name = "MODULE.wasm")]
    pub(crate) module: PathBuf,

    /// Arguments for the guest, passed verbatim (even ones starting with `-`)
    #[arg(
        value_name = "ARGS",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub(crate) args: Vec<OsString>,
}

/// One `--dir HOST[::GUEST]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DirSpec {
    /// The directory on the host.
    pub(crate) host: PathBuf,
    /// The name the guest sees it under.
    pub(crate) guest: String,
}

/// One `--env KEY=VALUE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EnvVar {
    /// The variable's name (not empty, no `=`).
    pub(crate) key: String,
    /// Its value (may be empty or contain `=`).
    pub(crate) value: String,
}

/// Parses `HOST[::GUEST]`.
fn parse_dir(s: &str) -> Result<DirSpec, String> {
    let (host, guest) = s.split_once("::").unwrap_or((s, s));
    if host.is_empty() {
        return Err("the HOST directory is empty".into());
    }
    if guest.is_empty() {
        return Err("the GUEST name after `::` is empty".into());
    }
    if guest.contains("::") {
        return Err("expected HOST or HOST::GUEST, found more than one `::`".into());
    }
    Ok(DirSpec {
        host: PathBuf::from(host),
        guest: guest.into(),
    })
}

/// Parses `KEY=VALUE`; the value may itself contain `=`.
fn parse_env(s: &str) -> Result<EnvVar, String> {
    let Some((key, value)) = s.split_once('=') else {
        return Err("expected KEY=VALUE, found no `=`".into());
    };
    if key.is_empty() {
        return Err("expected KEY=VALUE, found an empty KEY".into());
    }
    Ok(EnvVar {
        key: key.into(),
        value: value.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(core::iter::once("wasip1-host").chain(args.iter().copied()))
    }

    #[test]
    fn command_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn everything_after_the_module_goes_to_the_guest() {
        let cli = parse(&[
            "--env", "A=1", "m.wasm", "-x", "--y", "--dir", "d", "--", "z",
        ])
        .unwrap();
        assert_eq!(cli.module, PathBuf::from("m.wasm"));
        assert_eq!(cli.args, ["-x", "--y", "--dir", "d", "--", "z"]);
        assert!(cli.dirs.is_empty());
        assert_eq!(cli.env.len(), 1);
    }

    #[test]
    fn a_module_is_required() {
        assert!(parse(&[]).is_err());
        assert!(parse(&["--dir", "x"]).is_err());
    }

    #[test]
    fn dir_specs() {
        let d = |s: &str| parse_dir(s);
        assert_eq!(
            d("a/b").unwrap(),
            DirSpec {
                host: "a/b".into(),
                guest: "a/b".into()
            }
        );
        assert_eq!(
            d("/tmp/x::/").unwrap(),
            DirSpec {
                host: "/tmp/x".into(),
                guest: "/".into()
            }
        );
        assert!(d("::/").is_err());
        assert!(d("a::").is_err());
        assert!(d("a::b::c").is_err());
    }

    #[test]
    fn env_vars() {
        let e = parse_env("K=a=b").unwrap();
        assert_eq!((e.key.as_str(), e.value.as_str()), ("K", "a=b"));
        assert_eq!(parse_env("K=").unwrap().value, "");
        assert!(parse_env("K").is_err());
        assert!(parse_env("=v").is_err());
        let err = parse(&["--env", "NOVALUE", "m.wasm"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }
}
