;; no_memory.wat -- a module that exports `_start` (which just returns) but
;; neither defines nor exports a memory. WASI passes every buffer through the
;; exported `memory`, so a host must refuse it with a clear error. It imports
;; proc_exit (unused) so that it links against the host like a real guest.
(module
  (import "wasi_snapshot_preview1" "proc_exit"
    (func $proc_exit (param i32)))
  (func (export "_start"))
)
