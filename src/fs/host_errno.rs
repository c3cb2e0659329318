//! Host OS errors to WASI errnos: one table, one row per error, a test per row.
//!
//! An error the table does not know becomes `IO`; it is never stringified.

use rustix::io::Errno as Host;
use wasip1_abi::Errno;

/// Every host error we translate, with its WASI errno.
pub(crate) const TABLE: &[(Host, Errno)] = &[
    (Host::PERM, Errno::PERM),
    (Host::NOENT, Errno::NOENT),
    (Host::INTR, Errno::INTR),
    (Host::IO, Errno::IO),
    (Host::NXIO, Errno::NXIO),
    (Host::TOOBIG, Errno::TOOBIG),
    (Host::BADF, Errno::BADF),
    (Host::AGAIN, Errno::AGAIN),
    (Host::NOMEM, Errno::NOMEM),
    (Host::ACCESS, Errno::ACCES),
    (Host::FAULT, Errno::FAULT),
    (Host::BUSY, Errno::BUSY),
    (Host::EXIST, Errno::EXIST),
    (Host::XDEV, Errno::XDEV),
    (Host::NODEV, Errno::NODEV),
    (Host::NOTDIR, Errno::NOTDIR),
    (Host::ISDIR, Errno::ISDIR),
    (Host::INVAL, Errno::INVAL),
    (Host::NFILE, Errno::NFILE),
    (Host::MFILE, Errno::MFILE),
    (Host::NOTTY, Errno::NOTTY),
    (Host::TXTBSY, Errno::TXTBSY),
    (Host::FBIG, Errno::FBIG),
    (Host::NOSPC, Errno::NOSPC),
    (Host::SPIPE, Errno::SPIPE),
    (Host::ROFS, Errno::ROFS),
    (Host::MLINK, Errno::MLINK),
    (Host::PIPE, Errno::PIPE),
    (Host::NAMETOOLONG, Errno::NAMETOOLONG),
    (Host::NOSYS, Errno::NOSYS),
    (Host::NOTEMPTY, Errno::NOTEMPTY),
    (Host::LOOP, Errno::LOOP),
    (Host::OVERFLOW, Errno::OVERFLOW),
    (Host::ILSEQ, Errno::ILSEQ),
    (Host::NOTSUP, Errno::NOTSUP),
    (Host::STALE, Errno::STALE),
    (Host::DQUOT, Errno::DQUOT),
    (Host::CANCELED, Errno::CANCELED),
    (Host::DEADLK, Errno::DEADLK),
    (Host::NOLCK, Errno::NOLCK),
    (Host::ALREADY, Errno::ALREADY),
    (Host::INPROGRESS, Errno::INPROGRESS),
];

/// The WASI errno for a host error; `IO` for one the table does not list.
pub(crate) fn from_host(e: Host) -> Errno {
    TABLE
        .iter()
        .find(|(h, _)| *h == e)
        .map_or(Errno::IO, |(_, w)| *w)
}

/// The WASI errno for a `std::io::Error` (raw OS errors go through the table).
pub(crate) fn from_io(e: &std::io::Error) -> Errno {
    e.raw_os_error()
        .map_or(Errno::IO, |raw| from_host(Host::from_raw_os_error(raw)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_maps_to_its_errno() {
        for (host, wasi) in TABLE {
            assert_eq!(from_host(*host), *wasi, "{host:?}");
            let io = std::io::Error::from_raw_os_error(host.raw_os_error());
            assert_eq!(from_io(&io), *wasi, "{host:?} via std::io");
        }
    }

    #[test]
    fn rows_are_unique_and_unknown_errors_are_io() {
        for (i, (a, _)) in TABLE.iter().enumerate() {
            assert!(TABLE.iter().skip(i + 1).all(|(b, _)| a != b), "{a:?} twice");
        }
        assert_eq!(from_host(Host::PROTO), Errno::IO);
        assert_eq!(
            from_io(&std::io::Error::other("not an OS error")),
            Errno::IO
        );
    }
}
