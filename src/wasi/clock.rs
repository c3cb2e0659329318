//! `clock_*`.

use crate::error::SysResult;
use crate::{GuestMemory, WasiCtx};
use wasip1_abi::Clockid;

/// `clock_res_get(id, resolution)`.
///
/// # Errors
///
/// `INVAL` for an unknown clock; traps if the output pointer is out of bounds.
pub fn clock_res_get(cx: &mut WasiCtx, mem: &mut GuestMemory<'_>, id: u32, out: u32) -> SysResult {
    mem.check_pod::<u64>(out)?;
    let res = cx.clock.resolution(Clockid::from_raw(id)?)?;
    mem.write(out, &res)?;
    Ok(())
}

/// `clock_time_get(id, precision, time)`; `precision` is accepted and ignored.
///
/// # Errors
///
/// `INVAL` for an unknown clock; traps if the output pointer is out of bounds.
pub fn clock_time_get(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    id: u32,
    _precision: u64,
    out: u32,
) -> SysResult {
    mem.check_pod::<u64>(out)?;
    let now = cx.clock.now(Clockid::from_raw(id)?)?;
    mem.write(out, &now)?;
    Ok(())
}
