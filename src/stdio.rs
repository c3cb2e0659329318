//! Standard streams: what fds 0, 1 and 2 are connected to.
//!
//! By default stdin is empty and stdout/stderr are captured into [`Outcome`](crate::Outcome);
//! the embedder can give stdin bytes or any [`InputStream`]/[`OutputStream`] instead.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::RefCell;
use wasip1_abi::Errno;

/// Where a guest's reads from a stream come from.
pub trait InputStream {
    /// Reads up to `buf.len()` bytes; 0 means end of input.
    ///
    /// # Errors
    ///
    /// `IO` (or another errno) if the source fails; `AGAIN` if it would block.
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, Errno>;
}

/// Where a guest's writes to a stream go.
pub trait OutputStream {
    /// Writes all of `buf` or fails.
    ///
    /// # Errors
    ///
    /// `IO` (or another errno) if the sink fails; `NOSPC` if a capture is full.
    fn write(&mut self, buf: &[u8]) -> Result<(), Errno>;
}

/// Input from a fixed byte buffer.
pub struct BytesInput {
    data: Vec<u8>,
    pos: usize,
}

impl BytesInput {
    /// Input that yields `data`, then end of input.
    pub fn new(data: Vec<u8>) -> Self {
        Self { data, pos: 0 }
    }
}

impl InputStream for BytesInput {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, Errno> {
        let src = self.data.get(self.pos..).unwrap_or_default();
        let n = src.len().min(buf.len());
        if let (Some(d), Some(s)) = (buf.get_mut(..n), src.get(..n)) {
            d.copy_from_slice(s);
        }
        self.pos = self.pos.saturating_add(n);
        Ok(n)
    }
}

/// A shared, bounded buffer collecting a stream's output.
#[derive(Clone)]
pub struct Capture {
    buf: Rc<RefCell<Vec<u8>>>,
    limit: usize,
}

impl Capture {
    /// A capture that accepts at most `limit` bytes; further writes fail with `NOSPC`.
    pub fn new(limit: usize) -> Self {
        Self {
            buf: Rc::new(RefCell::new(Vec::new())),
            limit,
        }
    }

    /// Takes the bytes captured so far.
    pub fn take(&self) -> Vec<u8> {
        core::mem::take(&mut self.buf.borrow_mut())
    }
}

impl OutputStream for Capture {
    fn write(&mut self, data: &[u8]) -> Result<(), Errno> {
        let mut buf = self.buf.borrow_mut();
        if buf.len().saturating_add(data.len()) > self.limit {
            return Err(Errno::NOSPC);
        }
        buf.extend_from_slice(data);
        Ok(())
    }
}

/// An output that discards everything.
pub struct Discard;

impl OutputStream for Discard {
    fn write(&mut self, _: &[u8]) -> Result<(), Errno> {
        Ok(())
    }
}

/// Streams of the host process (std only): the CLI uses these.
#[cfg(feature = "std")]
pub mod inherit {
    use super::{InputStream, OutputStream};
    use std::io::{Read, Write};
    use wasip1_abi::Errno;

    /// The host process's stdin.
    pub struct Stdin;
    /// The host process's stdout.
    pub struct Stdout;
    /// The host process's stderr.
    pub struct Stderr;

    impl InputStream for Stdin {
        fn read(&mut self, buf: &mut [u8]) -> Result<usize, Errno> {
            std::io::stdin().lock().read(buf).map_err(|_| Errno::IO)
        }
    }

    impl OutputStream for Stdout {
        fn write(&mut self, buf: &[u8]) -> Result<(), Errno> {
            let mut out = std::io::stdout().lock();
            out.write_all(buf)
                .and_then(|()| out.flush())
                .map_err(|_| Errno::IO)
        }
    }

    impl OutputStream for Stderr {
        fn write(&mut self, buf: &[u8]) -> Result<(), Errno> {
            std::io::stderr().write_all(buf).map_err(|_| Errno::IO)
        }
    }
}

/// A boxed input stream.
pub type BoxedInput = Box<dyn InputStream>;
/// A boxed output stream.
pub type BoxedOutput = Box<dyn OutputStream>;
