;; simd.wat: a guest that uses v128 instructions, as Rust and C++ modules built with LTO or
;; -msimd128 do. It adds two i32x4 vectors, multiplies the sum by a third lane-wise, shuffles
;; the bytes, and prints the four lanes and a horizontal sum in decimal:
;;   lanes 11 44 99 176
;;   sum 330
;; A host without SIMD support rejects the module before it runs.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)

  ;; Memory layout: 0..16 iovec + nwritten, 64.. the output line being built.
  (global $out (mut i32) (i32.const 64))

  ;; Appends the byte `c` to the output line.
  (func $putc (param $c i32)
    (i32.store8 (global.get $out) (local.get $c))
    (global.set $out (i32.add (global.get $out) (i32.const 1))))

  ;; Appends the decimal digits of `n` (recursively, most significant first).
  (func $putn (param $n i32)
    (if (i32.ge_u (local.get $n) (i32.const 10))
      (then (call $putn (i32.div_u (local.get $n) (i32.const 10)))))
    (call $putc (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10)))))

  ;; Appends a space and `n`.
  (func $put_lane (param $n i32)
    (call $putc (i32.const 32))
    (call $putn (local.get $n)))

  (func (export "_start")
    (local $v v128)
    ;; (1, 2, 3, 4) + (10, 20, 30, 40) = (11, 22, 33, 44), times (1, 2, 3, 4) = (11, 44, 99, 176)
    (local.set $v
      (i32x4.mul
        (i32x4.add (v128.const i32x4 1 2 3 4) (v128.const i32x4 10 20 30 40))
        (v128.const i32x4 1 2 3 4)))
    ;; A byte shuffle that swaps nothing (identity), to use i8x16.shuffle too.
    (local.set $v
      (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (local.get $v) (local.get $v)))
    ;; "lanes"
    (call $putc (i32.const 108)) (call $putc (i32.const 97)) (call $putc (i32.const 110))
    (call $putc (i32.const 101)) (call $putc (i32.const 115))
    (call $put_lane (i32x4.extract_lane 0 (local.get $v)))
    (call $put_lane (i32x4.extract_lane 1 (local.get $v)))
    (call $put_lane (i32x4.extract_lane 2 (local.get $v)))
    (call $put_lane (i32x4.extract_lane 3 (local.get $v)))
    (call $putc (i32.const 10))
    ;; "sum" of the lanes, through two pairwise adds.
    (local.set $v (i32x4.add (local.get $v) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))
    (local.set $v (i32x4.add (local.get $v) (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $v) (local.get $v))))
    (call $putc (i32.const 115)) (call $putc (i32.const 117)) (call $putc (i32.const 109))
    (call $put_lane (i32x4.extract_lane 0 (local.get $v)))
    (call $putc (i32.const 10))
    ;; fd_write(1, [64, out - 64])
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.sub (global.get $out) (i32.const 64)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
