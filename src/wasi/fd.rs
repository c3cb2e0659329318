//! `fd_*` calls on files, directories and streams.
//!
//! Rights: a read without `FD_READ` or a write without `FD_WRITE` is `BADF` (the fd is "not
//! open for reading/writing", as POSIX says); any other missing right is `NOTCAPABLE`.
//! File-only calls on a directory are `BADF`; seeking a stream is `SPIPE`.

use super::narrow;
use crate::error::{SysError, SysResult};
use crate::fdtable::{Descriptor, FileDesc};
use crate::{GuestMemory, WasiCtx};
use wasip1_abi::{Ciovec, Errno, Fdflags, Iovec, Rights, Whence};

/// The largest offset a file may reach: file offsets are signed 64-bit numbers.
const MAX_FILE_OFFSET: u64 = i64::MAX as u64;

/// The file behind `fd`, with `need` rights (`BADF` for a non-file, `NOTCAPABLE` without rights).
pub(crate) fn file_mut(cx: &mut WasiCtx, fd: u32, need: Rights) -> Result<&mut FileDesc, Errno> {
    match cx.fds.get_mut(fd)? {
        Descriptor::File(f) => {
            require(f.rights, need)?;
            Ok(f)
        }
        Descriptor::Dir(_) => Err(Errno::BADF),
        Descriptor::Stream(_) => Err(Errno::SPIPE),
    }
}

/// Checks `have ⊇ need`: missing `FD_READ`/`FD_WRITE` is `BADF`, anything else `NOTCAPABLE`.
pub(crate) fn require(have: Rights, need: Rights) -> Result<(), Errno> {
    let missing = need.difference(have);
    if missing.is_empty() {
        Ok(())
    } else if missing.intersects(Rights::FD_READ | Rights::FD_WRITE) {
        Err(Errno::BADF)
    } else {
        Err(Errno::NOTCAPABLE)
    }
}

/// Checks the count pointer and every buffer of a read or write before anything happens;
/// the lengths must add up to at most 4 GiB, since the count is a `u32` (`INVAL`).
fn check_transfer(mem: &GuestMemory<'_>, iovs: u32, iovs_len: u32, count: u32) -> SysResult {
    mem.check_pod::<u32>(count)?;
    if mem.check_iovecs(iovs, iovs_len)? > u64::from(u32::MAX) {
        return Err(Errno::INVAL.into());
    }
    Ok(())
}

fn to_u32(n: u64) -> Result<u32, Errno> {
    u32::try_from(n).map_err(|_| Errno::OVERFLOW)
}

/// Reads into the iovecs from `file` at `offset`, stopping at a short read; returns the count.
fn read_iovecs(
    f: &mut FileDesc,
    mem: &mut GuestMemory<'_>,
    iovs: u32,
    count: u32,
    offset: u64,
) -> Result<u64, SysError> {
    let mut total = 0u64;
    for i in 0..count {
        let iov: Iovec = mem.read_at(iovs, i)?;
        let buf = mem.slice_mut(iov.buf, iov.buf_len)?;
        let at = offset.checked_add(total).ok_or(Errno::OVERFLOW)?;
        let n = match f.file.read_at(buf, at) {
            Ok(n) => n as u64,
            Err(e) if total == 0 => return Err(e.into()),
            Err(_) => break,
        };
        total += n;
        if n < u64::from(iov.buf_len) {
            break;
        }
    }
    Ok(total)
}

/// Writes the ciovecs to `file` at `offset` (or at the end for `append`), stopping at a
/// short write; returns the count and the position after the last byte written.
fn write_iovecs(
    f: &mut FileDesc,
    mem: &GuestMemory<'_>,
    iovs: u32,
    count: u32,
    offset: u64,
    append: bool,
) -> Result<(u64, u64), SysError> {
    let mut total = 0u64;
    let mut pos = offset;
    for i in 0..count {
        let iov: Ciovec = mem.read_at(iovs, i)?;
        let buf = mem.slice(iov.buf, iov.buf_len)?;
        // Files end at `i64::MAX` (file offsets are signed): past it is `FBIG`.
        if !append
            && pos.saturating_add(u64::from(iov.buf_len)) > MAX_FILE_OFFSET
            && !buf.is_empty()
        {
            if total == 0 {
                return Err(Errno::FBIG.into());
            }
            break;
        }
        let step = if append {
            f.file.append(buf).map(|(n, end)| (n as u64, end))
        } else {
            f.file.write_at(buf, pos).and_then(|n| {
                let n = n as u64;
                Ok((n, pos.checked_add(n).ok_or(Errno::FBIG)?))
            })
        };
        let (n, end) = match step {
            Ok(v) => v,
            Err(e) if total == 0 => return Err(e.into()),
            Err(_) => break,
        };
        total += n;
        pos = end;
        if n < u64::from(iov.buf_len) {
            break;
        }
    }
    Ok((total, pos))
}

