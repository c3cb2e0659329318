;; args_env.wat -- prints its arguments and environment.
;;
;; Output on stdout, one line each (the strings are printed raw, as bytes):
;;   arg[0]=<argv[0]>
;;   ...
;;   env[0]=<first environment entry, NAME=value>
;;   ...
;;   argc=<N> envc=<M>
;; Exit status 0; 3 if args_sizes_get/args_get/environ_sizes_get/environ_get
;; fail or memory cannot grow to hold their data; 4 if writing stdout fails.
;; args_get and environ_get are called even when the count is 0 (valid per
;; WASI; wasi-libc skips environ_get in that case). Node's uvwasi answers
;; environ_get on an empty environment with EINVAL, so under node this exits 3
;; unless at least one variable is set; a correct host returns 0.
;;
;; Memory layout (starts with 1 page, grows as needed):
;;   0     iovec {buf_ptr, buf_len}, 8: u32 nwritten
;;   16    u32 argc, 20: u32 argv_buf_size, 24: u32 envc, 28: u32 environ_buf_size
;;   64    scratch for $print_u32 (digits written backwards from 96)
;;   128   literal pieces of the output (see the data segments)
;;   1024  argv pointers, argv strings, environ pointers, environ strings
(module
  (import "wasi_snapshot_preview1" "args_sizes_get"
    (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get"
    (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get"
    (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get"
    (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit"
    (func $proc_exit (param i32)))

  (memory (export "memory") 1)

  (data (i32.const 128) "arg[")     ;; 4 bytes
  (data (i32.const 136) "]=")       ;; 2 bytes
  (data (i32.const 144) "env[")     ;; 4 bytes
  (data (i32.const 152) "\n")       ;; 1 byte
  (data (i32.const 160) "argc=")    ;; 5 bytes
  (data (i32.const 176) " envc=")   ;; 6 bytes

  (global $heap (mut i32) (i32.const 1024))  ;; next free byte

  ;; Reserve `size` bytes (4-aligned), growing memory if needed; exit 3 if
  ;; memory cannot grow.
  (func $alloc (param $size i32) (result i32)
    (local $ptr i32) (local $end i32) (local $have i32)
    (local.set $ptr (global.get $heap))
    (local.set $end
      (i32.and (i32.add (i32.add (local.get $ptr) (local.get $size)) (i32.const 3))
               (i32.const -4)))
    (local.set $have (i32.shl (memory.size) (i32.const 16)))
    (if (i32.gt_u (local.get $end) (local.get $have))
      (then
        (if (i32.eq (i32.const -1)
              (memory.grow
                (i32.shr_u
                  (i32.add (i32.sub (local.get $end) (local.get $have)) (i32.const 65535))
                  (i32.const 16))))
          (then (call $proc_exit (i32.const 3))))))
    (global.set $heap (local.get $end))
    (local.get $ptr))

  ;; Exit 3 unless `errno` is 0.
  (func $check (param $errno i32)
    (if (local.get $errno) (then (call $proc_exit (i32.const 3)))))

  ;; Write all `len` bytes at `ptr` to stdout; exit 4 if impossible.
  (func $print (param $ptr i32) (param $len i32)
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

  ;; Print `n` in decimal to stdout.
  (func $print_u32 (param $n i32)
    (local $p i32)
    (local.set $p (i32.const 96))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digit (local.get $n)))
    (call $print (local.get $p) (i32.sub (i32.const 96) (local.get $p))))

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

  ;; For i in 0..count print "<prefix>i]=<string i>\n", where the string
  ;; pointers are the u32 array at `ptrs` and `prefix` is 4 bytes long.
  (func $print_list (param $prefix i32) (param $ptrs i32) (param $count i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $s (i32.load (i32.add (local.get $ptrs) (i32.shl (local.get $i) (i32.const 2)))))
        (call $print (local.get $prefix) (i32.const 4))          ;; "arg[" / "env["
        (call $print_u32 (local.get $i))
        (call $print (i32.const 136) (i32.const 2))              ;; "]="
        (call $print (local.get $s) (call $strlen (local.get $s)))
        (call $print (i32.const 152) (i32.const 1))              ;; "\n"
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $again))))

  (func (export "_start")
    (local $argc i32) (local $argv i32)
    (local $envc i32) (local $envp i32)

    ;; Arguments: sizes, then the pointer array and the string buffer.
    (call $check (call $args_sizes_get (i32.const 16) (i32.const 20)))
    (local.set $argc (i32.load (i32.const 16)))
    (local.set $argv (call $alloc (i32.shl (local.get $argc) (i32.const 2))))
    (call $check (call $args_get (local.get $argv) (call $alloc (i32.load (i32.const 20)))))

    ;; Environment: the same.
    (call $check (call $environ_sizes_get (i32.const 24) (i32.const 28)))
    (local.set $envc (i32.load (i32.const 24)))
    (local.set $envp (call $alloc (i32.shl (local.get $envc) (i32.const 2))))
    (call $check (call $environ_get (local.get $envp) (call $alloc (i32.load (i32.const 28)))))

    (call $print_list (i32.const 128) (local.get $argv) (local.get $argc))
    (call $print_list (i32.const 144) (local.get $envp) (local.get $envc))

    ;; "argc=N envc=M\n"
    (call $print (i32.const 160) (i32.const 5))
    (call $print_u32 (local.get $argc))
    (call $print (i32.const 176) (i32.const 6))
    (call $print_u32 (local.get $envc))
    (call $print (i32.const 152) (i32.const 1)))
)
