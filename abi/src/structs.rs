//! `#[repr(C)]` structs exchanged through guest memory.
//!
//! Every struct is `Pod` with all padding spelled out as `_pad*` fields, so
//! it can be copied to and from guest memory with `bytemuck` and no
//! `unsafe`. Sizes, alignments and field offsets are checked at compile time
//! against the wasm32 layout of wasi-libc's `wasi/api.h`.

use crate::{Errno, Eventrwflags, Eventtype, Fdflags, Filetype, Preopentype, Rights};
use bytemuck::{Pod, Zeroable};

/// Asserts at compile time a struct's size, alignment and field offsets.
macro_rules! assert_layout {
    ($ty:ty, size = $size:literal, align = $align:literal, { $($field:ident: $offset:literal),* $(,)? }) => {
        const _: () = {
            assert!(core::mem::size_of::<$ty>() == $size);
            assert!(core::mem::align_of::<$ty>() == $align);
            $(assert!(core::mem::offset_of!($ty, $field) == $offset);)*
        };
    };
}

/// Implements `Default` as the all-zero value for each listed struct.
macro_rules! zero_default {
    ($($ty:ty),* $(,)?) => {
        $(impl Default for $ty {
            fn default() -> Self {
                Zeroable::zeroed()
            }
        })*
    };
}

/// A guest buffer to read into (`iovec`): pointer and length in guest memory.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct Iovec {
    /// Guest address of the buffer.
    pub buf: u32,
    /// Length of the buffer in bytes.
    pub buf_len: u32,
}
assert_layout!(Iovec, size = 8, align = 4, { buf: 0, buf_len: 4 });

/// A guest buffer to write from (`ciovec`): pointer and length in guest memory.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct Ciovec {
    /// Guest address of the buffer.
    pub buf: u32,
    /// Length of the buffer in bytes.
    pub buf_len: u32,
}
assert_layout!(Ciovec, size = 8, align = 4, { buf: 0, buf_len: 4 });

/// File attributes (`filestat`), written by `*_filestat_get`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct Filestat {
    /// Device containing the file.
    pub dev: u64,
    /// File serial number.
    pub ino: u64,
    /// File type.
    pub filetype: Filetype,
    /// Padding, always zero.
    pub _pad: [u8; 7],
    /// Number of hard links.
    pub nlink: u64,
    /// Size in bytes (for symbolic links, the length of the target).
    pub size: u64,
    /// Last access time, in nanoseconds.
    pub atim: u64,
    /// Last data modification time, in nanoseconds.
    pub mtim: u64,
    /// Last status change time, in nanoseconds.
    pub ctim: u64,
}
assert_layout!(Filestat, size = 64, align = 8, {
    dev: 0, ino: 8, filetype: 16, _pad: 17, nlink: 24, size: 32, atim: 40, mtim: 48, ctim: 56,
});

/// Descriptor attributes (`fdstat`), written by `fd_fdstat_get`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct Fdstat {
    /// Type of the open file.
    pub fs_filetype: Filetype,
    /// Padding, always zero.
    pub _pad0: u8,
    /// Descriptor flags.
    pub fs_flags: Fdflags,
    /// Padding, always zero.
    pub _pad1: [u8; 4],
    /// Rights that apply to this descriptor.
    pub fs_rights_base: Rights,
    /// Maximum rights of descriptors opened through this one.
    pub fs_rights_inheriting: Rights,
}
assert_layout!(Fdstat, size = 24, align = 8, {
    fs_filetype: 0, _pad0: 1, fs_flags: 2, _pad1: 4, fs_rights_base: 8, fs_rights_inheriting: 16,
});

/// Information about a pre-opened resource (`prestat`), written by
/// `fd_prestat_get`. Only the directory variant exists in preview1.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct Prestat {
    /// The [`Preopentype`] tag; always [`Preopentype::DIR`].
    pub tag: u8,
    /// Padding, always zero.
    pub _pad: [u8; 3],
    /// Length in bytes of the directory name given by `fd_prestat_dir_name`.
    pub pr_name_len: u32,
}
assert_layout!(Prestat, size = 8, align = 4, { tag: 0, _pad: 1, pr_name_len: 4 });

impl Prestat {
    /// A pre-opened directory whose name is `name_len` bytes long.
    #[must_use]
    pub fn dir(name_len: u32) -> Self {
        Self {
            tag: Preopentype::DIR.raw(),
            _pad: [0; 3],
            pr_name_len: name_len,
        }
    }
}

