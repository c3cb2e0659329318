//! The one path resolver. Every guest path goes through `resolve` before any backend sees it.
//!
//! Rules (pinned by `tests/all/resolve.rs` and the unit tests below):
//! - A path is resolved component by component from the directory it is relative to; that
//!   directory is the sandbox root of the call: `..` never climbs above it (`PERM`).
//! - Absolute paths, and symlinks whose target is absolute, are refused (`PERM`).
//! - Symlinks are expanded here, never by a backend; more than [`MAX_SYMLINK_HOPS`] expansions
//!   in one resolution give `LOOP`.
//! - A path with a NUL byte is `INVAL`; one that is not UTF-8 is `ILSEQ`; the empty path is
//!   `NOENT`; a path longer than [`PATH_MAX`] bytes or a name longer than [`NAME_MAX`] bytes is
//!   `NAMETOOLONG`.
//! - A trailing `/` means the final component must be a directory: it is followed if it is a
//!   symlink, and a regular file there gives `NOTDIR`. A trailing `/.` also requires a
//!   directory, but names it through `.`: `mkdir("new/.")` is `NOENT` and `rmdir("d/.")` is
//!   `INVAL`, as on Linux.
//! - Every intermediate component must be a directory (`NOTDIR`) that exists (`NOENT`).

use super::{Fs, VPath, VPathBuf};
use alloc::string::String;
use wasip1_abi::{Errno, Filestat, Filetype};

/// The most symlinks one resolution may expand (Linux's `MAXSYMLINKS`).
pub const MAX_SYMLINK_HOPS: u32 = 40;
/// The longest guest path accepted, in bytes.
pub const PATH_MAX: usize = 4096;
/// The longest single name accepted, in bytes.
pub const NAME_MAX: usize = 255;

/// What a guest path resolved to.
#[derive(Debug)]
pub(crate) struct Resolved {
    /// The resolved path, relative to the filesystem root.
    pub path: VPathBuf,
    /// Metadata of the final entry, if it exists (`lstat`: a final symlink that was not
    /// followed is described as a symlink).
    pub stat: Option<Filestat>,
    /// The final component was a name (not `.`/`..`, and not the start directory itself).
    pub named: bool,
    /// The guest path ended in `/`, `/.` or `/..`, so the final entry must be a directory.
    pub dir_required: bool,
}

/// Checks a guest path's bytes and returns it as a string.
pub(crate) fn validate(path: &[u8]) -> Result<&str, Errno> {
    if path.is_empty() {
        return Err(Errno::NOENT);
    }
    if path.contains(&0) {
        return Err(Errno::INVAL);
    }
    if path.len() > PATH_MAX {
        return Err(Errno::NAMETOOLONG);
    }
    let path = core::str::from_utf8(path).map_err(|_| Errno::ILSEQ)?;
    if path.starts_with('/') {
        return Err(Errno::PERM);
    }
    Ok(path)
}

