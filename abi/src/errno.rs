//! The preview1 `errno` type: the `u16` every WASI import returns.

use core::fmt;

/// Declares the [`Errno`] constants together with their names and messages,
/// so the three tables can never drift apart.
macro_rules! errnos {
    ($($value:literal $name:ident $alias:literal $message:literal,)*) => {
        impl Errno {
            $(
                #[doc = concat!("`", $alias, "`: ", $message, ".")]
                #[doc(alias = $alias)]
                pub const $name: Self = Self($value);
            )*

            /// The witx name of this error without its leading `E`
            /// (`"NOENT"`, `"TOOBIG"`), or `"UNKNOWN"` for a value outside
            /// the preview1 range.
            #[must_use]
            pub fn name(self) -> &'static str {
                match self.0 {
                    $($value => stringify!($name),)*
                    _ => "UNKNOWN",
                }
            }

            /// A short human-readable description, such as
            /// `"No such file or directory"`.
            #[must_use]
            pub fn message(self) -> &'static str {
                match self.0 {
                    $($value => $message,)*
                    _ => "Unknown error code",
                }
            }
        }

        #[cfg(test)]
        const ALL_ERRNOS: &[Errno] = &[$(Errno::$name),*];
    };
}

/// A WASI preview1 error code (`errno`), as returned by every import.
///
/// Values outside `0..=76` are not defined by preview1; they can still be
/// represented (the field is public) but print as `UNKNOWN`.
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, bytemuck::Pod, bytemuck::Zeroable)]
pub struct Errno(pub u16);

errnos! {
    0 SUCCESS "ESUCCESS" "No error",
    1 TOOBIG "E2BIG" "Argument list too long",
    2 ACCES "EACCES" "Permission denied",
    3 ADDRINUSE "EADDRINUSE" "Address already in use",
    4 ADDRNOTAVAIL "EADDRNOTAVAIL" "Address not available",
    5 AFNOSUPPORT "EAFNOSUPPORT" "Address family not supported",
    6 AGAIN "EAGAIN" "Resource temporarily unavailable",
    7 ALREADY "EALREADY" "Operation already in progress",
    8 BADF "EBADF" "Bad file descriptor",
    9 BADMSG "EBADMSG" "Bad message",
    10 BUSY "EBUSY" "Device or resource busy",
    11 CANCELED "ECANCELED" "Operation canceled",
    12 CHILD "ECHILD" "No child processes",
    13 CONNABORTED "ECONNABORTED" "Connection aborted",
    14 CONNREFUSED "ECONNREFUSED" "Connection refused",
    15 CONNRESET "ECONNRESET" "Connection reset by peer",
    16 DEADLK "EDEADLK" "Resource deadlock avoided",
    17 DESTADDRREQ "EDESTADDRREQ" "Destination address required",
    18 DOM "EDOM" "Argument out of domain",
    19 DQUOT "EDQUOT" "Disk quota exceeded",
    20 EXIST "EEXIST" "File exists",
    21 FAULT "EFAULT" "Bad address",
    22 FBIG "EFBIG" "File too large",
    23 HOSTUNREACH "EHOSTUNREACH" "Host unreachable",
    24 IDRM "EIDRM" "Identifier removed",
    25 ILSEQ "EILSEQ" "Invalid byte sequence",
    26 INPROGRESS "EINPROGRESS" "Operation in progress",
    27 INTR "EINTR" "Interrupted",
    28 INVAL "EINVAL" "Invalid argument",
    29 IO "EIO" "Input/output error",
    30 ISCONN "EISCONN" "Socket already connected",
    31 ISDIR "EISDIR" "Is a directory",
    32 LOOP "ELOOP" "Too many levels of symbolic links",
    33 MFILE "EMFILE" "Too many open file descriptors",
    34 MLINK "EMLINK" "Too many links",
    35 MSGSIZE "EMSGSIZE" "Message too long",
    36 MULTIHOP "EMULTIHOP" "Multihop attempted",
    37 NAMETOOLONG "ENAMETOOLONG" "File name too long",
    38 NETDOWN "ENETDOWN" "Network is down",
    39 NETRESET "ENETRESET" "Connection reset by network",
    40 NETUNREACH "ENETUNREACH" "Network unreachable",
    41 NFILE "ENFILE" "Too many open files in system",
    42 NOBUFS "ENOBUFS" "No buffer space available",
    43 NODEV "ENODEV" "No such device",
    44 NOENT "ENOENT" "No such file or directory",
    45 NOEXEC "ENOEXEC" "Exec format error",
    46 NOLCK "ENOLCK" "No locks available",
    47 NOLINK "ENOLINK" "Link has been severed",
    48 NOMEM "ENOMEM" "Out of memory",
    49 NOMSG "ENOMSG" "No message of desired type",
    50 NOPROTOOPT "ENOPROTOOPT" "Protocol option not available",
    51 NOSPC "ENOSPC" "No space left on device",
    52 NOSYS "ENOSYS" "Function not implemented",
    53 NOTCONN "ENOTCONN" "Socket not connected",
    54 NOTDIR "ENOTDIR" "Not a directory",
    55 NOTEMPTY "ENOTEMPTY" "Directory not empty",
    56 NOTRECOVERABLE "ENOTRECOVERABLE" "State not recoverable",
    57 NOTSOCK "ENOTSOCK" "Not a socket",
    58 NOTSUP "ENOTSUP" "Operation not supported",
    59 NOTTY "ENOTTY" "Not a terminal",
    60 NXIO "ENXIO" "No such device or address",
    61 OVERFLOW "EOVERFLOW" "Value too large for data type",
    62 OWNERDEAD "EOWNERDEAD" "Previous owner died",
    63 PERM "EPERM" "Operation not permitted",
    64 PIPE "EPIPE" "Broken pipe",
    65 PROTO "EPROTO" "Protocol error",
    66 PROTONOSUPPORT "EPROTONOSUPPORT" "Protocol not supported",
    67 PROTOTYPE "EPROTOTYPE" "Wrong protocol type for socket",
    68 RANGE "ERANGE" "Result out of range",
    69 ROFS "EROFS" "Read-only file system",
    70 SPIPE "ESPIPE" "Illegal seek",
    71 SRCH "ESRCH" "No such process",
    72 STALE "ESTALE" "Stale file handle",
    73 TIMEDOUT "ETIMEDOUT" "Operation timed out",
    74 TXTBSY "ETXTBSY" "Text file busy",
    75 XDEV "EXDEV" "Cross-device link",
    76 NOTCAPABLE "ENOTCAPABLE" "Capabilities insufficient",
}