/// Header of a directory entry (`dirent`) in an `fd_readdir` buffer; the
/// name (`d_namlen` bytes, not NUL-terminated) follows it directly.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct Dirent {
    /// Cookie of the next entry.
    pub d_next: u64,
    /// File serial number.
    pub d_ino: u64,
    /// Length of the name in bytes.
    pub d_namlen: u32,
    /// File type.
    pub d_type: Filetype,
    /// Padding, always zero.
    pub _pad: [u8; 3],
}
assert_layout!(Dirent, size = 24, align = 8, {
    d_next: 0, d_ino: 8, d_namlen: 16, d_type: 20, _pad: 21,
});

/// Payload of an `fd_read`/`fd_write` event (`event_fd_readwrite`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct EventFdReadwrite {
    /// Number of bytes available to read or room to write.
    pub nbytes: u64,
    /// State of the descriptor.
    pub flags: Eventrwflags,
    /// Padding, always zero.
    pub _pad: [u8; 6],
}
assert_layout!(EventFdReadwrite, size = 16, align = 8, { nbytes: 0, flags: 8, _pad: 10 });

/// An event written by `poll_oneoff` (`event`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct Event {
    /// The `userdata` of the subscription that fired.
    pub userdata: u64,
    /// Error of the event, if any.
    pub error: Errno,
    /// Kind of the event.
    pub type_: Eventtype,
    /// Padding, always zero.
    pub _pad: [u8; 5],
    /// Payload for `fd_read`/`fd_write` events; zero for clock events.
    pub fd_readwrite: EventFdReadwrite,
}
assert_layout!(Event, size = 32, align = 8, {
    userdata: 0, error: 8, type_: 10, _pad: 11, fd_readwrite: 16,
});

/// Payload of a clock subscription (`subscription_clock`).
///
/// Read from the guest, so its fields are raw integers: validate `id` with
/// [`Clockid::from_raw`](crate::Clockid::from_raw) and `flags` with
/// [`Subclockflags::from_bits`](crate::Subclockflags::from_bits).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct SubscriptionClock {
    /// Raw clock id.
    pub id: u32,
    /// Padding, ignored.
    pub _pad: [u8; 4],
    /// Timeout, absolute or relative depending on `flags`, in nanoseconds.
    pub timeout: u64,
    /// Accuracy the guest asks for, in nanoseconds.
    pub precision: u64,
    /// Raw subscription clock flags.
    pub flags: u16,
    /// Padding, ignored.
    pub _pad1: [u8; 6],
}
assert_layout!(SubscriptionClock, size = 32, align = 8, {
    id: 0, _pad: 4, timeout: 8, precision: 16, flags: 24, _pad1: 26,
});

/// Payload of an `fd_read`/`fd_write` subscription (`subscription_fd_readwrite`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct SubscriptionFdReadwrite {
    /// The descriptor to wait on.
    pub file_descriptor: u32,
}
assert_layout!(SubscriptionFdReadwrite, size = 4, align = 4, { file_descriptor: 0 });

/// A subscription read by `poll_oneoff` (`subscription`).
///
/// The witx tagged union is kept as its raw bytes: `tag` is the raw
/// [`Eventtype`] (parse it with [`Eventtype::from_raw`]) and `u` holds the
/// payload, decoded with [`Self::clock`] or [`Self::fd_readwrite`].
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Pod, Zeroable)]
pub struct Subscription {
    /// Value copied into the matching [`Event::userdata`].
    pub userdata: u64,
    /// Raw [`Eventtype`] tag of the union.
    pub tag: u8,
    /// Padding, ignored.
    pub _pad: [u8; 7],
    /// Raw bytes of the union payload.
    pub u: [u8; 32],
}
assert_layout!(Subscription, size = 48, align = 8, { userdata: 0, tag: 8, _pad: 9, u: 16 });

impl Subscription {
    /// The payload read as a clock subscription (meaningful when `tag` is
    /// [`Eventtype::CLOCK`]).
    #[must_use]
    pub fn clock(&self) -> SubscriptionClock {
        bytemuck::pod_read_unaligned(&self.u)
    }