/// `fd_read(fd, iovs, iovs_len, nread)`: reads at the cursor and advances it.
///
/// # Errors
///
/// `BADF` (not open, not readable, or a directory), `INVAL` (iovec lengths add up to more
/// than 4 GiB), backend errors; traps on out-of-bounds pointers.
pub fn fd_read(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    iovs: u32,
    iovs_len: u32,
    nread: u32,
) -> SysResult {
    check_transfer(mem, iovs, iovs_len, nread)?;
    let n = match cx.fds.get_mut(fd)? {
        Descriptor::File(f) => {
            require(f.rights, Rights::FD_READ)?;
            let n = read_iovecs(f, mem, iovs, iovs_len, f.pos)?;
            f.pos = f.pos.checked_add(n).ok_or(Errno::OVERFLOW)?;
            n
        }
        Descriptor::Stream(s) => {
            require(s.rights, Rights::FD_READ)?;
            let input = s.input.as_mut().ok_or(Errno::BADF)?;
            let mut total = 0u64;
            for i in 0..iovs_len {
                let iov: Iovec = mem.read_at(iovs, i)?;
                let n = input.read(mem.slice_mut(iov.buf, iov.buf_len)?)? as u64;
                total += n;
                if n < u64::from(iov.buf_len) {
                    break;
                }
            }
            total
        }
        Descriptor::Dir(_) => return Err(Errno::BADF.into()),
    };
    mem.write(nread, &to_u32(n)?)?;
    Ok(())
}

/// `fd_pread(fd, iovs, iovs_len, offset, nread)`: reads at `offset`; the cursor does not move.
///
/// # Errors
///
/// `BADF` (not readable, or a directory), `NOTCAPABLE` (no `FD_SEEK`), `SPIPE` (a stream),
/// `INVAL` (iovec lengths add up to more than 4 GiB); traps on out-of-bounds pointers.
pub fn fd_pread(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    iovs: u32,
    iovs_len: u32,
    offset: u64,
    nread: u32,
) -> SysResult {
    check_transfer(mem, iovs, iovs_len, nread)?;
    let f = file_mut(cx, fd, Rights::FD_READ | Rights::FD_SEEK)?;
    let n = read_iovecs(f, mem, iovs, iovs_len, offset)?;
    mem.write(nread, &to_u32(n)?)?;
    Ok(())
}

/// `fd_write(fd, iovs, iovs_len, nwritten)`: writes at the cursor, or at the current end of
/// the file for an `APPEND` descriptor, and moves the cursor past what was written.
///
/// # Errors
///
/// `BADF` (not writable, or a directory), `INVAL` (total length over 4 GiB), `FBIG` (past
/// offset `i64::MAX` or the backend's limit), `NOSPC`; traps on out-of-bounds pointers.
pub fn fd_write(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    iovs: u32,
    iovs_len: u32,
    nwritten: u32,
) -> SysResult {
    check_transfer(mem, iovs, iovs_len, nwritten)?;
    let n = match cx.fds.get_mut(fd)? {
        Descriptor::File(f) => {
            require(f.rights, Rights::FD_WRITE)?;
            let append = f.flags.contains(Fdflags::APPEND);
            let (n, pos) = write_iovecs(f, mem, iovs, iovs_len, f.pos, append)?;
            f.pos = pos;
            if f.flags.intersects(Fdflags::SYNC | Fdflags::DSYNC) {
                f.file.sync()?;
            }
            n
        }
        Descriptor::Stream(s) => {
            require(s.rights, Rights::FD_WRITE)?;
            let output = s.output.as_mut().ok_or(Errno::BADF)?;
            let mut total = 0u64;
            for i in 0..iovs_len {
                let iov: Ciovec = mem.read_at(iovs, i)?;
                output.write(mem.slice(iov.buf, iov.buf_len)?)?;
                total += u64::from(iov.buf_len);
            }
            total
        }
        Descriptor::Dir(_) => return Err(Errno::BADF.into()),
    };
    mem.write(nwritten, &to_u32(n)?)?;
    Ok(())
}

