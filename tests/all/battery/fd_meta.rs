//! `wat/p1_fd_meta.wasm`: what a descriptor says about itself and its file.

use super::{assert_file, case, Case, FD_META};
use crate::support::put;
use crate::support::Need;
use wasip1_host::abi::Rights;
use wasip1_host::fs::Fs;

/// The tree every case starts from: "f" = "hello world", and "d/inner".
fn tree(fs: &dyn Fs) {
    put(fs, "f", b"hello world");
    put(fs, "d/inner", b"inner");
}

fn meta(name: &'static str) -> Case {
    case(FD_META, name).given(tree)
}

fn f_is(bytes: &'static [u8]) -> impl Fn(&dyn Fs) {
    move |fs| assert_file(fs, "f", bytes)
}

/// The fdstat lines of a descriptor with no flags.
fn fdstat(filetype: u8, base: Rights, inheriting: Rights) -> String {
    format!(
        "fdstat 0\ntype {filetype}\nflags 0\nbase {}\ninheriting {}\n",
        base.bits(),
        inheriting.bits()
    )
}

// ---- fd_fdstat_get ----------------------------------------------------------

#[test]
fn fdstat_of_stdio_reports_character_devices_with_their_direction() {
    let input = Rights::STDIO.difference(Rights::FD_WRITE);
    let output = Rights::STDIO.difference(Rights::FD_READ);
    let none = Rights::empty();
    meta("fdstat_of_stdio").prints(
        &[
            fdstat(2, input, none),
            fdstat(2, output, none),
            fdstat(2, output, none),
        ]
        .concat(),
    );
}

#[test]
fn fdstat_of_the_preopen_reports_the_directory_rights() {
    meta("fdstat_of_the_preopen").prints(&fdstat(3, Rights::DIR_BASE, Rights::DIR_INHERITING));
}

#[test]
fn fdstat_of_a_file_reports_exactly_the_rights_granted() {
    let granted = Rights::FD_READ | Rights::FD_SEEK | Rights::FD_TELL;
    meta("fdstat_of_a_file_reports_the_rights_granted").prints(&fdstat(4, granted, granted));
}

#[test]
fn a_directory_opened_asking_for_fd_seek_does_not_get_it() {
    meta("fdstat_of_a_directory_opened_asking_for_fd_seek").prints(&format!(
        "base {}\ninheriting {}\nseek BADF\n",
        Rights::FD_READDIR.bits(),
        Rights::DIR_INHERITING.bits()
    ));
}

#[test]
fn fdstat_reports_the_fdflags_given_at_open() {
    meta("fdstat_reports_the_fdflags_given_at_open").prints("flags 21\n");
}

#[test]
fn fdstat_of_a_closed_fd_is_badf() {
    meta("fdstat_of_a_closed_fd_is_badf").prints("fdstat BADF\n");
}

#[test]
fn fdstat_into_out_of_bounds_memory_traps() {
    meta("fdstat_into_out_of_bounds_memory_traps").traps("out of bounds");
}

#[test]
fn rights_are_limited_by_the_directorys_inheriting_rights() {
    meta("rights_are_limited_by_the_directorys_inheriting_rights")
        .prints("base 2\ninheriting 2\nwrite BADF\n");
}

// ---- fd_fdstat_set_flags ----------------------------------------------------

#[test]
fn set_flags_append_changes_where_writes_go_and_can_be_switched_off() {
    meta("set_flags_append_changes_where_writes_go")
        .then(f_is(b"Yello worldX"))
        .prints(
            "set_flags 0\nflags 1\nseek 0\nwrite 0\ntell 0\nn 12\n\
             set_flags 0\nflags 0\nseek 0\nwrite 0\ntell 0\nn 1\n",
        );
}

#[test]
fn set_flags_nonblock_is_kept_and_reported() {
    meta("set_flags_nonblock_is_kept_and_reported").prints("set_flags 0\nflags 4\nread 0\nn 5\n");
}

#[test]
fn set_flags_unknown_bits_are_inval() {
    meta("set_flags_unknown_bits_are_inval").prints("set_flags INVAL\nset_flags INVAL\nflags 1\n");
}

