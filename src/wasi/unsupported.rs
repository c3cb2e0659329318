//! Imports that are registered (so every preview1 module links) but not implemented yet.
//!
//! Each returns `NOSYS` — the one documented answer for "not supported" — and does nothing
//! else: no pointer is read or written, so nothing silently succeeds.

use crate::error::SysResult;
use crate::{GuestMemory, WasiCtx};
use wasip1_abi::Errno;

macro_rules! unsupported {
    ($( $name:ident ( $($arg:ident : $ty:ty),* ) ;)*) => {$(
        #[doc = concat!("`", stringify!($name), "`: not implemented yet.")]
        ///
        /// # Errors
        ///
        /// Always `NOSYS`.
        pub fn $name(_cx: &mut WasiCtx, _mem: &mut GuestMemory<'_>, $(_: $ty),*) -> SysResult {
            $( let _ = stringify!($arg); )*
            Err(Errno::NOSYS.into())
        }
    )*};
}

unsupported! {
    fd_advise(fd: u32, offset: u64, len: u64, advice: u32);
    fd_allocate(fd: u32, offset: u64, len: u64);
    fd_datasync(fd: u32);
    fd_fdstat_set_flags(fd: u32, flags: u32);
    fd_fdstat_set_rights(fd: u32, base: u64, inheriting: u64);
    fd_filestat_set_times(fd: u32, atim: u64, mtim: u64, fst_flags: u32);
    fd_readdir(fd: u32, buf: u32, buf_len: u32, cookie: u64, bufused: u32);
    fd_sync(fd: u32);
    path_create_directory(fd: u32, path: u32, path_len: u32);
    path_filestat_set_times(fd: u32, flags: u32, path: u32, path_len: u32, atim: u64, mtim: u64, fst_flags: u32);
    path_link(old_fd: u32, old_flags: u32, old_path: u32, old_len: u32, new_fd: u32, new_path: u32, new_len: u32);
    path_readlink(fd: u32, path: u32, path_len: u32, buf: u32, buf_len: u32, bufused: u32);
    path_remove_directory(fd: u32, path: u32, path_len: u32);
    path_rename(fd: u32, old_path: u32, old_len: u32, new_fd: u32, new_path: u32, new_len: u32);
    path_symlink(old_path: u32, old_len: u32, fd: u32, new_path: u32, new_len: u32);
    path_unlink_file(fd: u32, path: u32, path_len: u32);
    poll_oneoff(subs: u32, events: u32, nsubscriptions: u32, nevents: u32);
    proc_raise(sig: u32);
    sched_yield();
    sock_accept(fd: u32, flags: u32, fd_out: u32);
    sock_recv(fd: u32, ri_data: u32, ri_data_len: u32, ri_flags: u32, ro_datalen: u32, ro_flags: u32);
    sock_send(fd: u32, si_data: u32, si_data_len: u32, si_flags: u32, so_datalen: u32);
    sock_shutdown(fd: u32, how: u32);
}
