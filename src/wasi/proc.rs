//! `proc_exit`.

use crate::error::{SysError, SysResult};
use crate::{GuestMemory, WasiCtx};

/// `proc_exit(code)`: ends the guest with `code`; it never returns to the guest.
///
/// # Errors
///
/// Always [`SysError::Exit`].
pub fn proc_exit(_cx: &mut WasiCtx, _mem: &mut GuestMemory<'_>, code: u32) -> SysResult {
    Err(SysError::Exit(code))
}
