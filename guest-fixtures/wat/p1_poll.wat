;; p1_poll.wat -- the preview1 battery for poll_oneoff.
;;
;; Usage: p1_poll CASE
;;   CASE names one edge case; each $case_* function below says what it
;;   checks and why. The tests prepare a file "f" holding "hello world"
;;   (11 bytes) in the preopen (fd 3, "/"), and run with the default,
;;   virtual clock: a wait moves it forward instead of sleeping.
;;
;; Output: lines "<label> <value>\n" on stdout: "poll <errno>", "nevents",
;; then per event "userdata", "error", "type" (CLOCK 0, FD_READ 1,
;; FD_WRITE 2); some cases add "nbytes" or clock differences ("elapsed",
;; in nanoseconds). Exit status 0; an unknown case prints "unknown case" to
;; stderr and exits 2; a failed setup step prints "setup failed: <label>
;; <errno>" to stderr and exits 4; a failed report write exits 3. Two cases
;; trap on purpose (out-of-bounds arrays).
;;
;; subscription (48 bytes): userdata u64 +0, tag u8 +8; clock: id u32 +16,
;; timeout u64 +24, precision u64 +32, flags u16 +40 (ABSTIME 1);
;; fd_read/fd_write: fd u32 +16. event (32 bytes): userdata u64 +0,
;; error u16 +8, type u8 +10, nbytes u64 +16. Clocks: REALTIME 0,
;; MONOTONIC 1. Rights: FD_READ 0x2, FD_WRITE 0x40, POLL_FD_READWRITE
;; 0x8000000.
;;
;; Memory layout (4 pages):
;;   0x0000  iovec {buf, len}          0x0020  u32 nevents / nread
;;   0x0028  u64 clock reading         0x0030  u32 fd opened by path_open
;;   0x0200  prelude strings           0x03C0  prelude scratch
;;   0x0400  labels and paths, NUL-terminated, 16 bytes each
;;   0x1000  case names, NUL-terminated, 64 bytes each
;;   0x4000  subscriptions             0x5000  events
;;   0x6000  read buffer               0x10000 argv
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))

  (memory (export "memory") 4)
  ;; ---- prelude (the same in every p1_*.wat) ---------------------------
  ;;
  ;; Report lines go to the descriptor in $out (1 = stdout unless a case
  ;; moves it). Setup steps that must succeed go through $must: on failure
  ;; it prints "setup failed: <label> <errno>" to stderr and exits 4.

  (global $out (mut i32) (i32.const 1))
  (global $case (mut i32) (i32.const 0))     ;; argv[1], NUL-terminated

  (data (i32.const 0x200) "unknown case\n")
  (data (i32.const 0x210) "setup failed: \00")
  (data (i32.const 0x3E0) " \n")

  ;; Write all `len` bytes at `ptr` to `fd`; exit 3 if that is impossible.
  (func $write_all (param $fd i32) (param $ptr i32) (param $len i32)
    (local $n i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $len)))
        (i32.store (i32.const 0x3F0) (local.get $ptr))
        (i32.store (i32.const 0x3F4) (local.get $len))
        (if (call $fd_write (local.get $fd) (i32.const 0x3F0) (i32.const 1) (i32.const 0x3F8))
          (then (call $proc_exit (i32.const 3))))
        (local.set $n (i32.load (i32.const 0x3F8)))
        (if (i32.eqz (local.get $n)) (then (call $proc_exit (i32.const 3))))
        (local.set $ptr (i32.add (local.get $ptr) (local.get $n)))
        (local.set $len (i32.sub (local.get $len) (local.get $n)))
        (br $again))))

  ;; Length of the NUL-terminated string at `p`.
  (func $strlen (param $p i32) (result i32)
    (local $q i32)
    (local.set $q (local.get $p))
    (block $done
      (loop $again
        (br_if $done (i32.eqz (i32.load8_u (local.get $q))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $again)))
    (i32.sub (local.get $q) (local.get $p)))

  ;; Print the NUL-terminated string at `p`.
  (func $print (param $p i32)
    (call $write_all (global.get $out) (local.get $p) (call $strlen (local.get $p))))

  ;; Print `v` as an unsigned decimal (digits are built backwards below 0x3E0).
  (func $print_u64 (param $v i64)
    (local $p i32)
    (local.set $p (i32.const 0x3E0))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i64.store8 (local.get $p)
        (i64.add (i64.const 48) (i64.rem_u (local.get $v) (i64.const 10))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $digit (i64.ne (local.get $v) (i64.const 0))))
    (call $write_all (global.get $out) (local.get $p) (i32.sub (i32.const 0x3E0) (local.get $p))))

  ;; Print "<label> <v>\n".
  (func $say64 (param $label i32) (param $v i64)
    (call $print (local.get $label))
    (call $write_all (global.get $out) (i32.const 0x3E0) (i32.const 1))
    (call $print_u64 (local.get $v))
    (call $write_all (global.get $out) (i32.const 0x3E1) (i32.const 1)))

  (func $say (param $label i32) (param $v i32)
    (call $say64 (local.get $label) (i64.extend_i32_u (local.get $v))))

  ;; Print "<label> <the n bytes at p>\n".
  (func $say_bytes (param $label i32) (param $p i32) (param $n i32)
    (call $print (local.get $label))
    (call $write_all (global.get $out) (i32.const 0x3E0) (i32.const 1))
    (call $write_all (global.get $out) (local.get $p) (local.get $n))
    (call $write_all (global.get $out) (i32.const 0x3E1) (i32.const 1)))

  ;; A setup step failed: report it on stderr and exit 4.
  (func $must (param $label i32) (param $errno i32)
    (if (local.get $errno)
      (then
        (global.set $out (i32.const 2))
        (call $print (i32.const 0x210))
        (call $say (local.get $label) (local.get $errno))
        (call $proc_exit (i32.const 4)))))

  ;; Print "unknown case" to stderr and exit 2.
  (func $unknown
    (call $write_all (i32.const 2) (i32.const 0x200) (i32.const 13))
    (call $proc_exit (i32.const 2)))

  ;; Read argv (at most 64 arguments, 0x7F00 bytes) to 0x10000; argv[1] is the case.
  (func $load_args
    (if (call $args_sizes_get (i32.const 0x3F0) (i32.const 0x3F4)) (then (call $unknown)))
    (if (i32.lt_u (i32.load (i32.const 0x3F0)) (i32.const 2)) (then (call $unknown)))
    (if (i32.gt_u (i32.load (i32.const 0x3F0)) (i32.const 64)) (then (call $unknown)))
    (if (i32.gt_u (i32.load (i32.const 0x3F4)) (i32.const 0x7F00)) (then (call $unknown)))
    (if (call $args_get (i32.const 0x10000) (i32.const 0x10100)) (then (call $unknown)))
    (global.set $case (i32.load (i32.const 0x10004))))

  ;; Is the case (argv[1]) the NUL-terminated `name`?
  (func $is (param $name i32) (result i32)
    (local $a i32) (local $b i32) (local $c i32)
    (local.set $a (local.get $name))
    (local.set $b (global.get $case))
    (loop $next
      (local.set $c (i32.load8_u (local.get $a)))
      (if (i32.ne (local.get $c) (i32.load8_u (local.get $b))) (then (return (i32.const 0))))
      (if (i32.eqz (local.get $c)) (then (return (i32.const 1))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $next))
    (i32.const 0))

  ;; ---- labels, paths and data ------------------------------------------

  (global $l_open i32 (i32.const 0x400))       (data (i32.const 0x400) "open\00")
  (global $l_poll i32 (i32.const 0x410))       (data (i32.const 0x410) "poll\00")
  (global $l_nevents i32 (i32.const 0x420))    (data (i32.const 0x420) "nevents\00")
  (global $l_userdata i32 (i32.const 0x430))   (data (i32.const 0x430) "userdata\00")
  (global $l_error i32 (i32.const 0x440))      (data (i32.const 0x440) "error\00")
  (global $l_type i32 (i32.const 0x450))       (data (i32.const 0x450) "type\00")
  (global $l_nbytes i32 (i32.const 0x460))     (data (i32.const 0x460) "nbytes\00")
  (global $l_elapsed i32 (i32.const 0x470))    (data (i32.const 0x470) "elapsed\00")
  (global $l_reached i32 (i32.const 0x480))    (data (i32.const 0x480) "reached\00")
  (global $l_waited i32 (i32.const 0x490))     (data (i32.const 0x490) "waited\00")
  (global $l_clock i32 (i32.const 0x4A0))      (data (i32.const 0x4A0) "clock\00")
  (global $l_read i32 (i32.const 0x4B0))       (data (i32.const 0x4B0) "read\00")
  (global $p_f i32 (i32.const 0x500))          (data (i32.const 0x500) "f\00")

  (global $SUBS i32 (i32.const 0x4000))
  (global $EVENTS i32 (i32.const 0x5000))

  ;; ---- helpers for this family -----------------------------------------

  ;; Subscription `i`: a clock `id` firing at `timeout` (relative, or absolute
  ;; with flags ABSTIME).
  (func $sub_clock (param $i i32) (param $userdata i64) (param $id i32) (param $timeout i64)
                   (param $flags i32)
    (local $s i32)
    (local.set $s (i32.add (global.get $SUBS) (i32.mul (local.get $i) (i32.const 48))))
    (memory.fill (local.get $s) (i32.const 0) (i32.const 48))
    (i64.store (local.get $s) (local.get $userdata))
    (i32.store8 (i32.add (local.get $s) (i32.const 8)) (i32.const 0))
    (i32.store (i32.add (local.get $s) (i32.const 16)) (local.get $id))
    (i64.store (i32.add (local.get $s) (i32.const 24)) (local.get $timeout))
    (i32.store16 (i32.add (local.get $s) (i32.const 40)) (local.get $flags)))

  ;; Subscription `i`: readiness of `fd` (tag FD_READ 1 or FD_WRITE 2, or any
  ;; other tag for the cases that need a bad one).
  (func $sub_fd (param $i i32) (param $userdata i64) (param $tag i32) (param $fd i32)
    (local $s i32)
    (local.set $s (i32.add (global.get $SUBS) (i32.mul (local.get $i) (i32.const 48))))
    (memory.fill (local.get $s) (i32.const 0) (i32.const 48))
    (i64.store (local.get $s) (local.get $userdata))
    (i32.store8 (i32.add (local.get $s) (i32.const 8)) (local.get $tag))
    (i32.store (i32.add (local.get $s) (i32.const 16)) (local.get $fd)))

  ;; Event `i`'s address.
  (func $event (param $i i32) (result i32)
    (i32.add (global.get $EVENTS) (i32.shl (local.get $i) (i32.const 5))))

  ;; poll_oneoff over the first `n` subscriptions; "poll <errno>", then on
  ;; success "nevents" and "userdata", "error", "type" per event.
  (func $show_poll (param $n i32)
    (local $e i32) (local $i i32)
    (local.set $e (call $poll_oneoff (global.get $SUBS) (global.get $EVENTS) (local.get $n) (i32.const 0x20)))
    (call $say (global.get $l_poll) (local.get $e))
    (if (local.get $e) (then (return)))
    (call $say (global.get $l_nevents) (i32.load (i32.const 0x20)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (i32.load (i32.const 0x20))))
        (call $say64 (global.get $l_userdata) (i64.load (call $event (local.get $i))))
        (call $say (global.get $l_error) (i32.load16_u (i32.add (call $event (local.get $i)) (i32.const 8))))
        (call $say (global.get $l_type) (i32.load8_u (i32.add (call $event (local.get $i)) (i32.const 10))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; "nbytes <n>" of event `i`.
  (func $show_nbytes (param $i i32)
    (call $say64 (global.get $l_nbytes) (i64.load (i32.add (call $event (local.get $i)) (i32.const 16)))))

  ;; A reading of clock `id` (it must work).
  (func $now (param $id i32) (result i64)
    (call $must (global.get $l_clock) (call $clock_time_get (local.get $id) (i64.const 1) (i32.const 0x28)))
    (i64.load (i32.const 0x28)))

  ;; Open "f" with `rights` (setup: it must work); returns the fd.
  (func $open_f (param $rights i64) (result i32)
    (call $must (global.get $l_open)
      (call $path_open (i32.const 3) (i32.const 1) (global.get $p_f) (i32.const 1)
        (i32.const 0) (local.get $rights) (local.get $rights) (i32.const 0) (i32.const 0x30)))
    (i32.load (i32.const 0x30)))

  ;; fd_read of `len` bytes from fd (setup: it must work).
  (func $read (param $fd i32) (param $len i32)
    (i32.store (i32.const 0x00) (i32.const 0x6000))
    (i32.store (i32.const 0x04) (local.get $len))
    (call $must (global.get $l_read)
      (call $fd_read (local.get $fd) (i32.const 0x00) (i32.const 1) (i32.const 0x20))))

  ;; ---- clocks ----------------------------------------------------------

  ;; A relative clock subscription alone waits at least its timeout (5 ms):
  ;; with the virtual clock, the time read after is at least that much later.
  (data (i32.const 0x1000) "a_relative_clock_waits_its_timeout\00")
  (func $case_a_relative_clock_waits_its_timeout
    (local $t0 i64)
    (local.set $t0 (call $now (i32.const 1)))
    (call $sub_clock (i32.const 0) (i64.const 42) (i32.const 1) (i64.const 5000000) (i32.const 0))
    (call $show_poll (i32.const 1))
    (call $say64 (global.get $l_elapsed) (i64.sub (call $now (i32.const 1)) (local.get $t0))))

  ;; An absolute clock subscription waits until its deadline (3 ms from now),
  ;; on the monotonic clock and on the realtime clock.
  (data (i32.const 0x1040) "an_absolute_clock_waits_for_its_deadline\00")
  (func $case_an_absolute_clock_waits_for_its_deadline
    (local $deadline i64) (local $id i32)
    (loop $each_clock
      (local.set $deadline (i64.add (call $now (local.get $id)) (i64.const 3000000)))
      (call $sub_clock (i32.const 0) (i64.const 7) (local.get $id) (local.get $deadline) (i32.const 1))
      (call $show_poll (i32.const 1))
      (call $say (global.get $l_reached) (i64.ge_u (call $now (local.get $id)) (local.get $deadline)))
      (local.set $id (i32.add (local.get $id) (i32.const 1)))
      (br_if $each_clock (i32.le_u (local.get $id) (i32.const 1)))))

  ;; A deadline already past fires at once, without waiting.
  (data (i32.const 0x1080) "a_deadline_in_the_past_fires_at_once\00")
  (func $case_a_deadline_in_the_past_fires_at_once
    (local $t0 i64)
    (local.set $t0 (call $now (i32.const 1)))
    (call $sub_clock (i32.const 0) (i64.const 8) (i32.const 1) (i64.const 0) (i32.const 1))
    (call $show_poll (i32.const 1))
    (call $say (global.get $l_waited)
      (i64.ge_u (i64.sub (call $now (i32.const 1)) (local.get $t0)) (i64.const 1000000))))

  ;; Of two clocks, the earlier (10 ms) fires alone; the later (20 ms) has
  ;; not expired yet.
  (data (i32.const 0x10C0) "the_earliest_clock_fires_alone\00")
  (func $case_the_earliest_clock_fires_alone
    (call $sub_clock (i32.const 0) (i64.const 2) (i32.const 1) (i64.const 20000000) (i32.const 0))
    (call $sub_clock (i32.const 1) (i64.const 1) (i32.const 1) (i64.const 10000000) (i32.const 0))
    (call $show_poll (i32.const 2)))

  ;; Clocks expiring together fire together, in subscription order.
  (data (i32.const 0x1100) "clocks_with_the_same_timeout_fire_together\00")
  (func $case_clocks_with_the_same_timeout_fire_together
    (call $sub_clock (i32.const 0) (i64.const 1) (i32.const 1) (i64.const 5000000) (i32.const 0))
    (call $sub_clock (i32.const 1) (i64.const 2) (i32.const 1) (i64.const 5000000) (i32.const 0))
    (call $show_poll (i32.const 2)))

  ;; An unknown clock id or unknown subclock flags are reported in that
  ;; subscription's event (INVAL), not as the call's errno.
  (data (i32.const 0x1140) "a_bad_clock_is_reported_in_its_event\00")
  (func $case_a_bad_clock_is_reported_in_its_event
    (call $sub_clock (i32.const 0) (i64.const 1) (i32.const 9) (i64.const 1000) (i32.const 0))
    (call $sub_clock (i32.const 1) (i64.const 2) (i32.const 1) (i64.const 1000) (i32.const 2))
    (call $show_poll (i32.const 2)))

  ;; ---- descriptors -----------------------------------------------------

  ;; A file being read is ready at once; nbytes is what lies between the
  ;; cursor and the end (11 - 4).
  (data (i32.const 0x1180) "fd_read_on_a_file_reports_the_bytes_left\00")
  (func $case_fd_read_on_a_file_reports_the_bytes_left
    (local $fd i32)
    (local.set $fd (call $open_f (i64.const 0x8000002)))
    (call $read (local.get $fd) (i32.const 4))
    (call $sub_fd (i32.const 0) (i64.const 9) (i32.const 1) (local.get $fd))
    (call $show_poll (i32.const 1))
    (call $show_nbytes (i32.const 0)))

  ;; At the end of the file it is still ready, with nbytes 0.
  (data (i32.const 0x11C0) "fd_read_at_the_end_of_a_file_reports_0\00")
  (func $case_fd_read_at_the_end_of_a_file_reports_0
    (local $fd i32)
    (local.set $fd (call $open_f (i64.const 0x8000002)))
    (call $read (local.get $fd) (i32.const 100))
    (call $sub_fd (i32.const 0) (i64.const 9) (i32.const 1) (local.get $fd))
    (call $show_poll (i32.const 1))
    (call $show_nbytes (i32.const 0)))

  ;; A file is always ready for writing.
  (data (i32.const 0x1200) "fd_write_on_a_file_is_ready\00")
  (func $case_fd_write_on_a_file_is_ready
    (call $sub_fd (i32.const 0) (i64.const 10) (i32.const 2) (call $open_f (i64.const 0x8000040)))
    (call $show_poll (i32.const 1)))

  ;; stdout and stderr are ready for writing: one event each, in order.
  (data (i32.const 0x1240) "fd_write_on_stdout_and_stderr_is_ready\00")
  (func $case_fd_write_on_stdout_and_stderr_is_ready
    (call $sub_fd (i32.const 0) (i64.const 1) (i32.const 2) (i32.const 1))
    (call $sub_fd (i32.const 1) (i64.const 2) (i32.const 2) (i32.const 2))
    (call $show_poll (i32.const 2)))

  ;; stdin is ready for reading (here: at its end), with no error.
  (data (i32.const 0x1280) "fd_read_on_stdin_is_ready\00")
  (func $case_fd_read_on_stdin_is_ready
    (call $sub_fd (i32.const 0) (i64.const 5) (i32.const 1) (i32.const 0))
    (call $show_poll (i32.const 1)))

  ;; stdin for reading plus a 200 ms clock: stdin is ready, so only its
  ;; event comes back, with error 0 (WASI test suite: poll_oneoff_stdio).
  (data (i32.const 0x12C0) "stdin_and_a_clock_return_the_ready_stdin\00")
  (func $case_stdin_and_a_clock_return_the_ready_stdin
    (call $sub_clock (i32.const 0) (i64.const 0x12345678) (i32.const 1) (i64.const 200000000) (i32.const 0))
    (call $sub_fd (i32.const 1) (i64.const 0x876543210) (i32.const 1) (i32.const 0))
    (call $show_poll (i32.const 2)))

  ;; stdout and stderr for writing plus a 200 ms clock: only the two fd
  ;; events come back, and no time passes (WASI test suite:
  ;; poll_oneoff_stdio treats a clock event there as a failure).
  (data (i32.const 0x1300) "stdout_write_and_a_clock_return_only_the_fd_events\00")
  (func $case_stdout_write_and_a_clock_return_only_the_fd_events
    (local $t0 i64)
    (local.set $t0 (call $now (i32.const 1)))
    (call $sub_fd (i32.const 0) (i64.const 1) (i32.const 2) (i32.const 1))
    (call $sub_fd (i32.const 1) (i64.const 2) (i32.const 2) (i32.const 2))
    (call $sub_clock (i32.const 2) (i64.const 3) (i32.const 1) (i64.const 200000000) (i32.const 0))
    (call $show_poll (i32.const 3))
    (call $say (global.get $l_waited)
      (i64.ge_u (i64.sub (call $now (i32.const 1)) (local.get $t0)) (i64.const 200000000))))

  ;; A ready file and a 1 s clock: the file's event, no waiting.
  (data (i32.const 0x1340) "a_ready_file_and_a_clock_return_the_file\00")
  (func $case_a_ready_file_and_a_clock_return_the_file
    (local $t0 i64)
    (local.set $t0 (call $now (i32.const 1)))
    (call $sub_clock (i32.const 0) (i64.const 1) (i32.const 1) (i64.const 1000000000) (i32.const 0))
    (call $sub_fd (i32.const 1) (i64.const 2) (i32.const 1) (call $open_f (i64.const 0x8000002)))
    (call $show_poll (i32.const 2))
    (call $say (global.get $l_waited)
      (i64.ge_u (i64.sub (call $now (i32.const 1)) (local.get $t0)) (i64.const 1000000000))))

  ;; ---- errors ----------------------------------------------------------

  ;; No subscriptions: INVAL (the call would wait forever).
  (data (i32.const 0x1380) "zero_subscriptions_is_inval\00")
  (func $case_zero_subscriptions_is_inval
    (call $show_poll (i32.const 0)))

  ;; A descriptor that is not open is reported in its event (BADF); the call
  ;; itself succeeds.
  (data (i32.const 0x13C0) "a_bad_fd_is_reported_in_its_event\00")
  (func $case_a_bad_fd_is_reported_in_its_event
    (call $sub_fd (i32.const 0) (i64.const 11) (i32.const 1) (i32.const 99))
    (call $show_poll (i32.const 1)))

  ;; A subscription that fails is an event at once: the 1 s clock is not
  ;; waited for.
  (data (i32.const 0x1400) "a_bad_fd_does_not_wait_for_a_clock\00")
  (func $case_a_bad_fd_does_not_wait_for_a_clock
    (local $t0 i64)
    (local.set $t0 (call $now (i32.const 1)))
    (call $sub_fd (i32.const 0) (i64.const 11) (i32.const 2) (i32.const 99))
    (call $sub_clock (i32.const 1) (i64.const 12) (i32.const 1) (i64.const 1000000000) (i32.const 0))
    (call $show_poll (i32.const 2))
    (call $say (global.get $l_waited)
      (i64.ge_u (i64.sub (call $now (i32.const 1)) (local.get $t0)) (i64.const 1000000000))))

  ;; stdout cannot be read and stdin cannot be written: BADF in the event.
  (data (i32.const 0x1440) "the_wrong_direction_on_stdio_is_badf\00")
  (func $case_the_wrong_direction_on_stdio_is_badf
    (call $sub_fd (i32.const 0) (i64.const 1) (i32.const 1) (i32.const 1))
    (call $sub_fd (i32.const 1) (i64.const 2) (i32.const 2) (i32.const 0))
    (call $show_poll (i32.const 2)))

  ;; Without POLL_FD_READWRITE the descriptor cannot be polled: NOTCAPABLE in
  ;; the event.
  (data (i32.const 0x1480) "polling_without_the_right_is_notcapable\00")
  (func $case_polling_without_the_right_is_notcapable
    (call $sub_fd (i32.const 0) (i64.const 3) (i32.const 1) (call $open_f (i64.const 0x2)))
    (call $show_poll (i32.const 1)))

  ;; An unknown event type is INVAL in its event.
  (data (i32.const 0x14C0) "an_unknown_event_type_is_inval\00")
  (func $case_an_unknown_event_type_is_inval
    (call $sub_fd (i32.const 0) (i64.const 4) (i32.const 3) (i32.const 1))
    (call $say (global.get $l_poll)
      (call $poll_oneoff (global.get $SUBS) (global.get $EVENTS) (i32.const 1) (i32.const 0x20)))
    (call $say (global.get $l_nevents) (i32.load (i32.const 0x20)))
    (call $say64 (global.get $l_userdata) (i64.load (call $event (i32.const 0))))
    (call $say (global.get $l_error) (i32.load16_u (i32.add (call $event (i32.const 0)) (i32.const 8)))))

  ;; Subscriptions past the end of memory trap.
  (data (i32.const 0x1500) "subscriptions_out_of_bounds_trap\00")
  (func $case_subscriptions_out_of_bounds_trap
    (drop (call $poll_oneoff (i32.const 0x3FFF0) (global.get $EVENTS) (i32.const 1) (i32.const 0x20))))

  ;; So many subscriptions that their array cannot fit in memory: a trap,
  ;; not an allocation.
  (data (i32.const 0x1540) "too_many_subscriptions_trap\00")
  (func $case_too_many_subscriptions_trap
    (drop (call $poll_oneoff (global.get $SUBS) (global.get $EVENTS) (i32.const 0x10000000) (i32.const 0x20))))

  ;; ---- main ------------------------------------------------------------

  (func (export "_start")
    (call $load_args)
    (if (call $is (i32.const 0x1000)) (then (call $case_a_relative_clock_waits_its_timeout) (return)))
    (if (call $is (i32.const 0x1040)) (then (call $case_an_absolute_clock_waits_for_its_deadline) (return)))
    (if (call $is (i32.const 0x1080)) (then (call $case_a_deadline_in_the_past_fires_at_once) (return)))
    (if (call $is (i32.const 0x10C0)) (then (call $case_the_earliest_clock_fires_alone) (return)))
    (if (call $is (i32.const 0x1100)) (then (call $case_clocks_with_the_same_timeout_fire_together) (return)))
    (if (call $is (i32.const 0x1140)) (then (call $case_a_bad_clock_is_reported_in_its_event) (return)))
    (if (call $is (i32.const 0x1180)) (then (call $case_fd_read_on_a_file_reports_the_bytes_left) (return)))
    (if (call $is (i32.const 0x11C0)) (then (call $case_fd_read_at_the_end_of_a_file_reports_0) (return)))
    (if (call $is (i32.const 0x1200)) (then (call $case_fd_write_on_a_file_is_ready) (return)))
    (if (call $is (i32.const 0x1240)) (then (call $case_fd_write_on_stdout_and_stderr_is_ready) (return)))
    (if (call $is (i32.const 0x1280)) (then (call $case_fd_read_on_stdin_is_ready) (return)))
    (if (call $is (i32.const 0x12C0)) (then (call $case_stdin_and_a_clock_return_the_ready_stdin) (return)))
    (if (call $is (i32.const 0x1300)) (then (call $case_stdout_write_and_a_clock_return_only_the_fd_events) (return)))
    (if (call $is (i32.const 0x1340)) (then (call $case_a_ready_file_and_a_clock_return_the_file) (return)))
    (if (call $is (i32.const 0x1380)) (then (call $case_zero_subscriptions_is_inval) (return)))
    (if (call $is (i32.const 0x13C0)) (then (call $case_a_bad_fd_is_reported_in_its_event) (return)))
    (if (call $is (i32.const 0x1400)) (then (call $case_a_bad_fd_does_not_wait_for_a_clock) (return)))
    (if (call $is (i32.const 0x1440)) (then (call $case_the_wrong_direction_on_stdio_is_badf) (return)))
    (if (call $is (i32.const 0x1480)) (then (call $case_polling_without_the_right_is_notcapable) (return)))
    (if (call $is (i32.const 0x14C0)) (then (call $case_an_unknown_event_type_is_inval) (return)))
    (if (call $is (i32.const 0x1500)) (then (call $case_subscriptions_out_of_bounds_trap) (return)))
    (if (call $is (i32.const 0x1540)) (then (call $case_too_many_subscriptions_trap) (return)))
    (call $unknown))
)
