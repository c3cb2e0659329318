//! `wat/p1_poll.wasm`: `poll_oneoff`.

use super::{case, Case, POLL};
use crate::support::put;

fn poll(name: &'static str) -> Case {
    case(POLL, name).given(|fs| put(fs, "f", b"hello world"))
}

/// The lines of one event.
fn event(userdata: u64, error: &str, type_: u8) -> String {
    format!("userdata {userdata}\nerror {error}\ntype {type_}\n")
}

// ---- clocks -----------------------------------------------------------------

#[test]
fn a_relative_clock_waits_at_least_its_timeout() {
    for (backend, out) in poll("a_relative_clock_waits_its_timeout").outputs() {
        let (events, elapsed) = out.split_once("elapsed ").expect("an elapsed line");
        assert_eq!(
            events,
            format!("poll 0\nnevents 1\n{}", event(42, "0", 0)),
            "{backend}"
        );
        let elapsed: u64 = elapsed.trim().parse().unwrap();
        assert!(elapsed >= 5_000_000, "{backend}: only {elapsed} ns passed");
    }
}

#[test]
fn an_absolute_clock_waits_for_its_deadline() {
    let once = format!("poll 0\nnevents 1\n{}reached 1\n", event(7, "0", 0));
    poll("an_absolute_clock_waits_for_its_deadline").prints(&once.repeat(2));
}

#[test]
fn a_deadline_in_the_past_fires_at_once() {
    poll("a_deadline_in_the_past_fires_at_once").prints(&format!(
        "poll 0\nnevents 1\n{}waited 0\n",
        event(8, "0", 0)
    ));
}

#[test]
fn the_earliest_clock_fires_alone() {
    poll("the_earliest_clock_fires_alone")
        .prints(&format!("poll 0\nnevents 1\n{}", event(1, "0", 0)));
}

#[test]
fn clocks_with_the_same_timeout_fire_together() {
    poll("clocks_with_the_same_timeout_fire_together").prints(&format!(
        "poll 0\nnevents 2\n{}{}",
        event(1, "0", 0),
        event(2, "0", 0)
    ));
}

#[test]
fn a_bad_clock_is_reported_in_its_event() {
    poll("a_bad_clock_is_reported_in_its_event").prints(&format!(
        "poll 0\nnevents 2\n{}{}",
        event(1, "INVAL", 0),
        event(2, "INVAL", 0)
    ));
}

// ---- descriptors ------------------------------------------------------------

#[test]
fn fd_read_on_a_file_reports_the_bytes_left() {
    poll("fd_read_on_a_file_reports_the_bytes_left").prints(&format!(
        "poll 0\nnevents 1\n{}nbytes 7\n",
        event(9, "0", 1)
    ));
}

#[test]
fn fd_read_at_the_end_of_a_file_reports_0_bytes() {
    poll("fd_read_at_the_end_of_a_file_reports_0").prints(&format!(
        "poll 0\nnevents 1\n{}nbytes 0\n",
        event(9, "0", 1)
    ));
}

#[test]
fn fd_write_on_a_file_is_ready() {
    poll("fd_write_on_a_file_is_ready")
        .prints(&format!("poll 0\nnevents 1\n{}", event(10, "0", 2)));
}

#[test]
fn fd_write_on_stdout_and_stderr_is_ready() {
    poll("fd_write_on_stdout_and_stderr_is_ready").prints(&format!(
        "poll 0\nnevents 2\n{}{}",
        event(1, "0", 2),
        event(2, "0", 2)
    ));
}

#[test]
fn fd_read_on_stdin_is_ready() {
    poll("fd_read_on_stdin_is_ready").prints(&format!("poll 0\nnevents 1\n{}", event(5, "0", 1)));
}

#[test]
fn stdin_and_a_clock_return_the_ready_stdin() {
    poll("stdin_and_a_clock_return_the_ready_stdin").prints(&format!(
        "poll 0\nnevents 1\n{}",
        event(0x8_7654_3210, "0", 1)
    ));
}

#[test]
fn stdout_fd_write_and_a_200ms_clock_return_only_the_fd_events() {
    poll("stdout_write_and_a_clock_return_only_the_fd_events").prints(&format!(
        "poll 0\nnevents 2\n{}{}waited 0\n",
        event(1, "0", 2),
        event(2, "0", 2)
    ));
}

#[test]
fn a_ready_file_and_a_clock_return_the_file_without_waiting() {
    poll("a_ready_file_and_a_clock_return_the_file").prints(&format!(
        "poll 0\nnevents 1\n{}waited 0\n",
        event(2, "0", 1)
    ));
}

// ---- errors -----------------------------------------------------------------

#[test]
fn zero_subscriptions_is_inval() {
    poll("zero_subscriptions_is_inval").prints("poll INVAL\n");
}

#[test]
fn a_bad_fd_is_reported_in_its_event() {
    poll("a_bad_fd_is_reported_in_its_event")
        .prints(&format!("poll 0\nnevents 1\n{}", event(11, "BADF", 1)));
}

#[test]
fn a_bad_fd_does_not_wait_for_a_clock() {
    poll("a_bad_fd_does_not_wait_for_a_clock").prints(&format!(
        "poll 0\nnevents 1\n{}waited 0\n",
        event(11, "BADF", 2)
    ));
}

#[test]
fn the_wrong_direction_on_stdio_is_badf_in_the_event() {
    poll("the_wrong_direction_on_stdio_is_badf").prints(&format!(
        "poll 0\nnevents 2\n{}{}",
        event(1, "BADF", 1),
        event(2, "BADF", 2)
    ));
}

#[test]
fn polling_without_the_right_is_notcapable_in_the_event() {
    poll("polling_without_the_right_is_notcapable")
        .prints(&format!("poll 0\nnevents 1\n{}", event(3, "NOTCAPABLE", 1)));
}

#[test]
fn an_unknown_event_type_is_inval_in_its_event() {
    poll("an_unknown_event_type_is_inval").prints("poll 0\nnevents 1\nuserdata 4\nerror INVAL\n");
}

#[test]
fn subscriptions_out_of_bounds_trap() {
    poll("subscriptions_out_of_bounds_trap").traps("out of bounds");
}

#[test]
fn too_many_subscriptions_trap() {
    poll("too_many_subscriptions_trap").traps("out of bounds");
}
