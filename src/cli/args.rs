//! The command line itself: the options, their parsing and the `--help` text.

use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;

/// The long help of `--dir`.
const DIR_HELP: &str = "\
Give the guest the host directory HOST under the name GUEST (default: HOST).\n\
Repeatable.\n\n\
What happens to the guest's changes depends on --fs: with `host` (the default) they\n\
are made to HOST itself as the guest makes them; with `mem` and `cow` they are kept\n\
in memory and dropped when the run ends, unless --save copies the directory out.\n\n\
--dir, --ro-dir and --mem are preopened as descriptors 3, 4, ... in the order they\n\
are given on the command line; without any of them the guest sees no filesystem.\n\n\
A symbolic link naming HOST itself is followed once, when HOST is opened. Nothing the\n\
guest does leads outside HOST: symbolic links inside it are resolved by wasip1-host,\n\
one name at a time, never above HOST and never through an absolute target.";

/// The long help of `--ro-dir`.
const RO_DIR_HELP: &str = "\
Give the guest the host directory HOST, read-only, under the name GUEST (default:\n\
HOST). Repeatable. It is backed as --fs says, like --dir, but every change the guest\n\
tries there (creating, writing, truncating, renaming, deleting, setting times) fails\n\
with ROFS (errno 69); reading and listing work as with --dir.";

/// The long help of `--mem`.
const MEM_HELP: &str = "\
Give the guest an empty in-memory directory under the name GUEST. Repeatable. It\n\
holds at most 1 GiB of file contents, and what the guest leaves in it is dropped\n\
when the run ends, unless --save copies it out.";

/// The long help of `--fs` (its possible values are described here, not listed by clap).
const FS_HELP: &str = "How every --dir and --ro-dir is backed:
  host  (the default) the host directory itself: every change the guest makes (new,
        written, renamed or deleted entries, times) is made on the host at once, and
        stays even if the guest then traps.
  mem   an in-memory copy of the host directory, made before the guest starts: regular
        files with their contents and times, directories, and symbolic links as links
        with their target text (sockets, FIFOs and devices are left out; names must be
        UTF-8; at most 1 GiB of file contents). The host is not touched again.
  cow   copy-on-write: the guest reads the host directory as it is, and everything it
        changes is kept in memory on top of it (a file is copied into memory when it
        is first changed). The host is never written.
With mem and cow, nothing the guest does reaches the host unless --save is given.
--ro-dir refuses every change whatever the backing.";

/// The long help of `--save`.
const SAVE_HELP: &str = "\
After the run, make the host directory HOST an exact copy of the guest's directory\n\
GUEST (the one given with --dir, --ro-dir or --mem under exactly that name).\n\
Repeatable.\n\n\
HOST is created if it is missing (its parent must exist); a symbolic link naming HOST\n\
is followed. Whatever HOST held before is replaced whole, so what the guest removed is\n\
gone from HOST too. Directories, regular files (contents and modification times) and\n\
symbolic links (as links, with their target text) are copied; sockets, FIFOs and\n\
devices are left out, and permissions are not kept (new entries get the default mode,\n\
less the umask).\n\n\
The copy is first written to a new temporary directory beside HOST, named\n\
`.NAME.wasip1-host-save-*`, then swapped in (renameat2 with RENAME_EXCHANGE, or two\n\
renames where that is not supported) and the old contents are deleted. A save happens\n\
only when the guest ran to completion: it returned from `_start` or called\n\
`proc_exit`, with any exit code. After a trap, or running out of fuel, nothing is\n\
saved. If a save fails, the temporary directory is removed, HOST is left as it was,\n\
and the exit status is 1.";

/// The long help of `--env`.
const ENV_HELP: &str = "\
Set the environment variable KEY to VALUE in the guest. Repeatable. The guest sees\n\
only the variables given with --env, never the environment of wasip1-host itself.";

/// What the exit statuses mean (shown after the long help).
const EXIT_HELP: &str = "\
Exit status:
  N    the guest's exit code, when it returns from `_start` (0) or calls `proc_exit(N)`;
       the operating system keeps only the low 8 bits (an exit code of 256 reads as 0)
  1    wasip1-host failed: the module could not be read or is invalid, a directory could
       not be opened or loaded, or a --save failed
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
        environment variables given with --env, and the directories given with --dir,\n\
        --ro-dir and --mem, preopened as descriptors 3, 4, ... in command-line order.",
    after_long_help = EXIT_HELP
)]
pub(crate) struct Cli {
    /// Give the guest the host directory HOST as GUEST (default: HOST); see --help
    #[arg(long = "dir", value_name = "HOST[::GUEST]", value_parser = parse_dir, long_help = DIR_HELP)]
    pub(crate) dirs: Vec<DirSpec>,

