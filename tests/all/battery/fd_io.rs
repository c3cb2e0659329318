//! `wat/p1_fd_io.wasm`: reading, writing and moving through descriptors.

use super::{assert_file, case, Case, FD_IO};
use crate::support::put;
use crate::support::Need;
use wasip1_host::fs::Fs;

/// The tree every case starts from: "f" = "hello world", and "d/inner".
fn tree(fs: &dyn Fs) {
    put(fs, "f", b"hello world");
    put(fs, "d/inner", b"inner");
}

fn io(name: &'static str) -> Case {
    case(FD_IO, name).given(tree)
}

fn f_is(bytes: &'static [u8]) -> impl Fn(&dyn Fs) {
    move |fs| assert_file(fs, "f", bytes)
}

// ---- fd_read ----------------------------------------------------------------

#[test]
fn read_advances_the_cursor_and_reads_nothing_at_the_end() {
    io("read_advances_the_cursor").prints(
        "read 0\nn 5\ndata hello\nread 0\nn 6\ndata  world\n\
         read 0\nn 0\ndata \ntell 0\npos 11\n",
    );
}

#[test]
fn read_scatters_across_iovecs() {
    io("read_scatters_across_iovecs").prints("read 0\nn 11\ndata he\ndata llo\ndata  world\n");
}

#[test]
fn read_without_fd_read_is_badf() {
    io("read_without_fd_read_is_badf").prints("read BADF\n");
}

#[test]
fn read_on_a_directory_is_badf() {
    io("read_on_a_directory_is_badf").prints("read BADF\n");
}

#[test]
fn read_on_a_closed_fd_is_badf() {
    io("read_on_a_closed_fd_is_badf").prints("read BADF\n");
}

#[test]
fn read_from_stdout_is_badf() {
    io("read_from_stdout_is_badf").prints("read BADF\n");
}

#[test]
fn read_from_stdin_gives_the_embedders_bytes_then_end_of_input() {
    io("read_from_stdin")
        .stdin(b"typed\n")
        .prints("read 0\nn 6\ndata typed\n\nread 0\nn 0\ndata \n");
}

#[test]
fn read_into_more_than_4gib_of_iovecs_is_inval() {
    io("read_over_4gib_of_iovecs_is_inval").prints("read INVAL\ntell 0\npos 0\n");
}

#[test]
fn read_with_an_out_of_bounds_nread_traps() {
    io("read_with_nread_out_of_bounds_traps").traps("out of bounds");
}

#[test]
fn read_into_an_out_of_bounds_buffer_traps() {
    io("read_into_an_out_of_bounds_buffer_traps").traps("out of bounds");
}

// ---- fd_write ---------------------------------------------------------------

#[test]
fn write_overwrites_at_the_cursor() {
    io("write_overwrites_at_the_cursor")
        .then(f_is(b"hello WORLD"))
        .prints("seek 0\npos 6\nwrite 0\nn 5\ntell 0\npos 11\n");
}

#[test]
fn write_gathers_iovecs() {
    io("write_gathers_iovecs")
        .then(f_is(b"abcdo world"))
        .prints("write 0\nn 4\n");
}

#[test]
fn write_without_fd_write_is_badf() {
    io("write_without_fd_write_is_badf")
        .then(f_is(b"hello world"))
        .prints("write BADF\n");
}

#[test]
fn write_on_a_directory_is_badf() {
    io("write_on_a_directory_is_badf").prints("write BADF\n");
}

#[test]
fn write_to_stdin_is_badf() {
    io("write_to_stdin_is_badf").prints("write BADF\n");
}

#[test]
fn write_to_a_closed_fd_is_badf_even_a_huge_one() {
    io("write_to_a_closed_fd_is_badf").prints("write BADF\nwrite BADF\n");
}

#[test]
fn write_to_stdout_reaches_the_embedder() {
    io("write_to_stdout_reaches_the_embedder").prints("hello\nwrite 0\nn 6\n");
}

#[test]
fn write_of_nothing_succeeds() {
    io("write_of_nothing_succeeds")
        .then(f_is(b"hello world"))
        .prints("write 0\nn 0\nwrite 0\nn 0\n");
}

#[test]
fn write_of_more_than_4gib_is_inval() {
    io("write_over_4gib_is_inval").prints("write INVAL\n");
}

#[test]
fn write_with_an_out_of_bounds_nwritten_traps_before_writing() {
    io("write_with_nwritten_out_of_bounds_traps")
        .then(f_is(b"hello world"))
        .traps("out of bounds");
}

// ---- fd_pread ---------------------------------------------------------------

#[test]
fn pread_does_not_move_the_cursor() {
    io("pread_does_not_move_the_cursor").prints("pread 0\nn 5\ndata world\ntell 0\npos 0\n");
}

#[test]
fn pread_at_or_past_the_end_reads_nothing() {
    io("pread_at_or_past_the_end_reads_nothing")
        .prints("pread 0\nn 0\ndata \npread 0\nn 0\ndata \n");
}

