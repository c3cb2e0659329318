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
//! # Sandbox
//!
//! A guest reaches only the filesystems the embedder passes in. With `default-features =
//! false` the crate is `no_std` + `alloc` and contains no code that can touch a host disk,
//! clock, random source or stdio. Every guest path is resolved by one resolver
//! ([`fs::resolve`]) that keeps it inside the directory it is relative to.
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
