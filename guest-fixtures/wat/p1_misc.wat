;; p1_misc.wat -- the preview1 battery for the calls that need no file:
;; args_get, args_sizes_get, environ_get, environ_sizes_get, clock_res_get,
;; clock_time_get, random_get, proc_exit, proc_raise, sched_yield,
;; sock_accept, sock_recv, sock_send, sock_shutdown.
;;
;; Usage: p1_misc CASE [ARGS...]
;;   CASE names one edge case; each $case_* function below says what it
;;   checks and why. The tests pass extra arguments and environment
;;   variables where a case lists them, and a file "f" in the preopen (fd 3).
;;
;; Output: lines "<label> <value>\n" on stdout. Exit status 0 unless a case
;; calls proc_exit; an unknown case prints "unknown case" to stderr and
;; exits 2; a failed setup step prints "setup failed: <label> <errno>" to
;; stderr and exits 4; a failed report write exits 3. Some cases trap on
;; purpose (proc_raise, out-of-bounds pointers).
;;
;; Clocks: REALTIME 0, MONOTONIC 1, PROCESS_CPUTIME_ID 2, THREAD_CPUTIME_ID 3.
;; Signal TERM 15. sdflags: RD 1, WR 2. Rights: FD_READ 0x2.
;;
;; Memory layout (4 pages):
;;   0x0000  iovec {buf, len}          0x0020  u32 out / count
;;   0x0024  u32 size / u16 flags      0x0028  u64 clock reading
;;   0x0030  u32 fd opened by path_open
;;   0x0200  prelude strings           0x03C0  prelude scratch
;;   0x0400  labels and paths, NUL-terminated, 16 bytes each
;;   0x1000  case names, NUL-terminated, 64 bytes each
;;   0x4000  random bytes (two 32-byte buffers at 0x4000 and 0x4100)
;;   0x10000 argv                      0x18000 environ pointers, 0x18100 strings
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_res_get" (func $clock_res_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_raise" (func $proc_raise (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "sched_yield" (func $sched_yield (result i32)))
  (import "wasi_snapshot_preview1" "sock_accept" (func $sock_accept (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_recv" (func $sock_recv (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_send" (func $sock_send (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_shutdown" (func $sock_shutdown (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))

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
  (global $l_argc i32 (i32.const 0x410))       (data (i32.const 0x410) "argc\00")
  (global $l_size i32 (i32.const 0x420))       (data (i32.const 0x420) "size\00")
  (global $l_arg i32 (i32.const 0x430))        (data (i32.const 0x430) "arg\00")
  (global $l_count i32 (i32.const 0x440))      (data (i32.const 0x440) "count\00")
  (global $l_env i32 (i32.const 0x450))        (data (i32.const 0x450) "env\00")
  (global $l_res i32 (i32.const 0x460))        (data (i32.const 0x460) "res\00")
  (global $l_positive i32 (i32.const 0x470))   (data (i32.const 0x470) "positive\00")
  (global $l_time i32 (i32.const 0x480))       (data (i32.const 0x480) "time\00")
  (global $l_increasing i32 (i32.const 0x490)) (data (i32.const 0x490) "increasing\00")
  (global $l_after_2020 i32 (i32.const 0x4A0)) (data (i32.const 0x4A0) "after_2020\00")
  (global $l_random i32 (i32.const 0x4B0))     (data (i32.const 0x4B0) "random\00")
  (global $l_nonzero i32 (i32.const 0x4C0))    (data (i32.const 0x4C0) "nonzero\00")
  (global $l_differs i32 (i32.const 0x4D0))    (data (i32.const 0x4D0) "differs\00")
  (global $l_before i32 (i32.const 0x4E0))     (data (i32.const 0x4E0) "before\00")
  (global $l_after i32 (i32.const 0x4F0))      (data (i32.const 0x4F0) "after\00")
  (global $l_raise i32 (i32.const 0x500))      (data (i32.const 0x500) "raise\00")
  (global $l_yield i32 (i32.const 0x510))      (data (i32.const 0x510) "yield\00")
  (global $l_accept i32 (i32.const 0x520))     (data (i32.const 0x520) "accept\00")
  (global $l_recv i32 (i32.const 0x530))       (data (i32.const 0x530) "recv\00")
  (global $l_send i32 (i32.const 0x540))       (data (i32.const 0x540) "send\00")
  (global $l_shutdown i32 (i32.const 0x550))   (data (i32.const 0x550) "shutdown\00")
  (global $p_f i32 (i32.const 0x600))          (data (i32.const 0x600) "f\00")

  ;; ---- helpers for this family -----------------------------------------

  ;; Open "f" for reading (setup: it must work); returns the fd.
  (func $open_f (result i32)
    (call $must (global.get $l_open)
      (call $path_open (i32.const 3) (i32.const 1) (global.get $p_f) (i32.const 1)
        (i32.const 0) (i64.const 0x2) (i64.const 0x2) (i32.const 0) (i32.const 0x30)))
    (i32.load (i32.const 0x30)))

  ;; "<label> <string>" for each of the `n` NUL-terminated strings listed by
  ;; the pointer array at `ptrs`.
  (func $show_strings (param $label i32) (param $ptrs i32) (param $n i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i32.load (i32.add (local.get $ptrs) (i32.shl (local.get $i) (i32.const 2)))))
        (call $say_bytes (local.get $label) (local.get $s) (call $strlen (local.get $s)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; The four socket calls on `fd`, with valid buffers and flags `flags`,
  ;; one line each: "accept", "recv", "send", "shutdown".
  (func $sockets (param $fd i32) (param $flags i32)
    (i32.store (i32.const 0x00) (i32.const 0x4000))
    (i32.store (i32.const 0x04) (i32.const 16))
    (call $say (global.get $l_accept)
      (call $sock_accept (local.get $fd) (local.get $flags) (i32.const 0x20)))
    (call $say (global.get $l_recv)
      (call $sock_recv (local.get $fd) (i32.const 0x00) (i32.const 1) (local.get $flags)
        (i32.const 0x20) (i32.const 0x24)))
    (call $say (global.get $l_send)
      (call $sock_send (local.get $fd) (i32.const 0x00) (i32.const 1) (local.get $flags) (i32.const 0x20)))
    (call $say (global.get $l_shutdown)
      (call $sock_shutdown (local.get $fd) (i32.or (i32.const 1) (local.get $flags)))))

  ;; ---- args and environ ------------------------------------------------

  ;; argc counts argv[0] and every argument; the buffer size counts each
  ;; string with its NUL.
  (data (i32.const 0x1000) "args_sizes_count_every_argument\00")
  (func $case_args_sizes_count_every_argument
    (call $must (global.get $l_argc) (call $args_sizes_get (i32.const 0x20) (i32.const 0x24)))
    (call $say (global.get $l_argc) (i32.load (i32.const 0x20)))
    (call $say (global.get $l_size) (i32.load (i32.const 0x24))))

  ;; args_get gives each argument byte for byte, spaces and quotes included
  ;; (the prelude already read them to 0x10000).
  (data (i32.const 0x1040) "args_get_gives_each_argument_verbatim\00")
  (func $case_args_get_gives_each_argument_verbatim
    (call $must (global.get $l_argc) (call $args_sizes_get (i32.const 0x20) (i32.const 0x24)))
    (call $show_strings (global.get $l_arg) (i32.const 0x10000) (i32.load (i32.const 0x20))))

  ;; An argv array running past the end of memory traps.
  (data (i32.const 0x1080) "args_get_out_of_bounds_traps\00")
  (func $case_args_get_out_of_bounds_traps
    (drop (call $args_get (i32.const 0x3FFFC) (i32.const 0x10100))))

  ;; The guest sees exactly the variables the embedder gave: none by default.
  (data (i32.const 0x10C0) "environ_sizes_count_every_variable\00")
  (func $case_environ_sizes_count_every_variable
    (call $must (global.get $l_count) (call $environ_sizes_get (i32.const 0x20) (i32.const 0x24)))
    (call $say (global.get $l_count) (i32.load (i32.const 0x20)))
    (call $say (global.get $l_size) (i32.load (i32.const 0x24))))

  ;; environ_get gives "KEY=VALUE" strings byte for byte, quotes and
  ;; newlines included.
  (data (i32.const 0x1100) "environ_get_gives_each_variable_verbatim\00")
  (func $case_environ_get_gives_each_variable_verbatim
    (call $must (global.get $l_count) (call $environ_sizes_get (i32.const 0x20) (i32.const 0x24)))
    (call $must (global.get $l_env) (call $environ_get (i32.const 0x18000) (i32.const 0x18100)))
    (call $show_strings (global.get $l_env) (i32.const 0x18000) (i32.load (i32.const 0x20))))

  ;; A string buffer running past the end of memory traps.
  (data (i32.const 0x1140) "environ_get_out_of_bounds_traps\00")
  (func $case_environ_get_out_of_bounds_traps
    (drop (call $environ_get (i32.const 0x18000) (i32.const 0x3FFFE))))

  ;; ---- clocks ----------------------------------------------------------

  ;; Every clock has a resolution, and it is not 0.
  (data (i32.const 0x1180) "clock_res_get_of_every_clock\00")
  (func $case_clock_res_get_of_every_clock
    (local $id i32)
    (loop $next
      (call $say (global.get $l_res) (call $clock_res_get (local.get $id) (i32.const 0x28)))
      (call $say (global.get $l_positive) (i64.ne (i64.load (i32.const 0x28)) (i64.const 0)))
      (local.set $id (i32.add (local.get $id) (i32.const 1)))
      (br_if $next (i32.le_u (local.get $id) (i32.const 3)))))

  ;; Clock ids above 3 are INVAL, for both calls.
  (data (i32.const 0x11C0) "an_unknown_clock_is_inval\00")
  (func $case_an_unknown_clock_is_inval
    (call $say (global.get $l_res) (call $clock_res_get (i32.const 4) (i32.const 0x28)))
    (call $say (global.get $l_time) (call $clock_time_get (i32.const 4) (i64.const 0) (i32.const 0x28))))

  ;; Two monotonic readings in a row strictly increase (the WASI test suite
  ;; asserts "<"), whatever precision is asked for.
  (data (i32.const 0x1200) "monotonic_time_strictly_increases\00")
  (func $case_monotonic_time_strictly_increases
    (local $t0 i64)
    (call $say (global.get $l_time) (call $clock_time_get (i32.const 1) (i64.const 0) (i32.const 0x28)))
    (local.set $t0 (i64.load (i32.const 0x28)))
    (call $say (global.get $l_time) (call $clock_time_get (i32.const 1) (i64.const -1) (i32.const 0x28)))
    (call $say (global.get $l_increasing) (i64.gt_u (i64.load (i32.const 0x28)) (local.get $t0))))

  ;; Realtime is a plausible date: after 2020-01-01.
  (data (i32.const 0x1240) "realtime_is_after_2020\00")
  (func $case_realtime_is_after_2020
    (call $say (global.get $l_time) (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 0x28)))
    (call $say (global.get $l_after_2020)
      (i64.gt_u (i64.load (i32.const 0x28)) (i64.const 1577836800000000000))))

  ;; The CPU-time clocks can be read too.
  (data (i32.const 0x1280) "cputime_clocks_can_be_read\00")
  (func $case_cputime_clocks_can_be_read
    (call $say (global.get $l_time) (call $clock_time_get (i32.const 2) (i64.const 0) (i32.const 0x28)))
    (call $say (global.get $l_time) (call $clock_time_get (i32.const 3) (i64.const 0) (i32.const 0x28))))

  ;; An output pointer past the end of memory traps.
  (data (i32.const 0x12C0) "clock_time_get_out_of_bounds_traps\00")
  (func $case_clock_time_get_out_of_bounds_traps
    (drop (call $clock_time_get (i32.const 1) (i64.const 0) (i32.const 0x3FFFC))))

  ;; ---- random_get ------------------------------------------------------

  ;; random_get fills the buffer (32 zero bytes do not stay zero), and two
  ;; calls give different bytes.
  (data (i32.const 0x1300) "random_get_fills_the_buffer\00")
  (func $case_random_get_fills_the_buffer
    (local $i i32) (local $nonzero i32) (local $differs i32)
    (memory.fill (i32.const 0x4000) (i32.const 0) (i32.const 0x200))
    (call $say (global.get $l_random) (call $random_get (i32.const 0x4000) (i32.const 32)))
    (call $say (global.get $l_random) (call $random_get (i32.const 0x4100) (i32.const 32)))
    (loop $next
      (local.set $nonzero (i32.or (local.get $nonzero)
        (i32.ne (i32.load8_u (i32.add (i32.const 0x4000) (local.get $i))) (i32.const 0))))
      (local.set $differs (i32.or (local.get $differs)
        (i32.ne (i32.load8_u (i32.add (i32.const 0x4000) (local.get $i)))
                (i32.load8_u (i32.add (i32.const 0x4100) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const 32))))
    (call $say (global.get $l_nonzero) (local.get $nonzero))
    (call $say (global.get $l_differs) (local.get $differs)))

  ;; Zero bytes is fine, even at the very end of memory.
  (data (i32.const 0x1340) "random_get_of_zero_bytes_succeeds\00")
  (func $case_random_get_of_zero_bytes_succeeds
    (call $say (global.get $l_random) (call $random_get (i32.const 0x4000) (i32.const 0)))
    (call $say (global.get $l_random) (call $random_get (i32.const 0x40000) (i32.const 0))))

  ;; A buffer past the end of memory traps.
  (data (i32.const 0x1380) "random_get_out_of_bounds_traps\00")
  (func $case_random_get_out_of_bounds_traps
    (drop (call $random_get (i32.const 0x3FFF0) (i32.const 32))))

  ;; ---- proc_exit, proc_raise, sched_yield ------------------------------

  ;; proc_exit(33) ends the guest with 33 at once: nothing after it runs.
  (data (i32.const 0x13C0) "proc_exit_ends_with_its_code\00")
  (func $case_proc_exit_ends_with_its_code
    (call $say (global.get $l_before) (i32.const 1))
    (call $proc_exit (i32.const 33))
    (call $say (global.get $l_after) (i32.const 1)))

  ;; proc_exit(0) ends the guest too, successfully.
  (data (i32.const 0x1400) "proc_exit_0_ends_the_guest\00")
  (func $case_proc_exit_0_ends_the_guest
    (call $say (global.get $l_before) (i32.const 1))
    (call $proc_exit (i32.const 0))
    (call $say (global.get $l_after) (i32.const 1)))

  ;; proc_raise(TERM) stops the guest with a trap naming the signal; the
  ;; host process is never signalled (the test binary survives).
  (data (i32.const 0x1440) "proc_raise_traps\00")
  (func $case_proc_raise_traps
    (call $say (global.get $l_before) (i32.const 1))
    (call $say (global.get $l_raise) (call $proc_raise (i32.const 15)))
    (call $say (global.get $l_after) (i32.const 1)))

  ;; An unknown signal number is INVAL (also one that does not fit the u8),
  ;; and the guest goes on.
  (data (i32.const 0x1480) "proc_raise_of_an_unknown_signal_is_inval\00")
  (func $case_proc_raise_of_an_unknown_signal_is_inval
    (call $say (global.get $l_raise) (call $proc_raise (i32.const 99)))
    (call $say (global.get $l_raise) (call $proc_raise (i32.const 271)))
    (call $say (global.get $l_after) (i32.const 1)))

  ;; sched_yield succeeds.
  (data (i32.const 0x14C0) "sched_yield_succeeds\00")
  (func $case_sched_yield_succeeds
    (call $say (global.get $l_yield) (call $sched_yield)))

  ;; ---- sockets ---------------------------------------------------------

  ;; There are no sockets: on an open file every socket call is NOTSOCK.
  (data (i32.const 0x1500) "sockets_on_a_file_are_notsock\00")
  (func $case_sockets_on_a_file_are_notsock
    (call $sockets (call $open_f) (i32.const 0)))

  ;; On stdout too (the WASI test suite: sock_shutdown-not_sock).
  (data (i32.const 0x1540) "sockets_on_stdout_are_notsock\00")
  (func $case_sockets_on_stdout_are_notsock
    (call $sockets (i32.const 1) (i32.const 0)))

  ;; On a number that is not open, BADF (sock_shutdown-invalid_fd).
  (data (i32.const 0x1580) "sockets_on_a_closed_fd_are_badf\00")
  (func $case_sockets_on_a_closed_fd_are_badf
    (call $sockets (i32.const 99) (i32.const 0)))

  ;; Bad flag bits (0x100; for sock_shutdown, how = RD|0x100) do not hide
  ;; what is wrong with the descriptor: the descriptor is checked first, as
  ;; POSIX shutdown looks up the socket before its `how`.
  (data (i32.const 0x15C0) "bad_socket_flags_on_a_non_socket\00")
  (func $case_bad_socket_flags_on_a_non_socket
    (call $sockets (i32.const 1) (i32.const 0x100))
    (call $sockets (i32.const 99) (i32.const 0x100)))

  ;; Buffers are checked before the descriptor: an out-of-bounds iovec array
  ;; traps even on a closed number.
  (data (i32.const 0x1600) "sock_send_out_of_bounds_traps\00")
  (func $case_sock_send_out_of_bounds_traps
    (drop (call $sock_send (i32.const 99) (i32.const 0x3FFFC) (i32.const 1) (i32.const 0) (i32.const 0x20))))

  ;; ---- main ------------------------------------------------------------

  (func (export "_start")
    (call $load_args)
    (if (call $is (i32.const 0x1000)) (then (call $case_args_sizes_count_every_argument) (return)))
    (if (call $is (i32.const 0x1040)) (then (call $case_args_get_gives_each_argument_verbatim) (return)))
    (if (call $is (i32.const 0x1080)) (then (call $case_args_get_out_of_bounds_traps) (return)))
    (if (call $is (i32.const 0x10C0)) (then (call $case_environ_sizes_count_every_variable) (return)))
    (if (call $is (i32.const 0x1100)) (then (call $case_environ_get_gives_each_variable_verbatim) (return)))
    (if (call $is (i32.const 0x1140)) (then (call $case_environ_get_out_of_bounds_traps) (return)))
    (if (call $is (i32.const 0x1180)) (then (call $case_clock_res_get_of_every_clock) (return)))
    (if (call $is (i32.const 0x11C0)) (then (call $case_an_unknown_clock_is_inval) (return)))
    (if (call $is (i32.const 0x1200)) (then (call $case_monotonic_time_strictly_increases) (return)))
    (if (call $is (i32.const 0x1240)) (then (call $case_realtime_is_after_2020) (return)))
    (if (call $is (i32.const 0x1280)) (then (call $case_cputime_clocks_can_be_read) (return)))
    (if (call $is (i32.const 0x12C0)) (then (call $case_clock_time_get_out_of_bounds_traps) (return)))
    (if (call $is (i32.const 0x1300)) (then (call $case_random_get_fills_the_buffer) (return)))
    (if (call $is (i32.const 0x1340)) (then (call $case_random_get_of_zero_bytes_succeeds) (return)))
    (if (call $is (i32.const 0x1380)) (then (call $case_random_get_out_of_bounds_traps) (return)))
    (if (call $is (i32.const 0x13C0)) (then (call $case_proc_exit_ends_with_its_code) (return)))
    (if (call $is (i32.const 0x1400)) (then (call $case_proc_exit_0_ends_the_guest) (return)))
    (if (call $is (i32.const 0x1440)) (then (call $case_proc_raise_traps) (return)))
    (if (call $is (i32.const 0x1480)) (then (call $case_proc_raise_of_an_unknown_signal_is_inval) (return)))
    (if (call $is (i32.const 0x14C0)) (then (call $case_sched_yield_succeeds) (return)))
    (if (call $is (i32.const 0x1500)) (then (call $case_sockets_on_a_file_are_notsock) (return)))
    (if (call $is (i32.const 0x1540)) (then (call $case_sockets_on_stdout_are_notsock) (return)))
    (if (call $is (i32.const 0x1580)) (then (call $case_sockets_on_a_closed_fd_are_badf) (return)))
    (if (call $is (i32.const 0x15C0)) (then (call $case_bad_socket_flags_on_a_non_socket) (return)))
    (if (call $is (i32.const 0x1600)) (then (call $case_sock_send_out_of_bounds_traps) (return)))
    (call $unknown))
)