#[test]
fn pread_without_fd_seek_is_notcapable() {
    io("pread_without_fd_seek_is_notcapable").prints("pread NOTCAPABLE\n");
}

#[test]
fn pread_without_fd_read_is_badf() {
    io("pread_without_fd_read_is_badf").prints("pread BADF\n");
}

#[test]
fn pread_on_a_directory_a_stream_or_a_closed_fd_fails() {
    io("pread_on_a_directory_a_stream_or_a_closed_fd_fails")
        .prints("pread BADF\npread SPIPE\npread BADF\n");
}

// ---- fd_pwrite --------------------------------------------------------------

#[test]
fn pwrite_does_not_move_the_cursor() {
    io("pwrite_does_not_move_the_cursor")
        .then(f_is(b"heXYo world"))
        .prints("pwrite 0\nn 2\ntell 0\npos 0\n");
}

#[test]
fn pwrite_past_the_end_leaves_a_zero_gap() {
    io("pwrite_past_the_end_leaves_a_zero_gap")
        .then(f_is(b"hello world\0\0\0!"))
        .prints("pwrite 0\nn 1\n");
}

#[test]
fn pwrite_on_an_append_fd_writes_at_the_offset() {
    io("pwrite_on_an_append_fd_writes_at_the_offset")
        .then(f_is(b"HEllo world"))
        .prints("pwrite 0\nn 2\ntell 0\npos 0\n");
}

#[test]
fn pwrite_without_fd_seek_is_notcapable() {
    io("pwrite_without_fd_seek_is_notcapable")
        .then(f_is(b"hello world"))
        .prints("pwrite NOTCAPABLE\n");
}

#[test]
fn pwrite_without_fd_write_is_badf() {
    io("pwrite_without_fd_write_is_badf")
        .then(f_is(b"hello world"))
        .prints("pwrite BADF\n");
}

#[test]
fn pwrite_on_a_directory_a_stream_or_a_closed_fd_fails() {
    io("pwrite_on_a_directory_a_stream_or_a_closed_fd_fails")
        .prints("pwrite BADF\npwrite SPIPE\npwrite BADF\n");
}

#[test]
fn pwrite_ending_past_u64_is_fbig() {
    io("pwrite_past_u64_is_fbig")
        .then(f_is(b"hello world"))
        .prints("pwrite FBIG\n");
}

#[test]
fn pwrite_beyond_the_size_limit_is_nospc_and_changes_nothing() {
    io("pwrite_beyond_the_size_limit")
        .then(f_is(b"hello world"))
        .needs(Need::MemoryLimit)
        .prints("pwrite NOSPC\n");
}

// ---- fd_seek ----------------------------------------------------------------

#[test]
fn seek_from_start_current_and_end() {
    io("seek_from_start_current_and_end").prints(
        "seek 0\npos 3\nseek 0\npos 5\nseek 0\npos 4\nseek 0\npos 11\nseek 0\npos 8\n\
         read 0\nn 3\ndata rld\n",
    );
}

#[test]
fn seek_to_a_negative_offset_is_inval_and_keeps_the_cursor() {
    io("seek_to_a_negative_offset_is_inval")
        .prints("seek 0\npos 2\nseek INVAL\nseek INVAL\nseek INVAL\ntell 0\npos 2\n");
}

#[test]
fn seek_with_a_bad_whence_is_inval() {
    io("seek_with_a_bad_whence_is_inval").prints("seek INVAL\nseek INVAL\n");
}

#[test]
fn seek_past_i64_max_is_overflow() {
    io("seek_past_i64_max_is_overflow").prints(
        "seek 0\npos 9223372036854775807\nseek OVERFLOW\ntell 0\npos 9223372036854775807\n",
    );
}

#[test]
fn seek_past_the_end_then_write_leaves_a_zero_gap() {
    io("seek_past_the_end_then_write_leaves_a_zero_gap")
        .then(f_is(b"hello world\0\0\0!"))
        .prints("seek 0\npos 14\nwrite 0\nn 1\ntell 0\npos 15\n");
}

#[test]
fn seek_past_the_end_alone_does_not_grow_the_file() {
    io("seek_past_the_end_alone_does_not_grow_the_file")
        .then(f_is(b"hello world"))
        .prints("seek 0\npos 16\nread 0\nn 0\ndata \n");
}

#[test]
fn seek_on_a_directory_is_badf() {
    io("seek_on_a_directory_is_badf").prints("seek BADF\nseek BADF\n");
}

#[test]
fn seek_on_stdio_is_spipe() {
    io("seek_on_stdio_is_spipe").prints("seek SPIPE\nseek SPIPE\nseek SPIPE\n");
}

#[test]
fn seek_without_fd_seek_is_notcapable_but_the_position_needs_only_fd_tell() {
    io("seek_without_fd_seek_is_notcapable").prints("seek NOTCAPABLE\nseek 0\npos 0\n");
}

