;; clock_random.wat -- exercises the clocks and the random source.
;;
;; Calls, in order:
;;   clock_time_get(REALTIME = 0, precision 1) -> t1
;;   clock_time_get(REALTIME = 0, precision 1) -> t2
;;   clock_time_get(MONOTONIC = 1, precision 1) -> t
;;   clock_res_get(MONOTONIC = 1) -> r
;;   random_get(buf, 16)
;; and writes one line to stdout:
;;   realtime=<t1> <t2> monotonic=<t> res=<r> random=<32 lowercase hex>\n
;; (decimal u64 nanoseconds). Exit status 3 if any call returns an errno
;; other than 0; 4 if writing stdout fails; otherwise 0.
;;
;; Memory layout:
;;   0    iovec {buf_ptr, buf_len}, 8: u32 nwritten
;;   16   u64 t1, 24: u64 t2, 32: u64 monotonic, 40: u64 resolution
;;   64   16 random bytes
;;   128  "0123456789abcdef"
;;   144  literal pieces of the output line (see the data segments)
;;   256  scratch for $emit_u64 (digits written backwards from 288)
;;   512  the output line, appended to at $out
(module
  (import "wasi_snapshot_preview1" "clock_time_get"
    (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_res_get"
    (func $clock_res_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get"
    (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit"
    (func $proc_exit (param i32)))

  (memory (export "memory") 1)

  (data (i32.const 128) "0123456789abcdef")
  (data (i32.const 144) "realtime=")      ;; 9 bytes
  (data (i32.const 160) " monotonic=")    ;; 11 bytes
  (data (i32.const 176) " res=")          ;; 5 bytes
  (data (i32.const 192) " random=")       ;; 8 bytes
  (data (i32.const 208) " \n")            ;; " " at 208, "\n" at 209

  (global $LINE i32 (i32.const 512))
  (global $out (mut i32) (i32.const 512))  ;; end of the line built so far

  ;; Exit 3 unless `errno` is 0.
  (func $check (param $errno i32)
    (if (local.get $errno) (then (call $proc_exit (i32.const 3)))))

  ;; Append `len` bytes at `ptr` to the line.
  (func $emit (param $ptr i32) (param $len i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $len)))
        (i32.store8 (global.get $out) (i32.load8_u (local.get $ptr)))
        (global.set $out (i32.add (global.get $out) (i32.const 1)))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $again))))

  ;; Append the u64 `n` in decimal (up to 20 digits).
  (func $emit_u64 (param $n i64)
    (local $p i32)
    (local.set $p (i32.const 288))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $n) (i64.const 10)))))
      (local.set $n (i64.div_u (local.get $n) (i64.const 10)))
      (br_if $digit (i64.ne (local.get $n) (i64.const 0))))
    (call $emit (local.get $p) (i32.sub (i32.const 288) (local.get $p))))

  ;; Append `len` bytes at `ptr` as lowercase hex, two digits per byte.
  (func $emit_hex (param $ptr i32) (param $len i32)
    (local $b i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $len)))
        (local.set $b (i32.load8_u (local.get $ptr)))
        (call $emit (i32.add (i32.const 128) (i32.shr_u (local.get $b) (i32.const 4))) (i32.const 1))
        (call $emit (i32.add (i32.const 128) (i32.and (local.get $b) (i32.const 15))) (i32.const 1))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $again))))

  (func (export "_start")
    (local $ptr i32)
    (local $len i32)
    (call $check (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 16)))
    (call $check (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 24)))
    (call $check (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 32)))
    (call $check (call $clock_res_get (i32.const 1) (i32.const 40)))
    (call $check (call $random_get (i32.const 64) (i32.const 16)))

    (call $emit (i32.const 144) (i32.const 9))        ;; "realtime="
    (call $emit_u64 (i64.load (i32.const 16)))
    (call $emit (i32.const 208) (i32.const 1))        ;; " "
    (call $emit_u64 (i64.load (i32.const 24)))
    (call $emit (i32.const 160) (i32.const 11))       ;; " monotonic="
    (call $emit_u64 (i64.load (i32.const 32)))
    (call $emit (i32.const 176) (i32.const 5))        ;; " res="
    (call $emit_u64 (i64.load (i32.const 40)))
    (call $emit (i32.const 192) (i32.const 8))        ;; " random="
    (call $emit_hex (i32.const 64) (i32.const 16))
    (call $emit (i32.const 209) (i32.const 1))        ;; "\n"

    ;; Write the line, retrying short writes.
    (local.set $ptr (global.get $LINE))
    (local.set $len (i32.sub (global.get $out) (global.get $LINE)))
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $len)))
        (i32.store (i32.const 0) (local.get $ptr))
        (i32.store (i32.const 4) (local.get $len))
        (if (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))
          (then (call $proc_exit (i32.const 4))))
        (if (i32.eqz (i32.load (i32.const 8)))
          (then (call $proc_exit (i32.const 4))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.load (i32.const 8))))
        (local.set $len (i32.sub (local.get $len) (i32.load (i32.const 8))))
        (br $again))))
)
