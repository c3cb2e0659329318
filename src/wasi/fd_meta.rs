//! `fd_*` calls about a descriptor rather than its data: status, metadata, times, size,
//! hints, sync, and preopen names.

use super::fd::{file_mut, require};
use super::narrow;
use crate::error::SysResult;
use crate::fdtable::Descriptor;
use crate::fs::SetTime;
use crate::{GuestMemory, WasiCtx};
use wasip1_abi::{
    Advice, Clockid, Errno, Fdflags, Fdstat, Filestat, Filetype, Fstflags, Prestat, Rights,
};

/// `fd_fdstat_get(fd, stat)`: type, flags and exactly the rights that are enforced.
///
/// # Errors
///
/// `BADF`; traps if the output is out of bounds.
pub fn fd_fdstat_get(cx: &mut WasiCtx, mem: &mut GuestMemory<'_>, fd: u32, out: u32) -> SysResult {
    mem.check_pod::<Fdstat>(out)?;
    let desc = cx.fds.get(fd)?;
    let (flags, base, inheriting) = match desc {
        Descriptor::File(f) => (f.flags, f.rights, f.inheriting),
        Descriptor::Dir(d) => (Fdflags::empty(), d.rights, d.inheriting),
        Descriptor::Stream(s) => (s.flags, s.rights, Rights::empty()),
    };
    let stat = Fdstat {
        fs_filetype: desc.filetype(),
        fs_flags: flags,
        fs_rights_base: base,
        fs_rights_inheriting: inheriting,
        ..Fdstat::default()
    };
    mem.write(out, &stat)?;
    Ok(())
}

/// `fd_filestat_get(fd, stat)`.
///
/// # Errors
///
/// `BADF`, `NOTCAPABLE` (no `FD_FILESTAT_GET`), backend errors; traps if the output is out of bounds.
pub fn fd_filestat_get(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    out: u32,
) -> SysResult {
    mem.check_pod::<Filestat>(out)?;
    let stat = match cx.fds.get(fd)? {
        Descriptor::File(f) => {
            require(f.rights, Rights::FD_FILESTAT_GET)?;
            f.file.stat()?
        }
        Descriptor::Dir(d) => {
            require(d.rights, Rights::FD_FILESTAT_GET)?;
            d.fs.stat(d.path.as_path())?
        }
        Descriptor::Stream(_) => Filestat {
            filetype: Filetype::CHARACTER_DEVICE,
            ..Filestat::default()
        },
    };
    mem.write(out, &stat)?;
    Ok(())
}

/// `fd_filestat_set_size(fd, size)`: truncates or zero-extends; cursors are left where they are.
///
/// # Errors
///
/// `NOTCAPABLE` (no `FD_FILESTAT_SET_SIZE`), `BADF` (a directory), `INVAL` (a stream),
/// `FBIG` (over `i64::MAX` or the backend's limit), `NOSPC`.
pub fn fd_filestat_set_size(
    cx: &mut WasiCtx,
    _mem: &mut GuestMemory<'_>,
    fd: u32,
    size: u64,
) -> SysResult {
    if i64::try_from(size).is_err() {
        return Err(Errno::FBIG.into());
    }
    let f = file_mut(cx, fd, Rights::FD_FILESTAT_SET_SIZE).map_err(|e| {
        if e == Errno::SPIPE {
            Errno::INVAL
        } else {
            e
        }
    })?;
    f.file.set_len(size)?;
    Ok(())
}

/// `fd_prestat_get(fd, prestat)`: describes a preopened directory.
///
/// # Errors
///
/// `BADF` if `fd` is not a preopen (wasi-libc stops scanning there).
pub fn fd_prestat_get(cx: &mut WasiCtx, mem: &mut GuestMemory<'_>, fd: u32, out: u32) -> SysResult {
    mem.check_pod::<Prestat>(out)?;
    let name = preopen_name(cx, fd)?;
    let len = u32::try_from(name.len()).map_err(|_| Errno::NAMETOOLONG)?;
    mem.write(out, &Prestat::dir(len))?;
    Ok(())
}

/// `fd_prestat_dir_name(fd, path, path_len)`: the preopen's name, without a NUL.
///
/// # Errors
///
/// `BADF` if not a preopen; `NAMETOOLONG` if the buffer is shorter than the name;
/// traps if the buffer is out of bounds.
pub fn fd_prestat_dir_name(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    path: u32,
    path_len: u32,
) -> SysResult {
    mem.check(path, path_len)?;
    let name = preopen_name(cx, fd)?;
    if name.len() > path_len as usize {
        return Err(Errno::NAMETOOLONG.into());
    }
    mem.write_bytes(path, name.as_bytes())?;
    Ok(())
}

