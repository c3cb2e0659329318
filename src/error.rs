//! The error tiers above the backends: [`SysError`] for syscalls, [`Trap`] for guest faults,
//! and [`Error`] for embedders.
//!
//! Inside, everything speaks [`Errno`]. A syscall returns `Result<(), SysError>`: an errno goes
//! back to the guest as the import's return value, a [`Trap`] aborts the guest, and
//! [`SysError::Exit`] ends it with an exit code (`proc_exit`).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use wasip1_abi::{Errno, Signal};

/// A fault that stops the guest: it is never returned to the guest as an errno.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Trap {
    /// A pointer or length the guest passed lies outside its linear memory.
    MemoryOutOfBounds,
    /// The guest called an import before its memory export was known (e.g. from a start section).
    NoMemory,
    /// The guest called `proc_raise`; the signal is never delivered to the host process.
    Raise(Signal),
}

impl fmt::Display for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MemoryOutOfBounds => f.write_str("guest pointer out of bounds of linear memory"),
            Self::NoMemory => f.write_str("guest called an import before its memory was available"),
            Self::Raise(sig) => write!(f, "guest raised signal {sig:?} with proc_raise"),
        }
    }
}

impl core::error::Error for Trap {}

/// The result of a syscall that did not succeed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SysError {
    /// Returned to the guest as the import's errno.
    Errno(Errno),
    /// Stops the guest with a trap.
    Trap(Trap),
    /// Ends the guest with this exit code (`proc_exit`).
    Exit(u32),
}

impl From<Errno> for SysError {
    fn from(e: Errno) -> Self {
        Self::Errno(e)
    }
}

impl From<Trap> for SysError {
    fn from(t: Trap) -> Self {
        Self::Trap(t)
    }
}

/// The result type of every syscall function in [`crate::wasi`].
pub type SysResult = Result<(), SysError>;

/// An error returned to the embedder by [`crate::Host`].
///
/// Each way a run can fail has its own variant, so callers can match on it; none of them
/// is ever a panic.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not a valid WebAssembly module (malformed or failing validation).
    #[error("invalid WebAssembly module: {0}")]
    InvalidModule(#[source] wasmi::Error),
    /// The module does not export a function `_start` of type `() -> ()`.
    #[error("module has no `_start` export of type () -> ()")]
    MissingStart,
    /// The module does not export a linear memory named `memory`.
    #[error("module has no `memory` export")]
    MissingMemory,
    /// The module imports something this host does not provide.
    #[error("unknown import `{module}::{name}`")]
    UnknownImport {
        /// The import's module name.
        module: String,
        /// The import's field name.
        name: String,
    },
    /// Instantiation failed (e.g. a data segment out of bounds, or a trapping start function).
    #[error("instantiation failed: {0}")]
    Instantiation(#[source] wasmi::Error),
    /// The guest trapped: a wasm trap, an out-of-bounds pointer passed to an import, or `proc_raise`.
    #[error("guest trapped: {message}")]
    Trap {
        /// A one-line description of the trap.
        message: String,
        /// What the guest wrote to stdout before trapping (when captured).
        stdout: Vec<u8>,
        /// What the guest wrote to stderr before trapping (when captured).
        stderr: Vec<u8>,
    },
    /// The guest used up the fuel it was given.
    #[error("guest ran out of fuel")]
    OutOfFuel {
        /// What the guest wrote to stdout before running out (when captured).
        stdout: Vec<u8>,
        /// What the guest wrote to stderr before running out (when captured).
        stderr: Vec<u8>,
    },
    /// The host configuration is invalid (e.g. a preopen name that is empty or contains NUL).
    #[error("invalid host configuration: {0}")]
    Config(String),
}
