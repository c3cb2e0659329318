//! `wat/p1_readdir.wasm`: `fd_readdir`.

use super::{case, Case, READDIR};
use crate::support::{mkdir_p, put, symlink};
use wasip1_host::fs::Fs;

/// "d" with a file named to sort before ".", a file, a directory, a symlink and a long name;
/// an empty directory; a file.
fn tree(fs: &dyn Fs) {
    put(fs, "d/-x", b"");
    put(fs, "d/a", b"a");
    mkdir_p(fs, "d/b");
    symlink(fs, "a", "d/c");
    put(fs, "d/longer_name_0123456789", b"");
    mkdir_p(fs, "empty");
    put(fs, "f", b"");
}

fn readdir(name: &'static str) -> Case {
    case(READDIR, name).given(tree)
}

#[test]
fn a_listing_has_dot_dotdot_and_every_entry_with_its_type() {
    let mut want = [
        ". 3",
        ".. 3",
        "-x 4",
        "a 4",
        "b 3",
        "c 7",
        "longer_name_0123456789 4",
    ];
    want.sort_unstable();
    for (backend, out) in readdir("listing_of_a_directory").outputs() {
        let mut lines: Vec<&str> = out.lines().collect();
        lines.sort_unstable();
        assert_eq!(lines, want, "{backend}");
    }
}

#[test]
fn dot_and_dotdot_come_first() {
    readdir("dot_and_dotdot_come_first").prints(". 3\n.. 3\n");
}

#[test]
fn the_listing_is_sorted_by_name_on_memfs() {
    readdir("listing_is_sorted_by_name").prints("sorted 1\n");
}

#[test]
fn entries_carry_the_inodes_of_what_they_name() {
    readdir("entries_carry_the_inodes_of_what_they_name")
        .prints("dot_ino 1\ndotdot_ino 1\nfile_ino 1\n");
}

#[test]
fn dotdot_of_the_preopen_is_the_preopen_itself() {
    readdir("dotdot_of_the_preopen_is_itself").prints("dotdot_ino 1\n");
}

#[test]
fn an_empty_directory_lists_dot_and_dotdot() {
    readdir("an_empty_directory_lists_dot_and_dotdot").prints("entries 2\n. 3\n.. 3\n");
}

#[test]
fn resuming_from_any_cookie_continues_without_repeats_or_gaps() {
    readdir("cookies_resume_without_repeats_or_gaps").prints("entries 7\nmismatches 0\n");
}

#[test]
fn the_buffer_is_filled_completely_and_the_last_entry_cut() {
    readdir("the_buffer_is_filled_and_the_last_entry_cut")
        .prints("readdir 0\nused 61\nprefix_ok 1\nreaddir 0\nused 75\nprefix_ok 1\n");
}

#[test]
fn a_buffer_smaller_than_a_header_gets_what_fits() {
    readdir("a_buffer_smaller_than_a_header").prints("readdir 0\nused 10\nreaddir 0\nused 0\n");
}

#[test]
fn reading_past_the_end_gives_nothing() {
    readdir("reading_past_the_end_gives_nothing").prints("readdir 0\nused 0\nreaddir 0\nused 0\n");
}

#[test]
fn a_1000_entry_directory_paged_with_256_bytes_yields_exactly_1002_entries() {
    readdir("a_1000_entry_directory_pages_to_1002_entries")
        .given(|fs| {
            for i in 0..1000 {
                put(fs, &format!("big/file.{i}"), b"");
            }
        })
        .prints("entries 1002\nsame_as_one_read 1\n");
}

#[test]
fn pages_of_every_size_from_24_to_300_concatenate_to_the_full_listing() {
    readdir("pages_of_every_size_concatenate_to_the_listing").prints("sizes 277\nmismatches 0\n");
}

#[test]
fn changes_show_after_a_rewind_and_cookies_stay_valid_meanwhile() {
    readdir("changes_show_after_a_rewind").prints("entries 7\nresumed 6\nrewound 8\n");
}

#[test]
fn readdir_on_a_file_or_stdout_is_notdir() {
    readdir("readdir_on_a_file_or_stdout_is_notdir").prints("readdir NOTDIR\nreaddir NOTDIR\n");
}

#[test]
fn readdir_on_a_closed_fd_is_badf() {
    readdir("readdir_on_a_closed_fd_is_badf").prints("readdir BADF\n");
}

#[test]
fn readdir_without_the_right_is_notcapable() {
    readdir("readdir_without_the_right_is_notcapable").prints("readdir NOTCAPABLE\n");
}

#[test]
fn readdir_into_out_of_bounds_memory_traps() {
    readdir("readdir_into_out_of_bounds_memory_traps").traps("out of bounds");
}
