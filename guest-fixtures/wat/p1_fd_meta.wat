;; p1_fd_meta.wat -- the preview1 battery for what a descriptor says about
;; itself and its file: fd_fdstat_get, fd_fdstat_set_flags,
;; fd_fdstat_set_rights, fd_filestat_get, fd_filestat_set_size,
;; fd_filestat_set_times, fd_advise, fd_allocate, fd_sync, fd_datasync,
;; fd_prestat_get, fd_prestat_dir_name.
;;
;; Usage: p1_fd_meta CASE
;;   CASE names one edge case; each $case_* function below says what it
;;   checks and why. The tests prepare the filesystem (preopened as fd 3,
;;   "/"): a file "f" holding "hello world" (11 bytes), a directory "d" and
;;   a file "d/inner". One case also gets a second preopen, "/data" (fd 4).
;;
;; Output: lines "<label> <value>\n" on stdout (errnos, flags, rights,
;; sizes and times in decimal). Exit status 0; an unknown case prints
;; "unknown case" to stderr and exits 2; a failed setup step prints
;; "setup failed: <label> <errno>" to stderr and exits 4; a failed report
;; write exits 3. Some cases trap on purpose (out-of-bounds pointers).
;;
;; Rights bits used: FD_DATASYNC 0x1, FD_READ 0x2, FD_SEEK 0x4,
;; FD_FDSTAT_SET_FLAGS 0x8, FD_SYNC 0x10, FD_TELL 0x20, FD_WRITE 0x40,
;; FD_ADVISE 0x80, FD_ALLOCATE 0x100, PATH_OPEN 0x2000, FD_READDIR 0x4000,
;; PATH_FILESTAT_GET 0x40000, PATH_FILESTAT_SET_SIZE 0x80000,
;; FD_FILESTAT_GET 0x200000, FD_FILESTAT_SET_SIZE 0x400000,
;; FD_FILESTAT_SET_TIMES 0x800000.
;; oflags: CREAT 1, DIRECTORY 2, TRUNC 8. fdflags: APPEND 1, DSYNC 2,
;; NONBLOCK 4, RSYNC 8, SYNC 16. fstflags: ATIM 1, ATIM_NOW 2, MTIM 4,
;; MTIM_NOW 8.
;;
;; Memory layout (4 pages):
;;   0x0000  iovec {buf, len}          0x0020  u32 nread / nwritten
;;   0x0028  u64 offset or time        0x0030  u32 fd opened by path_open
;;   0x0040  fdstat (24 bytes): filetype u8 +0, flags u16 +2, base u64 +8,
;;           inheriting u64 +16
;;   0x0060  filestat (64 bytes): ino +8, filetype u8 +16, nlink +24,
;;           size +32, atim +40, mtim +48     0x00A0  a second filestat
;;   0x00E0  prestat {tag u8, name_len u32 +4}
;;   0x0200  prelude strings           0x03C0  prelude scratch
;;   0x0400  labels and paths, NUL-terminated, 16 bytes each
;;   0x1000  case names, NUL-terminated, 64 bytes each
;;   0x4000  read buffer
;;   0x10000 argv
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fd_fdstat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_set_flags" (func $fd_fdstat_set_flags (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_set_rights"
    (func $fd_fdstat_set_rights (param i32 i64 i64) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_get" (func $fd_filestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_set_size"
    (func $fd_filestat_set_size (param i32 i64) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_set_times"
    (func $fd_filestat_set_times (param i32 i64 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_advise" (func $fd_advise (param i32 i64 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_allocate" (func $fd_allocate (param i32 i64 i64) (result i32)))
  (import "wasi_snapshot_preview1" "fd_sync" (func $fd_sync (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_datasync" (func $fd_datasync (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name"
    (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_tell" (func $fd_tell (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))

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

  (global $l_open i32 (i32.const 0x400))        (data (i32.const 0x400) "open\00")
  (global $l_fdstat i32 (i32.const 0x410))      (data (i32.const 0x410) "fdstat\00")
  (global $l_type i32 (i32.const 0x420))        (data (i32.const 0x420) "type\00")
  (global $l_flags i32 (i32.const 0x430))       (data (i32.const 0x430) "flags\00")
  (global $l_base i32 (i32.const 0x440))        (data (i32.const 0x440) "base\00")
  (global $l_inheriting i32 (i32.const 0x450))  (data (i32.const 0x450) "inheriting\00")
  (global $l_set_flags i32 (i32.const 0x460))   (data (i32.const 0x460) "set_flags\00")
  (global $l_set_rights i32 (i32.const 0x470))  (data (i32.const 0x470) "set_rights\00")
  (global $l_filestat i32 (i32.const 0x480))    (data (i32.const 0x480) "filestat\00")
  (global $l_nlink i32 (i32.const 0x490))       (data (i32.const 0x490) "nlink\00")
  (global $l_size i32 (i32.const 0x4A0))        (data (i32.const 0x4A0) "size\00")
  (global $l_same_ino i32 (i32.const 0x4B0))    (data (i32.const 0x4B0) "same_ino\00")
  (global $l_set_size i32 (i32.const 0x4C0))    (data (i32.const 0x4C0) "set_size\00")
  (global $l_set_times i32 (i32.const 0x4D0))   (data (i32.const 0x4D0) "set_times\00")
  (global $l_atim i32 (i32.const 0x4E0))        (data (i32.const 0x4E0) "atim\00")
  (global $l_mtim i32 (i32.const 0x4F0))        (data (i32.const 0x4F0) "mtim\00")
  (global $l_atim_kept i32 (i32.const 0x500))   (data (i32.const 0x500) "atim_kept\00")
  (global $l_mtim_kept i32 (i32.const 0x510))   (data (i32.const 0x510) "mtim_kept\00")
  (global $l_in_range i32 (i32.const 0x520))    (data (i32.const 0x520) "in_range\00")
  (global $l_a_eq_m i32 (i32.const 0x530))      (data (i32.const 0x530) "atim_eq_mtim\00")
  (global $l_advise i32 (i32.const 0x540))      (data (i32.const 0x540) "advise\00")
  (global $l_allocate i32 (i32.const 0x550))    (data (i32.const 0x550) "allocate\00")
  (global $l_sync i32 (i32.const 0x560))        (data (i32.const 0x560) "sync\00")
  (global $l_datasync i32 (i32.const 0x570))    (data (i32.const 0x570) "datasync\00")
  (global $l_prestat i32 (i32.const 0x580))     (data (i32.const 0x580) "prestat\00")
  (global $l_tag i32 (i32.const 0x590))         (data (i32.const 0x590) "tag\00")
  (global $l_len i32 (i32.const 0x5A0))         (data (i32.const 0x5A0) "len\00")
  (global $l_dir_name i32 (i32.const 0x5B0))    (data (i32.const 0x5B0) "dir_name\00")
  (global $l_data i32 (i32.const 0x5C0))        (data (i32.const 0x5C0) "data\00")
  (global $l_read i32 (i32.const 0x5D0))        (data (i32.const 0x5D0) "read\00")
  (global $l_write i32 (i32.const 0x5E0))       (data (i32.const 0x5E0) "write\00")
  (global $l_seek i32 (i32.const 0x5F0))        (data (i32.const 0x5F0) "seek\00")
  (global $l_tell i32 (i32.const 0x600))        (data (i32.const 0x600) "tell\00")
  (global $l_n i32 (i32.const 0x610))           (data (i32.const 0x610) "n\00")
  (global $l_clock i32 (i32.const 0x620))       (data (i32.const 0x620) "clock\00")
  (global $p_f i32 (i32.const 0x700))           (data (i32.const 0x700) "f\00")
  (global $p_d i32 (i32.const 0x710))           (data (i32.const 0x710) "d\00")
  (global $p_inner i32 (i32.const 0x720))       (data (i32.const 0x720) "inner\00")
  (global $p_new i32 (i32.const 0x730))         (data (i32.const 0x730) "new\00")
  (global $s_x i32 (i32.const 0x800))           (data (i32.const 0x800) "X\00")
  (global $s_y i32 (i32.const 0x810))           (data (i32.const 0x810) "Y\00")
  (global $s_z i32 (i32.const 0x820))           (data (i32.const 0x820) "Z\00")
  (global $s_digits i32 (i32.const 0x830))      (data (i32.const 0x830) "0123456789AB\00")
  (global $s_hashes i32 (i32.const 0x850))      (data (i32.const 0x850) "####\00")

  ;; ---- helpers for this family -----------------------------------------

  ;; path_open(3, SYMLINK_FOLLOW, path, oflags, rights, rights, fdflags)
  ;; (setup: it must work); returns the new fd.
  (func $open (param $path i32) (param $oflags i32) (param $rights i64) (param $fdflags i32)
               (result i32)
    (call $must (global.get $l_open)
      (call $path_open (i32.const 3) (i32.const 1)
        (local.get $path) (call $strlen (local.get $path))
        (local.get $oflags) (local.get $rights) (local.get $rights) (local.get $fdflags)
        (i32.const 0x30)))
    (i32.load (i32.const 0x30)))

  ;; Open the directory `path` with base `rights` and every inheriting right.
  (func $open_dir (param $path i32) (param $rights i64) (result i32)
    (call $must (global.get $l_open)
      (call $path_open (i32.const 3) (i32.const 1)
        (local.get $path) (call $strlen (local.get $path))
        (i32.const 2) (local.get $rights) (i64.const -1) (i32.const 0) (i32.const 0x30)))
    (i32.load (i32.const 0x30)))

  ;; "fdstat <errno>", then on success "type", "flags", "base", "inheriting".
  (func $show_fdstat (param $fd i32)
    (local $e i32)
    (local.set $e (call $fd_fdstat_get (local.get $fd) (i32.const 0x40)))
    (call $say (global.get $l_fdstat) (local.get $e))
    (if (i32.eqz (local.get $e))
      (then
        (call $say (global.get $l_type) (i32.load8_u (i32.const 0x40)))
        (call $say (global.get $l_flags) (i32.load16_u (i32.const 0x42)))
        (call $say64 (global.get $l_base) (i64.load (i32.const 0x48)))
        (call $say64 (global.get $l_inheriting) (i64.load (i32.const 0x50))))))

  ;; "flags <fdflags of fd>" (fd_fdstat_get must work).
  (func $show_flags (param $fd i32)
    (call $must (global.get $l_fdstat) (call $fd_fdstat_get (local.get $fd) (i32.const 0x40)))
    (call $say (global.get $l_flags) (i32.load16_u (i32.const 0x42))))

  ;; "base <rights>" and "inheriting <rights>" of fd (fd_fdstat_get must work).
  (func $show_rights (param $fd i32)
    (call $must (global.get $l_fdstat) (call $fd_fdstat_get (local.get $fd) (i32.const 0x40)))
    (call $say64 (global.get $l_base) (i64.load (i32.const 0x48)))
    (call $say64 (global.get $l_inheriting) (i64.load (i32.const 0x50))))

  ;; "filestat <errno>", then on success "type" and "size".
  (func $show_filestat (param $fd i32)
    (local $e i32)
    (local.set $e (call $fd_filestat_get (local.get $fd) (i32.const 0x60)))
    (call $say (global.get $l_filestat) (local.get $e))
    (if (i32.eqz (local.get $e))
      (then
        (call $say (global.get $l_type) (i32.load8_u (i32.const 0x70)))
        (call $say64 (global.get $l_size) (i64.load (i32.const 0x80))))))

  ;; fd_filestat_get into `at` (0x60 or 0xA0); it must work.
  (func $stat (param $fd i32) (param $at i32)
    (call $must (global.get $l_filestat) (call $fd_filestat_get (local.get $fd) (local.get $at))))

  ;; "size <size of fd's file>".
  (func $show_size (param $fd i32)
    (call $stat (local.get $fd) (i32.const 0x60))
    (call $say64 (global.get $l_size) (i64.load (i32.const 0x80))))

  ;; fd_write of the NUL-terminated string s; "write <errno>".
  (func $show_write (param $fd i32) (param $s i32)
    (i32.store (i32.const 0x00) (local.get $s))
    (i32.store (i32.const 0x04) (call $strlen (local.get $s)))
    (call $say (global.get $l_write)
      (call $fd_write (local.get $fd) (i32.const 0x00) (i32.const 1) (i32.const 0x20))))

  ;; fd_read of up to 5 bytes; "read <errno>" and on success "n <nread>".
  (func $show_read (param $fd i32)
    (local $e i32)
    (i32.store (i32.const 0x00) (i32.const 0x4000))
    (i32.store (i32.const 0x04) (i32.const 5))
    (local.set $e (call $fd_read (local.get $fd) (i32.const 0x00) (i32.const 1) (i32.const 0x20)))
    (call $say (global.get $l_read) (local.get $e))
    (if (i32.eqz (local.get $e)) (then (call $say (global.get $l_n) (i32.load (i32.const 0x20))))))

  ;; fd_seek(fd, off, whence); "seek <errno>".
  (func $show_seek (param $fd i32) (param $off i64) (param $whence i32)
    (call $say (global.get $l_seek)
      (call $fd_seek (local.get $fd) (local.get $off) (local.get $whence) (i32.const 0x28))))

  ;; "tell <errno>", and on success "n <offset>".
  (func $show_tell (param $fd i32)
    (local $e i32)
    (local.set $e (call $fd_tell (local.get $fd) (i32.const 0x28)))
    (call $say (global.get $l_tell) (local.get $e))
    (if (i32.eqz (local.get $e)) (then (call $say64 (global.get $l_n) (i64.load (i32.const 0x28))))))

  ;; The realtime clock (it must work).
  (func $now (result i64)
    (call $must (global.get $l_clock)
      (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 0x28)))
    (i64.load (i32.const 0x28)))

  ;; ---- fd_fdstat_get ---------------------------------------------------

  ;; stdio are character devices with no flags; stdin may read, stdout and
  ;; stderr may write, and none hands rights down.
  (data (i32.const 0x1000) "fdstat_of_stdio\00")
  (func $case_fdstat_of_stdio
    (call $show_fdstat (i32.const 0))
    (call $show_fdstat (i32.const 1))
    (call $show_fdstat (i32.const 2)))

  ;; The preopen is a directory with the directory rights (base) and every
  ;; right it can hand down (inheriting).
  (data (i32.const 0x1040) "fdstat_of_the_preopen\00")
  (func $case_fdstat_of_the_preopen
    (call $show_fdstat (i32.const 3)))

  ;; A file gets the rights asked for, limited to those that mean something
  ;; for a file: PATH_OPEN and FD_READDIR are dropped, READ|SEEK|TELL stay.
  (data (i32.const 0x1080) "fdstat_of_a_file_reports_the_rights_granted\00")
  (func $case_fdstat_of_a_file_reports_the_rights_granted
    (call $show_fdstat (call $open (global.get $p_f) (i32.const 0) (i64.const 0x6026) (i32.const 0))))

  ;; A directory opened asking for FD_SEEK does not get it (the WASI test
  ;; suite checks fdstat), and seeking it is BADF.
  (data (i32.const 0x10C0) "fdstat_of_a_directory_opened_asking_for_fd_seek\00")
  (func $case_fdstat_of_a_directory_opened_asking_for_fd_seek
    (local $d i32)
    (local.set $d (call $open_dir (global.get $p_d) (i64.const 0x4006)))
    (call $show_rights (local.get $d))
    (call $show_seek (local.get $d) (i64.const 0) (i32.const 1)))

  ;; The fdflags given to path_open are reported back.
  (data (i32.const 0x1100) "fdstat_reports_the_fdflags_given_at_open\00")
  (func $case_fdstat_reports_the_fdflags_given_at_open
    (call $show_flags (call $open (global.get $p_f) (i32.const 0) (i64.const 0x40) (i32.const 0x15))))

  ;; A number that is not open is BADF.
  (data (i32.const 0x1140) "fdstat_of_a_closed_fd_is_badf\00")
  (func $case_fdstat_of_a_closed_fd_is_badf
    (call $show_fdstat (i32.const 99)))

  ;; An out-of-bounds output pointer traps.
  (data (i32.const 0x1180) "fdstat_into_out_of_bounds_memory_traps\00")
  (func $case_fdstat_into_out_of_bounds_memory_traps
    (drop (call $fd_fdstat_get (i32.const 3) (i32.const 0x3FFF0))))

  ;; A file opened through a directory gets at most the directory's
  ;; inheriting rights: asking for READ|WRITE under inheriting READ gives
  ;; READ, and writing is then BADF.
  (data (i32.const 0x11C0) "rights_are_limited_by_the_directorys_inheriting_rights\00")
  (func $case_rights_are_limited_by_the_directorys_inheriting_rights
    (local $d i32) (local $f i32)
    (call $must (global.get $l_open)
      (call $path_open (i32.const 3) (i32.const 1) (global.get $p_d) (i32.const 1)
        (i32.const 2) (i64.const 0x2000) (i64.const 0x2) (i32.const 0) (i32.const 0x30)))
    (local.set $d (i32.load (i32.const 0x30)))
    (call $must (global.get $l_open)
      (call $path_open (local.get $d) (i32.const 1) (global.get $p_inner) (i32.const 5)
        (i32.const 0) (i64.const 0x42) (i64.const 0x42) (i32.const 0) (i32.const 0x30)))
    (local.set $f (i32.load (i32.const 0x30)))
    (call $show_rights (local.get $f))
    (call $show_write (local.get $f) (global.get $s_x)))

  ;; ---- fd_fdstat_set_flags ---------------------------------------------

  ;; APPEND can be switched on and off at run time: on, a write after a seek
  ;; to 0 goes to the end; off, it overwrites the start (WASI test suite:
  ;; fd_flags_set).
  (data (i32.const 0x1200) "set_flags_append_changes_where_writes_go\00")
  (func $case_set_flags_append_changes_where_writes_go
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x6E) (i32.const 0)))
    (call $say (global.get $l_set_flags) (call $fd_fdstat_set_flags (local.get $fd) (i32.const 1)))
    (call $show_flags (local.get $fd))
    (call $show_seek (local.get $fd) (i64.const 0) (i32.const 0))
    (call $show_write (local.get $fd) (global.get $s_x))
    (call $show_tell (local.get $fd))
    (call $say (global.get $l_set_flags) (call $fd_fdstat_set_flags (local.get $fd) (i32.const 0)))
    (call $show_flags (local.get $fd))
    (call $show_seek (local.get $fd) (i64.const 0) (i32.const 0))
    (call $show_write (local.get $fd) (global.get $s_y))
    (call $show_tell (local.get $fd)))

  ;; NONBLOCK is accepted and reported; files never block, so reads work.
  (data (i32.const 0x1240) "set_flags_nonblock_is_kept_and_reported\00")
  (func $case_set_flags_nonblock_is_kept_and_reported
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0xA) (i32.const 0)))
    (call $say (global.get $l_set_flags) (call $fd_fdstat_set_flags (local.get $fd) (i32.const 4)))
    (call $show_flags (local.get $fd))
    (call $show_read (local.get $fd)))

  ;; Bits outside the fdflags are INVAL (also ones that do not fit the u16),
  ;; and the flags stay as they were.
  (data (i32.const 0x1280) "set_flags_unknown_bits_are_inval\00")
  (func $case_set_flags_unknown_bits_are_inval
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x48) (i32.const 1)))
    (call $say (global.get $l_set_flags) (call $fd_fdstat_set_flags (local.get $fd) (i32.const 0x20)))
    (call $say (global.get $l_set_flags) (call $fd_fdstat_set_flags (local.get $fd) (i32.const 0x10000)))
    (call $show_flags (local.get $fd)))

  ;; Directories take no fdflags: BADF.
  (data (i32.const 0x12C0) "set_flags_on_a_directory_is_badf\00")
  (func $case_set_flags_on_a_directory_is_badf
    (call $say (global.get $l_set_flags) (call $fd_fdstat_set_flags (i32.const 3) (i32.const 0))))

  ;; Without FD_FDSTAT_SET_FLAGS: NOTCAPABLE.
  (data (i32.const 0x1300) "set_flags_without_the_right_is_notcapable\00")
  (func $case_set_flags_without_the_right_is_notcapable
    (call $say (global.get $l_set_flags)
      (call $fd_fdstat_set_flags
        (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0)) (i32.const 1))))

  ;; stdout takes flags too, and reports them.
  (data (i32.const 0x1340) "set_flags_on_stdout\00")
  (func $case_set_flags_on_stdout
    (call $say (global.get $l_set_flags) (call $fd_fdstat_set_flags (i32.const 1) (i32.const 1)))
    (call $show_flags (i32.const 1)))

  ;; A number that is not open is BADF.
  (data (i32.const 0x1380) "set_flags_on_a_closed_fd_is_badf\00")
  (func $case_set_flags_on_a_closed_fd_is_badf
    (call $say (global.get $l_set_flags) (call $fd_fdstat_set_flags (i32.const 99) (i32.const 0))))

  ;; ---- fd_fdstat_set_rights --------------------------------------------

  ;; Dropping FD_READ|FD_WRITE works, fdstat reports exactly the new rights,
  ;; and they are enforced: read and write are BADF, seeking still works
  ;; (WASI test suite: fd_fdstat_set_rights).
  (data (i32.const 0x13C0) "set_rights_shrinks_and_is_enforced\00")
  (func $case_set_rights_shrinks_and_is_enforced
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x66) (i32.const 0)))
    (call $say (global.get $l_set_rights)
      (call $fd_fdstat_set_rights (local.get $fd) (i64.const 0x24) (i64.const 0)))
    (call $show_rights (local.get $fd))
    (call $show_read (local.get $fd))
    (call $show_write (local.get $fd) (global.get $s_x))
    (call $show_seek (local.get $fd) (i64.const 1) (i32.const 0)))

  ;; After dropping FD_SEEK a seek is NOTCAPABLE; FD_TELL still answers.
  (data (i32.const 0x1400) "set_rights_without_fd_seek_makes_seek_notcapable\00")
  (func $case_set_rights_without_fd_seek_makes_seek_notcapable
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x26) (i32.const 0)))
    (call $say (global.get $l_set_rights)
      (call $fd_fdstat_set_rights (local.get $fd) (i64.const 0x22) (i64.const 0)))
    (call $show_seek (local.get $fd) (i64.const 1) (i32.const 0))
    (call $show_read (local.get $fd))
    (call $show_tell (local.get $fd)))

  ;; Rights only shrink: asking for one more base or inheriting right is
  ;; NOTCAPABLE (exactly, as the WASI test suite says) and changes nothing.
  (data (i32.const 0x1440) "set_rights_cannot_add_a_right\00")
  (func $case_set_rights_cannot_add_a_right
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_set_rights)
      (call $fd_fdstat_set_rights (local.get $fd) (i64.const 0x6) (i64.const 0x2)))
    (call $say (global.get $l_set_rights)
      (call $fd_fdstat_set_rights (local.get $fd) (i64.const 0x2) (i64.const 0x42)))
    (call $show_rights (local.get $fd)))

  ;; Setting the rights a descriptor already has succeeds (the WASI test
  ;; suite probes support this way).
  (data (i32.const 0x1480) "set_rights_to_the_same_rights_succeeds\00")
  (func $case_set_rights_to_the_same_rights_succeeds
    (call $must (global.get $l_fdstat) (call $fd_fdstat_get (i32.const 3) (i32.const 0x40)))
    (call $say (global.get $l_set_rights)
      (call $fd_fdstat_set_rights (i32.const 3) (i64.load (i32.const 0x48)) (i64.load (i32.const 0x50))))
    (call $show_rights (i32.const 3)))

  ;; Bits that are no right are INVAL.
  (data (i32.const 0x14C0) "set_rights_unknown_bits_are_inval\00")
  (func $case_set_rights_unknown_bits_are_inval
    (call $say (global.get $l_set_rights)
      (call $fd_fdstat_set_rights (i32.const 3) (i64.const 0x10000000000) (i64.const 0))))

  ;; A directory without PATH_OPEN can open nothing: NOTCAPABLE.
  (data (i32.const 0x1500) "set_rights_on_a_directory_restricts_path_calls\00")
  (func $case_set_rights_on_a_directory_restricts_path_calls
    (local $d i32)
    (local.set $d (call $open_dir (global.get $p_d) (i64.const 0x6000)))
    (call $say (global.get $l_set_rights)
      (call $fd_fdstat_set_rights (local.get $d) (i64.const 0x4000) (i64.const 0)))
    (call $say (global.get $l_open)
      (call $path_open (local.get $d) (i32.const 1) (global.get $p_inner) (i32.const 5)
        (i32.const 0) (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 0x30))))

  ;; stdin's rights shrink too (then reading is BADF); a stream hands
  ;; nothing down, so any inheriting right is NOTCAPABLE.
  (data (i32.const 0x1540) "set_rights_on_stdin\00")
  (func $case_set_rights_on_stdin
    (call $say (global.get $l_set_rights)
      (call $fd_fdstat_set_rights (i32.const 0) (i64.const 0) (i64.const 0x2)))
    (call $say (global.get $l_set_rights)
      (call $fd_fdstat_set_rights (i32.const 0) (i64.const 0) (i64.const 0)))
    (call $show_rights (i32.const 0))
    (call $show_read (i32.const 0)))

  ;; A number that is not open is BADF.
  (data (i32.const 0x1580) "set_rights_on_a_closed_fd_is_badf\00")
  (func $case_set_rights_on_a_closed_fd_is_badf
    (call $say (global.get $l_set_rights)
      (call $fd_fdstat_set_rights (i32.const 99) (i64.const 0) (i64.const 0))))

  ;; TRUNC needs PATH_FILESTAT_SET_SIZE on the directory: with it, opening
  ;; with TRUNC and no rights works; after dropping it, TRUNC is NOTCAPABLE
  ;; (WASI test suite: truncation_rights).
  (data (i32.const 0x15C0) "trunc_needs_path_filestat_set_size\00")
  (func $case_trunc_needs_path_filestat_set_size
    (local $d i32)
    (local.set $d (call $open_dir (global.get $p_d) (i64.const 0x82000)))
    (call $say (global.get $l_open)
      (call $path_open (local.get $d) (i32.const 1) (global.get $p_inner) (i32.const 5)
        (i32.const 8) (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 0x30)))
    (call $say (global.get $l_set_rights)
      (call $fd_fdstat_set_rights (local.get $d) (i64.const 0x2000) (i64.const 0)))
    (call $say (global.get $l_open)
      (call $path_open (local.get $d) (i32.const 1) (global.get $p_inner) (i32.const 5)
        (i32.const 8) (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 0x30))))

  ;; ---- fd_filestat_get -------------------------------------------------

  ;; A file: regular, its size, one link, and the inode path_filestat_get
  ;; reports for its name.
  (data (i32.const 0x1600) "filestat_of_a_file\00")
  (func $case_filestat_of_a_file
    (call $show_filestat (call $open (global.get $p_f) (i32.const 0) (i64.const 0x200000) (i32.const 0)))
    (call $say64 (global.get $l_nlink) (i64.load (i32.const 0x78)))
    (call $must (global.get $l_filestat)
      (call $path_filestat_get (i32.const 3) (i32.const 0) (global.get $p_f) (i32.const 1) (i32.const 0xA0)))
    (call $say (global.get $l_same_ino)
      (i64.eq (i64.load (i32.const 0x68)) (i64.load (i32.const 0xA8)))))

  ;; The preopen and an opened directory are directories.
  (data (i32.const 0x1640) "filestat_of_a_directory\00")
  (func $case_filestat_of_a_directory
    (call $must (global.get $l_filestat) (call $fd_filestat_get (i32.const 3) (i32.const 0x60)))
    (call $say (global.get $l_type) (i32.load8_u (i32.const 0x70)))
    (call $must (global.get $l_filestat)
      (call $fd_filestat_get (call $open_dir (global.get $p_d) (i64.const 0x200000)) (i32.const 0x60)))
    (call $say (global.get $l_type) (i32.load8_u (i32.const 0x70))))

  ;; stdio are character devices of size 0.
  (data (i32.const 0x1680) "filestat_of_stdio\00")
  (func $case_filestat_of_stdio
    (call $show_filestat (i32.const 0))
    (call $show_filestat (i32.const 1))
    (call $show_filestat (i32.const 2)))

  ;; fd_filestat_get is live: another descriptor's write shows at once.
  (data (i32.const 0x16C0) "filestat_is_live\00")
  (func $case_filestat_is_live
    (local $a i32)
    (local.set $a (call $open (global.get $p_f) (i32.const 0) (i64.const 0x200000) (i32.const 0)))
    (call $show_size (local.get $a))
    (call $show_write (call $open (global.get $p_f) (i32.const 0) (i64.const 0x40) (i32.const 0))
      (global.get $s_digits))
    (call $show_size (local.get $a)))

  ;; Without FD_FILESTAT_GET: NOTCAPABLE.
  (data (i32.const 0x1700) "filestat_without_the_right_is_notcapable\00")
  (func $case_filestat_without_the_right_is_notcapable
    (call $show_filestat (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0))))

  ;; A number that is not open is BADF.
  (data (i32.const 0x1740) "filestat_of_a_closed_fd_is_badf\00")
  (func $case_filestat_of_a_closed_fd_is_badf
    (call $show_filestat (i32.const 99)))

  ;; ---- fd_filestat_set_size --------------------------------------------

  ;; Shrinking cuts the file; growing adds zeros.
  (data (i32.const 0x1780) "set_size_truncates_and_extends_with_zeros\00")
  (func $case_set_size_truncates_and_extends_with_zeros
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x600000) (i32.const 0)))
    (call $say (global.get $l_set_size) (call $fd_filestat_set_size (local.get $fd) (i64.const 5)))
    (call $show_size (local.get $fd))
    (call $say (global.get $l_set_size) (call $fd_filestat_set_size (local.get $fd) (i64.const 8)))
    (call $show_size (local.get $fd)))

  ;; Shrinking below the cursor is fine: the cursor stays, and the next
  ;; write there refills the gap with zeros.
  (data (i32.const 0x17C0) "set_size_below_the_cursor_then_write_refills_zeros\00")
  (func $case_set_size_below_the_cursor_then_write_refills_zeros
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x400064) (i32.const 0)))
    (call $show_seek (local.get $fd) (i64.const 8) (i32.const 0))
    (call $say (global.get $l_set_size) (call $fd_filestat_set_size (local.get $fd) (i64.const 3)))
    (call $show_tell (local.get $fd))
    (call $show_write (local.get $fd) (global.get $s_z))
    (call $show_tell (local.get $fd)))

  ;; Without FD_FILESTAT_SET_SIZE: NOTCAPABLE.
  (data (i32.const 0x1800) "set_size_without_the_right_is_notcapable\00")
  (func $case_set_size_without_the_right_is_notcapable
    (call $say (global.get $l_set_size)
      (call $fd_filestat_set_size
        (call $open (global.get $p_f) (i32.const 0) (i64.const 0x40) (i32.const 0)) (i64.const 1))))

  ;; A directory is BADF, a stream INVAL (POSIX ftruncate), a closed number
  ;; BADF.
  (data (i32.const 0x1840) "set_size_on_a_directory_a_stream_or_a_closed_fd_fails\00")
  (func $case_set_size_on_a_directory_a_stream_or_a_closed_fd_fails
    (call $say (global.get $l_set_size) (call $fd_filestat_set_size (i32.const 3) (i64.const 0)))
    (call $say (global.get $l_set_size) (call $fd_filestat_set_size (i32.const 1) (i64.const 0)))
    (call $say (global.get $l_set_size) (call $fd_filestat_set_size (i32.const 99) (i64.const 0))))

  ;; A size past i64::MAX is FBIG (POSIX off_t), and the file stays.
  (data (i32.const 0x1880) "set_size_past_i64_max_is_fbig\00")
  (func $case_set_size_past_i64_max_is_fbig
    (call $say (global.get $l_set_size)
      (call $fd_filestat_set_size
        (call $open (global.get $p_f) (i32.const 0) (i64.const 0x400000) (i32.const 0))
        (i64.const 0x8000000000000000))))

  ;; Growing past the filesystem's size bound (MemFs: 1 GiB) is NOSPC.
  (data (i32.const 0x18C0) "set_size_beyond_the_size_limit\00")
  (func $case_set_size_beyond_the_size_limit
    (call $say (global.get $l_set_size)
      (call $fd_filestat_set_size
        (call $open (global.get $p_f) (i32.const 0) (i64.const 0x400000) (i32.const 0))
        (i64.const 0x80000000))))

  ;; ---- fd_filestat_set_times -------------------------------------------

  ;; Setting only MTIM sets it to the nanosecond and leaves atim alone
  ;; (WASI test suite: fd_filestat_set).
  (data (i32.const 0x1900) "set_times_mtim_only_leaves_atim\00")
  (func $case_set_times_mtim_only_leaves_atim
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0xA00000) (i32.const 0)))
    (call $stat (local.get $fd) (i32.const 0xA0))
    (call $say (global.get $l_set_times)
      (call $fd_filestat_set_times (local.get $fd)
        (i64.const 5) (i64.const 1600000000123456789) (i32.const 4)))
    (call $stat (local.get $fd) (i32.const 0x60))
    (call $say64 (global.get $l_mtim) (i64.load (i32.const 0x90)))
    (call $say (global.get $l_atim_kept)
      (i64.eq (i64.load (i32.const 0x88)) (i64.load (i32.const 0xC8)))))

  ;; Setting only ATIM leaves mtim alone.
  (data (i32.const 0x1940) "set_times_atim_only_leaves_mtim\00")
  (func $case_set_times_atim_only_leaves_mtim
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0xA00000) (i32.const 0)))
    (call $stat (local.get $fd) (i32.const 0xA0))
    (call $say (global.get $l_set_times)
      (call $fd_filestat_set_times (local.get $fd)
        (i64.const 1500000000000000001) (i64.const 7) (i32.const 1)))
    (call $stat (local.get $fd) (i32.const 0x60))
    (call $say64 (global.get $l_atim) (i64.load (i32.const 0x88)))
    (call $say (global.get $l_mtim_kept)
      (i64.eq (i64.load (i32.const 0x90)) (i64.load (i32.const 0xD0)))))

  ;; Both at once, to the nanosecond.
  (data (i32.const 0x1980) "set_times_both_to_the_nanosecond\00")
  (func $case_set_times_both_to_the_nanosecond
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0xA00000) (i32.const 0)))
    (call $say (global.get $l_set_times)
      (call $fd_filestat_set_times (local.get $fd)
        (i64.const 999999999) (i64.const 1000000001) (i32.const 5)))
    (call $stat (local.get $fd) (i32.const 0x60))
    (call $say64 (global.get $l_atim) (i64.load (i32.const 0x88)))
    (call $say64 (global.get $l_mtim) (i64.load (i32.const 0x90))))

  ;; ATIM_NOW|MTIM_NOW take the realtime clock: one reading for both, between
  ;; a reading before and one after.
  (data (i32.const 0x19C0) "set_times_now_uses_the_realtime_clock\00")
  (func $case_set_times_now_uses_the_realtime_clock
    (local $fd i32) (local $t0 i64) (local $t1 i64) (local $a i64) (local $m i64)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0xA00000) (i32.const 0)))
    (local.set $t0 (call $now))
    (call $say (global.get $l_set_times)
      (call $fd_filestat_set_times (local.get $fd) (i64.const 1) (i64.const 2) (i32.const 10)))
    (local.set $t1 (call $now))
    (call $stat (local.get $fd) (i32.const 0x60))
    (local.set $a (i64.load (i32.const 0x88)))
    (local.set $m (i64.load (i32.const 0x90)))
    (call $say (global.get $l_in_range)
      (i32.and (i64.le_u (local.get $t0) (local.get $m)) (i64.le_u (local.get $m) (local.get $t1))))
    (call $say (global.get $l_a_eq_m) (i64.eq (local.get $a) (local.get $m))))

  ;; A time both set and NOW is INVAL (the WASI test suite: fstflags_validate)
  ;; and nothing changes.
  (data (i32.const 0x1A00) "set_times_set_and_now_together_is_inval\00")
  (func $case_set_times_set_and_now_together_is_inval
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0xA00000) (i32.const 0)))
    (call $stat (local.get $fd) (i32.const 0xA0))
    (call $say (global.get $l_set_times)
      (call $fd_filestat_set_times (local.get $fd) (i64.const 100) (i64.const 200) (i32.const 3)))
    (call $say (global.get $l_set_times)
      (call $fd_filestat_set_times (local.get $fd) (i64.const 100) (i64.const 200) (i32.const 12)))
    (call $stat (local.get $fd) (i32.const 0x60))
    (call $say (global.get $l_atim_kept)
      (i64.eq (i64.load (i32.const 0x88)) (i64.load (i32.const 0xC8))))
    (call $say (global.get $l_mtim_kept)
      (i64.eq (i64.load (i32.const 0x90)) (i64.load (i32.const 0xD0)))))

  ;; Bits outside the fstflags are INVAL.
  (data (i32.const 0x1A40) "set_times_unknown_flags_are_inval\00")
  (func $case_set_times_unknown_flags_are_inval
    (call $say (global.get $l_set_times)
      (call $fd_filestat_set_times
        (call $open (global.get $p_f) (i32.const 0) (i64.const 0x800000) (i32.const 0))
        (i64.const 0) (i64.const 0) (i32.const 0x10))))

  ;; Without FD_FILESTAT_SET_TIMES: NOTCAPABLE.
  (data (i32.const 0x1A80) "set_times_without_the_right_is_notcapable\00")
  (func $case_set_times_without_the_right_is_notcapable
    (call $say (global.get $l_set_times)
      (call $fd_filestat_set_times
        (call $open (global.get $p_f) (i32.const 0) (i64.const 0x200000) (i32.const 0))
        (i64.const 0) (i64.const 0) (i32.const 4))))

  ;; A directory's times can be set through its descriptor.
  (data (i32.const 0x1AC0) "set_times_on_a_directory\00")
  (func $case_set_times_on_a_directory
    (local $d i32)
    (local.set $d (call $open_dir (global.get $p_d) (i64.const 0xA00000)))
    (call $say (global.get $l_set_times)
      (call $fd_filestat_set_times (local.get $d) (i64.const 0) (i64.const 1234567890) (i32.const 4)))
    (call $stat (local.get $d) (i32.const 0x60))
    (call $say64 (global.get $l_mtim) (i64.load (i32.const 0x90))))

  ;; A stream has no times to set: INVAL; a closed number is BADF.
  (data (i32.const 0x1B00) "set_times_on_a_stream_or_a_closed_fd_fails\00")
  (func $case_set_times_on_a_stream_or_a_closed_fd_fails
    (call $say (global.get $l_set_times)
      (call $fd_filestat_set_times (i32.const 1) (i64.const 0) (i64.const 0) (i32.const 4)))
    (call $say (global.get $l_set_times)
      (call $fd_filestat_set_times (i32.const 99) (i64.const 0) (i64.const 0) (i32.const 4))))

  ;; ---- fd_advise -------------------------------------------------------

  ;; Every advice is accepted on a file and changes nothing (WASI test suite:
  ;; fd_advise, with the file grown to 100 bytes first).
  (data (i32.const 0x1B40) "advise_succeeds_and_changes_nothing\00")
  (func $case_advise_succeeds_and_changes_nothing
    (local $fd i32) (local $advice i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x600080) (i32.const 0)))
    (call $must (global.get $l_set_size) (call $fd_filestat_set_size (local.get $fd) (i64.const 100)))
    (loop $next
      (call $say (global.get $l_advise)
        (call $fd_advise (local.get $fd) (i64.const 10) (i64.const 50) (local.get $advice)))
      (local.set $advice (i32.add (local.get $advice) (i32.const 1)))
      (br_if $next (i32.le_u (local.get $advice) (i32.const 5))))
    (call $show_size (local.get $fd)))

  ;; An advice number above 5 is INVAL (also one that does not fit the u8).
  (data (i32.const 0x1B80) "advise_with_an_unknown_advice_is_inval\00")
  (func $case_advise_with_an_unknown_advice_is_inval
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x80) (i32.const 0)))
    (call $say (global.get $l_advise) (call $fd_advise (local.get $fd) (i64.const 0) (i64.const 1) (i32.const 6)))
    (call $say (global.get $l_advise) (call $fd_advise (local.get $fd) (i64.const 0) (i64.const 1) (i32.const 256))))

  ;; A range whose end overflows is INVAL.
  (data (i32.const 0x1BC0) "advise_over_an_overflowing_range_is_inval\00")
  (func $case_advise_over_an_overflowing_range_is_inval
    (call $say (global.get $l_advise)
      (call $fd_advise (call $open (global.get $p_f) (i32.const 0) (i64.const 0x80) (i32.const 0))
        (i64.const -1) (i64.const 2) (i32.const 0))))

  ;; Without FD_ADVISE: NOTCAPABLE.
  (data (i32.const 0x1C00) "advise_without_the_right_is_notcapable\00")
  (func $case_advise_without_the_right_is_notcapable
    (call $say (global.get $l_advise)
      (call $fd_advise (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0))
        (i64.const 0) (i64.const 1) (i32.const 0))))

  ;; A directory is BADF, a stream SPIPE (POSIX posix_fadvise), a closed
  ;; number BADF.
  (data (i32.const 0x1C40) "advise_on_a_directory_a_stream_or_a_closed_fd_fails\00")
  (func $case_advise_on_a_directory_a_stream_or_a_closed_fd_fails
    (call $say (global.get $l_advise) (call $fd_advise (i32.const 3) (i64.const 0) (i64.const 1) (i32.const 0)))
    (call $say (global.get $l_advise) (call $fd_advise (i32.const 0) (i64.const 0) (i64.const 1) (i32.const 0)))
    (call $say (global.get $l_advise) (call $fd_advise (i32.const 99) (i64.const 0) (i64.const 1) (i32.const 0))))

  ;; ---- fd_allocate -----------------------------------------------------

  ;; fd_allocate makes the file at least offset+len long and never shrinks
  ;; it: (0,100) gives 100, (10,10) keeps 100, (90,20) gives 110 (WASI test
  ;; suite: file_allocate).
  (data (i32.const 0x1C80) "allocate_grows_and_never_shrinks\00")
  (func $case_allocate_grows_and_never_shrinks
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_new) (i32.const 1) (i64.const 0x200100) (i32.const 0)))
    (call $show_size (local.get $fd))
    (call $say (global.get $l_allocate) (call $fd_allocate (local.get $fd) (i64.const 0) (i64.const 100)))
    (call $show_size (local.get $fd))
    (call $say (global.get $l_allocate) (call $fd_allocate (local.get $fd) (i64.const 10) (i64.const 10)))
    (call $show_size (local.get $fd))
    (call $say (global.get $l_allocate) (call $fd_allocate (local.get $fd) (i64.const 90) (i64.const 20)))
    (call $show_size (local.get $fd)))

  ;; A zero length is INVAL (POSIX posix_fallocate).
  (data (i32.const 0x1CC0) "allocate_zero_length_is_inval\00")
  (func $case_allocate_zero_length_is_inval
    (call $say (global.get $l_allocate)
      (call $fd_allocate (call $open (global.get $p_f) (i32.const 0) (i64.const 0x100) (i32.const 0))
        (i64.const 0) (i64.const 0))))

  ;; An end past i64::MAX is FBIG.
  (data (i32.const 0x1D00) "allocate_past_i64_max_is_fbig\00")
  (func $case_allocate_past_i64_max_is_fbig
    (call $say (global.get $l_allocate)
      (call $fd_allocate (call $open (global.get $p_f) (i32.const 0) (i64.const 0x100) (i32.const 0))
        (i64.const 0x7FFFFFFFFFFFFFFF) (i64.const 1))))

  ;; Without FD_ALLOCATE: NOTCAPABLE.
  (data (i32.const 0x1D40) "allocate_without_the_right_is_notcapable\00")
  (func $case_allocate_without_the_right_is_notcapable
    (call $say (global.get $l_allocate)
      (call $fd_allocate (call $open (global.get $p_f) (i32.const 0) (i64.const 0x40) (i32.const 0))
        (i64.const 0) (i64.const 1))))

  ;; A directory is BADF, also with length 0 (the old WASI test suite calls
  ;; fd_allocate(dir, 0, 0)); a stream is SPIPE, a closed number BADF.
  (data (i32.const 0x1D80) "allocate_on_a_directory_a_stream_or_a_closed_fd_fails\00")
  (func $case_allocate_on_a_directory_a_stream_or_a_closed_fd_fails
    (call $say (global.get $l_allocate) (call $fd_allocate (i32.const 3) (i64.const 0) (i64.const 1)))
    (call $say (global.get $l_allocate) (call $fd_allocate (i32.const 3) (i64.const 0) (i64.const 0)))
    (call $say (global.get $l_allocate) (call $fd_allocate (i32.const 1) (i64.const 0) (i64.const 1)))
    (call $say (global.get $l_allocate) (call $fd_allocate (i32.const 99) (i64.const 0) (i64.const 1))))

  ;; Growing past the filesystem's size bound (MemFs: 1 GiB) is NOSPC.
  (data (i32.const 0x1DC0) "allocate_beyond_the_size_limit\00")
  (func $case_allocate_beyond_the_size_limit
    (call $say (global.get $l_allocate)
      (call $fd_allocate (call $open (global.get $p_f) (i32.const 0) (i64.const 0x100) (i32.const 0))
        (i64.const 0) (i64.const 0x80000000))))

  ;; ---- fd_sync, fd_datasync --------------------------------------------

  ;; Both succeed on a file and on a directory.
  (data (i32.const 0x1E00) "sync_and_datasync_succeed_on_files_and_directories\00")
  (func $case_sync_and_datasync_succeed_on_files_and_directories
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x11) (i32.const 0)))
    (call $say (global.get $l_sync) (call $fd_sync (local.get $fd)))
    (call $say (global.get $l_datasync) (call $fd_datasync (local.get $fd)))
    (call $say (global.get $l_sync) (call $fd_sync (i32.const 3)))
    (call $say (global.get $l_datasync) (call $fd_datasync (i32.const 3))))

  ;; Without FD_SYNC / FD_DATASYNC: NOTCAPABLE.
  (data (i32.const 0x1E40) "sync_without_the_right_is_notcapable\00")
  (func $case_sync_without_the_right_is_notcapable
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_sync) (call $fd_sync (local.get $fd)))
    (call $say (global.get $l_datasync) (call $fd_datasync (local.get $fd))))

  ;; A stream cannot be synced: INVAL (POSIX fsync); a closed number is BADF.
  (data (i32.const 0x1E80) "sync_on_a_stream_or_a_closed_fd_fails\00")
  (func $case_sync_on_a_stream_or_a_closed_fd_fails
    (call $say (global.get $l_sync) (call $fd_sync (i32.const 1)))
    (call $say (global.get $l_datasync) (call $fd_datasync (i32.const 1)))
    (call $say (global.get $l_sync) (call $fd_sync (i32.const 99)))
    (call $say (global.get $l_datasync) (call $fd_datasync (i32.const 99))))

  ;; The sync fdflags are accepted at open, reported, and writes work.
  (data (i32.const 0x1EC0) "sync_fdflags_are_accepted\00")
  (func $case_sync_fdflags_are_accepted
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x40) (i32.const 0x1A)))
    (call $show_flags (local.get $fd))
    (call $show_write (local.get $fd) (global.get $s_x)))

  ;; ---- fd_prestat_get, fd_prestat_dir_name -----------------------------

  ;; The root preopen: a directory (tag 0) named "/" (1 byte, no NUL).
  (data (i32.const 0x1F00) "prestat_of_the_root_preopen\00")
  (func $case_prestat_of_the_root_preopen
    (call $say (global.get $l_prestat) (call $fd_prestat_get (i32.const 3) (i32.const 0xE0)))
    (call $say (global.get $l_tag) (i32.load8_u (i32.const 0xE0)))
    (call $say (global.get $l_len) (i32.load (i32.const 0xE4)))
    (call $say (global.get $l_dir_name)
      (call $fd_prestat_dir_name (i32.const 3) (i32.const 0x4000) (i32.load (i32.const 0xE4))))
    (call $say_bytes (global.get $l_data) (i32.const 0x4000) (i32.load (i32.const 0xE4))))

  ;; Scanning for preopens ends at the first BADF (wasi-libc stops there);
  ;; stdio are not preopens either.
  (data (i32.const 0x1F40) "prestat_scan_ends_with_badf\00")
  (func $case_prestat_scan_ends_with_badf
    (call $say (global.get $l_prestat) (call $fd_prestat_get (i32.const 4) (i32.const 0xE0)))
    (call $say (global.get $l_prestat) (call $fd_prestat_get (i32.const 0) (i32.const 0xE0)))
    (call $say (global.get $l_prestat) (call $fd_prestat_get (i32.const 1) (i32.const 0xE0)))
    (call $say (global.get $l_prestat) (call $fd_prestat_get (i32.const 2) (i32.const 0xE0))))

  ;; Directories and files the guest opened are no preopens: BADF.
  (data (i32.const 0x1F80) "prestat_of_an_opened_fd_is_badf\00")
  (func $case_prestat_of_an_opened_fd_is_badf
    (local $d i32) (local $f i32)
    (local.set $d (call $open_dir (global.get $p_d) (i64.const 0x6000)))
    (local.set $f (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_prestat) (call $fd_prestat_get (local.get $d) (i32.const 0xE0)))
    (call $say (global.get $l_dir_name)
      (call $fd_prestat_dir_name (local.get $d) (i32.const 0x4000) (i32.const 16)))
    (call $say (global.get $l_prestat) (call $fd_prestat_get (local.get $f) (i32.const 0xE0)))
    (call $say (global.get $l_dir_name)
      (call $fd_prestat_dir_name (local.get $f) (i32.const 0x4000) (i32.const 16))))

  ;; A buffer shorter than the name is NAMETOOLONG (the WASI test suite
  ;; accepts INVAL or NAMETOOLONG for a 0-byte buffer).
  (data (i32.const 0x1FC0) "prestat_dir_name_into_a_short_buffer_is_nametoolong\00")
  (func $case_prestat_dir_name_into_a_short_buffer_is_nametoolong
    (call $say (global.get $l_dir_name)
      (call $fd_prestat_dir_name (i32.const 3) (i32.const 0x4000) (i32.const 0))))

  ;; A longer buffer gets the name and nothing else (no NUL): "/###" stays
  ;; "/###".
  (data (i32.const 0x2000) "prestat_dir_name_into_a_larger_buffer\00")
  (func $case_prestat_dir_name_into_a_larger_buffer
    (call $say (global.get $l_dir_name)
      (call $fd_prestat_dir_name (i32.const 3) (global.get $s_hashes) (i32.const 4)))
    (call $say_bytes (global.get $l_data) (global.get $s_hashes) (i32.const 4)))

  ;; An out-of-bounds name buffer traps.
  (data (i32.const 0x2040) "prestat_dir_name_out_of_bounds_traps\00")
  (func $case_prestat_dir_name_out_of_bounds_traps
    (drop (call $fd_prestat_dir_name (i32.const 3) (i32.const 0x3FFFF) (i32.const 2))))

  ;; A second preopen (the test adds "/data") follows the first: fd 4, a
  ;; directory named "/data"; the scan ends at fd 5.
  (data (i32.const 0x2080) "prestat_of_a_second_preopen\00")
  (func $case_prestat_of_a_second_preopen
    (call $say (global.get $l_prestat) (call $fd_prestat_get (i32.const 4) (i32.const 0xE0)))
    (call $say (global.get $l_tag) (i32.load8_u (i32.const 0xE0)))
    (call $say (global.get $l_len) (i32.load (i32.const 0xE4)))
    (call $say (global.get $l_dir_name)
      (call $fd_prestat_dir_name (i32.const 4) (i32.const 0x4000) (i32.load (i32.const 0xE4))))
    (call $say_bytes (global.get $l_data) (i32.const 0x4000) (i32.load (i32.const 0xE4)))
    (call $say (global.get $l_prestat) (call $fd_prestat_get (i32.const 5) (i32.const 0xE0))))

  ;; ---- main ------------------------------------------------------------

  (func (export "_start")
    (call $load_args)
    (if (call $is (i32.const 0x1000)) (then (call $case_fdstat_of_stdio) (return)))
    (if (call $is (i32.const 0x1040)) (then (call $case_fdstat_of_the_preopen) (return)))
    (if (call $is (i32.const 0x1080)) (then (call $case_fdstat_of_a_file_reports_the_rights_granted) (return)))
    (if (call $is (i32.const 0x10C0)) (then (call $case_fdstat_of_a_directory_opened_asking_for_fd_seek) (return)))
    (if (call $is (i32.const 0x1100)) (then (call $case_fdstat_reports_the_fdflags_given_at_open) (return)))
    (if (call $is (i32.const 0x1140)) (then (call $case_fdstat_of_a_closed_fd_is_badf) (return)))
    (if (call $is (i32.const 0x1180)) (then (call $case_fdstat_into_out_of_bounds_memory_traps) (return)))
    (if (call $is (i32.const 0x11C0)) (then (call $case_rights_are_limited_by_the_directorys_inheriting_rights) (return)))
    (if (call $is (i32.const 0x1200)) (then (call $case_set_flags_append_changes_where_writes_go) (return)))
    (if (call $is (i32.const 0x1240)) (then (call $case_set_flags_nonblock_is_kept_and_reported) (return)))
    (if (call $is (i32.const 0x1280)) (then (call $case_set_flags_unknown_bits_are_inval) (return)))
    (if (call $is (i32.const 0x12C0)) (then (call $case_set_flags_on_a_directory_is_badf) (return)))
    (if (call $is (i32.const 0x1300)) (then (call $case_set_flags_without_the_right_is_notcapable) (return)))
    (if (call $is (i32.const 0x1340)) (then (call $case_set_flags_on_stdout) (return)))
    (if (call $is (i32.const 0x1380)) (then (call $case_set_flags_on_a_closed_fd_is_badf) (return)))
    (if (call $is (i32.const 0x13C0)) (then (call $case_set_rights_shrinks_and_is_enforced) (return)))
    (if (call $is (i32.const 0x1400)) (then (call $case_set_rights_without_fd_seek_makes_seek_notcapable) (return)))
    (if (call $is (i32.const 0x1440)) (then (call $case_set_rights_cannot_add_a_right) (return)))
    (if (call $is (i32.const 0x1480)) (then (call $case_set_rights_to_the_same_rights_succeeds) (return)))
    (if (call $is (i32.const 0x14C0)) (then (call $case_set_rights_unknown_bits_are_inval) (return)))
    (if (call $is (i32.const 0x1500)) (then (call $case_set_rights_on_a_directory_restricts_path_calls) (return)))
    (if (call $is (i32.const 0x1540)) (then (call $case_set_rights_on_stdin) (return)))
    (if (call $is (i32.const 0x1580)) (then (call $case_set_rights_on_a_closed_fd_is_badf) (return)))
    (if (call $is (i32.const 0x15C0)) (then (call $case_trunc_needs_path_filestat_set_size) (return)))
    (if (call $is (i32.const 0x1600)) (then (call $case_filestat_of_a_file) (return)))
    (if (call $is (i32.const 0x1640)) (then (call $case_filestat_of_a_directory) (return)))
    (if (call $is (i32.const 0x1680)) (then (call $case_filestat_of_stdio) (return)))
    (if (call $is (i32.const 0x16C0)) (then (call $case_filestat_is_live) (return)))
    (if (call $is (i32.const 0x1700)) (then (call $case_filestat_without_the_right_is_notcapable) (return)))
    (if (call $is (i32.const 0x1740)) (then (call $case_filestat_of_a_closed_fd_is_badf) (return)))
    (if (call $is (i32.const 0x1780)) (then (call $case_set_size_truncates_and_extends_with_zeros) (return)))
    (if (call $is (i32.const 0x17C0)) (then (call $case_set_size_below_the_cursor_then_write_refills_zeros) (return)))
    (if (call $is (i32.const 0x1800)) (then (call $case_set_size_without_the_right_is_notcapable) (return)))
    (if (call $is (i32.const 0x1840)) (then (call $case_set_size_on_a_directory_a_stream_or_a_closed_fd_fails) (return)))
    (if (call $is (i32.const 0x1880)) (then (call $case_set_size_past_i64_max_is_fbig) (return)))
    (if (call $is (i32.const 0x18C0)) (then (call $case_set_size_beyond_the_size_limit) (return)))
    (if (call $is (i32.const 0x1900)) (then (call $case_set_times_mtim_only_leaves_atim) (return)))
    (if (call $is (i32.const 0x1940)) (then (call $case_set_times_atim_only_leaves_mtim) (return)))
    (if (call $is (i32.const 0x1980)) (then (call $case_set_times_both_to_the_nanosecond) (return)))
    (if (call $is (i32.const 0x19C0)) (then (call $case_set_times_now_uses_the_realtime_clock) (return)))
    (if (call $is (i32.const 0x1A00)) (then (call $case_set_times_set_and_now_together_is_inval) (return)))
    (if (call $is (i32.const 0x1A40)) (then (call $case_set_times_unknown_flags_are_inval) (return)))
    (if (call $is (i32.const 0x1A80)) (then (call $case_set_times_without_the_right_is_notcapable) (return)))
    (if (call $is (i32.const 0x1AC0)) (then (call $case_set_times_on_a_directory) (return)))
    (if (call $is (i32.const 0x1B00)) (then (call $case_set_times_on_a_stream_or_a_closed_fd_fails) (return)))
    (if (call $is (i32.const 0x1B40)) (then (call $case_advise_succeeds_and_changes_nothing) (return)))
    (if (call $is (i32.const 0x1B80)) (then (call $case_advise_with_an_unknown_advice_is_inval) (return)))
    (if (call $is (i32.const 0x1BC0)) (then (call $case_advise_over_an_overflowing_range_is_inval) (return)))
    (if (call $is (i32.const 0x1C00)) (then (call $case_advise_without_the_right_is_notcapable) (return)))
    (if (call $is (i32.const 0x1C40)) (then (call $case_advise_on_a_directory_a_stream_or_a_closed_fd_fails) (return)))
    (if (call $is (i32.const 0x1C80)) (then (call $case_allocate_grows_and_never_shrinks) (return)))
    (if (call $is (i32.const 0x1CC0)) (then (call $case_allocate_zero_length_is_inval) (return)))
    (if (call $is (i32.const 0x1D00)) (then (call $case_allocate_past_i64_max_is_fbig) (return)))
    (if (call $is (i32.const 0x1D40)) (then (call $case_allocate_without_the_right_is_notcapable) (return)))
    (if (call $is (i32.const 0x1D80)) (then (call $case_allocate_on_a_directory_a_stream_or_a_closed_fd_fails) (return)))
    (if (call $is (i32.const 0x1DC0)) (then (call $case_allocate_beyond_the_size_limit) (return)))
    (if (call $is (i32.const 0x1E00)) (then (call $case_sync_and_datasync_succeed_on_files_and_directories) (return)))
    (if (call $is (i32.const 0x1E40)) (then (call $case_sync_without_the_right_is_notcapable) (return)))
    (if (call $is (i32.const 0x1E80)) (then (call $case_sync_on_a_stream_or_a_closed_fd_fails) (return)))
    (if (call $is (i32.const 0x1EC0)) (then (call $case_sync_fdflags_are_accepted) (return)))
    (if (call $is (i32.const 0x1F00)) (then (call $case_prestat_of_the_root_preopen) (return)))
    (if (call $is (i32.const 0x1F40)) (then (call $case_prestat_scan_ends_with_badf) (return)))
    (if (call $is (i32.const 0x1F80)) (then (call $case_prestat_of_an_opened_fd_is_badf) (return)))
    (if (call $is (i32.const 0x1FC0)) (then (call $case_prestat_dir_name_into_a_short_buffer_is_nametoolong) (return)))
    (if (call $is (i32.const 0x2000)) (then (call $case_prestat_dir_name_into_a_larger_buffer) (return)))
    (if (call $is (i32.const 0x2040)) (then (call $case_prestat_dir_name_out_of_bounds_traps) (return)))
    (if (call $is (i32.const 0x2080)) (then (call $case_prestat_of_a_second_preopen) (return)))
    (call $unknown))
)
