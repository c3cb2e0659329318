//! `sock_*`: there are no sockets yet (no preopened sockets and no way to create one), so
//! these answer as POSIX does for the descriptor they are given: `BADF` if it is not open,
//! `NOTSOCK` if it is open but not a socket — the descriptor is checked first, as Linux does,
//! so the flags are never looked at (they would give `INVAL` for unknown bits on a socket).

use crate::error::SysResult;
use crate::{GuestMemory, WasiCtx};
use wasip1_abi::Errno;

/// `BADF` if `fd` is not open, else `NOTSOCK`: nothing is a socket.
fn not_a_socket(cx: &WasiCtx, fd: u32) -> SysResult {
    cx.fds.get(fd)?;
    Err(Errno::NOTSOCK.into())
}

/// `sock_accept(fd, flags, fd_out)`.
///
/// # Errors
///
/// `BADF` (not open), `NOTSOCK` (not a socket); traps if `fd_out` is out of bounds.
pub fn sock_accept(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    _flags: u32,
    fd_out: u32,
) -> SysResult {
    mem.check_pod::<u32>(fd_out)?;
    not_a_socket(cx, fd)
}

/// `sock_recv(fd, ri_data, ri_data_len, ri_flags, ro_datalen, ro_flags)`.
///
/// # Errors
///
/// `BADF`, `NOTSOCK`; traps on out-of-bounds pointers.
pub fn sock_recv(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    ri_data: u32,
    ri_data_len: u32,
    _ri_flags: u32,
    ro_datalen: u32,
    ro_flags: u32,
) -> SysResult {
    mem.check_iovecs(ri_data, ri_data_len)?;
    mem.check_pod::<u32>(ro_datalen)?;
    mem.check_pod::<u16>(ro_flags)?;
    not_a_socket(cx, fd)
}

/// `sock_send(fd, si_data, si_data_len, si_flags, so_datalen)`.
///
/// # Errors
///
/// `BADF`, `NOTSOCK`; traps on out-of-bounds pointers.
pub fn sock_send(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    si_data: u32,
    si_data_len: u32,
    _si_flags: u32,
    so_datalen: u32,
) -> SysResult {
    mem.check_iovecs(si_data, si_data_len)?;
    mem.check_pod::<u32>(so_datalen)?;
    not_a_socket(cx, fd)
}

/// `sock_shutdown(fd, how)`.
///
/// # Errors
///
/// `BADF`, `NOTSOCK`.
pub fn sock_shutdown(
    cx: &mut WasiCtx,
    _mem: &mut GuestMemory<'_>,
    fd: u32,
    _how: u32,
) -> SysResult {
    not_a_socket(cx, fd)
}
