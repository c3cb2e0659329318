;; no_start.wat -- a module that exports `memory` but no `_start` function
;; (nor `_initialize`). A host asked to run it as a WASI command must refuse
;; it with a clear error, not trap or crash. It imports proc_exit (unused) so
;; that it links against the host like a real guest.
(module
  (import "wasi_snapshot_preview1" "proc_exit"
    (func $proc_exit (param i32)))
  (memory (export "memory") 1)
)
