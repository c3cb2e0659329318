//! The preview1 syscalls as plain functions, one file per family.
//!
//! Each function is named exactly like its import and takes the context, the guest memory and
//! the import's parameters (as unsigned integers). Every pointer is checked before anything
//! with a side effect happens; see [`GuestMemory`](crate::GuestMemory). No import answers
//! `NOSYS`: all 46 are implemented.

mod args;
mod clock;
mod dir;
mod fd;
mod fd_meta;
mod path;
mod poll;
mod proc;
mod random;
mod sock;

pub use args::{args_get, args_sizes_get, environ_get, environ_sizes_get};
pub use clock::{clock_res_get, clock_time_get};
pub use dir::fd_readdir;
pub use fd::{fd_close, fd_pread, fd_pwrite, fd_read, fd_renumber, fd_seek, fd_tell, fd_write};
pub use fd_meta::{
    fd_advise, fd_allocate, fd_datasync, fd_fdstat_get, fd_fdstat_set_flags, fd_fdstat_set_rights,
    fd_filestat_get, fd_filestat_set_size, fd_filestat_set_times, fd_prestat_dir_name,
    fd_prestat_get, fd_sync,
};
pub use path::{
    path_create_directory, path_filestat_get, path_filestat_set_times, path_link, path_open,
    path_readlink, path_remove_directory, path_rename, path_symlink, path_unlink_file,
};
pub use poll::poll_oneoff;
pub use proc::{proc_exit, proc_raise, sched_yield};
pub use random::random_get;
pub use sock::{sock_accept, sock_recv, sock_send, sock_shutdown};

use wasip1_abi::Errno;

/// Narrows a lowered `u8`/`u16` parameter; a value that does not fit is `INVAL`.
pub(crate) fn narrow<T: TryFrom<u32>>(v: u32) -> Result<T, Errno> {
    T::try_from(v).map_err(|_| Errno::INVAL)
}
