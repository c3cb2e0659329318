;; path_probe.wat -- run one filesystem operation chosen by argv and print
;; its WASI errno, so that sandbox tests can probe the host with arbitrary
;; paths (including NUL bytes and non-UTF-8 bytes) without a new guest each.
;;
;; Usage: path_probe OP PATH
;;   PATH is percent-decoded before use: "%XX" (two hex digits, either case)
;;   becomes the byte 0xXX, so "%00" is a NUL and "%FF" a non-UTF-8 byte; a
;;   "%" not followed by two hex digits stays a literal "%".
;;
;; Output: the decimal WASI errno of the operation and "\n" on stdout (0 for
;; success); exit status 0. Bad argv (no OP or PATH, unknown OP, or a
;; write-badfd argument that is not a decimal u32) prints "usage\n" to
;; stderr and exits 2. If writing the result to stdout fails: exit 3.
;;
;; Ops (every path is relative to fd 3, the preopened "/"):
;;   open PATH           path_open(3, SYMLINK_FOLLOW, PATH, oflags 0,
;;                       FD_READ|FD_SEEK|FD_TELL|FD_FILESTAT_GET|FD_READDIR,
;;                       0, fdflags 0), then fd_close the new fd
;;   open-nofollow PATH  the same with dirflags 0 (symlinks not followed)
;;   open-dir PATH       the same as `open` with oflags DIRECTORY
;;   open-write PATH     oflags 0, rights FD_WRITE only
;;   create-excl PATH    oflags CREAT|EXCL, rights FD_WRITE|FD_READ
;;   create PATH         oflags CREAT, rights FD_WRITE|FD_READ
;;   write-readonly PATH open with rights FD_READ only, then fd_write "x" to
;;                       it: prints the errno of the open if it failed, else
;;                       that of the fd_write
;;   write-badfd N       fd_write "x" to fd N (decimal)
;;   stat PATH           path_filestat_get(3, SYMLINK_FOLLOW, PATH)
;;   stat-nofollow PATH  path_filestat_get(3, 0, PATH)
;;   read PATH           open as `open`, fd_read until end-of-file or 64 KiB,
;;                       write those bytes to stdout, then the errno line
;; Printed errno: the first failing call's. For the ops that open a file, a
;; successful open is followed by fd_close, and a failing fd_close is
;; reported if nothing failed before it.
;;
;; Memory layout (starts with 3 pages, grows if argv needs more):
;;   0       iovec {buf_ptr: u32, buf_len: u32}
;;   8       u32 nwritten / nread
;;   12      u32 fd returned by path_open
;;   16      u32 argc, 20: u32 argv_buf_size (from args_sizes_get)
;;   64      64-byte filestat scratch for path_filestat_get
;;   128     "usage\n", 136: "\n", 137: "x"
;;   160..   op names, one every 16 bytes (see the data segments)
;;   1024    scratch for $print_u32 (digits are written backwards from 1040)
;;   65536   64 KiB read buffer for `read`
;;   131072  argv: argc pointers, then the argv strings. PATH is decoded in
;;           place (decoding never makes a string longer).
(module
  (import "wasi_snapshot_preview1" "args_sizes_get"
    (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get"
    (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read"
    (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close"
    (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit"
    (func $proc_exit (param i32)))

  (memory (export "memory") 3)

  ;; Rights bits: FD_READ = 1<<1, FD_SEEK = 1<<2, FD_TELL = 1<<5,
  ;; FD_WRITE = 1<<6, FD_READDIR = 1<<14, FD_FILESTAT_GET = 1<<21.
  (global $RIGHTS_OPEN i64 (i64.const 0x204026)) ;; READ|SEEK|TELL|FILESTAT_GET|READDIR
  (global $RIGHTS_WRITE i64 (i64.const 0x40))    ;; WRITE
  (global $RIGHTS_RW i64 (i64.const 0x42))       ;; WRITE|READ
  (global $RIGHTS_READ i64 (i64.const 0x2))      ;; READ
  ;; oflags: CREAT = 1, DIRECTORY = 2, EXCL = 4, TRUNC = 8
  ;; lookupflags: SYMLINK_FOLLOW = 1

  (global $READBUF i32 (i32.const 65536))
  (global $READBUF_LEN i32 (i32.const 65536))
  (global $ARGV i32 (i32.const 131072))

  ;; argv[1] (the op) and the decoded argv[2] (the path).
  (global $op (mut i32) (i32.const 0))
  (global $op_len (mut i32) (i32.const 0))
  (global $path (mut i32) (i32.const 0))
  (global $path_len (mut i32) (i32.const 0))

  (data (i32.const 128) "usage\n")
  (data (i32.const 136) "\n")
  (data (i32.const 137) "x")
  (data (i32.const 160) "open")
  (data (i32.const 176) "open-nofollow")
  (data (i32.const 192) "open-dir")
  (data (i32.const 208) "open-write")
  (data (i32.const 224) "create-excl")
  (data (i32.const 240) "create")
  (data (i32.const 256) "write-readonly")
  (data (i32.const 272) "write-badfd")
  (data (i32.const 288) "stat")
  (data (i32.const 304) "stat-nofollow")
  (data (i32.const 320) "read")

  ;; ---- output ----------------------------------------------------------

  ;; Write all `len` bytes at `ptr` to `fd`; exit 3 if that is impossible.
  (func $write_all (param $fd i32) (param $ptr i32) (param $len i32)
    (local $n i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $len)))
        (i32.store (i32.const 0) (local.get $ptr))
        (i32.store (i32.const 4) (local.get $len))
        (if (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))
          (then (call $proc_exit (i32.const 3))))
        (local.set $n (i32.load (i32.const 8)))
        (if (i32.eqz (local.get $n))
          (then (call $proc_exit (i32.const 3))))
        (local.set $ptr (i32.add (local.get $ptr) (local.get $n)))
        (local.set $len (i32.sub (local.get $len) (local.get $n)))
        (br $again))))

  ;; Print `n` in decimal to `fd`.
  (func $print_u32 (param $fd i32) (param $n i32)
    (local $p i32)
    (local.set $p (i32.const 1040))               ;; one past the last digit
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digit (local.get $n)))
    (call $write_all (local.get $fd) (local.get $p) (i32.sub (i32.const 1040) (local.get $p))))

  ;; Print "usage\n" to stderr and exit 2.
  (func $usage
    (call $write_all (i32.const 2) (i32.const 128) (i32.const 6))
    (call $proc_exit (i32.const 2)))

  ;; ---- argv ------------------------------------------------------------

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

  ;; Pointer to argv[i] (valid once args_get has run).
  (func $arg (param $i i32) (result i32)
    (i32.load (i32.add (global.get $ARGV) (i32.shl (local.get $i) (i32.const 2)))))

  ;; Read argv into memory at $ARGV, growing memory if needed; return argc.
  (func $load_args (result i32)
    (local $argc i32)
    (local $need i32)
    (local $have i32)
    (if (call $args_sizes_get (i32.const 16) (i32.const 20))
      (then (call $usage)))
    (local.set $argc (i32.load (i32.const 16)))
    (local.set $need
      (i32.add (global.get $ARGV)
        (i32.add (i32.shl (local.get $argc) (i32.const 2)) (i32.load (i32.const 20)))))
    (local.set $have (i32.shl (memory.size) (i32.const 16)))
    (if (i32.gt_u (local.get $need) (local.get $have))
      (then
        (if (i32.eq (i32.const -1)
              (memory.grow
                (i32.shr_u
                  (i32.add (i32.sub (local.get $need) (local.get $have)) (i32.const 65535))
                  (i32.const 16))))
          (then (call $usage)))))
    (if (call $args_get
          (global.get $ARGV)
          (i32.add (global.get $ARGV) (i32.shl (local.get $argc) (i32.const 2))))
      (then (call $usage)))
    (local.get $argc))

  ;; Value of the hex digit `c` (0-9, a-f, A-F), or -1.
  (func $hexval (param $c i32) (result i32)
    (if (i32.and (i32.ge_u (local.get $c) (i32.const 48)) (i32.le_u (local.get $c) (i32.const 57)))
      (then (return (i32.sub (local.get $c) (i32.const 48)))))
    (local.set $c (i32.or (local.get $c) (i32.const 0x20)))   ;; ASCII lower-case
    (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 102)))
      (then (return (i32.sub (local.get $c) (i32.const 87)))))
    (i32.const -1))

  ;; Percent-decode the `len` bytes at `p` in place; return the new length.
  (func $percent_decode (param $p i32) (param $len i32) (result i32)
    (local $r i32) (local $w i32) (local $c i32) (local $hi i32) (local $lo i32)
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (local.get $r) (local.get $len)))
        (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $r))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        ;; "%XX" with two more bytes available, both hex digits?
        (if (i32.and
              (i32.eq (local.get $c) (i32.const 37))               ;; '%'
              (i32.le_u (i32.add (local.get $r) (i32.const 2)) (local.get $len)))
          (then
            (local.set $hi (call $hexval (i32.load8_u (i32.add (local.get $p) (local.get $r)))))
            (local.set $lo (call $hexval
              (i32.load8_u (i32.add (local.get $p) (i32.add (local.get $r) (i32.const 1))))))
            (if (i32.and (i32.ge_s (local.get $hi) (i32.const 0))
                         (i32.ge_s (local.get $lo) (i32.const 0)))
              (then
                (local.set $c (i32.or (i32.shl (local.get $hi) (i32.const 4)) (local.get $lo)))
                (local.set $r (i32.add (local.get $r) (i32.const 2)))))))
        (i32.store8 (i32.add (local.get $p) (local.get $w)) (local.get $c))
        (local.set $w (i32.add (local.get $w) (i32.const 1)))
        (br $again)))
    (local.get $w))

  ;; Is the op (argv[1]) equal to the `len`-byte name at `name`?
  (func $op_is (param $name i32) (param $len i32) (result i32)
    (local $i i32)
    (if (i32.ne (local.get $len) (global.get $op_len))
      (then (return (i32.const 0))))
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (if (i32.ne (i32.load8_u (i32.add (local.get $name) (local.get $i)))
                    (i32.load8_u (i32.add (global.get $op) (local.get $i))))
          (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $again)))
    (i32.const 1))

  ;; Parse the path as a decimal u32 (for write-badfd); usage error if not.
  (func $path_as_u32 (result i32)
    (local $i i32) (local $c i32) (local $n i64)
    (if (i32.eqz (global.get $path_len)) (then (call $usage)))
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (local.get $i) (global.get $path_len)))
        (local.set $c (i32.sub (i32.load8_u (i32.add (global.get $path) (local.get $i))) (i32.const 48)))
        (if (i32.gt_u (local.get $c) (i32.const 9)) (then (call $usage)))
        (local.set $n (i64.add (i64.mul (local.get $n) (i64.const 10)) (i64.extend_i32_u (local.get $c))))
        (if (i64.gt_u (local.get $n) (i64.const 0xFFFFFFFF)) (then (call $usage)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $again)))
    (i32.wrap_i64 (local.get $n)))

  ;; ---- operations (each returns a WASI errno) --------------------------

  ;; path_open(3, dirflags, PATH, oflags, rights, 0, 0); the fd goes to [12].
  (func $open (param $dirflags i32) (param $oflags i32) (param $rights i64) (result i32)
    (call $path_open
      (i32.const 3) (local.get $dirflags)
      (global.get $path) (global.get $path_len)
      (local.get $oflags) (local.get $rights) (i64.const 0) (i32.const 0)
      (i32.const 12)))

  ;; Open, and close again if that worked.
  (func $open_close (param $dirflags i32) (param $oflags i32) (param $rights i64) (result i32)
    (local $errno i32)
    (local.set $errno (call $open (local.get $dirflags) (local.get $oflags) (local.get $rights)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (call $fd_close (i32.load (i32.const 12))))

  ;; fd_write the single byte "x" to `fd`.
  (func $write_x (param $fd i32) (result i32)
    (i32.store (i32.const 0) (i32.const 137))
    (i32.store (i32.const 4) (i32.const 1))
    (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))

  ;; Open read-only, try to write.
  (func $write_readonly (result i32)
    (local $errno i32) (local $fd i32) (local $close i32)
    (local.set $errno (call $open (i32.const 1) (i32.const 0) (global.get $RIGHTS_READ)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (local.set $fd (i32.load (i32.const 12)))
    (local.set $errno (call $write_x (local.get $fd)))
    (local.set $close (call $fd_close (local.get $fd)))
    (if (result i32) (local.get $errno)
      (then (local.get $errno))
      (else (local.get $close))))

  ;; Open, read up to 64 KiB, echo it to stdout.
  (func $read (result i32)
    (local $errno i32) (local $fd i32) (local $close i32) (local $total i32) (local $n i32)
    (local.set $errno (call $open (i32.const 1) (i32.const 0) (global.get $RIGHTS_OPEN)))
    (if (local.get $errno) (then (return (local.get $errno))))
    (local.set $fd (i32.load (i32.const 12)))
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (local.get $total) (global.get $READBUF_LEN)))
        (i32.store (i32.const 0) (i32.add (global.get $READBUF) (local.get $total)))
        (i32.store (i32.const 4) (i32.sub (global.get $READBUF_LEN) (local.get $total)))
        (local.set $errno (call $fd_read (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
        (br_if $done (local.get $errno))
        (local.set $n (i32.load (i32.const 8)))
        (br_if $done (i32.eqz (local.get $n)))                ;; end of file
        (local.set $total (i32.add (local.get $total) (local.get $n)))
        (br $again)))
    (call $write_all (i32.const 1) (global.get $READBUF) (local.get $total))
    (local.set $close (call $fd_close (local.get $fd)))
    (if (result i32) (local.get $errno)
      (then (local.get $errno))
      (else (local.get $close))))

  (func $stat (param $flags i32) (result i32)
    (call $path_filestat_get
      (i32.const 3) (local.get $flags)
      (global.get $path) (global.get $path_len)
      (i32.const 64)))

  ;; ---- main ------------------------------------------------------------

  (func $main (export "_start")
    (local $errno i32)
    (if (i32.lt_u (call $load_args) (i32.const 3))
      (then (call $usage)))
    (global.set $op (call $arg (i32.const 1)))
    (global.set $op_len (call $strlen (global.get $op)))
    (global.set $path (call $arg (i32.const 2)))
    (global.set $path_len
      (call $percent_decode (global.get $path) (call $strlen (global.get $path))))

    (block $dispatched
      (if (call $op_is (i32.const 160) (i32.const 4))            ;; open
        (then (local.set $errno
                (call $open_close (i32.const 1) (i32.const 0) (global.get $RIGHTS_OPEN)))
              (br $dispatched)))
      (if (call $op_is (i32.const 176) (i32.const 13))           ;; open-nofollow
        (then (local.set $errno
                (call $open_close (i32.const 0) (i32.const 0) (global.get $RIGHTS_OPEN)))
              (br $dispatched)))
      (if (call $op_is (i32.const 192) (i32.const 8))            ;; open-dir
        (then (local.set $errno
                (call $open_close (i32.const 1) (i32.const 2) (global.get $RIGHTS_OPEN)))
              (br $dispatched)))
      (if (call $op_is (i32.const 208) (i32.const 10))           ;; open-write
        (then (local.set $errno
                (call $open_close (i32.const 1) (i32.const 0) (global.get $RIGHTS_WRITE)))
              (br $dispatched)))
      (if (call $op_is (i32.const 224) (i32.const 11))           ;; create-excl
        (then (local.set $errno
                (call $open_close (i32.const 1) (i32.const 5) (global.get $RIGHTS_RW)))
              (br $dispatched)))
      (if (call $op_is (i32.const 240) (i32.const 6))            ;; create
        (then (local.set $errno
                (call $open_close (i32.const 1) (i32.const 1) (global.get $RIGHTS_RW)))
              (br $dispatched)))
      (if (call $op_is (i32.const 256) (i32.const 14))           ;; write-readonly
        (then (local.set $errno (call $write_readonly))
              (br $dispatched)))
      (if (call $op_is (i32.const 272) (i32.const 11))           ;; write-badfd
        (then (local.set $errno (call $write_x (call $path_as_u32)))
              (br $dispatched)))
      (if (call $op_is (i32.const 288) (i32.const 4))            ;; stat
        (then (local.set $errno (call $stat (i32.const 1)))
              (br $dispatched)))
      (if (call $op_is (i32.const 304) (i32.const 13))           ;; stat-nofollow
        (then (local.set $errno (call $stat (i32.const 0)))
              (br $dispatched)))
      (if (call $op_is (i32.const 320) (i32.const 4))            ;; read
        (then (local.set $errno (call $read))
              (br $dispatched)))
      (call $usage))

    (call $print_u32 (i32.const 1) (local.get $errno))
    (call $write_all (i32.const 1) (i32.const 136) (i32.const 1)))
)
