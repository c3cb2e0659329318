//! `args_*` and `environ_*`.

use crate::error::SysResult;
use crate::{GuestMemory, WasiCtx};
use wasip1_abi::Errno;

/// Writes NUL-terminated `strings` into `buf` and their addresses into the array at `ptrs`.
fn put_strings(
    mem: &mut GuestMemory<'_>,
    strings: &[alloc::vec::Vec<u8>],
    ptrs: u32,
    buf: u32,
) -> SysResult {
    let count = u32::try_from(strings.len()).map_err(|_| Errno::OVERFLOW)?;
    let size = total_size(strings)?;
    mem.check_array::<u32>(ptrs, count)?;
    mem.check(buf, size)?;
    let mut at = buf;
    for (i, s) in (0u32..).zip(strings) {
        mem.write_at(ptrs, i, &at)?;
        mem.write_bytes(at, s)?;
        let len = u32::try_from(s.len()).map_err(|_| Errno::OVERFLOW)?;
        let nul = at.checked_add(len).ok_or(Errno::OVERFLOW)?;
        mem.write(nul, &0u8)?;
        at = nul.checked_add(1).ok_or(Errno::OVERFLOW)?;
    }
    Ok(())
}

fn total_size(strings: &[alloc::vec::Vec<u8>]) -> Result<u32, Errno> {
    let total: usize = strings.iter().map(|s| s.len().saturating_add(1)).sum();
    u32::try_from(total).map_err(|_| Errno::OVERFLOW)
}

fn put_sizes(
    mem: &mut GuestMemory<'_>,
    strings: &[alloc::vec::Vec<u8>],
    count_ptr: u32,
    size_ptr: u32,
) -> SysResult {
    mem.check_pod::<u32>(count_ptr)?;
    mem.check_pod::<u32>(size_ptr)?;
    let count = u32::try_from(strings.len()).map_err(|_| Errno::OVERFLOW)?;
    let size = total_size(strings)?;
    mem.write(count_ptr, &count)?;
    mem.write(size_ptr, &size)?;
    Ok(())
}

/// `args_get(argv, argv_buf)`: the arguments, NUL-terminated, and pointers to them.
///
/// # Errors
///
/// Traps if either buffer (as sized by `args_sizes_get`) is out of bounds.
pub fn args_get(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    argv: u32,
    argv_buf: u32,
) -> SysResult {
    put_strings(mem, &cx.args, argv, argv_buf)
}

/// `args_sizes_get(argc, argv_buf_size)`.
///
/// # Errors
///
/// Traps if an output pointer is out of bounds.
pub fn args_sizes_get(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    argc: u32,
    size: u32,
) -> SysResult {
    put_sizes(mem, &cx.args, argc, size)
}

/// `environ_get(environ, environ_buf)`: `KEY=VALUE` strings, NUL-terminated.
///
/// # Errors
///
/// Traps if either buffer is out of bounds.
pub fn environ_get(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    environ: u32,
    buf: u32,
) -> SysResult {
    put_strings(mem, &cx.env, environ, buf)
}

/// `environ_sizes_get(count, buf_size)`.
///
/// # Errors
///
/// Traps if an output pointer is out of bounds.
pub fn environ_sizes_get(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    count: u32,
    size: u32,
) -> SysResult {
    put_sizes(mem, &cx.env, count, size)
}
