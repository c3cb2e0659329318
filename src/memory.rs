//! [`GuestMemory`]: the only code that indexes guest bytes.
//!
//! Every access goes through checked arithmetic. An access outside the memory is a
//! [`Trap::MemoryOutOfBounds`]; syscalls check all their pointers before doing anything with a
//! side effect, so a trap never leaves a half-done operation behind.

use crate::error::Trap;
use core::ops::Range;
use wasip1_abi::Iovec;

/// A guest's linear memory, borrowed for the duration of one host call.
pub struct GuestMemory<'a> {
    bytes: &'a mut [u8],
}

impl<'a> GuestMemory<'a> {
    /// Wraps the bytes of a linear memory (or any buffer, in tests).
    pub fn new(bytes: &'a mut [u8]) -> Self {
        Self { bytes }
    }

    /// The size of the memory in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the memory has no bytes at all.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The byte range `ptr..ptr + len`, if it lies inside the memory.
    ///
    /// # Errors
    ///
    /// [`Trap::MemoryOutOfBounds`] if the range overflows or ends past the memory.
    pub fn range(&self, ptr: u32, len: u32) -> Result<Range<usize>, Trap> {
        let start = usize::try_from(ptr).map_err(|_| Trap::MemoryOutOfBounds)?;
        let len = usize::try_from(len).map_err(|_| Trap::MemoryOutOfBounds)?;
        let end = start.checked_add(len).ok_or(Trap::MemoryOutOfBounds)?;
        if end > self.bytes.len() {
            return Err(Trap::MemoryOutOfBounds);
        }
        Ok(start..end)
    }

    /// Checks that `len` bytes at `ptr` are inside the memory.
    ///
    /// # Errors
    ///
    /// [`Trap::MemoryOutOfBounds`] otherwise.
    pub fn check(&self, ptr: u32, len: u32) -> Result<(), Trap> {
        self.range(ptr, len).map(|_| ())
    }

    /// Checks that a `T` at `ptr` is inside the memory.
    ///
    /// # Errors
    ///
    /// [`Trap::MemoryOutOfBounds`] otherwise.
    pub fn check_pod<T: bytemuck::Pod>(&self, ptr: u32) -> Result<(), Trap> {
        self.check(ptr, size_u32::<T>())
    }

    /// Checks that an array of `count` values of `T` at `ptr` is inside the memory.
    ///
    /// # Errors
    ///
    /// [`Trap::MemoryOutOfBounds`] if the array overflows or ends past the memory.
    pub fn check_array<T: bytemuck::Pod>(&self, ptr: u32, count: u32) -> Result<(), Trap> {
        let len = size_u32::<T>()
            .checked_mul(count)
            .ok_or(Trap::MemoryOutOfBounds)?;
        self.check(ptr, len)
    }

    /// Borrows `len` bytes at `ptr`.
    ///
    /// # Errors
    ///
    /// [`Trap::MemoryOutOfBounds`] if the range is not inside the memory.
    pub fn slice(&self, ptr: u32, len: u32) -> Result<&[u8], Trap> {
        let r = self.range(ptr, len)?;
        self.bytes.get(r).ok_or(Trap::MemoryOutOfBounds)
    }

    /// Mutably borrows `len` bytes at `ptr`.
    ///
    /// # Errors
    ///
    /// [`Trap::MemoryOutOfBounds`] if the range is not inside the memory.
    pub fn slice_mut(&mut self, ptr: u32, len: u32) -> Result<&mut [u8], Trap> {
        let r = self.range(ptr, len)?;
        self.bytes.get_mut(r).ok_or(Trap::MemoryOutOfBounds)
    }

    /// Reads a `T` at `ptr` (no alignment is required).
    ///
    /// # Errors
    ///
    /// [`Trap::MemoryOutOfBounds`] if the value is not inside the memory.
    pub fn read<T: bytemuck::Pod>(&self, ptr: u32) -> Result<T, Trap> {
        Ok(bytemuck::pod_read_unaligned(
            self.slice(ptr, size_u32::<T>())?,
        ))
    }

    /// The address of element `index` of an array of `T` at `ptr`.
    fn element<T>(ptr: u32, index: u32) -> Result<u32, Trap> {
        size_u32::<T>()
            .checked_mul(index)
            .and_then(|o| ptr.checked_add(o))
            .ok_or(Trap::MemoryOutOfBounds)
    }

    /// Reads element `index` of an array of `T` at `ptr`.
    ///
    /// # Errors
    ///
    /// [`Trap::MemoryOutOfBounds`] if the element is not inside the memory.
    pub fn read_at<T: bytemuck::Pod>(&self, ptr: u32, index: u32) -> Result<T, Trap> {
        self.read(Self::element::<T>(ptr, index)?)
    }

