//! The data layer of the WASI preview1 (`wasi_snapshot_preview1`) ABI.
//!
//! This crate holds types, constants and memory layouts only; it has no
//! behaviour and performs no I/O. A host implementation uses it to name the
//! imports ([`MODULE`], [`IMPORTS`]), to return error codes ([`Errno`]) and
//! to move structs such as [`Filestat`] or [`Event`] in and out of guest
//! memory.
//!
//! # Values from the guest
//!
//! Every flag and enum type is a transparent newtype over its ABI integer,
//! so any bit pattern can be held. Values read from the guest should be
//! parsed with `from_bits` (flags, e.g. [`Oflags::from_bits`]) or
//! `from_raw` (enums, e.g. [`Whence::from_raw`]), which reject bits or
//! values that preview1 does not define with [`Errno::INVAL`].
//!
//! # Layout
//!
//! All structs are `#[repr(C)]` and [`bytemuck::Pod`], with padding written
//! out as `_pad*` fields, so they convert to and from bytes without
//! `unsafe`. Their sizes, alignments and field offsets are checked at
//! compile time against the wasm32 layout (64-bit integers aligned to 8,
//! pointers as `u32`). Guest memory is little-endian and these casts use
//! the host's byte order, so the crate refuses to build on big-endian
//! targets.

#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(test)]
extern crate alloc;

#[cfg(target_endian = "big")]
compile_error!(
    "wasip1-abi casts guest (little-endian) memory directly and needs a little-endian host"
);

mod enums;
mod errno;
mod flags;
mod names;
mod structs;

pub use enums::{
    Advice, Clockid, Device, Dircookie, Dirnamlen, Eventtype, Exitcode, Fd, Filedelta, Filesize,
    Filetype, Inode, Linkcount, Preopentype, Signal, Size, Timestamp, Userdata, Whence,
    DIRCOOKIE_START,
};
pub use errno::Errno;
pub use flags::{
    Eventrwflags, Fdflags, Fstflags, Lookupflags, Oflags, Riflags, Rights, Roflags, Sdflags,
    Siflags, Subclockflags,
};
pub use names::{IMPORTS, MODULE};
pub use structs::{
    Ciovec, Dirent, Event, EventFdReadwrite, Fdstat, Filestat, Iovec, Prestat, Subscription,
    SubscriptionClock, SubscriptionFdReadwrite,
};