#[test]
fn set_flags_on_a_directory_is_badf() {
    meta("set_flags_on_a_directory_is_badf").prints("set_flags BADF\n");
}

#[test]
fn set_flags_without_the_right_is_notcapable() {
    meta("set_flags_without_the_right_is_notcapable").prints("set_flags NOTCAPABLE\n");
}

#[test]
fn set_flags_on_stdout() {
    meta("set_flags_on_stdout").prints("set_flags 0\nflags 1\n");
}

#[test]
fn set_flags_on_a_closed_fd_is_badf() {
    meta("set_flags_on_a_closed_fd_is_badf").prints("set_flags BADF\n");
}

// ---- fd_fdstat_set_rights ---------------------------------------------------

#[test]
fn set_rights_shrinks_and_the_new_rights_are_enforced() {
    meta("set_rights_shrinks_and_is_enforced")
        .prints("set_rights 0\nbase 36\ninheriting 0\nread BADF\nwrite BADF\nseek 0\n");
}

#[test]
fn after_dropping_fd_seek_seeking_is_notcapable() {
    meta("set_rights_without_fd_seek_makes_seek_notcapable")
        .prints("set_rights 0\nseek NOTCAPABLE\nread 0\nn 5\ntell 0\nn 5\n");
}

#[test]
fn set_rights_cannot_add_a_right() {
    meta("set_rights_cannot_add_a_right")
        .prints("set_rights NOTCAPABLE\nset_rights NOTCAPABLE\nbase 2\ninheriting 2\n");
}

#[test]
fn set_rights_to_the_same_rights_succeeds() {
    meta("set_rights_to_the_same_rights_succeeds").prints(&format!(
        "set_rights 0\nbase {}\ninheriting {}\n",
        Rights::DIR_BASE.bits(),
        Rights::DIR_INHERITING.bits()
    ));
}

#[test]
fn set_rights_unknown_bits_are_inval() {
    meta("set_rights_unknown_bits_are_inval").prints("set_rights INVAL\n");
}

#[test]
fn set_rights_on_a_directory_restricts_path_calls() {
    meta("set_rights_on_a_directory_restricts_path_calls")
        .prints("set_rights 0\nopen NOTCAPABLE\n");
}

#[test]
fn set_rights_on_stdin() {
    meta("set_rights_on_stdin")
        .prints("set_rights NOTCAPABLE\nset_rights 0\nbase 0\ninheriting 0\nread BADF\n");
}

#[test]
fn set_rights_on_a_closed_fd_is_badf() {
    meta("set_rights_on_a_closed_fd_is_badf").prints("set_rights BADF\n");
}

#[test]
fn trunc_needs_path_filestat_set_size_on_the_directory() {
    meta("trunc_needs_path_filestat_set_size")
        .then(|fs| assert_file(fs, "d/inner", b""))
        .prints("open 0\nset_rights 0\nopen NOTCAPABLE\n");
}

// ---- fd_filestat_get --------------------------------------------------------

#[test]
fn filestat_of_a_file() {
    meta("filestat_of_a_file").prints("filestat 0\ntype 4\nsize 11\nnlink 1\nsame_ino 1\n");
}

#[test]
fn filestat_of_a_directory() {
    meta("filestat_of_a_directory").prints("type 3\ntype 3\n");
}

#[test]
fn filestat_of_stdio_is_a_character_device_of_size_0() {
    meta("filestat_of_stdio").prints(&"filestat 0\ntype 2\nsize 0\n".repeat(3));
}

#[test]
fn filestat_is_live() {
    meta("filestat_is_live").prints("size 11\nwrite 0\nsize 12\n");
}

#[test]
fn filestat_without_the_right_is_notcapable() {
    meta("filestat_without_the_right_is_notcapable").prints("filestat NOTCAPABLE\n");
}

#[test]
fn filestat_of_a_closed_fd_is_badf() {
    meta("filestat_of_a_closed_fd_is_badf").prints("filestat BADF\n");
}

// ---- fd_filestat_set_size ---------------------------------------------------

