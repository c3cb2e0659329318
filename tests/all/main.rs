//! Integration tests: one binary, one file per behaviour.
#![allow(
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    missing_docs,
    unreachable_pub,
    clippy::std_instead_of_core
)]

mod battery;
mod cli;
mod cow;
mod differential;
mod direct;
mod ffmpeg;
mod fixtures;
mod guest_errors;
mod host_api;
mod hostdir;
mod libc;
mod lua;
mod memfs;
mod no_host_disk;
mod perf_bounds;
mod readonly;
mod rust_std;
mod sandbox;
mod seek_overwrite;
mod sqlite;
mod support;
