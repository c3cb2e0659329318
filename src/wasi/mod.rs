//! The preview1 syscalls as plain functions, one file per family.
//!
//! Each function is named exactly like its import and takes the context, the guest memory and
//! the import's parameters (as unsigned integers). Every pointer is checked before anything
//! with a side effect happens; see [`GuestMemory`](crate::GuestMemory).

mod args;
mod clock;
mod fd;
mod path;
mod proc;
mod random;
mod unsupported;

pub use args::{args_get, args_sizes_get, environ_get, environ_sizes_get};
pub use clock::{clock_res_get, clock_time_get};
pub use fd::{
    fd_close, fd_fdstat_get, fd_filestat_get, fd_filestat_set_size, fd_pread, fd_prestat_dir_name,
    fd_prestat_get, fd_pwrite, fd_read, fd_renumber, fd_seek, fd_tell, fd_write,
};
pub use path::{path_filestat_get, path_open};
pub use proc::proc_exit;
pub use random::random_get;
pub use unsupported::*;

use wasip1_abi::Errno;

/// Narrows a lowered `u8`/`u16` parameter; a value that does not fit is `INVAL`.
pub(crate) fn narrow<T: TryFrom<u32>>(v: u32) -> Result<T, Errno> {
    T::try_from(v).map_err(|_| Errno::INVAL)
}