    /// The payload read as a descriptor subscription (meaningful when `tag`
    /// is [`Eventtype::FD_READ`] or [`Eventtype::FD_WRITE`]).
    #[must_use]
    pub fn fd_readwrite(&self) -> SubscriptionFdReadwrite {
        let [a, b, c, d, ..] = self.u;
        bytemuck::pod_read_unaligned(&[a, b, c, d])
    }
}

zero_default!(
    Iovec,
    Ciovec,
    Filestat,
    Fdstat,
    Prestat,
    Dirent,
    EventFdReadwrite,
    Event,
    SubscriptionClock,
    SubscriptionFdReadwrite,
    Subscription,
);

#[cfg(test)]
mod tests {
    use super::*;
    use core::fmt::Debug;

    fn round_trip<T: Pod + PartialEq + Debug>(value: T) {
        let bytes = bytemuck::bytes_of(&value);
        assert_eq!(bytes.len(), core::mem::size_of::<T>());
        assert_eq!(bytemuck::pod_read_unaligned::<T>(bytes), value);
    }

    #[test]
    fn round_trips() {
        round_trip(Iovec {
            buf: 0x100,
            buf_len: 7,
        });
        round_trip(Ciovec {
            buf: 0x200,
            buf_len: 9,
        });
        round_trip(Filestat {
            dev: 1,
            ino: 2,
            filetype: Filetype::REGULAR_FILE,
            nlink: 3,
            size: 4,
            atim: 5,
            mtim: 6,
            ctim: 7,
            ..Filestat::default()
        });
        round_trip(Fdstat {
            fs_filetype: Filetype::DIRECTORY,
            fs_flags: Fdflags::APPEND,
            fs_rights_base: Rights::DIR_BASE,
            fs_rights_inheriting: Rights::DIR_INHERITING,
            ..Fdstat::default()
        });
        round_trip(Prestat::dir(5));
        round_trip(Dirent {
            d_next: 1,
            d_ino: 2,
            d_namlen: 3,
            d_type: Filetype::SYMBOLIC_LINK,
            _pad: [0; 3],
        });
        round_trip(Event {
            userdata: 42,
            error: Errno::BADF,
            type_: Eventtype::FD_WRITE,
            fd_readwrite: EventFdReadwrite {
                nbytes: 10,
                flags: Eventrwflags::FD_READWRITE_HANGUP,
                _pad: [0; 6],
            },
            ..Event::default()
        });
        round_trip(SubscriptionClock {
            id: 1,
            timeout: 2,
            precision: 3,
            flags: 1,
            ..SubscriptionClock::default()
        });
        round_trip(SubscriptionFdReadwrite { file_descriptor: 3 });
        round_trip(Subscription {
            userdata: 9,
            tag: 1,
            ..Subscription::default()
        });
    }

    #[test]
    fn byte_positions() {
        let event = Event {
            userdata: 1,
            error: Errno::NOENT,
            type_: Eventtype::FD_READ,
            ..Event::default()
        };
        let bytes = bytemuck::bytes_of(&event);
        assert_eq!(bytes.get(8..11), Some(&[44, 0, 1][..]));

        let prestat = Prestat::dir(0x0102_0304);
        assert_eq!(bytemuck::bytes_of(&prestat), &[0, 0, 0, 0, 4, 3, 2, 1]);
    }

    #[test]
    fn subscription_payloads() {
        let clock = SubscriptionClock {
            id: 1,
            timeout: 1_000,
            precision: 10,
            flags: 1,
            ..SubscriptionClock::default()
        };
        let mut raw = [0_u8; 48];
        raw.get_mut(0..8)
            .unwrap()
            .copy_from_slice(&7_u64.to_le_bytes());
        if let Some(tag) = raw.get_mut(8) {
            *tag = Eventtype::CLOCK.raw();
        }
        raw.get_mut(16..48)
            .unwrap()
            .copy_from_slice(bytemuck::bytes_of(&clock));
        let sub: Subscription = bytemuck::pod_read_unaligned(&raw);
        assert_eq!(sub.userdata, 7);
        assert_eq!(Eventtype::from_raw(sub.tag), Ok(Eventtype::CLOCK));
        assert_eq!(sub.clock(), clock);

        raw.get_mut(16..20)
            .unwrap()
            .copy_from_slice(&5_u32.to_le_bytes());
        let sub: Subscription = bytemuck::pod_read_unaligned(&raw);
        assert_eq!(sub.fd_readwrite().file_descriptor, 5);
    }
}