    /// Like --dir, but the guest cannot change anything there (ROFS)
    #[arg(long = "ro-dir", value_name = "HOST[::GUEST]", value_parser = parse_dir, long_help = RO_DIR_HELP)]
    pub(crate) ro_dirs: Vec<DirSpec>,

    /// Give the guest an empty in-memory directory named GUEST
    #[arg(long = "mem", value_name = "GUEST", value_parser = parse_guest, long_help = MEM_HELP)]
    pub(crate) mems: Vec<String>,

    /// How --dir and --ro-dir are backed: host (the directory itself), mem (an in-memory
    /// copy) or cow (host reads, changes in memory); see --help
    #[arg(
        long = "fs",
        value_name = "BACKING",
        value_enum,
        default_value_t = Backing::Host,
        hide_possible_values = true,
        long_help = FS_HELP
    )]
    pub(crate) backing: Backing,

    /// After the run, make HOST an exact copy of the guest's directory GUEST; see --help
    #[arg(long = "save", value_name = "GUEST::HOST", value_parser = parse_save, long_help = SAVE_HELP)]
    pub(crate) saves: Vec<SaveSpec>,

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

    /// Every `--dir`, `--ro-dir` and `--mem`, in command-line order (filled by [`parse`]).
    #[arg(skip)]
    pub(crate) preopens: Vec<Preopen>,
}

/// How `--dir` and `--ro-dir` directories are backed (`--fs`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum Backing {
    /// The host directory itself: changes reach the host at once
    #[default]
    Host,
    /// An in-memory copy: the host is never touched after loading
    Mem,
    /// Host reads, with the changes kept in memory
    Cow,
}

/// One `--dir` or `--ro-dir` `HOST[::GUEST]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DirSpec {
    /// The directory on the host.
    pub(crate) host: PathBuf,
    /// The name the guest sees it under.
    pub(crate) guest: String,
}

/// What one preopen is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// A host directory (`--dir`, or `--ro-dir` when `read_only`), backed as `--fs` says.
    Dir { host: PathBuf, read_only: bool },
    /// An empty in-memory directory (`--mem`).
    Mem,
}

/// One preopen, in command-line order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Preopen {
    /// The name the guest sees it under.
    pub(crate) guest: String,
    /// What backs it.
    pub(crate) source: Source,
}

/// One `--save GUEST::HOST`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SaveSpec {
    /// The guest name of the preopen to copy.
    pub(crate) guest: String,
    /// The host directory to make a copy of it.
    pub(crate) host: PathBuf,
}

/// One `--env KEY=VALUE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EnvVar {
    /// The variable's name (not empty, no `=`).
    pub(crate) key: String,
    /// Its value (may be empty or contain `=`).
    pub(crate) value: String,
}

/// Parses a command line (the program name first) into a [`Cli`] with its preopens in order.
///
/// # Errors
///
/// The clap error for an invalid command line, and for `--help` and `--version`.
pub(crate) fn parse<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let matches = Cli::command().try_get_matches_from(args)?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    let dirs = cli.dirs.iter().map(|d| Preopen {
        guest: d.guest.clone(),
        source: Source::Dir {
            host: d.host.clone(),
            read_only: false,
        },
    });
    let ro_dirs = cli.ro_dirs.iter().map(|d| Preopen {
        guest: d.guest.clone(),
        source: Source::Dir {
            host: d.host.clone(),
            read_only: true,
        },
    });
    let mems = cli.mems.iter().map(|guest| Preopen {
        guest: guest.clone(),
        source: Source::Mem,
    });
    let mut ordered: Vec<(usize, Preopen)> = indexed(&matches, "dirs", dirs)
        .chain(indexed(&matches, "ro_dirs", ro_dirs))
        .chain(indexed(&matches, "mems", mems))
        .collect();
    ordered.sort_by_key(|(index, _)| *index);
    cli.preopens = ordered.into_iter().map(|(_, p)| p).collect();
    Ok(cli)
}

/// The values of the option `id`, each with its position on the command line. clap keeps an
/// option's values in command-line order, so they pair up with its indices.
fn indexed<'a, T: 'a>(
    matches: &'a ArgMatches,
    id: &str,
    values: impl Iterator<Item = T> + 'a,
) -> impl Iterator<Item = (usize, T)> + 'a {
    matches.indices_of(id).into_iter().flatten().zip(values)
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

