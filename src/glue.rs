//! Registers every preview1 import on a `wasmi::Linker`.
//!
//! Each import gets the guest memory and the host state together through
//! `Memory::data_and_store_mut` (the memory handle is looked up once, after instantiation, not
//! per call) and maps the syscall's result: `Ok` to 0, an errno to its number, a [`Trap`] to a
//! wasmi host error, and `proc_exit(n)` to `Error::i32_exit(n)`.

use crate::error::{SysError, SysResult, Trap};
use crate::{wasi, GuestMemory, WasiCtx};
use wasip1_abi::MODULE;
use wasmi::errors::LinkerError;
use wasmi::{Caller, Linker, Memory};

/// The store data of a running guest.
pub(crate) struct HostState {
    pub ctx: WasiCtx,
    /// The guest's exported memory, set right after instantiation.
    pub memory: Option<Memory>,
}

impl wasmi::errors::HostError for Trap {}

fn finish(result: SysResult) -> Result<i32, wasmi::Error> {
    match result {
        Ok(()) => Ok(0),
        Err(SysError::Errno(e)) => Ok(i32::from(e.raw())),
        Err(SysError::Trap(t)) => Err(wasmi::Error::host(t)),
        Err(SysError::Exit(code)) => Err(wasmi::Error::i32_exit(i32::from_ne_bytes(
            code.to_ne_bytes(),
        ))),
    }
}

/// Runs `f` with the guest memory and the context.
#[inline]
fn with_mem(
    caller: &mut Caller<'_, HostState>,
    f: impl FnOnce(&mut WasiCtx, &mut GuestMemory<'_>) -> SysResult,
) -> Result<i32, wasmi::Error> {
    let Some(memory) = caller.data().memory else {
        return Err(wasmi::Error::host(Trap::NoMemory));
    };
    let (bytes, state) = memory.data_and_store_mut(caller);
    let mut mem = GuestMemory::new(bytes);
    finish(f(&mut state.ctx, &mut mem))
}

macro_rules! register {
    ($linker:ident; $( $name:ident ( $($arg:ident : $ty:ty),* ) ;)*) => {
        $(
            $linker.func_wrap(
                MODULE,
                stringify!($name),
                |mut caller: Caller<'_, HostState>, $($arg: $ty),*| -> Result<i32, wasmi::Error> {
                    with_mem(&mut caller, |cx, mem| wasi::$name(cx, mem, $($arg),*))
                },
            )?;
        )*
    };
}

/// Adds all 46 `wasi_snapshot_preview1` imports to `linker`.
pub(crate) fn add_to_linker(linker: &mut Linker<HostState>) -> Result<(), LinkerError> {
    register! { linker;
        args_get(argv: u32, argv_buf: u32);
        args_sizes_get(argc: u32, argv_buf_size: u32);
        environ_get(environ: u32, environ_buf: u32);
        environ_sizes_get(count: u32, size: u32);
        clock_res_get(id: u32, out: u32);
        clock_time_get(id: u32, precision: u64, out: u32);
        fd_advise(fd: u32, offset: u64, len: u64, advice: u32);
        fd_allocate(fd: u32, offset: u64, len: u64);
        fd_close(fd: u32);
        fd_datasync(fd: u32);
        fd_fdstat_get(fd: u32, out: u32);
        fd_fdstat_set_flags(fd: u32, flags: u32);
        fd_fdstat_set_rights(fd: u32, base: u64, inheriting: u64);
        fd_filestat_get(fd: u32, out: u32);
        fd_filestat_set_size(fd: u32, size: u64);
        fd_filestat_set_times(fd: u32, atim: u64, mtim: u64, fst_flags: u32);
        fd_pread(fd: u32, iovs: u32, iovs_len: u32, offset: u64, nread: u32);
        fd_prestat_get(fd: u32, out: u32);
        fd_prestat_dir_name(fd: u32, path: u32, path_len: u32);
        fd_pwrite(fd: u32, iovs: u32, iovs_len: u32, offset: u64, nwritten: u32);
        fd_read(fd: u32, iovs: u32, iovs_len: u32, nread: u32);
        fd_readdir(fd: u32, buf: u32, buf_len: u32, cookie: u64, bufused: u32);
        fd_renumber(fd: u32, to: u32);
        fd_seek(fd: u32, offset: u64, whence: u32, newoffset: u32);
        fd_sync(fd: u32);
        fd_tell(fd: u32, out: u32);
        fd_write(fd: u32, iovs: u32, iovs_len: u32, nwritten: u32);
        path_create_directory(fd: u32, path: u32, path_len: u32);
        path_filestat_get(fd: u32, flags: u32, path: u32, path_len: u32, out: u32);
        path_filestat_set_times(fd: u32, flags: u32, path: u32, path_len: u32, atim: u64, mtim: u64, fst_flags: u32);
        path_link(old_fd: u32, old_flags: u32, old_path: u32, old_len: u32, new_fd: u32, new_path: u32, new_len: u32);
        path_open(fd: u32, dirflags: u32, path: u32, path_len: u32, oflags: u32, base: u64, inheriting: u64, fdflags: u32, opened: u32);
        path_readlink(fd: u32, path: u32, path_len: u32, buf: u32, buf_len: u32, bufused: u32);
        path_remove_directory(fd: u32, path: u32, path_len: u32);
        path_rename(fd: u32, old_path: u32, old_len: u32, new_fd: u32, new_path: u32, new_len: u32);
        path_symlink(old_path: u32, old_len: u32, fd: u32, new_path: u32, new_len: u32);
        path_unlink_file(fd: u32, path: u32, path_len: u32);
        poll_oneoff(subs: u32, events: u32, nsubscriptions: u32, nevents: u32);
        proc_raise(sig: u32);
        sched_yield();
        random_get(buf: u32, len: u32);
        sock_accept(fd: u32, flags: u32, fd_out: u32);
        sock_recv(fd: u32, ri_data: u32, ri_data_len: u32, ri_flags: u32, ro_datalen: u32, ro_flags: u32);
        sock_send(fd: u32, si_data: u32, si_data_len: u32, si_flags: u32, so_datalen: u32);
        sock_shutdown(fd: u32, how: u32);
    }
    // `proc_exit` has no result in the ABI.
    linker.func_wrap(
        MODULE,
        "proc_exit",
        |mut caller: Caller<'_, HostState>, code: u32| -> Result<(), wasmi::Error> {
            // Needs no memory: a guest without one can still exit.
            let mut none = [0u8; 0];
            let result = wasi::proc_exit(
                &mut caller.data_mut().ctx,
                &mut GuestMemory::new(&mut none),
                code,
            );
            finish(result).map(|_| ())
        },
    )?;
    Ok(())
}
