//! [`CopyOnWrite`]: placeholder, being written.

/// A read-only base under a writable in-memory upper layer (being written).
pub struct CopyOnWrite;