#[test]
fn seek_query_without_seek_or_tell_is_notcapable() {
    io("seek_query_without_seek_or_tell_is_notcapable").prints("seek NOTCAPABLE\n");
}

#[test]
fn seek_on_a_closed_fd_is_badf() {
    io("seek_on_a_closed_fd_is_badf").prints("seek BADF\n");
}

// ---- fd_tell ----------------------------------------------------------------

#[test]
fn tell_without_fd_tell_is_notcapable() {
    io("tell_without_fd_tell_is_notcapable").prints("tell NOTCAPABLE\n");
}

#[test]
fn tell_on_a_directory_a_stream_or_a_closed_fd_fails() {
    io("tell_on_a_directory_a_stream_or_a_closed_fd_fails")
        .prints("tell BADF\ntell SPIPE\ntell BADF\n");
}

// ---- APPEND -----------------------------------------------------------------

#[test]
fn append_write_goes_to_the_current_end_after_another_fd_grew_the_file() {
    io("append_write_goes_to_the_current_end")
        .then(f_is(b"0123456789AB!"))
        .prints("write 0\nn 12\nwrite 0\nn 1\ntell 0\npos 13\n");
}

#[test]
fn append_write_ignores_the_cursor_and_tell_reports_the_new_end() {
    io("append_write_ignores_the_cursor")
        .then(f_is(b"hello world!"))
        .prints("seek 0\npos 0\nwrite 0\nn 1\ntell 0\npos 12\n");
}

#[test]
fn trunc_and_append_together() {
    io("trunc_and_append_together")
        .then(f_is(b"abcd"))
        .prints("write 0\nn 2\nseek 0\npos 0\nwrite 0\nn 2\ntell 0\npos 4\n");
}

// ---- fd_close ---------------------------------------------------------------

#[test]
fn close_then_use_is_badf() {
    io("close_then_use_is_badf").prints("close 0\nclose BADF\nread BADF\n");
}

#[test]
fn close_a_closed_fd_is_badf() {
    io("close_a_closed_fd_is_badf").prints("close BADF\n");
}

#[test]
fn close_the_preopen_keeps_derived_fds() {
    io("close_the_preopen_keeps_derived_fds").prints("close 0\nopen BADF\nopen 0\n");
}

#[test]
fn close_stdout_then_writes_are_badf_and_the_guest_exits_normally() {
    io("close_stdout_then_writes_are_badf")
        .stderr("close 0\nwrite BADF\n")
        .prints("");
}

#[test]
fn the_lowest_free_number_is_reused() {
    io("the_lowest_free_number_is_reused").prints("fd 4\nfd 5\nclose 0\nfd 4\n");
}

// ---- fd_renumber ------------------------------------------------------------

#[test]
fn renumber_moves_the_descriptor_and_closes_the_target() {
    io("renumber_moves_the_descriptor")
        .prints("renumber 0\nread 0\nn 11\ndata hello world\nread BADF\nclose BADF\n");
}

#[test]
fn renumber_to_a_closed_target_is_badf() {
    io("renumber_to_a_closed_target_is_badf")
        .prints("renumber BADF\nrenumber BADF\nrenumber BADF\nread 0\nn 5\ndata hello\n");
}

#[test]
fn renumber_from_a_closed_fd_is_badf() {
    io("renumber_from_a_closed_fd_is_badf").prints("renumber BADF\nread 0\nn 5\ndata hello\n");
}

#[test]
fn renumber_onto_itself_changes_nothing() {
    io("renumber_onto_itself_changes_nothing").prints("renumber 0\nread 0\nn 5\ndata hello\n");
}

#[test]
fn renumber_over_the_preopen() {
    io("renumber_over_the_preopen").prints("renumber 0\nopen BADF\nopen 0\nopen NOENT\n");
}

#[test]
fn renumber_stdout_onto_a_file() {
    io("renumber_stdout_onto_a_file")
        .then(f_is(b"hello world"))
        .prints("renumber 0\nwrite BADF\n");
}

#[test]
fn renumber_a_file_onto_stdout() {
    io("renumber_a_file_onto_stdout")
        .then(f_is(b"datao world"))
        .stderr("renumber 0\nwrite 0\nn 4\nwrite BADF\n")
        .prints("");
}

// ---- limits -----------------------------------------------------------------

#[test]
fn writes_at_the_offset_maximum_are_fbig() {
    io("writes_at_the_offset_maximum_are_fbig")
        .then(f_is(b"hello world"))
        .prints("seek 0\npos 9223372036854775807\nwrite FBIG\npwrite FBIG\n");
}

#[test]
fn write_beyond_the_size_limit_is_nospc_and_changes_nothing() {
    io("write_beyond_the_size_limit")
        .then(f_is(b"hello world"))
        .needs(Need::MemoryLimit)
        .prints("seek 0\npos 1073741824\nwrite NOSPC\n");
}