/// `fd_pwrite(fd, iovs, iovs_len, offset, nwritten)`: writes at `offset`, even on an `APPEND`
/// descriptor; the cursor does not move.
///
/// # Errors
///
/// `BADF` (not writable, or a directory), `NOTCAPABLE` (no `FD_SEEK`), `SPIPE` (a stream),
/// `FBIG`, `NOSPC`; traps on out-of-bounds pointers.
pub fn fd_pwrite(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    iovs: u32,
    iovs_len: u32,
    offset: u64,
    nwritten: u32,
) -> SysResult {
    check_transfer(mem, iovs, iovs_len, nwritten)?;
    let f = file_mut(cx, fd, Rights::FD_WRITE | Rights::FD_SEEK)?;
    let (n, _) = write_iovecs(f, mem, iovs, iovs_len, offset, false)?;
    mem.write(nwritten, &to_u32(n)?)?;
    Ok(())
}

/// `fd_seek(fd, offset, whence, newoffset)`. Seeking past the end is allowed; a later write
/// there leaves a zero-filled gap.
///
/// # Errors
///
/// `INVAL` (bad whence, or a negative result), `OVERFLOW`, `NOTCAPABLE` (no `FD_SEEK`; a
/// `CUR+0` query needs only `FD_TELL`), `BADF` (a directory), `SPIPE` (a stream).
pub fn fd_seek(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    offset: u64,
    whence: u32,
    newoffset: u32,
) -> SysResult {
    mem.check_pod::<u64>(newoffset)?;
    let whence = Whence::from_raw(narrow(whence)?)?;
    // The parameter is a two's-complement `filedelta`.
    let delta = i64::from_ne_bytes(offset.to_ne_bytes());
    let need = if delta == 0 && whence == Whence::CUR {
        Rights::empty()
    } else {
        Rights::FD_SEEK
    };
    let f = file_mut(cx, fd, need)?;
    if need.is_empty() && !f.rights.intersects(Rights::FD_SEEK | Rights::FD_TELL) {
        return Err(Errno::NOTCAPABLE.into());
    }
    let base = match whence {
        Whence::SET => 0,
        Whence::CUR => f.pos,
        _ => f.file.stat()?.size,
    };
    let new = i128::from(base) + i128::from(delta);
    if new < 0 {
        return Err(Errno::INVAL.into());
    }
    let new = i64::try_from(new).map_err(|_| Errno::OVERFLOW)?;
    f.pos = new.unsigned_abs();
    mem.write(newoffset, &f.pos)?;
    Ok(())
}

/// `fd_tell(fd, offset)`: the cursor; after an append write it is the new end of the file.
///
/// # Errors
///
/// `NOTCAPABLE` (no `FD_TELL`), `BADF` (a directory), `SPIPE` (a stream).
pub fn fd_tell(cx: &mut WasiCtx, mem: &mut GuestMemory<'_>, fd: u32, out: u32) -> SysResult {
    mem.check_pod::<u64>(out)?;
    let f = file_mut(cx, fd, Rights::FD_TELL)?;
    mem.write(out, &f.pos)?;
    Ok(())
}

/// `fd_close(fd)`: closes any descriptor, preopens and stdio included.
///
/// # Errors
///
/// `BADF` if `fd` is not open.
pub fn fd_close(cx: &mut WasiCtx, _mem: &mut GuestMemory<'_>, fd: u32) -> SysResult {
    cx.fds.remove(fd)?;
    Ok(())
}

/// `fd_renumber(fd, to)`: moves `fd` to `to`, closing what was there. Both must be open, so
/// a guest cannot grow the table by naming a huge target.
///
/// # Errors
///
/// `BADF` if either is not open.
pub fn fd_renumber(cx: &mut WasiCtx, _mem: &mut GuestMemory<'_>, fd: u32, to: u32) -> SysResult {
    cx.fds.renumber(fd, to)?;
    Ok(())
}
