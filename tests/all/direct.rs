//! Engine-free syscall driver: a `WasiCtx` from `Host::into_context` and a `Vec<u8>` as guest
//! memory, so tests can make thousands of precise calls without compiling a guest.

use crate::support::FsRef;
use std::rc::Rc;
use wasip1_host::abi::{Dirent, Errno, Filestat, Lookupflags, Oflags, Rights};
use wasip1_host::{wasi, GuestMemory, Host, SysError, SysResult, WasiCtx};

const MEM: usize = 1 << 16;
const A: u32 = 4096;
const B: u32 = 24576;
const LIMIT: usize = 20000;
const OUT: u32 = 64;
const DATA: u32 = 45056;

/// A context with one filesystem preopened as `/` (fd 3) and a 64 KiB memory.
pub struct Direct {
    pub cx: WasiCtx,
    pub mem: Vec<u8>,
}

fn errno(r: SysResult) -> Result<(), Errno> {
    match r {
        Ok(()) => Ok(()),
        Err(SysError::Errno(e)) => Err(e),
        Err(other) => panic!("unexpected {other:?}"),
    }
}

pub const ROOT: u32 = 3;
pub const FOLLOW: u32 = Lookupflags::SYMLINK_FOLLOW.bits();

impl Direct {
    pub fn new(fs: &FsRef) -> Self {
        let cx = Host::new()
            .preopen("/", Rc::clone(fs))
            .into_context()
            .unwrap();
        Self {
            cx,
            mem: vec![0; MEM],
        }
    }

    fn put(&mut self, at: u32, bytes: &[u8]) -> u32 {
        assert!(bytes.len() <= LIMIT - 4096, "test path too long");
        let at = at as usize;
        self.mem[at..at + bytes.len()].copy_from_slice(bytes);
        bytes.len() as u32
    }