/// Resolves `path` relative to the directory `base` of `fs`.
///
/// With `follow_final`, a symlink in the final position is expanded too (as is one followed
/// by a trailing slash, always).
pub(crate) fn resolve(
    fs: &dyn Fs,
    base: VPath<'_>,
    path: &[u8],
    follow_final: bool,
) -> Result<Resolved, Errno> {
    let path = validate(path)?;
    let mut cur = base.to_owned();
    let floor = cur.byte_len();
    let mut rest = String::from(path);
    let mut pos = 0usize;
    let mut hops = 0u32;
    let mut named = false;
    let mut dir_required = false;
    let mut last_stat: Option<Filestat> = None;

    loop {
        let tail = rest.get(pos..).unwrap_or_default();
        let tail_trimmed = tail.trim_start_matches('/');
        if tail_trimmed.is_empty() {
            break;
        }
        let start = pos + (tail.len() - tail_trimmed.len());
        let len = tail_trimmed.find('/').unwrap_or(tail_trimmed.len());
        let end = start + len;
        let comp = rest.get(start..end).unwrap_or_default();
        let after = rest.get(end..).unwrap_or_default();
        // Only separators remain after this component? (`x/.` names `x`'s `.`, not `x`.)
        let is_last = after.split('/').all(str::is_empty);
        let trailing = is_last && !after.is_empty();
        pos = end;

        match comp {
            "." => {
                // `x/.` refers to the directory `x` through `.`: not by a name of its own.
                named = false;
                if is_last {
                    dir_required = true;
                }
            }
            ".." => {
                if cur.byte_len() <= floor {
                    return Err(Errno::PERM);
                }
                cur.pop();
                named = false;
                last_stat = None;
                if is_last {
                    dir_required = true;
                }
            }
            name => {
                if name.len() > NAME_MAX {
                    return Err(Errno::NAMETOOLONG);
                }
                // The name goes onto the walked path in place (no copy per component); a
                // symlink takes it off again before its target is walked.
                cur.push(name);
                let stat = match fs.stat(cur.as_path()) {
                    Ok(st) => Some(st),
                    Err(Errno::NOENT) if is_last => None,
                    Err(e) => return Err(e),
                };
                let stays_final = is_last && !follow_final && !trailing;
                match stat {
                    Some(st) if st.filetype == Filetype::SYMBOLIC_LINK && !stays_final => {
                        hops += 1;
                        if hops > MAX_SYMLINK_HOPS {
                            return Err(Errno::LOOP);
                        }
                        let target = fs.readlink(cur.as_path())?;
                        cur.pop();
                        if target.is_empty() {
                            return Err(Errno::NOENT);
                        }
                        if target.starts_with('/') {
                            return Err(Errno::PERM);
                        }
                        if target.len().saturating_add(after.len()) > PATH_MAX {
                            return Err(Errno::NAMETOOLONG);
                        }
                        let mut next = target;
                        next.push_str(after);
                        rest = next;
                        pos = 0;
                    }
                    Some(st) if st.filetype == Filetype::DIRECTORY && !stays_final => {
                        named = true;
                        last_stat = Some(st);
                        if is_last {
                            dir_required |= trailing;
                        }
                    }
                    Some(_) if !is_last || trailing => return Err(Errno::NOTDIR),
                    stat => {
                        return Ok(Resolved {
                            path: cur,
                            stat,
                            named: true,
                            dir_required: trailing,
                        });
                    }
                }
            }
        }
    }
    let stat = match last_stat {
        Some(st) => st,
        None => fs.stat(cur.as_path())?,
    };
    Ok(Resolved {
        path: cur,
        stat: Some(stat),
        named,
        dir_required,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::MemFs;

    fn tree() -> MemFs {
        let fs = MemFs::new();
        fs.write_file("a/b/file", b"x").unwrap();
        fs.create_symlink("b/file", "a/to_file").unwrap();
        fs.create_symlink("../..", "a/b/up2").unwrap();
        fs.create_symlink("/etc", "abs").unwrap();
        fs.create_symlink("loop2", "loop1").unwrap();
        fs.create_symlink("loop1", "loop2").unwrap();
        fs.create_symlink("b", "a/to_b").unwrap();
        fs
    }

    fn r(fs: &MemFs, base: &str, p: &str, follow: bool) -> Result<(String, bool), Errno> {
        let base = VPathBuf::new(base).unwrap();
        resolve(fs, base.as_path(), p.as_bytes(), follow)
            .map(|r| (String::from(r.path.as_path().as_str()), r.stat.is_some()))
    }

    #[test]
    fn plain_and_dots() {
        let fs = tree();
        assert_eq!(r(&fs, "", "a/b/file", true), Ok(("a/b/file".into(), true)));
        assert_eq!(
            r(&fs, "", "a/./b/../b//file", true),
            Ok(("a/b/file".into(), true))
        );
        assert_eq!(r(&fs, "", ".", true), Ok(("".into(), true)));
        assert_eq!(r(&fs, "a", "b/..", true), Ok(("a".into(), true)));
        assert_eq!(r(&fs, "", "a/new", true), Ok(("a/new".into(), false)));
        assert_eq!(r(&fs, "", "a/missing/new", true), Err(Errno::NOENT));
    }

    #[test]
    fn sandbox_boundary() {
        let fs = tree();
        assert_eq!(r(&fs, "", "..", true), Err(Errno::PERM));
        assert_eq!(r(&fs, "", "a/../..", true), Err(Errno::PERM));
        assert_eq!(r(&fs, "a", "../a", true), Err(Errno::PERM));
        assert_eq!(r(&fs, "", "/a", true), Err(Errno::PERM));
        assert_eq!(r(&fs, "", "abs", true), Err(Errno::PERM));
        assert_eq!(r(&fs, "", "abs/passwd", false), Err(Errno::PERM));
        assert_eq!(r(&fs, "a", "b/up2/x", true), Err(Errno::PERM));
        // From the root, `a/b/up2` is `a/b/../..` = the root itself: allowed.
        assert_eq!(r(&fs, "", "a/b/up2", true), Ok(("".into(), true)));
    }

    #[test]
    fn symlinks() {
        let fs = tree();
        assert_eq!(r(&fs, "", "a/to_file", true), Ok(("a/b/file".into(), true)));
        assert_eq!(
            r(&fs, "", "a/to_file", false),
            Ok(("a/to_file".into(), true))
        );
        assert_eq!(r(&fs, "", "a/to_b/", false), Ok(("a/b".into(), true)));
        assert_eq!(r(&fs, "", "loop1", true), Err(Errno::LOOP));
        assert_eq!(r(&fs, "", "loop1", false), Ok(("loop1".into(), true)));
        assert_eq!(r(&fs, "", "loop1/x", false), Err(Errno::LOOP));
    }

    #[test]
    fn bad_bytes_and_lengths() {
        let fs = tree();
        let base = VPathBuf::root();
        let res = |p: &[u8]| resolve(&fs, base.as_path(), p, true).map(|_| ());
        assert_eq!(res(b""), Err(Errno::NOENT));
        assert_eq!(res(b"a\0b"), Err(Errno::INVAL));
        assert_eq!(res(b"a/\xff"), Err(Errno::ILSEQ));
        assert_eq!(res(&[b'a'; 256]), Err(Errno::NAMETOOLONG));
        assert_eq!(res(&[b'/'; 4097]), Err(Errno::NAMETOOLONG));
        assert_eq!(res(b"a/b/file/"), Err(Errno::NOTDIR));
        assert_eq!(res(b"a/b/file/."), Err(Errno::NOTDIR));
        assert_eq!(res(b"a/b/file/x"), Err(Errno::NOTDIR));
    }
}
