//! `path_*` calls: every path goes through the one resolver first.

use super::fd::require;
use super::narrow;
use crate::error::{SysError, SysResult};
use crate::fdtable::{Descriptor, DirDesc, FileDesc};
use crate::fs::resolve::{resolve, Resolved};
use crate::fs::{Fs, OpenOptions};
use crate::{GuestMemory, WasiCtx};
use alloc::rc::Rc;
use alloc::string::String;
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
/// `NOENT`, `EXIST` (`CREAT|EXCL` on anything, a dangling symlink included), `ISDIR` (a
/// directory opened for writing or `TRUNC`, or `CREAT` on a missing `name/`), `INVAL`
/// (`CREAT|DIRECTORY` on a missing path),
/// `LOOP` (a final symlink without `SYMLINK_FOLLOW`, or too many hops), `PERM` (leaves the
/// sandbox), `INVAL` (unknown flags, NUL in the path), `ILSEQ`, `NAMETOOLONG`, `MFILE`,
/// `NOTCAPABLE` (missing `PATH_OPEN`, `PATH_CREATE_FILE` or `PATH_FILESTAT_SET_SIZE`);
/// traps on out-of-bounds pointers.
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
    let excl = oflags.contains(Oflags::CREAT | Oflags::EXCL);
    // `CREAT|EXCL` never follows a final symlink, even a dangling one (POSIX `O_EXCL`).
    let (fs, dir_inheriting, res) = resolve_at(cx, mem, fd, need, path, path_len, follow && !excl)?;
    let base = Rights::from_bits_truncate(rights_base).intersection(dir_inheriting);
    let inheriting = Rights::from_bits_truncate(rights_inheriting).intersection(dir_inheriting);

    let desc = match res.stat {
        Some(_) if excl => return Err(Errno::EXIST.into()),
        Some(st) if st.filetype == Filetype::SYMBOLIC_LINK => return Err(Errno::LOOP.into()),
        Some(st) if st.filetype == Filetype::DIRECTORY => {
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
                    // Any right that changes the contents needs a writable host descriptor.
                    write: base.intersects(
                        Rights::FD_WRITE | Rights::FD_FILESTAT_SET_SIZE | Rights::FD_ALLOCATE,
                    ),
                },
            )?;
            Descriptor::File(FileDesc {
                file,
                filetype: exists.map_or(Filetype::REGULAR_FILE, |st| st.filetype),
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

/// `path_filestat_set_times(fd, flags, path, path_len, atim, mtim, fst_flags)`.
///
/// # Errors
///
/// `INVAL` (bad flags, or a time both set and `NOW`), `NOENT`, `NOTDIR`, `PERM`, `LOOP`,
/// `NOTCAPABLE` (no `PATH_FILESTAT_SET_TIMES`), backend errors; traps on out-of-bounds pointers.
pub fn path_filestat_set_times(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    flags: u32,
    path: u32,
    path_len: u32,
    atim: u64,
    mtim: u64,
    fst_flags: u32,
) -> SysResult {
    let follow = follows(flags)?;
    let (atim, mtim) = super::fd_meta::set_times_args(cx, atim, mtim, fst_flags)?;
    let (fs, _, res) = resolve_at(
        cx,
        mem,
        fd,
        Rights::PATH_FILESTAT_SET_TIMES,
        path,
        path_len,
        follow,
    )?;
    res.stat.ok_or(Errno::NOENT)?;
    fs.set_times(res.path.as_path(), atim, mtim)?;
    Ok(())
}

/// `path_create_directory(fd, path, path_len)`. A trailing `/` is allowed.
///
/// # Errors
///
/// `EXIST` (anything there, a dangling symlink included), `NOENT` (missing parent), `NOTDIR`,
/// `PERM`, `NOTCAPABLE` (no `PATH_CREATE_DIRECTORY`), `ROFS`, `NOSPC`; traps on bad pointers.
pub fn path_create_directory(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    path: u32,
    path_len: u32,
) -> SysResult {
    let (fs, _, res) = resolve_at(
        cx,
        mem,
        fd,
        Rights::PATH_CREATE_DIRECTORY,
        path,
        path_len,
        false,
    )?;
    if res.stat.is_some() {
        return Err(Errno::EXIST.into());
    }
    fs.create_dir(res.path.as_path())?;
    Ok(())
}

/// `path_remove_directory(fd, path, path_len)`. A trailing `/` is allowed.
///
/// # Errors
///
/// `NOENT`, `NOTDIR` (not a directory, a symlink included), `NOTEMPTY`, `INVAL` (`.`, or the
/// descriptor's own directory), `PERM`, `NOTCAPABLE` (no `PATH_REMOVE_DIRECTORY`), `ROFS`;
/// traps on bad pointers.
pub fn path_remove_directory(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    path: u32,
    path_len: u32,
) -> SysResult {
    let (fs, _, res) = resolve_at(
        cx,
        mem,
        fd,
        Rights::PATH_REMOVE_DIRECTORY,
        path,
        path_len,
        false,
    )?;
    if !res.named {
        return Err(Errno::INVAL.into());
    }
    match res.stat {
        None => return Err(Errno::NOENT.into()),
        Some(st) if st.filetype != Filetype::DIRECTORY => return Err(Errno::NOTDIR.into()),
        Some(_) => {}
    }
    fs.remove_dir(res.path.as_path())?;
    Ok(())
}

/// `path_unlink_file(fd, path, path_len)`: removes a file or a symlink (never what it points to).
///
/// # Errors
///
/// `ISDIR` (a directory), `NOTDIR` (a trailing `/` on a non-directory), `NOENT`, `PERM`,
/// `NOTCAPABLE` (no `PATH_UNLINK_FILE`), `ROFS`; traps on bad pointers.
pub fn path_unlink_file(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    path: u32,
    path_len: u32,
) -> SysResult {
    let (fs, _, res) = resolve_at(cx, mem, fd, Rights::PATH_UNLINK_FILE, path, path_len, false)?;
    match res.stat {
        _ if !res.named => return Err(Errno::ISDIR.into()),
        None => return Err(Errno::NOENT.into()),
        Some(st) if st.filetype == Filetype::DIRECTORY => return Err(Errno::ISDIR.into()),
        Some(_) if res.dir_required => return Err(Errno::NOTDIR.into()),
        Some(_) => {}
    }
    fs.unlink(res.path.as_path())?;
    Ok(())
}

/// `path_rename(fd, old_path, old_len, new_fd, new_path, new_len)`: POSIX `rename`. A
/// directory may replace an empty directory; a file may replace a file.
///
/// # Errors
///
/// `NOENT`, `ISDIR` (a file over a directory), `NOTDIR` (a directory over a file, or a
/// trailing `/` on a file), `NOTEMPTY`, `INVAL` (a directory into itself, or `.`/`..`),
/// `XDEV` (different filesystems), `PERM`, `NOTCAPABLE` (no `PATH_RENAME_SOURCE` /
/// `PATH_RENAME_TARGET`), `ROFS`; traps on bad pointers.
pub fn path_rename(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    old_path: u32,
    old_len: u32,
    new_fd: u32,
    new_path: u32,
    new_len: u32,
) -> SysResult {
    let (fs, _, src) = resolve_at(
        cx,
        mem,
        fd,
        Rights::PATH_RENAME_SOURCE,
        old_path,
        old_len,
        false,
    )?;
    let (to_fs, _, dst) = resolve_at(
        cx,
        mem,
        new_fd,
        Rights::PATH_RENAME_TARGET,
        new_path,
        new_len,
        false,
    )?;
    if !Rc::ptr_eq(&fs, &to_fs) {
        return Err(Errno::XDEV.into());
    }
    let st = src.stat.ok_or(Errno::NOENT)?;
    if !src.named || !dst.named {
        return Err(Errno::INVAL.into());
    }
    let src_dir = st.filetype == Filetype::DIRECTORY;
    if !src_dir && (src.dir_required || dst.dir_required) {
        return Err(Errno::NOTDIR.into());
    }
    if let Some(target) = dst.stat {
        let dst_dir = target.filetype == Filetype::DIRECTORY;
        if dst_dir && !src_dir {
            return Err(Errno::ISDIR.into());
        }
        if src_dir && !dst_dir {
            return Err(Errno::NOTDIR.into());
        }
    }
    if src_dir
        && dst.path.as_path() != src.path.as_path()
        && dst.path.as_path().starts_with(src.path.as_path())
    {
        return Err(Errno::INVAL.into());
    }
    fs.rename(src.path.as_path(), dst.path.as_path())?;
    Ok(())
}

/// `path_link(old_fd, old_flags, old_path, old_len, new_fd, new_path, new_len)`: a hard link.
///
/// # Errors
///
/// `NOENT`, `EXIST`, `PERM` (a directory, or leaving the sandbox), `NOTDIR`, `XDEV`,
/// `NOTCAPABLE` (no `PATH_LINK_SOURCE` / `PATH_LINK_TARGET`), `ROFS`; traps on bad pointers.
pub fn path_link(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    old_fd: u32,
    old_flags: u32,
    old_path: u32,
    old_len: u32,
    new_fd: u32,
    new_path: u32,
    new_len: u32,
) -> SysResult {
    let follow = follows(old_flags)?;
    let (fs, _, src) = resolve_at(
        cx,
        mem,
        old_fd,
        Rights::PATH_LINK_SOURCE,
        old_path,
        old_len,
        follow,
    )?;
    let (to_fs, _, dst) = resolve_at(
        cx,
        mem,
        new_fd,
        Rights::PATH_LINK_TARGET,
        new_path,
        new_len,
        false,
    )?;
    if !Rc::ptr_eq(&fs, &to_fs) {
        return Err(Errno::XDEV.into());
    }
    let st = src.stat.ok_or(Errno::NOENT)?;
    if st.filetype == Filetype::DIRECTORY {
        return Err(Errno::PERM.into());
    }
    if dst.stat.is_some() {
        return Err(Errno::EXIST.into());
    }
    if src.dir_required || dst.dir_required {
        return Err(Errno::NOENT.into());
    }
    fs.link(src.path.as_path(), dst.path.as_path())?;
    Ok(())
}

/// `path_symlink(old_path, old_len, fd, new_path, new_len)`: creates `new_path` pointing to
/// `old_path`. The target is stored as given and may dangle or climb with `..` (the resolver
/// decides at use whether it stays inside); an absolute target is refused (`PERM`).
///
/// # Errors
///
/// `EXIST`, `NOENT` (missing parent, empty target, or a trailing `/` on the new path),
/// `PERM` (an absolute target, or leaving the sandbox), `INVAL` (NUL in the target), `ILSEQ`,
/// `NAMETOOLONG`, `NOTCAPABLE` (no
/// `PATH_SYMLINK`), `ROFS`; traps on bad pointers.
pub fn path_symlink(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    old_path: u32,
    old_len: u32,
    fd: u32,
    new_path: u32,
    new_len: u32,
) -> SysResult {
    let target = mem.slice(old_path, old_len)?;
    if target.contains(&0) {
        return Err(Errno::INVAL.into());
    }
    if target.is_empty() {
        return Err(Errno::NOENT.into());
    }
    if target.len() > crate::fs::resolve::PATH_MAX {
        return Err(Errno::NAMETOOLONG.into());
    }
    let target = String::from(core::str::from_utf8(target).map_err(|_| Errno::ILSEQ)?);
    if target.starts_with('/') {
        // An absolute target could only ever point out of the sandbox (as cap-std and
        // wasmtime decide); symlinks with absolute targets that already exist are kept and
        // readable, but the resolver never follows them.
        return Err(Errno::PERM.into());
    }
    let (fs, _, dst) = resolve_at(cx, mem, fd, Rights::PATH_SYMLINK, new_path, new_len, false)?;
    if dst.stat.is_some() {
        return Err(Errno::EXIST.into());
    }
    if dst.dir_required {
        return Err(Errno::NOENT.into());
    }
    fs.symlink(&target, dst.path.as_path())?;
    Ok(())
}

/// `path_readlink(fd, path, path_len, buf, buf_len, bufused)`: the target of a symlink,
/// without a NUL; a short buffer truncates it (`bufused == buf_len`).
///
/// # Errors
///
/// `INVAL` (not a symlink), `NOENT`, `NOTDIR`, `PERM`, `NOTCAPABLE` (no `PATH_READLINK`);
/// traps on bad pointers.
pub fn path_readlink(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    path: u32,
    path_len: u32,
    buf: u32,
    buf_len: u32,
    bufused: u32,
) -> SysResult {
    mem.check_pod::<u32>(bufused)?;
    mem.check(buf, buf_len)?;
    let (fs, _, res) = resolve_at(cx, mem, fd, Rights::PATH_READLINK, path, path_len, false)?;
    match res.stat {
        None => return Err(Errno::NOENT.into()),
        Some(st) if st.filetype != Filetype::SYMBOLIC_LINK => return Err(Errno::INVAL.into()),
        Some(_) => {}
    }
    let target = fs.readlink(res.path.as_path())?;
    let bytes = target.as_bytes();
    let n = bytes.len().min(buf_len as usize);
    mem.write_bytes(buf, bytes.get(..n).unwrap_or_default())?;
    mem.write(bufused, &u32::try_from(n).unwrap_or(buf_len))?;
    Ok(())
}
