//! [`WasiCtx`]: the state one guest's syscalls run against.

use crate::clock::{Clock, RandomSource};
use crate::fdtable::FdTable;
use alloc::boxed::Box;
use alloc::vec::Vec;

/// Everything a guest's imports operate on: arguments, environment, descriptors, clock and
/// randomness. Built by [`Host`](crate::Host); syscall functions in [`crate::wasi`] take it.
pub struct WasiCtx {
    pub(crate) args: Vec<Vec<u8>>,
    pub(crate) env: Vec<Vec<u8>>,
    pub(crate) fds: FdTable,
    pub(crate) clock: Box<dyn Clock>,
    pub(crate) random: Box<dyn RandomSource>,
}
