;; trap.wat -- writes "before trap\n" to stdout, then traps (`unreachable`).
;; A host must report the trap as an error (not as an exit status) and the
;; output written before it must still reach stdout.
;;
;; Memory: 0 iovec, 8 nwritten, 16 the message.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "before trap\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))   ;; iovec.buf
    (i32.store (i32.const 4) (i32.const 12))   ;; iovec.buf_len
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    unreachable)
)
