;; exit_code.wat -- writes "exiting\n" to stderr, then proc_exit(42).
;; A host must report exit status 42 (an exit, not a trap).
;;
;; Memory: 0 iovec, 8 nwritten, 16 the message.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit"
    (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "exiting\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))   ;; iovec.buf
    (i32.store (i32.const 4) (i32.const 8))    ;; iovec.buf_len
    (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $proc_exit (i32.const 42))
    ;; proc_exit does not return.
    unreachable)
)
