//! `proc_exit`, `proc_raise` and `sched_yield`.

use super::narrow;
use crate::error::{SysError, SysResult, Trap};
use crate::{GuestMemory, WasiCtx};
use wasip1_abi::Signal;

/// `proc_exit(code)`: ends the guest with `code`; it never returns to the guest.
///
/// # Errors
///
/// Always [`SysError::Exit`].
pub fn proc_exit(_cx: &mut WasiCtx, _mem: &mut GuestMemory<'_>, code: u32) -> SysResult {
    Err(SysError::Exit(code))
}

/// `proc_raise(sig)`: stops the guest with [`Trap::Raise`]. The signal is never delivered to
/// the host process.
///
/// # Errors
///
/// `INVAL` for an unknown signal number; otherwise always the trap.
pub fn proc_raise(_cx: &mut WasiCtx, _mem: &mut GuestMemory<'_>, sig: u32) -> SysResult {
    let sig = Signal::from_raw(narrow(sig)?)?;
    Err(Trap::Raise(sig).into())
}

/// `sched_yield()`: there is one guest thread, so there is nothing to yield to.
///
/// # Errors
///
/// None.
pub fn sched_yield(_cx: &mut WasiCtx, _mem: &mut GuestMemory<'_>) -> SysResult {
    Ok(())
}
