//! A WASI preview1 host for the [wasmi](https://docs.rs/wasmi) interpreter, written by hand.
//!
//! Every `wasi_snapshot_preview1` import is implemented directly against a pluggable
//! filesystem ([`fs::Fs`]), with our own descriptor table, errno mapping and path resolver.
//!
//! ```
//! use wasip1_host::{Host, fs::MemFs};
//! # let wasm = wat::parse_str(r#"(module (memory (export "memory") 1) (func (export "_start")))"#).unwrap();
//! let fs = MemFs::new();
//! fs.write_file("in/data.txt", b"input").unwrap();
//! let outcome = Host::new().arg("guest.wasm").run_with(&wasm, fs.clone()).unwrap();
//! assert_eq!(outcome.exit_code, 0);
//! // `fs` still holds the tree the guest saw, outputs included.
//! ```
//!
//! # Sandbox: what can reach the host
//!
//! A guest reaches only the filesystems the embedder passes in, and only through
//! [`fs::Fs`]. Exactly two types in this crate can touch a host disk, both behind the `std`
//! feature: [`fs::HostDirFs`] (a host directory you name) and, indirectly, whatever you wrap
//! in a [`fs::VfsAdapter`] (feature `vfs`; `vfs::PhysicalFS` is a host directory). Every other
//! backend — [`fs::MemFs`], [`fs::ReadOnly`], [`fs::MountTable`], [`fs::CopyOnWrite`],
//! [`fs::DevFs`] — only ever calls the filesystems it wraps. With `default-features = false`
//! the crate is `no_std` + `alloc` and does not contain the host-backed modules at all, so
//! there is no code path to a host disk, clock, random source or stdio
//! (`tests/all/no_host_disk.rs` checks the sources; CI builds it for a target without an OS).
//!
//! Every guest path is resolved by one resolver ([`fs::resolve`]) before a backend sees it:
//! component by component from the directory it is relative to, `..` never above that
//! directory, absolute paths and absolute symlink targets refused, symlinks expanded with a
//! hop budget. `HostDirFs` adds the host-side half: it looks paths up from its root
//! descriptor with `openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS)` (or, without `openat2`, an
//! `openat(O_NOFOLLOW | O_DIRECTORY)` walk) and ends in an `*at` call that follows nothing, so
//! not even a symlink the host swaps in mid-walk leads out.
//!
//! # Mounts
//!
//! [`fs::MountTable`] puts several filesystems under one root. A path goes to the filesystem
//! mounted at its **longest prefix**, with the prefix stripped; directories on the way to a
//! mount point appear even if the parent filesystem lacks them. [`fs::MountTable::standard`]
//! gives the usual layout over any root, read-only and host-backed ones included: a fresh
//! writable [`fs::MemFs`] at `/tmp`, and `/dev/null`, `/dev/zero` and `/dev/urandom`
//! ([`fs::DevFs`]; `urandom` is deterministic unless given a real source). Mount points
//! cannot be removed or renamed (`BUSY`), and a rename or hard link between two mounts is
//! `XDEV`, as between two host filesystems.
//!
//! # Layers
//!
//! `wasip1-abi` (types) ← [`fs`] (backends, resolver) ← [`wasi`] (syscalls as plain
//! functions) ← glue (wasmi `Linker`) / [`Host`] / CLI.

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod clock;
mod ctx;
mod error;
mod fdtable;
pub mod fs;
mod glue;
mod host;
mod memory;
pub mod stdio;
pub mod wasi;

pub use ctx::WasiCtx;
pub use error::{Error, SysError, SysResult, Trap};
pub use fdtable::{DEFAULT_MAX_FD, DEFAULT_MAX_OPEN};
pub use host::{Host, Outcome, DEFAULT_CAPTURE_LIMIT};
pub use memory::GuestMemory;
pub use stdio::{InputStream, OutputStream};
pub use wasip1_abi as abi;
