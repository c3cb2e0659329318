//! `random_get`.

use crate::error::SysResult;
use crate::{GuestMemory, WasiCtx};

/// `random_get(buf, len)`: fills the buffer from the context's random source.
///
/// # Errors
///
/// `IO` if the source fails; traps if the buffer is out of bounds.
pub fn random_get(cx: &mut WasiCtx, mem: &mut GuestMemory<'_>, buf: u32, len: u32) -> SysResult {
    let out = mem.slice_mut(buf, len)?;
    cx.random.fill(out)?;
    Ok(())
}