#[test]
fn set_size_truncates_and_extends_with_zeros() {
    meta("set_size_truncates_and_extends_with_zeros")
        .then(f_is(b"hello\0\0\0"))
        .prints("set_size 0\nsize 5\nset_size 0\nsize 8\n");
}

#[test]
fn shrinking_below_the_cursor_is_fine_and_the_next_write_refills_zeros() {
    meta("set_size_below_the_cursor_then_write_refills_zeros")
        .then(f_is(b"hel\0\0\0\0\0Z"))
        .prints("seek 0\nset_size 0\ntell 0\nn 8\nwrite 0\ntell 0\nn 9\n");
}

#[test]
fn set_size_without_the_right_is_notcapable() {
    meta("set_size_without_the_right_is_notcapable").prints("set_size NOTCAPABLE\n");
}

#[test]
fn set_size_on_a_directory_a_stream_or_a_closed_fd_fails() {
    meta("set_size_on_a_directory_a_stream_or_a_closed_fd_fails")
        .prints("set_size BADF\nset_size INVAL\nset_size BADF\n");
}

#[test]
fn set_size_past_i64_max_is_fbig() {
    meta("set_size_past_i64_max_is_fbig")
        .then(f_is(b"hello world"))
        .prints("set_size FBIG\n");
}

#[test]
fn set_size_beyond_the_size_limit_is_nospc() {
    meta("set_size_beyond_the_size_limit")
        .then(f_is(b"hello world"))
        .needs(Need::MemoryLimit)
        .prints("set_size NOSPC\n");
}

// ---- fd_filestat_set_times --------------------------------------------------

#[test]
fn setting_only_mtim_leaves_atim_and_is_exact_to_the_nanosecond() {
    meta("set_times_mtim_only_leaves_atim")
        .prints("set_times 0\nmtim 1600000000123456789\natim_kept 1\n");
}

#[test]
fn setting_only_atim_leaves_mtim() {
    meta("set_times_atim_only_leaves_mtim")
        .prints("set_times 0\natim 1500000000000000001\nmtim_kept 1\n");
}

#[test]
fn set_times_both_to_the_nanosecond() {
    meta("set_times_both_to_the_nanosecond")
        .prints("set_times 0\natim 999999999\nmtim 1000000001\n");
}

#[test]
fn set_times_now_uses_the_realtime_clock() {
    meta("set_times_now_uses_the_realtime_clock")
        .prints("set_times 0\nin_range 1\natim_eq_mtim 1\n");
}

#[test]
fn set_times_with_a_time_both_set_and_now_is_inval_and_changes_nothing() {
    meta("set_times_set_and_now_together_is_inval")
        .prints("set_times INVAL\nset_times INVAL\natim_kept 1\nmtim_kept 1\n");
}

#[test]
fn set_times_unknown_flags_are_inval() {
    meta("set_times_unknown_flags_are_inval").prints("set_times INVAL\n");
}

#[test]
fn set_times_without_the_right_is_notcapable() {
    meta("set_times_without_the_right_is_notcapable").prints("set_times NOTCAPABLE\n");
}

#[test]
fn set_times_on_a_directory() {
    meta("set_times_on_a_directory").prints("set_times 0\nmtim 1234567890\n");
}

#[test]
fn set_times_on_a_stream_or_a_closed_fd_fails() {
    meta("set_times_on_a_stream_or_a_closed_fd_fails").prints("set_times INVAL\nset_times BADF\n");
}

// ---- fd_advise --------------------------------------------------------------

#[test]
fn every_advice_succeeds_and_changes_nothing() {
    meta("advise_succeeds_and_changes_nothing").prints(&("advise 0\n".repeat(6) + "size 100\n"));
}

#[test]
fn advise_with_an_unknown_advice_is_inval() {
    meta("advise_with_an_unknown_advice_is_inval").prints("advise INVAL\nadvise INVAL\n");
}

#[test]
fn advise_over_an_overflowing_range_is_inval() {
    meta("advise_over_an_overflowing_range_is_inval").prints("advise INVAL\n");
}

#[test]
fn advise_without_the_right_is_notcapable() {
    meta("advise_without_the_right_is_notcapable").prints("advise NOTCAPABLE\n");
}

