//! `wat/p1_misc.wasm`: arguments, environment, clocks, randomness, process calls, sockets.

use super::{case, Case, MISC};
use crate::support::put;

fn misc(name: &'static str) -> Case {
    case(MISC, name).given(|fs| put(fs, "f", b"hello"))
}

const ARGS: [&str; 3] = ["first", "the \"second\" arg", "3"];

// ---- args and environ -------------------------------------------------------

#[test]
fn args_sizes_count_argv0_and_every_argument() {
    let name = "args_sizes_count_every_argument";
    let size: usize = ["p1_misc.wasm", name]
        .iter()
        .chain(&ARGS)
        .map(|a| a.len() + 1)
        .sum();
    misc(name)
        .args(&ARGS)
        .prints(&format!("argc 5\nsize {size}\n"));
}

#[test]
fn args_get_gives_each_argument_verbatim() {
    misc("args_get_gives_each_argument_verbatim")
        .args(&ARGS)
        .prints(
            "arg p1_misc.wasm\narg args_get_gives_each_argument_verbatim\n\
         arg first\narg the \"second\" arg\narg 3\n",
        );
}

#[test]
fn args_get_out_of_bounds_traps() {
    misc("args_get_out_of_bounds_traps").traps("out of bounds");
}

#[test]
fn the_environment_is_empty_by_default() {
    misc("environ_sizes_count_every_variable").prints("count 0\nsize 0\n");
}

#[test]
fn environ_sizes_count_every_variable() {
    misc("environ_sizes_count_every_variable")
        .env("a", "b")
        .env("b", "c")
        .env("c", "d")
        .prints("count 3\nsize 12\n");
}

#[test]
fn environ_get_gives_each_variable_verbatim() {
    misc("environ_get_gives_each_variable_verbatim")
        .env("a", "text")
        .env("b", "escap \" ing")
        .env("c", "new\nline")
        .prints("env a=text\nenv b=escap \" ing\nenv c=new\nline\n");
}

#[test]
fn environ_get_out_of_bounds_traps() {
    misc("environ_get_out_of_bounds_traps")
        .env("a", "b")
        .traps("out of bounds");
}

// ---- clocks -----------------------------------------------------------------

#[test]
fn every_clock_has_a_nonzero_resolution() {
    misc("clock_res_get_of_every_clock").prints(&"res 0\npositive 1\n".repeat(4));
}

#[test]
fn an_unknown_clock_is_inval() {
    misc("an_unknown_clock_is_inval").prints("res INVAL\ntime INVAL\n");
}

#[test]
fn monotonic_time_strictly_increases() {
    misc("monotonic_time_strictly_increases").prints("time 0\ntime 0\nincreasing 1\n");
}

#[test]
fn realtime_is_after_2020() {
    misc("realtime_is_after_2020").prints("time 0\nafter_2020 1\n");
}

#[test]
fn cputime_clocks_can_be_read() {
    misc("cputime_clocks_can_be_read").prints("time 0\ntime 0\n");
}

#[test]
fn clock_time_get_out_of_bounds_traps() {
    misc("clock_time_get_out_of_bounds_traps").traps("out of bounds");
}

// ---- random_get -------------------------------------------------------------

#[test]
fn random_get_fills_the_buffer() {
    misc("random_get_fills_the_buffer").prints("random 0\nrandom 0\nnonzero 1\ndiffers 1\n");
}

#[test]
fn random_get_of_zero_bytes_succeeds_even_at_the_end_of_memory() {
    misc("random_get_of_zero_bytes_succeeds").prints("random 0\nrandom 0\n");
}

#[test]
fn random_get_out_of_bounds_traps() {
    misc("random_get_out_of_bounds_traps").traps("out of bounds");
}

// ---- proc_exit, proc_raise, sched_yield -------------------------------------

#[test]
fn proc_exit_ends_the_guest_with_its_code() {
    misc("proc_exit_ends_with_its_code")
        .exits_with(33)
        .prints("before 1\n");
}

#[test]
fn proc_exit_0_ends_the_guest() {
    misc("proc_exit_0_ends_the_guest").prints("before 1\n");
}

#[test]
fn proc_raise_traps_naming_the_signal_and_never_signals_the_host() {
    misc("proc_raise_traps").traps("TERM");
}

#[test]
fn proc_raise_of_an_unknown_signal_is_inval() {
    misc("proc_raise_of_an_unknown_signal_is_inval").prints("raise INVAL\nraise INVAL\nafter 1\n");
}

#[test]
fn sched_yield_succeeds() {
    misc("sched_yield_succeeds").prints("yield 0\n");
}

// ---- sockets ----------------------------------------------------------------

const NOTSOCK: &str = "accept NOTSOCK\nrecv NOTSOCK\nsend NOTSOCK\nshutdown NOTSOCK\n";
const BADF: &str = "accept BADF\nrecv BADF\nsend BADF\nshutdown BADF\n";

#[test]
fn socket_calls_on_a_file_are_notsock() {
    misc("sockets_on_a_file_are_notsock").prints(NOTSOCK);
}

#[test]
fn socket_calls_on_stdout_are_notsock() {
    misc("sockets_on_stdout_are_notsock").prints(NOTSOCK);
}

#[test]
fn socket_calls_on_a_closed_fd_are_badf() {
    misc("sockets_on_a_closed_fd_are_badf").prints(BADF);
}

#[test]
fn bad_socket_flags_or_shutdown_how_on_a_non_socket_report_the_descriptor() {
    misc("bad_socket_flags_on_a_non_socket").prints(&[NOTSOCK, BADF].concat());
}

#[test]
fn sock_send_out_of_bounds_traps_before_the_descriptor_is_checked() {
    misc("sock_send_out_of_bounds_traps").traps("out of bounds");
}
