//! C guests (clang + wasi-libc) exercising POSIX file APIs end to end.