    fn call(
        &mut self,
        f: impl FnOnce(&mut WasiCtx, &mut GuestMemory<'_>) -> SysResult,
    ) -> Result<(), Errno> {
        let mut mem = GuestMemory::new(&mut self.mem);
        errno(f(&mut self.cx, &mut mem))
    }

    fn u32_at(&self, at: u32) -> u32 {
        let at = at as usize;
        u32::from_le_bytes(self.mem[at..at + 4].try_into().unwrap())
    }

    /// `path_open` from `dir`; returns the new fd.
    pub fn open_at(
        &mut self,
        dir: u32,
        path: &[u8],
        lookup: u32,
        oflags: Oflags,
        rights: Rights,
    ) -> Result<u32, Errno> {
        let len = self.put(A, path);
        self.call(|cx, mem| {
            wasi::path_open(
                cx,
                mem,
                dir,
                lookup,
                A,
                len,
                u32::from(oflags.bits()),
                rights.bits(),
                rights.bits(),
                0,
                OUT,
            )
        })?;
        Ok(self.u32_at(OUT))
    }

    /// `path_open` from the root with `SYMLINK_FOLLOW`, asking for read/write/seek rights.
    pub fn open(&mut self, path: &[u8], oflags: Oflags) -> Result<u32, Errno> {
        let rights = Rights::FD_READ
            | Rights::FD_WRITE
            | Rights::FD_SEEK
            | Rights::FD_READDIR
            | Rights::PATH_OPEN;
        self.open_at(ROOT, path, FOLLOW, oflags, rights)
    }

    pub fn stat(&mut self, path: &[u8], lookup: u32) -> Result<Filestat, Errno> {
        let len = self.put(A, path);
        self.call(|cx, mem| wasi::path_filestat_get(cx, mem, ROOT, lookup, A, len, OUT))?;
        Ok(bytemuck::pod_read_unaligned(
            &self.mem[OUT as usize..OUT as usize + 64],
        ))
    }

    pub fn mkdir(&mut self, path: &[u8]) -> Result<(), Errno> {
        let len = self.put(A, path);
        self.call(|cx, mem| wasi::path_create_directory(cx, mem, ROOT, A, len))
    }

    pub fn rmdir(&mut self, path: &[u8]) -> Result<(), Errno> {
        let len = self.put(A, path);
        self.call(|cx, mem| wasi::path_remove_directory(cx, mem, ROOT, A, len))
    }

    pub fn unlink(&mut self, path: &[u8]) -> Result<(), Errno> {
        let len = self.put(A, path);
        self.call(|cx, mem| wasi::path_unlink_file(cx, mem, ROOT, A, len))
    }

    pub fn rename(&mut self, from: &[u8], to: &[u8]) -> Result<(), Errno> {
        let (a, b) = (self.put(A, from), self.put(B, to));
        self.call(|cx, mem| wasi::path_rename(cx, mem, ROOT, A, a, ROOT, B, b))
    }

    pub fn link(&mut self, from: &[u8], to: &[u8], lookup: u32) -> Result<(), Errno> {
        let (a, b) = (self.put(A, from), self.put(B, to));
        self.call(|cx, mem| wasi::path_link(cx, mem, ROOT, lookup, A, a, ROOT, B, b))
    }

    pub fn symlink(&mut self, target: &[u8], path: &[u8]) -> Result<(), Errno> {
        let (a, b) = (self.put(A, target), self.put(B, path));
        self.call(|cx, mem| wasi::path_symlink(cx, mem, A, a, ROOT, B, b))
    }

    pub fn readlink(&mut self, path: &[u8]) -> Result<Vec<u8>, Errno> {
        let len = self.put(A, path);
        self.call(|cx, mem| wasi::path_readlink(cx, mem, ROOT, A, len, DATA, 4096, OUT))?;
        let n = self.u32_at(OUT) as usize;
        Ok(self.mem[DATA as usize..DATA as usize + n].to_vec())
    }

    pub fn set_times(&mut self, path: &[u8]) -> Result<(), Errno> {
        let len = self.put(A, path);
        self.call(|cx, mem| {
            wasi::path_filestat_set_times(cx, mem, ROOT, FOLLOW, A, len, 1, 2, 0b101)
        })
    }

    /// Writes `data` at the cursor of `fd`; returns how much was written.
    pub fn write(&mut self, fd: u32, data: &[u8]) -> Result<u32, Errno> {
        let len = self.put(DATA, data);
        self.mem[OUT as usize..OUT as usize + 8]
            .copy_from_slice(&[DATA.to_le_bytes(), len.to_le_bytes()].concat());
        self.call(|cx, mem| wasi::fd_write(cx, mem, fd, OUT, 1, OUT + 8))?;
        Ok(self.u32_at(OUT + 8))
    }

    /// Reads up to `n` bytes at the cursor of `fd`.
    pub fn read(&mut self, fd: u32, n: u32) -> Result<Vec<u8>, Errno> {
        self.mem[OUT as usize..OUT as usize + 8]
            .copy_from_slice(&[DATA.to_le_bytes(), n.to_le_bytes()].concat());
        self.call(|cx, mem| wasi::fd_read(cx, mem, fd, OUT, 1, OUT + 8))?;
        let got = self.u32_at(OUT + 8) as usize;
        Ok(self.mem[DATA as usize..DATA as usize + got].to_vec())
    }

    pub fn seek(&mut self, fd: u32, offset: i64, whence: u8) -> Result<u64, Errno> {
        self.call(|cx, mem| wasi::fd_seek(cx, mem, fd, offset as u64, u32::from(whence), OUT))?;
        Ok(u64::from_le_bytes(
            self.mem[OUT as usize..OUT as usize + 8].try_into().unwrap(),
        ))
    }

    pub fn truncate(&mut self, fd: u32, size: u64) -> Result<(), Errno> {
        self.call(|cx, mem| wasi::fd_filestat_set_size(cx, mem, fd, size))
    }

    pub fn close(&mut self, fd: u32) -> Result<(), Errno> {
        self.call(|cx, mem| wasi::fd_close(cx, mem, fd))
    }

    /// Every name `fd_readdir` lists for the directory `fd`, paging with a small buffer.
    pub fn list(&mut self, fd: u32) -> Result<Vec<String>, Errno> {
        let mut names = Vec::new();
        let mut cookie = 0u64;
        loop {
            self.call(|cx, mem| wasi::fd_readdir(cx, mem, fd, DATA, 512, cookie, OUT))?;
            let used = self.u32_at(OUT) as usize;
            let mut at = 0usize;
            let mut progressed = false;
            while at + 24 <= used {
                let d: Dirent = bytemuck::pod_read_unaligned(
                    &self.mem[DATA as usize + at..DATA as usize + at + 24],
                );
                let end = at + 24 + d.d_namlen as usize;
                if end > used {
                    break;
                }
                names.push(
                    String::from_utf8(
                        self.mem[DATA as usize + at + 24..DATA as usize + end].to_vec(),
                    )
                    .unwrap(),
                );
                cookie = d.d_next;
                at = end;
                progressed = true;
            }
            if used < 512 || !progressed {
                return Ok(names);
            }
        }
    }
}
