//! Resolved paths: what a backend is handed.

use alloc::string::String;
use core::fmt;

/// A resolved path inside one filesystem, relative to its root: names separated by `/`,
/// never `.`, `..`, empty components, NUL bytes, or a leading or trailing `/`.
/// The empty path is the root itself.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VPath<'a>(&'a str);

impl<'a> VPath<'a> {
    /// The root of the filesystem.
    pub const ROOT: VPath<'static> = VPath("");

    /// Checks `s` against the invariants above.
    ///
    /// # Errors
    ///
    /// `INVAL` if `s` is not a resolved path.
    pub fn new(s: &'a str) -> Result<Self, wasip1_abi::Errno> {
        if s.is_empty() || s.split('/').all(is_plain_name) {
            Ok(Self(s))
        } else {
            Err(wasip1_abi::Errno::INVAL)
        }
    }

    /// The path as a string (`""` for the root).
    pub fn as_str(self) -> &'a str {
        self.0
    }

    /// Whether this is the root.
    pub fn is_root(self) -> bool {
        self.0.is_empty()
    }

    /// The names from the root down.
    pub fn components(self) -> impl DoubleEndedIterator<Item = &'a str> {
        self.0.split('/').filter(|c| !c.is_empty())
    }

    /// The parent path and the last name; `None` for the root.
    pub fn split_last(self) -> Option<(VPath<'a>, &'a str)> {
        if self.0.is_empty() {
            return None;
        }
        Some(match self.0.rfind('/') {
            Some(i) => (VPath(self.0.get(..i)?), self.0.get(i + 1..)?),
            None => (VPath(""), self.0),
        })
    }

    /// Whether `self` is `other` or lies below it.
    pub fn starts_with(self, other: VPath<'_>) -> bool {
        other.0.is_empty()
            || (self.0.starts_with(other.0)
                && matches!(self.0.as_bytes().get(other.0.len()), None | Some(b'/')))
    }

    /// The rest of `self` below `prefix` (the root if they are equal), or `None` if `self`
    /// does not lie at or below `prefix`.
    pub fn strip_prefix(self, prefix: VPath<'_>) -> Option<VPath<'a>> {
        if !self.starts_with(prefix) {
            return None;
        }
        let rest = self.0.get(prefix.0.len()..)?;
        Some(VPath(rest.strip_prefix('/').unwrap_or(rest)))
    }

    /// An owned copy.
    pub fn to_owned(self) -> VPathBuf {
        VPathBuf(String::from(self.0))
    }
}

impl fmt::Debug for VPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}", self.0)
    }
}

/// An owned [`VPath`].
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VPathBuf(String);

impl VPathBuf {
    /// The root path.
    pub fn root() -> Self {
        Self(String::new())
    }

    /// Parses `s` as a resolved path.
    ///
    /// # Errors
    ///
    /// `INVAL` if `s` is not a resolved path.
    pub fn new(s: &str) -> Result<Self, wasip1_abi::Errno> {
        VPath::new(s).map(VPath::to_owned)
    }

    /// Borrows it as a [`VPath`].
    pub fn as_path(&self) -> VPath<'_> {
        VPath(&self.0)
    }

    /// Appends one plain name (the caller guarantees it is one).
    pub(crate) fn push(&mut self, name: &str) {
        debug_assert!(is_plain_name(name));
        if !self.0.is_empty() {
            self.0.push('/');
        }
        self.0.push_str(name);
    }

    /// Removes the last name; returns false at the root.
    pub(crate) fn pop(&mut self) -> bool {
        if self.0.is_empty() {
            return false;
        }
        let cut = self.0.rfind('/').unwrap_or(0);
        self.0.truncate(cut);
        true
    }

    /// The length of the path string, used by the resolver as a floor for `..`.
    pub(crate) fn byte_len(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Debug for VPathBuf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.as_path(), f)
    }
}

/// A name that may appear in a resolved path.
pub(crate) fn is_plain_name(c: &str) -> bool {
    !c.is_empty() && c != "." && c != ".." && !c.contains(['/', '\0'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invariants() {
        assert!(VPath::new("").is_ok());
        assert!(VPath::new("a/b").is_ok());
        for bad in ["/a", "a/", "a//b", ".", "a/..", "a\0b"] {
            assert!(VPath::new(bad).is_err(), "{bad:?}");
        }
        let p = VPath::new("a/b/c").unwrap();
        let (parent, name) = p.split_last().unwrap();
        assert_eq!((parent.as_str(), name), ("a/b", "c"));
        assert!(p.starts_with(VPath::new("a/b").unwrap()));
        assert!(!VPath::new("a/bc")
            .unwrap()
            .starts_with(VPath::new("a/b").unwrap()));
        let mut buf = VPathBuf::root();
        buf.push("x");
        buf.push("y");
        assert_eq!(buf.as_path().as_str(), "x/y");
        assert!(buf.pop() && buf.pop() && !buf.pop());
    }
}
