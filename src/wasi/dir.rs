//! `fd_readdir`.
//!
//! A listing is taken when the guest asks for cookie 0 (open, or `rewinddir`) and kept on the
//! descriptor; later calls resume from their cookie in that listing, so paging a directory is
//! linear in its size and cookies stay stable even if the directory changes meanwhile
//! (changes show up after the next rewind). Entry `i` of the listing has cookie `i + 1`;
//! `.` and `..` come first, then the backend's order (sorted by name on `MemFs`).

use super::fd::require;
use crate::error::SysResult;
use crate::fdtable::{Descriptor, DirDesc};
use crate::fs::DirEntry;
use crate::{GuestMemory, WasiCtx};
use alloc::string::String;
use alloc::vec::Vec;
use wasip1_abi::{Dirent, Errno, Filetype, Rights};

fn listing(d: &DirDesc) -> Result<Vec<DirEntry>, Errno> {
    let own = d.fs.stat(d.path.as_path())?;
    // `..` is the real parent, except for a preopen, whose `..` is itself: nothing above a
    // preopen exists for the guest.
    let parent_ino = match d.path.as_path().split_last() {
        Some((parent, _)) if d.preopen.is_none() => d.fs.stat(parent)?.ino,
        _ => own.ino,
    };
    let entries = d.fs.read_dir(d.path.as_path())?;
    let mut all = Vec::new();
    all.try_reserve(entries.len().saturating_add(2))
        .map_err(|_| Errno::NOMEM)?;
    let dot = |name: &str, ino| DirEntry {
        name: String::from(name),
        filetype: Filetype::DIRECTORY,
        ino,
    };
    all.push(dot(".", own.ino));
    all.push(dot("..", parent_ino));
    all.extend(entries);
    Ok(all)
}

/// `fd_readdir(fd, buf, buf_len, cookie, bufused)`: fills the buffer with entries starting
/// at `cookie`. The buffer is filled completely; the last entry is truncated when it does not
/// fit (`bufused == buf_len` tells the guest to retry from that entry with a larger buffer).
///
/// # Errors
///
/// `BADF` (not open), `NOTDIR` (not a directory), `NOTCAPABLE` (no `FD_READDIR`), backend
/// errors; traps if the buffer or `bufused` is out of bounds.
pub fn fd_readdir(
    cx: &mut WasiCtx,
    mem: &mut GuestMemory<'_>,
    fd: u32,
    buf: u32,
    buf_len: u32,
    cookie: u64,
    bufused: u32,
) -> SysResult {
    mem.check_pod::<u32>(bufused)?;
    mem.check(buf, buf_len)?;
    let d = match cx.fds.get_mut(fd)? {
        Descriptor::Dir(d) => d,
        _ => return Err(Errno::NOTDIR.into()),
    };
    require(d.rights, Rights::FD_READDIR)?;
    if cookie == 0 || d.listing.is_none() {
        d.listing = Some(listing(d)?);
    }
    let entries = d.listing.as_deref().unwrap_or_default();
    let start = usize::try_from(cookie).unwrap_or(usize::MAX);
    let mut used = 0u32;
    for (i, entry) in entries.iter().enumerate().skip(start) {
        let name = entry.name.as_bytes();
        let namlen = u32::try_from(name.len()).map_err(|_| Errno::NAMETOOLONG)?;
        let dirent = Dirent {
            d_next: (i as u64).saturating_add(1),
            d_ino: entry.ino,
            d_namlen: namlen,
            d_type: entry.filetype,
            ..Dirent::default()
        };
        for part in [bytemuck::bytes_of(&dirent), name] {
            let room = buf_len - used;
            let n = u32::try_from(part.len()).unwrap_or(u32::MAX).min(room);
            let at = buf.checked_add(used).ok_or(Errno::OVERFLOW)?;
            mem.write_bytes(at, part.get(..n as usize).unwrap_or_default())?;
            used += n;
        }
        if used == buf_len {
            break;
        }
    }
    mem.write(bufused, &used)?;
    Ok(())
}
