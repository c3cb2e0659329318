//! Enum-like newtypes and plain integer aliases of preview1.
//!
//! The enums are transparent newtypes rather than Rust `enum`s so that any
//! bit pattern is a valid value (they are `Pod`); values read from the guest
//! are validated with `from_raw`.

use crate::Errno;

/// Defines a transparent enum-like newtype with named constants,
/// `raw`, a strict `from_raw` and a `Debug` that prints the name.
macro_rules! enum_like {
    (
        $(#[$meta:meta])*
        pub struct $name:ident($repr:ty) {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $value:literal,
            )*
        }
    ) => {
        $(#[$meta])*
        #[repr(transparent)]
        #[derive(Clone, Copy, PartialEq, Eq, Hash, bytemuck::Pod, bytemuck::Zeroable)]
        pub struct $name(pub $repr);

        impl $name {
            $(
                $(#[$variant_meta])*
                pub const $variant: Self = Self($value);
            )*

            /// The raw integer passed across the ABI.
            #[must_use]
            pub const fn raw(self) -> $repr {
                self.0
            }

            /// Parses a raw value read from the guest.
            ///
            /// # Errors
            ///
            /// [`Errno::INVAL`] if `raw` is not a value defined by preview1.
            pub const fn from_raw(raw: $repr) -> Result<Self, Errno> {
                match raw {
                    $($value => Ok(Self::$variant),)*
                    _ => Err(Errno::INVAL),
                }
            }
        }

        impl core::fmt::Debug for $name {
            /// Prints e.g. `Filetype(DIRECTORY)`, or the number if undefined.
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                match self.0 {
                    $($value => f.write_str(concat!(
                        stringify!($name), "(", stringify!($variant), ")"
                    )),)*
                    other => write!(f, concat!(stringify!($name), "({})"), other),
                }
            }
        }
    };
}

enum_like! {
    /// The type of a file descriptor or file (`filetype`).
    pub struct Filetype(u8) {
        /// Unknown, or of a kind not listed here.
        UNKNOWN = 0,
        /// A block device.
        BLOCK_DEVICE = 1,
        /// A character device.
        CHARACTER_DEVICE = 2,
        /// A directory.
        DIRECTORY = 3,
        /// A regular file.
        REGULAR_FILE = 4,
        /// A datagram socket.
        SOCKET_DGRAM = 5,
        /// A byte-stream socket.
        SOCKET_STREAM = 6,
        /// A symbolic link.
        SYMBOLIC_LINK = 7,
    }
}

enum_like! {
    /// The origin of an `fd_seek` offset (`whence`).
    pub struct Whence(u8) {
        /// From the start of the file.
        SET = 0,
        /// From the current position.
        CUR = 1,
        /// From the end of the file.
        END = 2,
    }
}

enum_like! {
    /// Expected access pattern given to `fd_advise` (`advice`).
    pub struct Advice(u8) {
        /// No particular pattern.
        NORMAL = 0,
        /// Sequential access, low offsets first.
        SEQUENTIAL = 1,
        /// Random access.
        RANDOM = 2,
        /// The data will be needed soon.
        WILLNEED = 3,
        /// The data will not be needed soon.
        DONTNEED = 4,
        /// The data will be accessed only once.
        NOREUSE = 5,
    }
}

enum_like! {
    /// A clock identifier (`clockid`).
    pub struct Clockid(u32) {
        /// Wall-clock time since the Unix epoch.
        REALTIME = 0,
        /// A clock that never goes backwards, with an arbitrary epoch.
        MONOTONIC = 1,
        /// CPU time consumed by the process.
        PROCESS_CPUTIME_ID = 2,
        /// CPU time consumed by the thread.
        THREAD_CPUTIME_ID = 3,
    }
}

enum_like! {
    /// The kind of a `poll_oneoff` subscription or event (`eventtype`).
    pub struct Eventtype(u8) {
        /// A clock timeout.
        CLOCK = 0,
        /// A descriptor became readable.
        FD_READ = 1,
        /// A descriptor became writable.
        FD_WRITE = 2,
    }
}

enum_like! {
    /// The kind of a pre-opened resource (`preopentype`).
    pub struct Preopentype(u8) {
        /// A pre-opened directory.
        DIR = 0,
    }
}

enum_like! {
    /// A signal number for `proc_raise` (`signal`).
    pub struct Signal(u8) {
        /// No signal; reserved.
        NONE = 0,
        /// Hangup.
        HUP = 1,
        /// Interrupt.
        INT = 2,
        /// Quit.
        QUIT = 3,
        /// Illegal instruction.
        ILL = 4,
        /// Trace or breakpoint trap.
        TRAP = 5,
        /// Abort.
        ABRT = 6,
        /// Bus error.
        BUS = 7,
        /// Arithmetic error.
        FPE = 8,
        /// Kill (cannot be caught).
        KILL = 9,
        /// User-defined signal 1.
        USR1 = 10,
        /// Invalid memory reference.
        SEGV = 11,
        /// User-defined signal 2.
        USR2 = 12,
        /// Write to a pipe with no reader.
        PIPE = 13,
        /// Alarm clock.
        ALRM = 14,
        /// Termination request.
        TERM = 15,
        /// Child process changed state.
        CHLD = 16,
        /// Continue if stopped.
        CONT = 17,
        /// Stop (cannot be caught).
        STOP = 18,
        /// Stop requested from a terminal.
        TSTP = 19,
        /// Background read from a terminal.
        TTIN = 20,
        /// Background write to a terminal.
        TTOU = 21,
        /// Urgent data on a socket.
        URG = 22,
        /// CPU time limit exceeded.
        XCPU = 23,
        /// File size limit exceeded.
        XFSZ = 24,
        /// Virtual timer expired.
        VTALRM = 25,
        /// Profiling timer expired.
        PROF = 26,
        /// Window size changed.
        WINCH = 27,
        /// Pollable event.
        POLL = 28,
        /// Power failure.
        PWR = 29,
        /// Bad system call.
        SYS = 30,
    }
}

/// A file descriptor number.
pub type Fd = u32;
/// A file size or an offset/length within a file, in bytes.
pub type Filesize = u64;
/// A point in time, in nanoseconds.
pub type Timestamp = u64;
/// A position in a directory stream, as passed to `fd_readdir`.
pub type Dircookie = u64;
/// The length of a directory entry's name, in bytes.
pub type Dirnamlen = u32;
/// A device identifier.
pub type Device = u64;
/// A file serial number, unique within its device.
pub type Inode = u64;
/// The number of hard links to a file.
pub type Linkcount = u64;
/// A guest-side size or count (wasm32 `size_t`).
pub type Size = u32;
/// A signed relative file offset, as passed to `fd_seek`.
pub type Filedelta = i64;
/// An opaque value the guest attaches to a subscription and gets back.
pub type Userdata = u64;
/// A process exit status, as passed to `proc_exit`.
pub type Exitcode = u32;

/// The [`Dircookie`] that starts reading a directory from its beginning.
pub const DIRCOOKIE_START: u64 = 0;

#[cfg(test)]
mod tests {
    use super::{Clockid, Eventtype, Filetype, Signal, Whence};
    use crate::Errno;
    use alloc::format;

    #[test]
    fn values_and_parsing() {
        assert_eq!(Filetype::SYMBOLIC_LINK.raw(), 7);
        assert_eq!(Signal::SYS.raw(), 30);
        assert_eq!(Clockid::THREAD_CPUTIME_ID.raw(), 3);
        assert_eq!(Whence::from_raw(2), Ok(Whence::END));
        assert_eq!(Whence::from_raw(3), Err(Errno::INVAL));
        assert_eq!(Eventtype::from_raw(255), Err(Errno::INVAL));
        assert_eq!(Clockid::from_raw(4), Err(Errno::INVAL));
        for raw in 0..=30 {
            assert_eq!(Signal::from_raw(raw).map(Signal::raw), Ok(raw));
        }
        assert_eq!(Signal::from_raw(31), Err(Errno::INVAL));
    }

    #[test]
    fn debug_output() {
        assert_eq!(format!("{:?}", Filetype::DIRECTORY), "Filetype(DIRECTORY)");
        assert_eq!(format!("{:?}", Filetype(9)), "Filetype(9)");
        assert_eq!(format!("{:?}", Clockid::MONOTONIC), "Clockid(MONOTONIC)");
    }
}