impl Errno {
    /// The raw `u16` value passed across the ABI.
    #[must_use]
    pub const fn raw(self) -> u16 {
        self.0
    }
}

impl fmt::Debug for Errno {
    /// Prints `Errno(NOENT)`, or `Errno(123)` for an undefined value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            "UNKNOWN" => write!(f, "Errno({})", self.0),
            name => write!(f, "Errno({name})"),
        }
    }
}

impl fmt::Display for Errno {
    /// Prints `NOENT (No such file or directory)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name(), self.message())
    }
}

impl core::error::Error for Errno {}

#[cfg(test)]
mod tests {
    use super::{Errno, ALL_ERRNOS};

    #[test]
    fn numbers_match_witx() {
        let expected = [
            (Errno::SUCCESS, 0),
            (Errno::TOOBIG, 1),
            (Errno::BADF, 8),
            (Errno::EXIST, 20),
            (Errno::INVAL, 28),
            (Errno::ISDIR, 31),
            (Errno::LOOP, 32),
            (Errno::NOENT, 44),
            (Errno::NOSYS, 52),
            (Errno::NOTDIR, 54),
            (Errno::ROFS, 69),
            (Errno::XDEV, 75),
            (Errno::NOTCAPABLE, 76),
        ];
        for (errno, raw) in expected {
            assert_eq!(errno.raw(), raw, "{errno:?}");
        }
    }

    #[test]
    fn table_is_dense_and_names_unique() {
        assert_eq!(ALL_ERRNOS.len(), 77);
        for (i, errno) in ALL_ERRNOS.iter().enumerate() {
            assert_eq!(usize::from(errno.raw()), i);
            assert_ne!(errno.name(), "UNKNOWN");
            for other in ALL_ERRNOS.iter().skip(i + 1) {
                assert_ne!(errno.name(), other.name());
                assert_ne!(errno.message(), other.message());
            }
        }
        assert_eq!(Errno(77).name(), "UNKNOWN");
    }

    #[test]
    fn formatting() {
        use alloc::format;
        assert_eq!(format!("{:?}", Errno::NOENT), "Errno(NOENT)");
        assert_eq!(format!("{:?}", Errno(500)), "Errno(500)");
        assert_eq!(
            format!("{}", Errno::NOENT),
            "NOENT (No such file or directory)"
        );
        assert_eq!(
            format!("{}", Errno::TOOBIG),
            "TOOBIG (Argument list too long)"
        );
    }
}