fn preopen_name(cx: &WasiCtx, fd: u32) -> Result<&str, Errno> {
    match cx.fds.get(fd)? {
        Descriptor::Dir(d) => d.preopen.as_deref().ok_or(Errno::BADF),
        _ => Err(Errno::BADF),
    }
}

/// Turns `fst_flags` and the two timestamps into what to set; `NOW` reads the realtime clock.
pub(crate) fn set_times_args(
    cx: &mut WasiCtx,
    atim: u64,
    mtim: u64,
    fst_flags: u32,
) -> Result<(SetTime, SetTime), Errno> {
    let flags = Fstflags::from_bits(narrow(fst_flags)?)?;
    if flags.contains(Fstflags::ATIM | Fstflags::ATIM_NOW)
        || flags.contains(Fstflags::MTIM | Fstflags::MTIM_NOW)
    {
        return Err(Errno::INVAL);
    }
    let now = if flags.intersects(Fstflags::ATIM_NOW | Fstflags::MTIM_NOW) {
        cx.clock.now(Clockid::REALTIME)?
    } else {
        0
    };
    let pick = |set: Fstflags, set_now: Fstflags, value: u64| {
        if flags.contains(set) {
            SetTime::At(value)
        } else if flags.contains(set_now) {
            SetTime::At(now)
        } else {
            SetTime::Keep
        }
    };
    Ok((
        pick(Fstflags::ATIM, Fstflags::ATIM_NOW, atim),
        pick(Fstflags::MTIM, Fstflags::MTIM_NOW, mtim),
    ))
}

/// `fd_fdstat_set_flags(fd, flags)`: `APPEND` and `NONBLOCK` change how later calls behave;
/// `DSYNC`, `RSYNC` and `SYNC` make every write on the descriptor sync the file.
///
/// # Errors
///
/// `INVAL` (unknown bits), `NOTCAPABLE` (no `FD_FDSTAT_SET_FLAGS`), `BADF` (not open, or a
/// directory).
pub fn fd_fdstat_set_flags(
    cx: &mut WasiCtx,
    _mem: &mut GuestMemory<'_>,
    fd: u32,
    flags: u32,
) -> SysResult {
    let flags = Fdflags::from_bits(narrow(flags)?)?;
    match cx.fds.get_mut(fd)? {
        Descriptor::File(f) => {
            require(f.rights, Rights::FD_FDSTAT_SET_FLAGS)?;
            f.flags = flags;
        }
        Descriptor::Stream(s) => {
            require(s.rights, Rights::FD_FDSTAT_SET_FLAGS)?;
            s.flags = flags;
        }
        Descriptor::Dir(_) => return Err(Errno::BADF.into()),
    }
    Ok(())
}

/// `fd_fdstat_set_rights(fd, base, inheriting)`: rights may only shrink; the new rights are
/// then enforced by every call and reported by `fd_fdstat_get`.
///
/// # Errors
///
/// `INVAL` (unknown bits), `NOTCAPABLE` (an attempt to add a right), `BADF`.
pub fn fd_fdstat_set_rights(
    cx: &mut WasiCtx,
    _mem: &mut GuestMemory<'_>,
    fd: u32,
    base: u64,
    inheriting: u64,
) -> SysResult {
    let base = Rights::from_bits(base)?;
    let inheriting = Rights::from_bits(inheriting)?;
    let (have_base, have_inheriting) = match cx.fds.get_mut(fd)? {
        Descriptor::File(f) => (&mut f.rights, &mut f.inheriting),
        Descriptor::Dir(d) => (&mut d.rights, &mut d.inheriting),
        Descriptor::Stream(s) => {
            if !s.rights.contains(base) || !inheriting.is_empty() {
                return Err(Errno::NOTCAPABLE.into());
            }
            s.rights = base;
            return Ok(());
        }
    };
    if !have_base.contains(base) || !have_inheriting.contains(inheriting) {
        return Err(Errno::NOTCAPABLE.into());
    }
    *have_base = base;
    *have_inheriting = inheriting;
    Ok(())
}