#[test]
fn advise_on_a_directory_a_stream_or_a_closed_fd_fails() {
    meta("advise_on_a_directory_a_stream_or_a_closed_fd_fails")
        .prints("advise BADF\nadvise SPIPE\nadvise BADF\n");
}

// ---- fd_allocate ------------------------------------------------------------

#[test]
fn allocate_grows_with_zeros_and_never_shrinks() {
    meta("allocate_grows_and_never_shrinks")
        .then(|fs| assert_file(fs, "new", &[0; 110]))
        .prints("size 0\nallocate 0\nsize 100\nallocate 0\nsize 100\nallocate 0\nsize 110\n");
}

#[test]
fn allocate_zero_length_is_inval() {
    meta("allocate_zero_length_is_inval").prints("allocate INVAL\n");
}

#[test]
fn allocate_past_i64_max_is_fbig() {
    meta("allocate_past_i64_max_is_fbig").prints("allocate FBIG\n");
}

#[test]
fn allocate_without_the_right_is_notcapable() {
    meta("allocate_without_the_right_is_notcapable").prints("allocate NOTCAPABLE\n");
}

#[test]
fn allocate_on_a_directory_a_stream_or_a_closed_fd_fails() {
    meta("allocate_on_a_directory_a_stream_or_a_closed_fd_fails")
        .prints("allocate BADF\nallocate BADF\nallocate SPIPE\nallocate BADF\n");
}

#[test]
fn allocate_beyond_the_size_limit_is_nospc() {
    meta("allocate_beyond_the_size_limit")
        .then(f_is(b"hello world"))
        .needs(Need::MemoryLimit)
        .prints("allocate NOSPC\n");
}

// ---- fd_sync, fd_datasync ---------------------------------------------------

#[test]
fn sync_and_datasync_succeed_on_files_and_directories() {
    meta("sync_and_datasync_succeed_on_files_and_directories")
        .prints("sync 0\ndatasync 0\nsync 0\ndatasync 0\n");
}

#[test]
fn sync_without_the_right_is_notcapable() {
    meta("sync_without_the_right_is_notcapable").prints("sync NOTCAPABLE\ndatasync NOTCAPABLE\n");
}

#[test]
fn sync_on_a_stream_or_a_closed_fd_fails() {
    meta("sync_on_a_stream_or_a_closed_fd_fails")
        .prints("sync INVAL\ndatasync INVAL\nsync BADF\ndatasync BADF\n");
}

#[test]
fn sync_fdflags_are_accepted() {
    meta("sync_fdflags_are_accepted")
        .then(f_is(b"Xello world"))
        .prints("flags 26\nwrite 0\n");
}

// ---- fd_prestat_get, fd_prestat_dir_name ------------------------------------

#[test]
fn the_root_preopen_is_a_directory_named_slash() {
    meta("prestat_of_the_root_preopen").prints("prestat 0\ntag 0\nlen 1\ndir_name 0\ndata /\n");
}

#[test]
fn the_preopen_scan_ends_with_badf() {
    meta("prestat_scan_ends_with_badf").prints(&"prestat BADF\n".repeat(4));
}

#[test]
fn prestat_of_an_opened_fd_is_badf() {
    meta("prestat_of_an_opened_fd_is_badf")
        .prints("prestat BADF\ndir_name BADF\nprestat BADF\ndir_name BADF\n");
}

#[test]
fn prestat_dir_name_into_a_short_buffer_is_nametoolong() {
    meta("prestat_dir_name_into_a_short_buffer_is_nametoolong").prints("dir_name NAMETOOLONG\n");
}

#[test]
fn prestat_dir_name_into_a_larger_buffer_writes_only_the_name() {
    meta("prestat_dir_name_into_a_larger_buffer").prints("dir_name 0\ndata /###\n");
}

#[test]
fn prestat_dir_name_out_of_bounds_traps() {
    meta("prestat_dir_name_out_of_bounds_traps").traps("out of bounds");
}

#[test]
fn a_second_preopen_follows_the_first() {
    meta("prestat_of_a_second_preopen")
        .with_second_preopen()
        .prints("prestat 0\ntag 0\nlen 5\ndir_name 0\ndata /data\nprestat BADF\n");
}