/// Parses a guest name for `--mem`: not empty, no NUL.
fn parse_guest(s: &str) -> Result<String, String> {
    if s.is_empty() {
        return Err("the GUEST name is empty".into());
    }
    if s.contains('\0') {
        return Err("the GUEST name contains a NUL byte".into());
    }
    Ok(s.into())
}

/// Parses `GUEST::HOST`.
fn parse_save(s: &str) -> Result<SaveSpec, String> {
    let Some((guest, host)) = s.split_once("::") else {
        return Err("expected GUEST::HOST, found no `::`".into());
    };
    if guest.is_empty() {
        return Err("the GUEST name before `::` is empty".into());
    }
    if host.is_empty() {
        return Err("the HOST directory after `::` is empty".into());
    }
    if host.contains("::") {
        return Err("expected GUEST::HOST, found more than one `::`".into());
    }
    Ok(SaveSpec {
        guest: guest.into(),
        host: PathBuf::from(host),
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

    fn parse_args(args: &[&str]) -> Result<Cli, clap::Error> {
        parse(core::iter::once("wasip1-host").chain(args.iter().copied()))
    }

    fn dir(host: &str, read_only: bool) -> Source {
        Source::Dir {
            host: host.into(),
            read_only,
        }
    }

    #[test]
    fn command_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn everything_after_the_module_goes_to_the_guest() {
        let cli = parse_args(&[
            "--env", "A=1", "m.wasm", "-x", "--y", "--dir", "d", "--mem", "/m", "--", "z",
        ])
        .unwrap();
        assert_eq!(cli.module, PathBuf::from("m.wasm"));
        assert_eq!(
            cli.args,
            ["-x", "--y", "--dir", "d", "--mem", "/m", "--", "z"]
        );
        assert!(cli.dirs.is_empty());
        assert!(cli.preopens.is_empty());
        assert_eq!(cli.env.len(), 1);
    }

    #[test]
    fn a_module_is_required() {
        assert!(parse_args(&[]).is_err());
        assert!(parse_args(&["--dir", "x"]).is_err());
    }

    #[test]
    fn preopens_keep_command_line_order() {
        let cli = parse_args(&[
            "--mem", "/scratch", "--dir", "a::/", "--fs", "cow", "--ro-dir", "b", "--env", "K=V",
            "--dir", "c::/c", "--mem", "/tmp", "m.wasm",
        ])
        .unwrap();
        let got: Vec<(&str, &Source)> = cli
            .preopens
            .iter()
            .map(|p| (p.guest.as_str(), &p.source))
            .collect();
        assert_eq!(
            got,
            [
                ("/scratch", &Source::Mem),
                ("/", &dir("a", false)),
                ("b", &dir("b", true)),
                ("/c", &dir("c", false)),
                ("/tmp", &Source::Mem),
            ]
        );
        assert_eq!(cli.backing, Backing::Cow);
    }

    #[test]
    fn backing_defaults_to_host() {
        assert_eq!(parse_args(&["m.wasm"]).unwrap().backing, Backing::Host);
        assert_eq!(
            parse_args(&["--fs", "mem", "m.wasm"]).unwrap().backing,
            Backing::Mem
        );
        let err = parse_args(&["--fs", "disk", "m.wasm"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
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
    fn save_specs() {
        assert_eq!(
            parse_save("/::out/dir").unwrap(),
            SaveSpec {
                guest: "/".into(),
                host: "out/dir".into()
            }
        );
        assert!(parse_save("/").is_err());
        assert!(parse_save("::out").is_err());
        assert!(parse_save("/::").is_err());
        assert!(parse_save("/::a::b").is_err());
        assert_eq!(
            parse_args(&["--save", "nocolons", "m.wasm"])
                .unwrap_err()
                .exit_code(),
            2
        );
    }

    #[test]
    fn mem_names() {
        assert!(parse_guest("/scratch").is_ok());
        assert!(parse_guest("").is_err());
        assert!(parse_guest("a\0b").is_err());
    }

    #[test]
    fn env_vars() {
        let e = parse_env("K=a=b").unwrap();
        assert_eq!((e.key.as_str(), e.value.as_str()), ("K", "a=b"));
        assert_eq!(parse_env("K=").unwrap().value, "");
        assert!(parse_env("K").is_err());
        assert!(parse_env("=v").is_err());
        let err = parse_args(&["--env", "NOVALUE", "m.wasm"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }
}