/// `fd_filestat_set_times(fd, atim, mtim, fst_flags)`.
///
/// # Errors
///
/// `INVAL` (unknown flags, or a time both set and `NOW`; a stream), `NOTCAPABLE` (no
/// `FD_FILESTAT_SET_TIMES`), `BADF`, backend errors.
pub fn fd_filestat_set_times(
    cx: &mut WasiCtx,
    _mem: &mut GuestMemory<'_>,
    fd: u32,
    atim: u64,
    mtim: u64,
    fst_flags: u32,
) -> SysResult {
    let (atim, mtim) = set_times_args(cx, atim, mtim, fst_flags)?;
    match cx.fds.get_mut(fd)? {
        Descriptor::File(f) => {
            require(f.rights, Rights::FD_FILESTAT_SET_TIMES)?;
            f.file.set_times(atim, mtim)?;
        }
        Descriptor::Dir(d) => {
            require(d.rights, Rights::FD_FILESTAT_SET_TIMES)?;
            d.fs.set_times(d.path.as_path(), atim, mtim)?;
        }
        Descriptor::Stream(_) => return Err(Errno::INVAL.into()),
    }
    Ok(())
}

/// `fd_advise(fd, offset, len, advice)`: validated, then ignored (advice has no effect on
/// the backends we have).
///
/// # Errors
///
/// `INVAL` (unknown advice, or `offset + len` overflows), `NOTCAPABLE` (no `FD_ADVISE`),
/// `BADF` (not a file), `SPIPE` (a stream).
pub fn fd_advise(
    cx: &mut WasiCtx,
    _mem: &mut GuestMemory<'_>,
    fd: u32,
    offset: u64,
    len: u64,
    advice: u32,
) -> SysResult {
    Advice::from_raw(narrow(advice)?)?;
    offset.checked_add(len).ok_or(Errno::INVAL)?;
    match cx.fds.get(fd)? {
        Descriptor::File(f) => require(f.rights, Rights::FD_ADVISE)?,
        Descriptor::Dir(_) => return Err(Errno::BADF.into()),
        Descriptor::Stream(_) => return Err(Errno::SPIPE.into()),
    }
    Ok(())
}

/// `fd_allocate(fd, offset, len)`: makes the file at least `offset + len` bytes long
/// (zero-filled); never shrinks it.
///
/// # Errors
///
/// `INVAL` (`len` is 0), `FBIG` (past `i64::MAX` or the backend's limit), `NOTCAPABLE` (no
/// `FD_ALLOCATE`), `BADF` (not a file), `SPIPE` (a stream), `NOSPC`.
pub fn fd_allocate(
    cx: &mut WasiCtx,
    _mem: &mut GuestMemory<'_>,
    fd: u32,
    offset: u64,
    len: u64,
) -> SysResult {
    let f = match cx.fds.get_mut(fd)? {
        Descriptor::File(f) => f,
        Descriptor::Dir(_) => return Err(Errno::BADF.into()),
        Descriptor::Stream(_) => return Err(Errno::SPIPE.into()),
    };
    require(f.rights, Rights::FD_ALLOCATE)?;
    if len == 0 {
        return Err(Errno::INVAL.into());
    }
    let end = offset
        .checked_add(len)
        .filter(|e| i64::try_from(*e).is_ok())
        .ok_or(Errno::FBIG)?;
    if end > f.file.stat()?.size {
        f.file.set_len(end)?;
    }
    Ok(())
}

fn sync(cx: &mut WasiCtx, fd: u32, right: Rights) -> SysResult {
    match cx.fds.get_mut(fd)? {
        Descriptor::File(f) => {
            require(f.rights, right)?;
            f.file.sync()?;
        }
        Descriptor::Dir(d) => require(d.rights, right)?,
        Descriptor::Stream(_) => return Err(Errno::INVAL.into()),
    }
    Ok(())
}

/// `fd_sync(fd)`: flushes data and metadata (a no-op in memory).
///
/// # Errors
///
/// `NOTCAPABLE` (no `FD_SYNC`), `BADF`, `INVAL` (a stream), `IO`.
pub fn fd_sync(cx: &mut WasiCtx, _mem: &mut GuestMemory<'_>, fd: u32) -> SysResult {
    sync(cx, fd, Rights::FD_SYNC)
}

/// `fd_datasync(fd)`: flushes data (a no-op in memory).
///
/// # Errors
///
/// `NOTCAPABLE` (no `FD_DATASYNC`), `BADF`, `INVAL` (a stream), `IO`.
pub fn fd_datasync(cx: &mut WasiCtx, _mem: &mut GuestMemory<'_>, fd: u32) -> SysResult {
    sync(cx, fd, Rights::FD_DATASYNC)
}
