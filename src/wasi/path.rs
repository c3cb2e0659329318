//! `path_*` calls: every path goes through the one resolver first.

use super::fd::require;
use super::narrow;
use crate::error::{SysError, SysResult};
use crate::fdtable::{Descriptor, DirDesc, FileDesc};
use crate::fs::resolve::{resolve, Resolved};
use crate::fs::{Fs, OpenOptions};
use crate::{GuestMemory, WasiCtx};
use alloc::rc::Rc;
use wasip1_abi::{Errno, Fdflags, Filestat, Filetype, Lookupflags, Oflags, Rights};

/// The directory behind `fd` with `need` rights, and the guest path resolved against it.
pub(crate) fn resolve_at(
    cx: &WasiCtx,
    mem: &GuestMemory<'_>,
    fd: u32,
    need: Rights,
    path: u32,
    path_len: u32,
    follow: bool,
) -> Result<(Rc<dyn Fs>, Rights, Resolved), SysError> {
    let bytes = mem.slice(path, path_len)?;
    let Descriptor::Dir(dir) = cx.fds.get(fd)? else {
        return Err(Errno::NOTDIR.into());
    };
    require(dir.rights, need)?;
    let resolved = resolve(&*dir.fs, dir.path.as_path(), bytes, follow)?;
    Ok((Rc::clone(&dir.fs), dir.inheriting, resolved))
}

fn follows(flags: u32) -> Result<bool, Errno> {
    Ok(Lookupflags::from_bits(flags)?.contains(Lookupflags::SYMLINK_FOLLOW))
}

/// `path_open(fd, dirflags, path, path_len, oflags, rights_base, rights_inheriting, fdflags, opened_fd)`.
///
/// The new descriptor's rights are the requested ones, limited by the directory's inheriting
/// rights and by what makes sense for the opened type (a directory never gets `FD_SEEK`).
///
/// # Errors
///
/// `NOTDIR` (`fd` is not a directory, `DIRECTORY` on a file, or a trailing `/` on a file),
/// `NOENT`, `EXIST` (`CREAT|EXCL`), `ISDIR` (a directory opened for writing or `TRUNC`),
/// `LOOP` (a final symlink without `SYMLINK_FOLLOW`, or too many hops), `PERM` (leaves the
/// sandbox), `INVAL` (unknown flags, NUL in the path), `ILSEQ`, `NAMETOOLONG`, `MFILE`,
/// `NOTCAPABLE` (missing `PATH_OPEN`, `PATH_CREATE_FILE` or `PATH_FILESTAT_SET_SIZE`);
/// traps on out-of-bounds pointers.
#[allow(clippy::too_many_arguments)]
pub fn path_open(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    dirflags: u32,
    path: u32,
    path_len: u32,
    oflags: u32,
    rights_base: u64,
    rights_inheriting: u64,
    fdflags: u32,
    opened: u32,
) -> SysResult {
    mem.check_pod::<u32>(opened)?;
    let follow = follows(dirflags)?;
    let oflags = Oflags::from_bits(narrow(oflags)?)?;
    let fdflags = Fdflags::from_bits(narrow(fdflags)?)?;
    let mut need = Rights::PATH_OPEN;
    if oflags.contains(Oflags::CREAT) {
        need |= Rights::PATH_CREATE_FILE;
    }
    if oflags.contains(Oflags::TRUNC) {
        need |= Rights::PATH_FILESTAT_SET_SIZE;
    }
    let (fs, dir_inheriting, res) = resolve_at(cx, mem, fd, need, path, path_len, follow)?;
    let base = Rights::from_bits_truncate(rights_base).intersection(dir_inheriting);
    let inheriting = Rights::from_bits_truncate(rights_inheriting).intersection(dir_inheriting);
    let excl = oflags.contains(Oflags::CREAT | Oflags::EXCL);

    let desc = match res.stat {
        Some(st) if st.filetype == Filetype::SYMBOLIC_LINK => return Err(Errno::LOOP.into()),
        Some(st) if st.filetype == Filetype::DIRECTORY => {
            if excl {
                return Err(Errno::EXIST.into());
            }
            if oflags.contains(Oflags::TRUNC) || base.contains(Rights::FD_WRITE) {
                return Err(Errno::ISDIR.into());
            }
            Descriptor::Dir(DirDesc {
                fs,
                path: res.path,
                preopen: None,
                rights: base.intersection(Rights::DIR_BASE),
                inheriting: inheriting.intersection(Rights::DIR_INHERITING),
                listing: None,
            })
        }
        Some(_) if oflags.contains(Oflags::DIRECTORY) || res.dir_required => {
            return Err(Errno::NOTDIR.into())
        }
        Some(_) if excl => return Err(Errno::EXIST.into()),
        None if !oflags.contains(Oflags::CREAT) => return Err(Errno::NOENT.into()),
        None if oflags.contains(Oflags::DIRECTORY) => return Err(Errno::INVAL.into()),
        None if res.dir_required => return Err(Errno::ISDIR.into()),
        exists => {
            let file = fs.open_file(
                res.path.as_path(),
                OpenOptions {
                    create: exists.is_none(),
                    exclusive: excl,
                    truncate: oflags.contains(Oflags::TRUNC),
                    read: base.contains(Rights::FD_READ),
                    write: base.contains(Rights::FD_WRITE),
                },
            )?;
            Descriptor::File(FileDesc {
                file,
                pos: 0,
                flags: fdflags,
                rights: base.intersection(Rights::FILE_BASE),
                inheriting: inheriting.intersection(Rights::FILE_BASE),
            })
        }
    };
    let new_fd = cx.fds.insert(desc)?;
    mem.write(opened, &new_fd)?;
    Ok(())
}

/// `path_filestat_get(fd, flags, path, path_len, stat)`.
///
/// # Errors
///
/// `NOENT`, `NOTDIR`, `PERM`, `LOOP`, `INVAL`, `ILSEQ`, `NAMETOOLONG`, `NOTCAPABLE`
/// (no `PATH_FILESTAT_GET`); traps on out-of-bounds pointers.
pub fn path_filestat_get(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    flags: u32,
    path: u32,
    path_len: u32,
    out: u32,
) -> SysResult {
    mem.check_pod::<Filestat>(out)?;
    let follow = follows(flags)?;
    let (_, _, res) = resolve_at(
        cx,
        mem,
        fd,
        Rights::PATH_FILESTAT_GET,
        path,
        path_len,
        follow,
    )?;
    let stat = res.stat.ok_or(Errno::NOENT)?;
    mem.write(out, &stat)?;
    Ok(())
}