    /// Writes element `index` of an array of `T` at `ptr`.
    ///
    /// # Errors
    ///
    /// [`Trap::MemoryOutOfBounds`] if the element is not inside the memory.
    pub fn write_at<T: bytemuck::Pod>(
        &mut self,
        ptr: u32,
        index: u32,
        value: &T,
    ) -> Result<(), Trap> {
        self.write(Self::element::<T>(ptr, index)?, value)
    }

    /// Writes a `T` at `ptr` (no alignment is required).
    ///
    /// # Errors
    ///
    /// [`Trap::MemoryOutOfBounds`] if the value is not inside the memory.
    pub fn write<T: bytemuck::Pod>(&mut self, ptr: u32, value: &T) -> Result<(), Trap> {
        self.slice_mut(ptr, size_u32::<T>())?
            .copy_from_slice(bytemuck::bytes_of(value));
        Ok(())
    }

    /// Copies `data` to `ptr`.
    ///
    /// # Errors
    ///
    /// [`Trap::MemoryOutOfBounds`] if the destination is not inside the memory.
    pub fn write_bytes(&mut self, ptr: u32, data: &[u8]) -> Result<(), Trap> {
        let len = u32::try_from(data.len()).map_err(|_| Trap::MemoryOutOfBounds)?;
        self.slice_mut(ptr, len)?.copy_from_slice(data);
        Ok(())
    }

    /// Checks an array of `count` iovecs at `ptr` and every buffer they point to, and
    /// returns the sum of their lengths (saturating). A `ciovec` has the same layout, so this
    /// checks the arrays of writes too.
    ///
    /// # Errors
    ///
    /// [`Trap::MemoryOutOfBounds`] if the array or any buffer is not inside the memory.
    pub fn check_iovecs(&self, ptr: u32, count: u32) -> Result<u64, Trap> {
        self.check_array::<Iovec>(ptr, count)?;
        let mut total = 0u64;
        for i in 0..count {
            let iov: Iovec = self.read_at(ptr, i)?;
            self.check(iov.buf, iov.buf_len)?;
            total = total.saturating_add(u64::from(iov.buf_len));
        }
        Ok(total)
    }
}

/// `size_of::<T>()` as a `u32`; every ABI struct is far smaller than 4 GiB.
fn size_u32<T>() -> u32 {
    u32::try_from(core::mem::size_of::<T>()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quickcheck::quickcheck;

    quickcheck! {
        fn never_panics(size: u16, ptr: u32, len: u32) -> bool {
            let mut buf = alloc::vec![0u8; usize::from(size)];
            let mut mem = GuestMemory::new(&mut buf);
            let in_bounds = u64::from(ptr) + u64::from(len) <= u64::from(size);
            let a = mem.slice(ptr, len).is_ok() == in_bounds;
            let b = mem.slice_mut(ptr, len).is_ok() == in_bounds;
            let c = mem.read::<u64>(ptr).is_ok() == (u64::from(ptr) + 8 <= u64::from(size));
            let _ = mem.check_iovecs(ptr, len);
            let _ = mem.read_at::<u32>(ptr, len);
            a && b && c
        }
    }

    #[test]
    fn reads_and_writes_unaligned() {
        let mut buf = [0u8; 16];
        let mut mem = GuestMemory::new(&mut buf);
        mem.write(3, &0x1122_3344_5566_7788u64).unwrap();
        assert_eq!(mem.read::<u64>(3).unwrap(), 0x1122_3344_5566_7788);
        assert_eq!(mem.write(9, &0u64), Err(Trap::MemoryOutOfBounds));
        assert_eq!(mem.read::<u32>(u32::MAX), Err(Trap::MemoryOutOfBounds));
    }

    #[test]
    fn iovec_buffers_are_checked() {
        let mut buf = [0u8; 64];
        let mut mem = GuestMemory::new(&mut buf);
        mem.write(
            0,
            &Iovec {
                buf: 32,
                buf_len: 8,
            },
        )
        .unwrap();
        mem.write(
            8,
            &Iovec {
                buf: 60,
                buf_len: 8,
            },
        )
        .unwrap();
        assert_eq!(mem.check_iovecs(0, 1), Ok(8));
        assert_eq!(mem.check_iovecs(0, 2), Err(Trap::MemoryOutOfBounds));
        assert_eq!(mem.check_iovecs(0, u32::MAX), Err(Trap::MemoryOutOfBounds));
    }
}
