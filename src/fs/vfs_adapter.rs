//! [`VfsAdapter`]: placeholder, being written.

/// Any `vfs::FileSystem` as an [`Fs`](super::Fs) (being written).
pub struct VfsAdapter;
