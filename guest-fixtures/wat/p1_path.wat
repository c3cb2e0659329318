;; p1_path.wat -- the preview1 battery for calls that name a path:
;; path_open, path_filestat_get, path_filestat_set_times,
;; path_create_directory, path_remove_directory, path_unlink_file,
;; path_rename, path_link, path_symlink, path_readlink.
;;
;; Usage: p1_path CASE
;;   CASE names one edge case; each $case_* function below says what it
;;   checks and why. The tests prepare the filesystem (preopened as fd 3,
;;   "/"):
;;     f = "hello"            d/inner = "in d"     d/il -> "inner"
;;     empty/ (a directory)   loop -> "loop"       lf -> "f"
;;     ld -> "d"              dangling -> "nowhere"
;;     tl -> "target" (dangling)   d/up -> "../f"
;;   Paths are relative to fd 3 unless a case says otherwise. One case also
;;   gets a second preopen, "/data" (fd 4), on another filesystem.
;;
;; Output: lines "<label> <value>\n" on stdout. Exit status 0; an unknown
;; case prints "unknown case" to stderr and exits 2; a failed setup step
;; prints "setup failed: <label> <errno>" to stderr and exits 4; a failed
;; report write exits 3. One case traps on purpose (an out-of-bounds buffer).
;;
;; The "<call>_reports_resolver_errors" cases run one call (through the
;; table $calls) on ten bad paths, one line each: "absolute" "/f",
;; "escape" "../f", "nul" "f\0g", "ilseq" the byte 0xFF, "long" a 256-byte
;; name, "notdir" "f/x", "noent" "missing/x", "loop" "loop/x", "file_fd"
;; "x" relative to a file's descriptor, "bad_fd" "x" relative to fd 99.
;;
;; Rights used: FD_READ 0x2, FD_WRITE 0x40, PATH_CREATE_DIRECTORY 0x200,
;; PATH_CREATE_FILE 0x400, PATH_LINK_SOURCE 0x800, PATH_LINK_TARGET 0x1000,
;; PATH_OPEN 0x2000, PATH_READLINK 0x8000, PATH_RENAME_SOURCE 0x10000,
;; PATH_RENAME_TARGET 0x20000, PATH_FILESTAT_GET 0x40000,
;; PATH_FILESTAT_SET_SIZE 0x80000, PATH_FILESTAT_SET_TIMES 0x100000,
;; FD_FILESTAT_GET 0x200000, PATH_SYMLINK 0x1000000,
;; PATH_REMOVE_DIRECTORY 0x2000000, PATH_UNLINK_FILE 0x4000000.
;; oflags: CREAT 1, DIRECTORY 2, EXCL 4, TRUNC 8. lookupflags:
;; SYMLINK_FOLLOW 1. fdflags: NONBLOCK 4. fstflags: ATIM 1, ATIM_NOW 2,
;; MTIM 4, MTIM_NOW 8. Filetypes: DIRECTORY 3, REGULAR_FILE 4,
;; SYMBOLIC_LINK 7.
;;
;; Memory layout (4 pages):
;;   0x0000  iovec {buf, len}          0x0020  u32 nread / bufused
;;   0x0028  u64 time                  0x0030  u32 fd opened by path_open
;;   0x0060  filestat (dev +0, ino +8, filetype u8 +16, nlink +24, size +32,
;;           atim +40, mtim +48)       0x00A0  a second filestat
;;   0x0200  prelude strings           0x03C0  prelude scratch
;;   0x0400  labels and paths, NUL-terminated, 16 bytes each
;;   0x1000  case names, NUL-terminated, 64 bytes each
;;   0x3000  a 256-byte name (filled at run time)
;;   0x4000  read / readlink buffer
;;   0x8000  a 4097-byte symlink target (filled at run time)
;;   0x10000 argv
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_set_times"
    (func $path_filestat_set_times (param i32 i32 i32 i32 i64 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory"
    (func $path_create_directory (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_remove_directory"
    (func $path_remove_directory (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_unlink_file"
    (func $path_unlink_file (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_rename"
    (func $path_rename (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_link"
    (func $path_link (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_symlink"
    (func $path_symlink (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_readlink"
    (func $path_readlink (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_get" (func $fd_filestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))

  (memory (export "memory") 4)

  (type $path_call (func (param i32 i32 i32) (result i32)))
  (table $calls 12 funcref)
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
  (global $l_fd i32 (i32.const 0x410))         (data (i32.const 0x410) "fd\00")
  (global $l_filestat i32 (i32.const 0x420))   (data (i32.const 0x420) "filestat\00")
  (global $l_type i32 (i32.const 0x430))       (data (i32.const 0x430) "type\00")
  (global $l_size i32 (i32.const 0x440))       (data (i32.const 0x440) "size\00")
  (global $l_nlink i32 (i32.const 0x450))      (data (i32.const 0x450) "nlink\00")
  (global $l_same_ino i32 (i32.const 0x460))   (data (i32.const 0x460) "same_ino\00")
  (global $l_set_times i32 (i32.const 0x470))  (data (i32.const 0x470) "set_times\00")
  (global $l_mtim i32 (i32.const 0x480))       (data (i32.const 0x480) "mtim\00")
  (global $l_atim i32 (i32.const 0x490))       (data (i32.const 0x490) "atim\00")
  (global $l_atim_kept i32 (i32.const 0x4A0))  (data (i32.const 0x4A0) "atim_kept\00")
  (global $l_mtim_kept i32 (i32.const 0x4B0))  (data (i32.const 0x4B0) "mtim_kept\00")
  (global $l_target_kept i32 (i32.const 0x4C0)) (data (i32.const 0x4C0) "target_kept\00")
  (global $l_mkdir i32 (i32.const 0x4D0))      (data (i32.const 0x4D0) "mkdir\00")
  (global $l_rmdir i32 (i32.const 0x4E0))      (data (i32.const 0x4E0) "rmdir\00")
  (global $l_unlink i32 (i32.const 0x4F0))     (data (i32.const 0x4F0) "unlink\00")
  (global $l_rename i32 (i32.const 0x500))     (data (i32.const 0x500) "rename\00")
  (global $l_link i32 (i32.const 0x510))       (data (i32.const 0x510) "link\00")
  (global $l_symlink i32 (i32.const 0x520))    (data (i32.const 0x520) "symlink\00")
  (global $l_readlink i32 (i32.const 0x530))   (data (i32.const 0x530) "readlink\00")
  (global $l_used i32 (i32.const 0x540))       (data (i32.const 0x540) "used\00")
  (global $l_data i32 (i32.const 0x550))       (data (i32.const 0x550) "data\00")
  (global $l_read i32 (i32.const 0x560))       (data (i32.const 0x560) "read\00")
  (global $l_opened i32 (i32.const 0x570))     (data (i32.const 0x570) "opened\00")
  (global $l_in_range i32 (i32.const 0x580))   (data (i32.const 0x580) "in_range\00")
  (global $l_a_eq_m i32 (i32.const 0x590))     (data (i32.const 0x590) "atim_eq_mtim\00")
  (global $l_absolute i32 (i32.const 0x5A0))   (data (i32.const 0x5A0) "absolute\00")
  (global $l_escape i32 (i32.const 0x5B0))     (data (i32.const 0x5B0) "escape\00")
  (global $l_nul i32 (i32.const 0x5C0))        (data (i32.const 0x5C0) "nul\00")
  (global $l_ilseq i32 (i32.const 0x5D0))      (data (i32.const 0x5D0) "ilseq\00")
  (global $l_long i32 (i32.const 0x5E0))       (data (i32.const 0x5E0) "long\00")
  (global $l_notdir i32 (i32.const 0x5F0))     (data (i32.const 0x5F0) "notdir\00")
  (global $l_noent i32 (i32.const 0x600))      (data (i32.const 0x600) "noent\00")
  (global $l_loop i32 (i32.const 0x610))       (data (i32.const 0x610) "loop\00")
  (global $l_file_fd i32 (i32.const 0x620))    (data (i32.const 0x620) "file_fd\00")
  (global $l_bad_fd i32 (i32.const 0x630))     (data (i32.const 0x630) "bad_fd\00")
  (global $l_write i32 (i32.const 0x640))      (data (i32.const 0x640) "write\00")
  (global $l_clock i32 (i32.const 0x650))      (data (i32.const 0x650) "clock\00")
  (global $l_same_dev i32 (i32.const 0x660))   (data (i32.const 0x660) "same_dev\00")

  (global $p_f i32 (i32.const 0x700))          (data (i32.const 0x700) "f\00")
  (global $p_d i32 (i32.const 0x710))          (data (i32.const 0x710) "d\00")
  (global $p_empty i32 (i32.const 0x720))      (data (i32.const 0x720) "empty\00")
  (global $p_loop i32 (i32.const 0x730))       (data (i32.const 0x730) "loop\00")
  (global $p_lf i32 (i32.const 0x740))         (data (i32.const 0x740) "lf\00")
  (global $p_ld i32 (i32.const 0x750))         (data (i32.const 0x750) "ld\00")
  (global $p_dangling i32 (i32.const 0x760))   (data (i32.const 0x760) "dangling\00")
  (global $p_tl i32 (i32.const 0x770))         (data (i32.const 0x770) "tl\00")
  (global $p_missing i32 (i32.const 0x780))    (data (i32.const 0x780) "missing\00")
  (global $p_new i32 (i32.const 0x790))        (data (i32.const 0x790) "new\00")
  (global $p_new_ i32 (i32.const 0x7A0))       (data (i32.const 0x7A0) "new/\00")
  (global $p_new2__ i32 (i32.const 0x7B0))     (data (i32.const 0x7B0) "new2//\00")
  (global $p_f_ i32 (i32.const 0x7C0))         (data (i32.const 0x7C0) "f/\00")
  (global $p_d_ i32 (i32.const 0x7D0))         (data (i32.const 0x7D0) "d/\00")
  (global $p_ld_ i32 (i32.const 0x7E0))        (data (i32.const 0x7E0) "ld/\00")
  (global $p_lf_ i32 (i32.const 0x7F0))        (data (i32.const 0x7F0) "lf/\00")
  (global $p_dot i32 (i32.const 0x800))        (data (i32.const 0x800) ".\00")
  (global $p_d_dotdot i32 (i32.const 0x810))   (data (i32.const 0x810) "d/..\00")
  (global $p_empty_ i32 (i32.const 0x820))     (data (i32.const 0x820) "empty/\00")
  (global $p_empty_dot i32 (i32.const 0x830))  (data (i32.const 0x830) "empty/.\00")
  (global $p_g i32 (i32.const 0x840))          (data (i32.const 0x840) "g\00")
  (global $p_e i32 (i32.const 0x850))          (data (i32.const 0x850) "e\00")
  (global $p_d_sub i32 (i32.const 0x860))      (data (i32.const 0x860) "d/sub\00")
  (global $p_e1 i32 (i32.const 0x870))         (data (i32.const 0x870) "e1\00")
  (global $p_e2_ i32 (i32.const 0x880))        (data (i32.const 0x880) "e2/\00")
  (global $p_e3_ i32 (i32.const 0x890))        (data (i32.const 0x890) "e3/\00")
  (global $p_x i32 (i32.const 0x8B0))          (data (i32.const 0x8B0) "x\00")
  (global $p_h i32 (i32.const 0x8C0))          (data (i32.const 0x8C0) "h\00")
  (global $p_l2 i32 (i32.const 0x8D0))         (data (i32.const 0x8D0) "l2\00")
  (global $p_loop2 i32 (i32.const 0x8E0))      (data (i32.const 0x8E0) "loop2\00")
  (global $p_s i32 (i32.const 0x8F0))          (data (i32.const 0x8F0) "s\00")
  (global $p_s_ i32 (i32.const 0x900))         (data (i32.const 0x900) "s/\00")
  (global $p_nowhere i32 (i32.const 0x910))    (data (i32.const 0x910) "nowhere\00")
  (global $p_moved i32 (i32.const 0x920))      (data (i32.const 0x920) "moved\00")
  (global $p_inner i32 (i32.const 0x930))      (data (i32.const 0x930) "inner\00")
  (global $p_d_inner i32 (i32.const 0x940))    (data (i32.const 0x940) "d/inner\00")
  (global $p_d_dot_inner i32 (i32.const 0x950)) (data (i32.const 0x950) "d/./inner\00")
  (global $p_d__inner i32 (i32.const 0x960))   (data (i32.const 0x960) "d//inner\00")
  (global $p_d_up_f i32 (i32.const 0x970))     (data (i32.const 0x970) "d/../f\00")
  (global $p_ld_inner i32 (i32.const 0x980))   (data (i32.const 0x980) "ld/inner\00")
  (global $p_ld_il i32 (i32.const 0x990))      (data (i32.const 0x990) "ld/il\00")
  (global $p_root i32 (i32.const 0x9A0))       (data (i32.const 0x9A0) "/\00")
  (global $p_etc i32 (i32.const 0x9B0))        (data (i32.const 0x9B0) "/etc/passwd\00")
  (global $p_climb i32 (i32.const 0x9C0))      (data (i32.const 0x9C0) "../up/./x//y\00")
  (global $p_f_x i32 (i32.const 0x9D0))        (data (i32.const 0x9D0) "f/x\00")
  (global $p_missing_x i32 (i32.const 0x9E0))  (data (i32.const 0x9E0) "missing/x\00")
  (global $p_loop_x i32 (i32.const 0x9F0))     (data (i32.const 0x9F0) "loop/x\00")
  (global $p_up_f i32 (i32.const 0xA00))       (data (i32.const 0xA00) "../f\00")
  (global $p_abs_f i32 (i32.const 0xA10))      (data (i32.const 0xA10) "/f\00")
  (global $p_d_s i32 (i32.const 0xA20))        (data (i32.const 0xA20) "d/s\00")
  (global $p_lg i32 (i32.const 0xA30))         (data (i32.const 0xA30) "lg\00")
  (global $p_nul i32 (i32.const 0xA40))        (data (i32.const 0xA40) "f\00g\00")
  (global $p_ff i32 (i32.const 0xA50))         (data (i32.const 0xA50) "\ff\00")
  (global $p_missing_new i32 (i32.const 0xA60)) (data (i32.const 0xA60) "missing/new\00")
  (global $p_nowhere2 i32 (i32.const 0xA70))   (data (i32.const 0xA70) "nowhere2\00")
  (global $p_empty_sub i32 (i32.const 0xA80))  (data (i32.const 0xA80) "empty/sub\00")
  (global $p_up i32 (i32.const 0xA90))         (data (i32.const 0xA90) "up\00")
  (global $p_d_up i32 (i32.const 0xAA0))       (data (i32.const 0xAA0) "d/up\00")
  (global $p_up_d_inner i32 (i32.const 0xAB0)) (data (i32.const 0xAB0) "../d/inner\00")
  (global $s_j i32 (i32.const 0xAC0))
  (global $p_new_dot i32 (i32.const 0xAD0))    (data (i32.const 0xAD0) "new/.\00")          (data (i32.const 0xAC0) "J\00")

  (global $LONG i32 (i32.const 0x3000))        ;; 256 bytes of "a", filled by $bad_paths
  (global $TARGET i32 (i32.const 0x8000))      ;; 4097 bytes of "a", filled by a case
  (global $BUF i32 (i32.const 0x4000))

  ;; ---- helpers for this family -----------------------------------------

  ;; path_open(dirfd, lookup, path, oflags, rights, rights, fdflags); the
  ;; new fd goes to [0x30]. Returns the errno.
  (func $open_at (param $dirfd i32) (param $lookup i32) (param $path i32) (param $oflags i32)
                 (param $rights i64) (param $fdflags i32) (result i32)
    (call $path_open (local.get $dirfd) (local.get $lookup)
      (local.get $path) (call $strlen (local.get $path))
      (local.get $oflags) (local.get $rights) (local.get $rights) (local.get $fdflags)
      (i32.const 0x30)))

  ;; "open <errno>" of path_open(3, lookup, path, oflags, rights, fdflags).
  (func $show_open (param $lookup i32) (param $path i32) (param $oflags i32) (param $rights i64)
                   (param $fdflags i32)
    (call $say (global.get $l_open)
      (call $open_at (i32.const 3) (local.get $lookup) (local.get $path) (local.get $oflags)
        (local.get $rights) (local.get $fdflags))))

  ;; Open `path` following symlinks (setup: it must work); returns the fd.
  (func $open (param $path i32) (param $oflags i32) (param $rights i64) (result i32)
    (call $must (global.get $l_open)
      (call $open_at (i32.const 3) (i32.const 1) (local.get $path) (local.get $oflags)
        (local.get $rights) (i32.const 0)))
    (i32.load (i32.const 0x30)))

  ;; Open the directory `path` with base `rights` and every inheriting right.
  (func $open_dir (param $path i32) (param $rights i64) (result i32)
    (call $must (global.get $l_open)
      (call $path_open (i32.const 3) (i32.const 1) (local.get $path) (call $strlen (local.get $path))
        (i32.const 2) (local.get $rights) (i64.const -1) (i32.const 0) (i32.const 0x30)))
    (i32.load (i32.const 0x30)))

  ;; path_filestat_get(3, lookup, path) into `at`; returns the errno.
  (func $stat (param $lookup i32) (param $path i32) (param $at i32) (result i32)
    (call $path_filestat_get (i32.const 3) (local.get $lookup)
      (local.get $path) (call $strlen (local.get $path)) (local.get $at)))

  ;; The same, as a setup step that must work.
  (func $must_stat (param $lookup i32) (param $path i32) (param $at i32)
    (call $must (global.get $l_filestat) (call $stat (local.get $lookup) (local.get $path) (local.get $at))))

  ;; "filestat <errno>", and on success "type <filetype>".
  (func $show_type (param $lookup i32) (param $path i32)
    (local $e i32)
    (local.set $e (call $stat (local.get $lookup) (local.get $path) (i32.const 0x60)))
    (call $say (global.get $l_filestat) (local.get $e))
    (if (i32.eqz (local.get $e)) (then (call $say (global.get $l_type) (i32.load8_u (i32.const 0x70))))))

  (func $show_mkdir (param $path i32)
    (call $say (global.get $l_mkdir)
      (call $path_create_directory (i32.const 3) (local.get $path) (call $strlen (local.get $path)))))

  (func $show_rmdir (param $path i32)
    (call $say (global.get $l_rmdir)
      (call $path_remove_directory (i32.const 3) (local.get $path) (call $strlen (local.get $path)))))

  (func $show_unlink (param $path i32)
    (call $say (global.get $l_unlink)
      (call $path_unlink_file (i32.const 3) (local.get $path) (call $strlen (local.get $path)))))

  (func $show_rename (param $from i32) (param $to i32)
    (call $say (global.get $l_rename)
      (call $path_rename (i32.const 3) (local.get $from) (call $strlen (local.get $from))
        (i32.const 3) (local.get $to) (call $strlen (local.get $to)))))

  (func $show_link (param $lookup i32) (param $from i32) (param $to i32)
    (call $say (global.get $l_link)
      (call $path_link (i32.const 3) (local.get $lookup) (local.get $from) (call $strlen (local.get $from))
        (i32.const 3) (local.get $to) (call $strlen (local.get $to)))))

  (func $show_symlink (param $target i32) (param $path i32)
    (call $say (global.get $l_symlink)
      (call $path_symlink (local.get $target) (call $strlen (local.get $target))
        (i32.const 3) (local.get $path) (call $strlen (local.get $path)))))

  ;; "readlink <errno>", and on success "used <bufused>" and "data <the
  ;; whole buffer>"; the buffer of `len` bytes is filled with "#" first.
  (func $show_readlink (param $path i32) (param $len i32)
    (local $e i32)
    (memory.fill (global.get $BUF) (i32.const 35) (i32.const 64))
    (local.set $e (call $path_readlink (i32.const 3) (local.get $path) (call $strlen (local.get $path))
      (global.get $BUF) (local.get $len) (i32.const 0x20)))
    (call $say (global.get $l_readlink) (local.get $e))
    (if (i32.eqz (local.get $e))
      (then
        (call $say (global.get $l_used) (i32.load (i32.const 0x20)))
        (call $say_bytes (global.get $l_data) (global.get $BUF) (local.get $len)))))

  ;; "read <errno>", then on success "data <bytes>": up to 64 bytes from fd.
  (func $show_read (param $fd i32)
    (local $e i32)
    (i32.store (i32.const 0x00) (global.get $BUF))
    (i32.store (i32.const 0x04) (i32.const 64))
    (local.set $e (call $fd_read (local.get $fd) (i32.const 0x00) (i32.const 1) (i32.const 0x20)))
    (call $say (global.get $l_read) (local.get $e))
    (if (i32.eqz (local.get $e))
      (then (call $say_bytes (global.get $l_data) (global.get $BUF) (i32.load (i32.const 0x20))))))

  ;; The realtime clock (it must work).
  (func $now (result i64)
    (call $must (global.get $l_clock)
      (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 0x28)))
    (i64.load (i32.const 0x28)))

  ;; ---- the resolver errors, for every call -----------------------------

  ;; One wrapper per call, taking (directory fd, path, length); the other
  ;; operands are fixed and valid.
  (func $t_open (param $fd i32) (param $p i32) (param $n i32) (result i32)
    (call $path_open (local.get $fd) (i32.const 1) (local.get $p) (local.get $n)
      (i32.const 0) (i64.const 0x2) (i64.const 0x2) (i32.const 0) (i32.const 0x30)))
  (func $t_filestat_get (param $fd i32) (param $p i32) (param $n i32) (result i32)
    (call $path_filestat_get (local.get $fd) (i32.const 1) (local.get $p) (local.get $n) (i32.const 0x60)))
  (func $t_set_times (param $fd i32) (param $p i32) (param $n i32) (result i32)
    (call $path_filestat_set_times (local.get $fd) (i32.const 1) (local.get $p) (local.get $n)
      (i64.const 0) (i64.const 0) (i32.const 4)))
  (func $t_mkdir (param $fd i32) (param $p i32) (param $n i32) (result i32)
    (call $path_create_directory (local.get $fd) (local.get $p) (local.get $n)))
  (func $t_rmdir (param $fd i32) (param $p i32) (param $n i32) (result i32)
    (call $path_remove_directory (local.get $fd) (local.get $p) (local.get $n)))
  (func $t_unlink (param $fd i32) (param $p i32) (param $n i32) (result i32)
    (call $path_unlink_file (local.get $fd) (local.get $p) (local.get $n)))
  (func $t_rename_from (param $fd i32) (param $p i32) (param $n i32) (result i32)
    (call $path_rename (local.get $fd) (local.get $p) (local.get $n) (i32.const 3) (global.get $p_new) (i32.const 3)))
  (func $t_rename_to (param $fd i32) (param $p i32) (param $n i32) (result i32)
    (call $path_rename (i32.const 3) (global.get $p_f) (i32.const 1) (local.get $fd) (local.get $p) (local.get $n)))
  (func $t_link_from (param $fd i32) (param $p i32) (param $n i32) (result i32)
    (call $path_link (local.get $fd) (i32.const 0) (local.get $p) (local.get $n)
      (i32.const 3) (global.get $p_new) (i32.const 3)))
  (func $t_link_to (param $fd i32) (param $p i32) (param $n i32) (result i32)
    (call $path_link (i32.const 3) (i32.const 0) (global.get $p_f) (i32.const 1)
      (local.get $fd) (local.get $p) (local.get $n)))
  (func $t_symlink (param $fd i32) (param $p i32) (param $n i32) (result i32)
    (call $path_symlink (global.get $p_f) (i32.const 1) (local.get $fd) (local.get $p) (local.get $n)))
  (func $t_readlink (param $fd i32) (param $p i32) (param $n i32) (result i32)
    (call $path_readlink (local.get $fd) (local.get $p) (local.get $n) (global.get $BUF) (i32.const 64)
      (i32.const 0x20)))

  (elem (table $calls) (i32.const 0) func
    $t_open $t_filestat_get $t_set_times $t_mkdir $t_rmdir $t_unlink
    $t_rename_from $t_rename_to $t_link_from $t_link_to $t_symlink $t_readlink)

  ;; Call number `k` of the table on (fd, p, n).
  (func $try (param $k i32) (param $fd i32) (param $p i32) (param $n i32) (result i32)
    (call_indirect $calls (type $path_call) (local.get $fd) (local.get $p) (local.get $n) (local.get $k)))

  ;; Run call `k` on the ten bad paths of the header, one line each. The
  ;; path is checked by the one resolver before any call-specific rule, so
  ;; every call answers the same: PERM, PERM, INVAL, ILSEQ, NAMETOOLONG,
  ;; NOTDIR, NOENT, LOOP, NOTDIR, BADF.
  (func $bad_paths (param $k i32)
    (local $file i32)
    (memory.fill (global.get $LONG) (i32.const 97) (i32.const 256))
    (local.set $file (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2)))
    (call $say (global.get $l_absolute) (call $try (local.get $k) (i32.const 3) (global.get $p_abs_f) (i32.const 2)))
    (call $say (global.get $l_escape) (call $try (local.get $k) (i32.const 3) (global.get $p_up_f) (i32.const 4)))
    (call $say (global.get $l_nul) (call $try (local.get $k) (i32.const 3) (global.get $p_nul) (i32.const 3)))
    (call $say (global.get $l_ilseq) (call $try (local.get $k) (i32.const 3) (global.get $p_ff) (i32.const 1)))
    (call $say (global.get $l_long) (call $try (local.get $k) (i32.const 3) (global.get $LONG) (i32.const 256)))
    (call $say (global.get $l_notdir) (call $try (local.get $k) (i32.const 3) (global.get $p_f_x) (i32.const 3)))
    (call $say (global.get $l_noent) (call $try (local.get $k) (i32.const 3) (global.get $p_missing_x) (i32.const 9)))
    (call $say (global.get $l_loop) (call $try (local.get $k) (i32.const 3) (global.get $p_loop_x) (i32.const 6)))
    (call $say (global.get $l_file_fd) (call $try (local.get $k) (local.get $file) (global.get $p_x) (i32.const 1)))
    (call $say (global.get $l_bad_fd) (call $try (local.get $k) (i32.const 99) (global.get $p_x) (i32.const 1))))

  (data (i32.const 0x1000) "path_open_reports_resolver_errors\00")
  (func $case_path_open_reports_resolver_errors (call $bad_paths (i32.const 0)))
  (data (i32.const 0x1040) "path_filestat_get_reports_resolver_errors\00")
  (func $case_path_filestat_get_reports_resolver_errors (call $bad_paths (i32.const 1)))
  (data (i32.const 0x1080) "path_filestat_set_times_reports_resolver_errors\00")
  (func $case_path_filestat_set_times_reports_resolver_errors (call $bad_paths (i32.const 2)))
  (data (i32.const 0x10C0) "path_create_directory_reports_resolver_errors\00")
  (func $case_path_create_directory_reports_resolver_errors (call $bad_paths (i32.const 3)))
  (data (i32.const 0x1100) "path_remove_directory_reports_resolver_errors\00")
  (func $case_path_remove_directory_reports_resolver_errors (call $bad_paths (i32.const 4)))
  (data (i32.const 0x1140) "path_unlink_file_reports_resolver_errors\00")
  (func $case_path_unlink_file_reports_resolver_errors (call $bad_paths (i32.const 5)))
  (data (i32.const 0x1180) "path_rename_source_reports_resolver_errors\00")
  (func $case_path_rename_source_reports_resolver_errors (call $bad_paths (i32.const 6)))
  (data (i32.const 0x11C0) "path_rename_target_reports_resolver_errors\00")
  (func $case_path_rename_target_reports_resolver_errors (call $bad_paths (i32.const 7)))
  (data (i32.const 0x1200) "path_link_source_reports_resolver_errors\00")
  (func $case_path_link_source_reports_resolver_errors (call $bad_paths (i32.const 8)))
  (data (i32.const 0x1240) "path_link_target_reports_resolver_errors\00")
  (func $case_path_link_target_reports_resolver_errors (call $bad_paths (i32.const 9)))
  (data (i32.const 0x1280) "path_symlink_reports_resolver_errors\00")
  (func $case_path_symlink_reports_resolver_errors (call $bad_paths (i32.const 10)))
  (data (i32.const 0x12C0) "path_readlink_reports_resolver_errors\00")
  (func $case_path_readlink_reports_resolver_errors (call $bad_paths (i32.const 11)))

  ;; ---- path_open -------------------------------------------------------

  ;; An existing file opens, at the lowest free number (4: after stdio and
  ;; the preopen).
  (data (i32.const 0x1300) "open_an_existing_file\00")
  (func $case_open_an_existing_file
    (call $show_open (i32.const 1) (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0))
    (call $say (global.get $l_fd) (i32.load (i32.const 0x30))))

  ;; No such file: NOENT (and nothing is created).
  (data (i32.const 0x1340) "open_a_missing_file_is_noent\00")
  (func $case_open_a_missing_file_is_noent
    (call $show_open (i32.const 1) (global.get $p_new) (i32.const 0) (i64.const 0x2) (i32.const 0)))

  ;; CREAT makes an empty file.
  (data (i32.const 0x1380) "open_creat_creates_an_empty_file\00")
  (func $case_open_creat_creates_an_empty_file
    (call $show_open (i32.const 1) (global.get $p_new) (i32.const 1) (i64.const 0x42) (i32.const 0)))

  ;; CREAT|EXCL on a file or a directory that exists is EXIST.
  (data (i32.const 0x13C0) "open_creat_excl_on_something_existing_is_exist\00")
  (func $case_open_creat_excl_on_something_existing_is_exist
    (call $show_open (i32.const 1) (global.get $p_f) (i32.const 5) (i64.const 0x42) (i32.const 0))
    (call $show_open (i32.const 1) (global.get $p_d) (i32.const 5) (i64.const 0) (i32.const 0)))

  ;; CREAT|EXCL on a symlink is EXIST whatever it points to, also a dangling
  ;; one, even with SYMLINK_FOLLOW (POSIX open: "If O_CREAT and O_EXCL are
  ;; set, and path names a symbolic link, open() shall fail with [EEXIST]").
  (data (i32.const 0x1400) "open_creat_excl_on_a_dangling_symlink_is_exist\00")
  (func $case_open_creat_excl_on_a_dangling_symlink_is_exist
    (call $show_open (i32.const 1) (global.get $p_dangling) (i32.const 5) (i64.const 0x42) (i32.const 0)))

  ;; CREAT without EXCL through a dangling symlink creates its target (POSIX
  ;; open follows the link).
  (data (i32.const 0x1440) "open_creat_through_a_dangling_symlink_creates_the_target\00")
  (func $case_open_creat_through_a_dangling_symlink_creates_the_target
    (call $show_open (i32.const 1) (global.get $p_dangling) (i32.const 1) (i64.const 0x42) (i32.const 0)))

  ;; TRUNC empties the file.
  (data (i32.const 0x1480) "open_trunc_empties_the_file\00")
  (func $case_open_trunc_empties_the_file
    (call $show_open (i32.const 1) (global.get $p_f) (i32.const 8) (i64.const 0x40) (i32.const 0)))

  ;; DIRECTORY on a file is NOTDIR; so is a trailing "/" on a file, while a
  ;; directory with a trailing "/" opens.
  (data (i32.const 0x14C0) "open_a_file_as_a_directory_is_notdir\00")
  (func $case_open_a_file_as_a_directory_is_notdir
    (call $show_open (i32.const 1) (global.get $p_f) (i32.const 2) (i64.const 0) (i32.const 0))
    (call $show_open (i32.const 1) (global.get $p_f_) (i32.const 0) (i64.const 0) (i32.const 0))
    (call $show_open (i32.const 1) (global.get $p_d_) (i32.const 0) (i64.const 0) (i32.const 0)))

  ;; A directory cannot be opened for writing or truncated: ISDIR; "." with
  ;; DIRECTORY and READ|WRITE is exactly ISDIR (WASI test suite:
  ;; path_open_preopen).
  (data (i32.const 0x1500) "open_a_directory_for_writing_is_isdir\00")
  (func $case_open_a_directory_for_writing_is_isdir
    (call $show_open (i32.const 1) (global.get $p_d) (i32.const 0) (i64.const 0x40) (i32.const 0))
    (call $show_open (i32.const 1) (global.get $p_d) (i32.const 8) (i64.const 0) (i32.const 0))
    (call $show_open (i32.const 1) (global.get $p_dot) (i32.const 2) (i64.const 0x42) (i32.const 0)))

  ;; "." opens with no rights, with DIRECTORY and READ, with NONBLOCK, with
  ;; the preopen's own base rights (0x0FBFFE19), and "d/.." is the preopen
  ;; again (WASI test suite: path_open_preopen, path_open_nonblock).
  (data (i32.const 0x1540) "open_dot_and_dotdot_inside\00")
  (func $case_open_dot_and_dotdot_inside
    (call $show_open (i32.const 0) (global.get $p_dot) (i32.const 0) (i64.const 0x0FBFFE19) (i32.const 0))
    (call $show_open (i32.const 0) (global.get $p_dot) (i32.const 0) (i64.const 0) (i32.const 0))
    (call $show_open (i32.const 0) (global.get $p_dot) (i32.const 2) (i64.const 0x2) (i32.const 0))
    (call $show_open (i32.const 0) (global.get $p_dot) (i32.const 0) (i64.const 0) (i32.const 4))
    (call $show_open (i32.const 0) (global.get $p_d_dotdot) (i32.const 2) (i64.const 0) (i32.const 0)))

  ;; ".", ".." and repeated "/" inside a path resolve as POSIX says.
  (data (i32.const 0x1580) "open_paths_with_dots_and_slashes\00")
  (func $case_open_paths_with_dots_and_slashes
    (call $show_open (i32.const 1) (global.get $p_d_up_f) (i32.const 0) (i64.const 0x2) (i32.const 0))
    (call $show_open (i32.const 1) (global.get $p_d_dot_inner) (i32.const 0) (i64.const 0x2) (i32.const 0))
    (call $show_open (i32.const 1) (global.get $p_d__inner) (i32.const 0) (i64.const 0x2) (i32.const 0)))

  ;; Without SYMLINK_FOLLOW a final symlink is LOOP (O_NOFOLLOW), also with
  ;; DIRECTORY; with it, the target opens, and DIRECTORY through a link to a
  ;; file is NOTDIR (WASI test suite: nofollow_errors).
  (data (i32.const 0x15C0) "open_a_symlink_follows_only_when_asked\00")
  (func $case_open_a_symlink_follows_only_when_asked
    (call $show_open (i32.const 0) (global.get $p_lf) (i32.const 0) (i64.const 0x2) (i32.const 0))
    (call $show_open (i32.const 0) (global.get $p_ld) (i32.const 0) (i64.const 0) (i32.const 0))
    (call $show_open (i32.const 0) (global.get $p_ld) (i32.const 2) (i64.const 0) (i32.const 0))
    (call $show_open (i32.const 1) (global.get $p_lf) (i32.const 0) (i64.const 0x2) (i32.const 0))
    (call $show_open (i32.const 1) (global.get $p_ld) (i32.const 2) (i64.const 0) (i32.const 0))
    (call $show_open (i32.const 1) (global.get $p_lf) (i32.const 2) (i64.const 0) (i32.const 0)))

  ;; Symlinks in the middle of a path are always followed.
  (data (i32.const 0x1600) "open_through_a_symlinked_directory\00")
  (func $case_open_through_a_symlinked_directory
    (call $show_open (i32.const 0) (global.get $p_ld_inner) (i32.const 0) (i64.const 0x2) (i32.const 0)))

  ;; A link to itself is LOOP, followed or not (WASI test suite:
  ;; symlink_loop); a dangling link followed is NOENT, not followed LOOP.
  (data (i32.const 0x1640) "open_a_loop_or_a_dangling_symlink\00")
  (func $case_open_a_loop_or_a_dangling_symlink
    (call $show_open (i32.const 1) (global.get $p_loop) (i32.const 0) (i64.const 0x2) (i32.const 0))
    (call $show_open (i32.const 0) (global.get $p_loop) (i32.const 0) (i64.const 0x2) (i32.const 0))
    (call $show_open (i32.const 1) (global.get $p_dangling) (i32.const 0) (i64.const 0x2) (i32.const 0))
    (call $show_open (i32.const 0) (global.get $p_dangling) (i32.const 0) (i64.const 0x2) (i32.const 0)))

  ;; Unknown oflags, fdflags or lookupflags bits are INVAL.
  (data (i32.const 0x1680) "open_with_unknown_flags_is_inval\00")
  (func $case_open_with_unknown_flags_is_inval
    (call $show_open (i32.const 1) (global.get $p_f) (i32.const 0x10) (i64.const 0x2) (i32.const 0))
    (call $show_open (i32.const 1) (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0x20))
    (call $show_open (i32.const 2) (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0)))

  ;; CREAT|DIRECTORY cannot create a directory: INVAL (Linux open), and
  ;; nothing is created.
  (data (i32.const 0x16C0) "open_creat_directory_is_inval\00")
  (func $case_open_creat_directory_is_inval
    (call $show_open (i32.const 1) (global.get $p_new) (i32.const 3) (i64.const 0) (i32.const 0)))

  ;; CREAT of a name with a trailing "/" cannot make a file: ISDIR (Linux
  ;; open), and nothing is created.
  (data (i32.const 0x1700) "open_creat_with_a_trailing_slash_is_isdir\00")
  (func $case_open_creat_with_a_trailing_slash_is_isdir
    (call $show_open (i32.const 1) (global.get $p_new_) (i32.const 1) (i64.const 0x42) (i32.const 0)))

  ;; The directory needs PATH_OPEN to open anything, PATH_CREATE_FILE for
  ;; CREAT and PATH_FILESTAT_SET_SIZE for TRUNC: NOTCAPABLE without.
  (data (i32.const 0x1740) "open_without_the_directory_rights_is_notcapable\00")
  (func $case_open_without_the_directory_rights_is_notcapable
    (local $no_open i32) (local $open_only i32)
    (local.set $no_open (call $open_dir (global.get $p_d) (i64.const 0x4000)))
    (local.set $open_only (call $open_dir (global.get $p_d) (i64.const 0x2000)))
    (call $say (global.get $l_open)
      (call $open_at (local.get $no_open) (i32.const 1) (global.get $p_inner) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_open)
      (call $open_at (local.get $open_only) (i32.const 1) (global.get $p_new) (i32.const 1) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_open)
      (call $open_at (local.get $open_only) (i32.const 1) (global.get $p_inner) (i32.const 8) (i64.const 0x2) (i32.const 0))))

  ;; The table has a bound on open descriptors (1024, with stdio and the
  ;; preopen: 1020 more); past it, MFILE.
  (data (i32.const 0x1780) "open_too_many_is_mfile\00")
  (func $case_open_too_many_is_mfile
    (local $n i32) (local $e i32)
    (block $full
      (loop $again
        (local.set $e (call $open_at (i32.const 3) (i32.const 1) (global.get $p_f) (i32.const 0)
          (i64.const 0x2) (i32.const 0)))
        (br_if $full (local.get $e))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br_if $full (i32.gt_u (local.get $n) (i32.const 100000)))
        (br $again)))
    (call $say (global.get $l_opened) (local.get $n))
    (call $say (global.get $l_open) (local.get $e)))

  ;; ---- path_filestat_get -----------------------------------------------

  ;; A file's type, size and link count.
  (data (i32.const 0x17C0) "filestat_get_of_a_file\00")
  (func $case_filestat_get_of_a_file
    (call $show_type (i32.const 0) (global.get $p_f))
    (call $say64 (global.get $l_size) (i64.load (i32.const 0x80)))
    (call $say64 (global.get $l_nlink) (i64.load (i32.const 0x78))))

  ;; Without SYMLINK_FOLLOW a symlink describes itself; with it, its target
  ;; (WASI test suite: path_exists).
  (data (i32.const 0x1800) "filestat_get_follows_a_symlink_only_when_asked\00")
  (func $case_filestat_get_follows_a_symlink_only_when_asked
    (call $show_type (i32.const 0) (global.get $p_lf))
    (call $show_type (i32.const 1) (global.get $p_lf))
    (call $show_type (i32.const 0) (global.get $p_ld))
    (call $show_type (i32.const 1) (global.get $p_ld)))

  ;; "." is the directory itself (same inode as fd_filestat_get on it).
  (data (i32.const 0x1840) "filestat_get_of_dot_is_the_directory\00")
  (func $case_filestat_get_of_dot_is_the_directory
    (call $show_type (i32.const 0) (global.get $p_dot))
    (call $must (global.get $l_filestat) (call $fd_filestat_get (i32.const 3) (i32.const 0xA0)))
    (call $say (global.get $l_same_ino) (i64.eq (i64.load (i32.const 0x68)) (i64.load (i32.const 0xA8)))))

  ;; A missing name is NOENT; a dangling link is NOENT followed and a
  ;; symlink not followed.
  (data (i32.const 0x1880) "filestat_get_of_a_missing_name_is_noent\00")
  (func $case_filestat_get_of_a_missing_name_is_noent
    (call $show_type (i32.const 0) (global.get $p_missing))
    (call $show_type (i32.const 1) (global.get $p_dangling))
    (call $show_type (i32.const 0) (global.get $p_dangling)))

  ;; A trailing "/" needs a directory: NOTDIR on a file; it follows a
  ;; symlink even without SYMLINK_FOLLOW.
  (data (i32.const 0x18C0) "filestat_get_with_a_trailing_slash\00")
  (func $case_filestat_get_with_a_trailing_slash
    (call $show_type (i32.const 0) (global.get $p_f_))
    (call $show_type (i32.const 0) (global.get $p_d_))
    (call $show_type (i32.const 0) (global.get $p_ld_)))

  ;; Unknown lookupflags bits are INVAL; without PATH_FILESTAT_GET on the
  ;; directory, NOTCAPABLE.
  (data (i32.const 0x1900) "filestat_get_bad_flags_or_rights\00")
  (func $case_filestat_get_bad_flags_or_rights
    (call $show_type (i32.const 2) (global.get $p_f))
    (call $say (global.get $l_filestat)
      (call $path_filestat_get (call $open_dir (global.get $p_d) (i64.const 0x2000)) (i32.const 0)
        (global.get $p_inner) (i32.const 5) (i32.const 0x60))))

  ;; ---- path_filestat_set_times -----------------------------------------

  ;; Setting only MTIM sets it to the nanosecond and leaves atim (WASI test
  ;; suite: path_filestat).
  (data (i32.const 0x1940) "set_times_by_path_mtim_only_leaves_atim\00")
  (func $case_set_times_by_path_mtim_only_leaves_atim
    (call $must_stat (i32.const 0) (global.get $p_f) (i32.const 0xA0))
    (call $say (global.get $l_set_times)
      (call $path_filestat_set_times (i32.const 3) (i32.const 0) (global.get $p_f) (i32.const 1)
        (i64.const 7) (i64.const 1600000000123456789) (i32.const 4)))
    (call $must_stat (i32.const 0) (global.get $p_f) (i32.const 0x60))
    (call $say64 (global.get $l_mtim) (i64.load (i32.const 0x90)))
    (call $say (global.get $l_atim_kept) (i64.eq (i64.load (i32.const 0x88)) (i64.load (i32.const 0xC8)))))

  ;; A time both set and NOW is INVAL and nothing changes.
  (data (i32.const 0x1980) "set_times_by_path_set_and_now_together_is_inval\00")
  (func $case_set_times_by_path_set_and_now_together_is_inval
    (call $must_stat (i32.const 0) (global.get $p_f) (i32.const 0xA0))
    (call $say (global.get $l_set_times)
      (call $path_filestat_set_times (i32.const 3) (i32.const 0) (global.get $p_f) (i32.const 1)
        (i64.const 100) (i64.const 200) (i32.const 3)))
    (call $say (global.get $l_set_times)
      (call $path_filestat_set_times (i32.const 3) (i32.const 0) (global.get $p_f) (i32.const 1)
        (i64.const 100) (i64.const 200) (i32.const 12)))
    (call $must_stat (i32.const 0) (global.get $p_f) (i32.const 0x60))
    (call $say (global.get $l_atim_kept) (i64.eq (i64.load (i32.const 0x88)) (i64.load (i32.const 0xC8))))
    (call $say (global.get $l_mtim_kept) (i64.eq (i64.load (i32.const 0x90)) (i64.load (i32.const 0xD0)))))

  ;; Without SYMLINK_FOLLOW the link itself gets the time and its target
  ;; keeps its own; with it, the target gets it (WASI test suite:
  ;; symlink_filestat; utimensat AT_SYMLINK_NOFOLLOW).
  (data (i32.const 0x19C0) "set_times_without_follow_acts_on_the_link\00")
  (func $case_set_times_without_follow_acts_on_the_link
    (call $must_stat (i32.const 0) (global.get $p_f) (i32.const 0xA0))
    (call $say (global.get $l_set_times)
      (call $path_filestat_set_times (i32.const 3) (i32.const 0) (global.get $p_lf) (i32.const 2)
        (i64.const 0) (i64.const 1000) (i32.const 4)))
    (call $must_stat (i32.const 0) (global.get $p_lf) (i32.const 0x60))
    (call $say64 (global.get $l_mtim) (i64.load (i32.const 0x90)))
    (call $must_stat (i32.const 0) (global.get $p_f) (i32.const 0x60))
    (call $say (global.get $l_target_kept) (i64.eq (i64.load (i32.const 0x90)) (i64.load (i32.const 0xD0))))
    (call $say (global.get $l_set_times)
      (call $path_filestat_set_times (i32.const 3) (i32.const 1) (global.get $p_lf) (i32.const 2)
        (i64.const 0) (i64.const 2000) (i32.const 4)))
    (call $must_stat (i32.const 0) (global.get $p_f) (i32.const 0x60))
    (call $say64 (global.get $l_mtim) (i64.load (i32.const 0x90))))

  ;; ATIM_NOW|MTIM_NOW by path: one realtime reading for both.
  (data (i32.const 0x1A00) "set_times_by_path_now\00")
  (func $case_set_times_by_path_now
    (local $t0 i64) (local $t1 i64)
    (local.set $t0 (call $now))
    (call $say (global.get $l_set_times)
      (call $path_filestat_set_times (i32.const 3) (i32.const 0) (global.get $p_f) (i32.const 1)
        (i64.const 1) (i64.const 2) (i32.const 10)))
    (local.set $t1 (call $now))
    (call $must_stat (i32.const 0) (global.get $p_f) (i32.const 0x60))
    (call $say (global.get $l_in_range)
      (i32.and (i64.le_u (local.get $t0) (i64.load (i32.const 0x90)))
               (i64.le_u (i64.load (i32.const 0x90)) (local.get $t1))))
    (call $say (global.get $l_a_eq_m) (i64.eq (i64.load (i32.const 0x88)) (i64.load (i32.const 0x90)))))

  ;; A missing name is NOENT (a dangling link followed, too); unknown
  ;; fstflags or lookupflags are INVAL; without PATH_FILESTAT_SET_TIMES on
  ;; the directory, NOTCAPABLE.
  (data (i32.const 0x1A40) "set_times_by_path_errors\00")
  (func $case_set_times_by_path_errors
    (call $say (global.get $l_set_times)
      (call $path_filestat_set_times (i32.const 3) (i32.const 0) (global.get $p_missing) (i32.const 7)
        (i64.const 0) (i64.const 0) (i32.const 4)))
    (call $say (global.get $l_set_times)
      (call $path_filestat_set_times (i32.const 3) (i32.const 1) (global.get $p_dangling) (i32.const 8)
        (i64.const 0) (i64.const 0) (i32.const 4)))
    (call $say (global.get $l_set_times)
      (call $path_filestat_set_times (i32.const 3) (i32.const 0) (global.get $p_f) (i32.const 1)
        (i64.const 0) (i64.const 0) (i32.const 0x10)))
    (call $say (global.get $l_set_times)
      (call $path_filestat_set_times (i32.const 3) (i32.const 2) (global.get $p_f) (i32.const 1)
        (i64.const 0) (i64.const 0) (i32.const 4)))
    (call $say (global.get $l_set_times)
      (call $path_filestat_set_times (call $open_dir (global.get $p_d) (i64.const 0x2000)) (i32.const 0)
        (global.get $p_inner) (i32.const 5) (i64.const 0) (i64.const 0) (i32.const 4))))

  ;; ---- path_create_directory -------------------------------------------

  ;; A new directory appears.
  (data (i32.const 0x1A80) "mkdir_creates_a_directory\00")
  (func $case_mkdir_creates_a_directory
    (call $show_mkdir (global.get $p_new))
    (call $show_type (i32.const 0) (global.get $p_new)))

  ;; Anything already there, a dangling symlink included, is EXIST; so is ".".
  (data (i32.const 0x1AC0) "mkdir_over_anything_existing_is_exist\00")
  (func $case_mkdir_over_anything_existing_is_exist
    (call $show_mkdir (global.get $p_f))
    (call $show_mkdir (global.get $p_d))
    (call $show_mkdir (global.get $p_dangling))
    (call $show_mkdir (global.get $p_ld))
    (call $show_mkdir (global.get $p_dot)))

  ;; A missing parent is NOENT.
  (data (i32.const 0x1B00) "mkdir_with_a_missing_parent_is_noent\00")
  (func $case_mkdir_with_a_missing_parent_is_noent
    (call $show_mkdir (global.get $p_missing_new)))

  ;; Trailing slashes are fine for a directory being made.
  (data (i32.const 0x1B40) "mkdir_with_a_trailing_slash_works\00")
  (func $case_mkdir_with_a_trailing_slash_works
    (call $show_mkdir (global.get $p_new_))
    (call $show_mkdir (global.get $p_new2__)))

  ;; Without PATH_CREATE_DIRECTORY on the directory: NOTCAPABLE.
  (data (i32.const 0x1B80) "mkdir_without_the_right_is_notcapable\00")
  (func $case_mkdir_without_the_right_is_notcapable
    (call $say (global.get $l_mkdir)
      (call $path_create_directory (call $open_dir (global.get $p_d) (i64.const 0x2000))
        (global.get $p_new) (i32.const 3))))

  ;; ---- path_remove_directory -------------------------------------------

  ;; An empty directory goes.
  (data (i32.const 0x1BC0) "rmdir_removes_an_empty_directory\00")
  (func $case_rmdir_removes_an_empty_directory
    (call $show_rmdir (global.get $p_empty)))

  ;; A directory with entries stays: exactly NOTEMPTY (WASI test suite:
  ;; remove_nonempty_directory).
  (data (i32.const 0x1C00) "rmdir_of_a_non_empty_directory_is_notempty\00")
  (func $case_rmdir_of_a_non_empty_directory_is_notempty
    (call $show_rmdir (global.get $p_d)))

  ;; A trailing "/" is fine (WASI test suite:
  ;; remove_directory_trailing_slashes).
  (data (i32.const 0x1C40) "rmdir_with_a_trailing_slash_works\00")
  (func $case_rmdir_with_a_trailing_slash_works
    (call $show_rmdir (global.get $p_empty_)))

  ;; A file is NOTDIR, with or without a trailing "/"; a symlink to a
  ;; directory is NOTDIR too (rmdir does not follow it).
  (data (i32.const 0x1C80) "rmdir_of_a_non_directory_is_notdir\00")
  (func $case_rmdir_of_a_non_directory_is_notdir
    (call $show_rmdir (global.get $p_f))
    (call $show_rmdir (global.get $p_f_))
    (call $show_rmdir (global.get $p_ld)))

  ;; "." and a path that resolves to the directory itself ("d/..") are
  ;; INVAL (POSIX rmdir: the last component "." is EINVAL).
  (data (i32.const 0x1CC0) "rmdir_of_dot_is_inval\00")
  (func $case_rmdir_of_dot_is_inval
    (call $show_rmdir (global.get $p_dot))
    (call $show_rmdir (global.get $p_d_dotdot)))

  ;; A path whose last component is "." is INVAL too, and the directory
  ;; stays (POSIX rmdir: "If the path argument refers to a path whose final
  ;; component is either dot or dot-dot, rmdir() shall fail [EINVAL]").
  (data (i32.const 0x1D00) "rmdir_of_a_path_ending_in_dot_is_inval\00")
  (func $case_rmdir_of_a_path_ending_in_dot_is_inval
    (call $show_rmdir (global.get $p_empty_dot)))

  ;; A directory still open can be removed; the name can then be made again
  ;; (WASI test suite: dangling_fd).
  (data (i32.const 0x1D40) "rmdir_while_open_works\00")
  (func $case_rmdir_while_open_works
    (drop (call $open_dir (global.get $p_empty) (i64.const 0x4000)))
    (call $show_rmdir (global.get $p_empty))
    (call $show_mkdir (global.get $p_empty)))

  ;; A missing name is NOENT; without PATH_REMOVE_DIRECTORY, NOTCAPABLE.
  (data (i32.const 0x1D80) "rmdir_errors\00")
  (func $case_rmdir_errors
    (call $show_rmdir (global.get $p_missing))
    (call $say (global.get $l_rmdir)
      (call $path_remove_directory (call $open_dir (global.get $p_d) (i64.const 0x2000))
        (global.get $p_inner) (i32.const 5))))

  ;; ---- path_unlink_file ------------------------------------------------

  ;; A file goes; a symlink to it is left dangling.
  (data (i32.const 0x1DC0) "unlink_removes_a_file\00")
  (func $case_unlink_removes_a_file
    (call $show_unlink (global.get $p_f))
    (call $show_type (i32.const 1) (global.get $p_lf)))

  ;; A directory is ISDIR, with or without a trailing "/", "." too (WASI
  ;; test suite: unlink_file_trailing_slashes accepts ISDIR).
  (data (i32.const 0x1E00) "unlink_of_a_directory_is_isdir\00")
  (func $case_unlink_of_a_directory_is_isdir
    (call $show_unlink (global.get $p_d))
    (call $show_unlink (global.get $p_d_))
    (call $show_unlink (global.get $p_dot)))

  ;; A trailing "/" on a file: NOTDIR, and the file stays.
  (data (i32.const 0x1E40) "unlink_a_file_with_a_trailing_slash_is_notdir\00")
  (func $case_unlink_a_file_with_a_trailing_slash_is_notdir
    (call $show_unlink (global.get $p_f_)))

  ;; Unlinking a symlink to a directory removes the link only (WASI test
  ;; suite: nofollow_errors, symlink_create).
  (data (i32.const 0x1E80) "unlink_a_symlink_to_a_directory_removes_the_link_only\00")
  (func $case_unlink_a_symlink_to_a_directory_removes_the_link_only
    (call $show_unlink (global.get $p_ld))
    (call $show_type (i32.const 0) (global.get $p_d_inner)))

  ;; A dangling symlink can be unlinked (WASI test suite: dangling_symlink).
  (data (i32.const 0x1EC0) "unlink_a_dangling_symlink\00")
  (func $case_unlink_a_dangling_symlink
    (call $show_unlink (global.get $p_dangling)))

  ;; An open file can be unlinked: its name is gone at once, its data stays
  ;; readable through the descriptor, and the name can be created anew
  ;; (POSIX unlink; WASI test suite: dangling_fd).
  (data (i32.const 0x1F00) "unlink_while_open_keeps_the_data\00")
  (func $case_unlink_while_open_keeps_the_data
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2)))
    (call $show_unlink (global.get $p_f))
    (call $show_type (i32.const 0) (global.get $p_f))
    (call $show_read (local.get $fd))
    (call $show_open (i32.const 1) (global.get $p_f) (i32.const 1) (i64.const 0x42) (i32.const 0)))

  ;; A missing name is NOENT; without PATH_UNLINK_FILE, NOTCAPABLE.
  (data (i32.const 0x1F40) "unlink_errors\00")
  (func $case_unlink_errors
    (call $show_unlink (global.get $p_missing))
    (call $say (global.get $l_unlink)
      (call $path_unlink_file (call $open_dir (global.get $p_d) (i64.const 0x2000))
        (global.get $p_inner) (i32.const 5))))

  ;; ---- path_rename -----------------------------------------------------

  ;; A file moves to a new name.
  (data (i32.const 0x1F80) "rename_a_file\00")
  (func $case_rename_a_file
    (call $show_rename (global.get $p_f) (global.get $p_g)))

  ;; A file replaces a file (POSIX rename).
  (data (i32.const 0x1FC0) "rename_a_file_over_a_file_replaces_it\00")
  (func $case_rename_a_file_over_a_file_replaces_it
    (call $show_rename (global.get $p_f) (global.get $p_g)))

  ;; A directory moves with its contents.
  (data (i32.const 0x2000) "rename_a_directory\00")
  (func $case_rename_a_directory
    (call $show_rename (global.get $p_d) (global.get $p_e)))

  ;; A directory replaces an empty directory (WASI test suite: path_rename).
  (data (i32.const 0x2040) "rename_a_directory_over_an_empty_directory\00")
  (func $case_rename_a_directory_over_an_empty_directory
    (call $show_rename (global.get $p_d) (global.get $p_empty)))

  ;; ... but not one with entries: NOTEMPTY.
  (data (i32.const 0x2080) "rename_over_a_non_empty_directory_is_notempty\00")
  (func $case_rename_over_a_non_empty_directory_is_notempty
    (call $show_rename (global.get $p_empty) (global.get $p_d)))

  ;; A file over a directory is ISDIR; a directory over a file is NOTDIR.
  (data (i32.const 0x20C0) "rename_across_types_fails\00")
  (func $case_rename_across_types_fails
    (call $show_rename (global.get $p_f) (global.get $p_empty))
    (call $show_rename (global.get $p_empty) (global.get $p_f)))

  ;; A directory cannot move into itself: INVAL.
  (data (i32.const 0x2100) "rename_a_directory_into_itself_is_inval\00")
  (func $case_rename_a_directory_into_itself_is_inval
    (call $show_rename (global.get $p_d) (global.get $p_d_sub))
    (call $show_rename (global.get $p_empty) (global.get $p_empty_sub)))

  ;; Trailing slashes are fine on directories, on either side (WASI test
  ;; suite: path_rename_dir_trailing_slashes).
  (data (i32.const 0x2140) "rename_directories_with_trailing_slashes\00")
  (func $case_rename_directories_with_trailing_slashes
    (call $show_rename (global.get $p_empty_) (global.get $p_e1))
    (call $show_rename (global.get $p_e1) (global.get $p_e2_))
    (call $show_rename (global.get $p_e2_) (global.get $p_e3_)))

  ;; A trailing "/" on a file, either side, is NOTDIR.
  (data (i32.const 0x2180) "rename_a_file_with_a_trailing_slash_is_notdir\00")
  (func $case_rename_a_file_with_a_trailing_slash_is_notdir
    (call $show_rename (global.get $p_f_) (global.get $p_g))
    (call $show_rename (global.get $p_f) (global.get $p_new_)))

  ;; Renaming something onto itself succeeds and changes nothing.
  (data (i32.const 0x21C0) "rename_onto_itself_changes_nothing\00")
  (func $case_rename_onto_itself_changes_nothing
    (call $show_rename (global.get $p_f) (global.get $p_f))
    (call $show_rename (global.get $p_d) (global.get $p_d)))

  ;; A missing source is NOENT; "." on either side is INVAL.
  (data (i32.const 0x2200) "rename_a_missing_name_or_dot\00")
  (func $case_rename_a_missing_name_or_dot
    (call $show_rename (global.get $p_missing) (global.get $p_g))
    (call $show_rename (global.get $p_dot) (global.get $p_g))
    (call $show_rename (global.get $p_empty) (global.get $p_dot)))

  ;; A symlink is renamed itself, not its target; renaming onto a symlink
  ;; replaces the link.
  (data (i32.const 0x2240) "rename_moves_and_replaces_symlinks_themselves\00")
  (func $case_rename_moves_and_replaces_symlinks_themselves
    (call $show_rename (global.get $p_lf) (global.get $p_lg))
    (call $show_rename (global.get $p_f) (global.get $p_dangling)))

  ;; The two names may be relative to different directory descriptors.
  (data (i32.const 0x2280) "rename_across_directory_fds\00")
  (func $case_rename_across_directory_fds
    (call $say (global.get $l_rename)
      (call $path_rename (i32.const 3) (global.get $p_f) (i32.const 1)
        (call $open_dir (global.get $p_d) (i64.const 0x20000)) (global.get $p_moved) (i32.const 5))))

  ;; The source directory needs PATH_RENAME_SOURCE, the target
  ;; PATH_RENAME_TARGET: NOTCAPABLE without.
  (data (i32.const 0x22C0) "rename_without_the_rights_is_notcapable\00")
  (func $case_rename_without_the_rights_is_notcapable
    (local $d i32)
    (local.set $d (call $open_dir (global.get $p_d) (i64.const 0x2000)))
    (call $say (global.get $l_rename)
      (call $path_rename (local.get $d) (global.get $p_inner) (i32.const 5)
        (i32.const 3) (global.get $p_x) (i32.const 1)))
    (call $say (global.get $l_rename)
      (call $path_rename (i32.const 3) (global.get $p_f) (i32.const 1)
        (local.get $d) (global.get $p_x) (i32.const 1))))

  ;; ---- path_link -------------------------------------------------------

  ;; A hard link is a second name for the same file: same inode, two links
  ;; seen through a descriptor opened before (fd_filestat_get is live), and
  ;; a write through one name shows through the other.
  (data (i32.const 0x2300) "link_makes_a_second_name\00")
  (func $case_link_makes_a_second_name
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x200000)))
    (call $show_link (i32.const 0) (global.get $p_f) (global.get $p_g))
    (call $must (global.get $l_filestat) (call $fd_filestat_get (local.get $fd) (i32.const 0x60)))
    (call $say64 (global.get $l_nlink) (i64.load (i32.const 0x78)))
    (call $must_stat (i32.const 0) (global.get $p_g) (i32.const 0xA0))
    (call $say (global.get $l_same_ino) (i64.eq (i64.load (i32.const 0x68)) (i64.load (i32.const 0xA8))))
    (i32.store (i32.const 0x00) (global.get $s_j))
    (i32.store (i32.const 0x04) (i32.const 1))
    (call $say (global.get $l_write)
      (call $fd_write (call $open (global.get $p_g) (i32.const 0) (i64.const 0x40))
        (i32.const 0x00) (i32.const 1) (i32.const 0x20))))

  ;; The new name must be free: a file, a directory, a dangling symlink,
  ;; the source itself are EXIST (WASI test suite: path_link).
  (data (i32.const 0x2340) "link_onto_anything_existing_is_exist\00")
  (func $case_link_onto_anything_existing_is_exist
    (call $show_link (i32.const 0) (global.get $p_f) (global.get $p_lf))
    (call $show_link (i32.const 0) (global.get $p_f) (global.get $p_d))
    (call $show_link (i32.const 0) (global.get $p_f) (global.get $p_dangling))
    (call $show_link (i32.const 0) (global.get $p_f) (global.get $p_f)))

  ;; Directories cannot be hard-linked: PERM (POSIX link).
  (data (i32.const 0x2380) "link_a_directory_is_perm\00")
  (func $case_link_a_directory_is_perm
    (call $show_link (i32.const 0) (global.get $p_d) (global.get $p_x)))

  ;; A new name with a trailing "/" is NOENT (nothing there to be a directory).
  (data (i32.const 0x23C0) "link_to_a_name_with_a_trailing_slash_is_noent\00")
  (func $case_link_to_a_name_with_a_trailing_slash_is_noent
    (call $show_link (i32.const 0) (global.get $p_f) (global.get $p_new_)))

  ;; Without SYMLINK_FOLLOW the symlink itself is linked, even a dangling one
  ;; or a loop (WASI test suite: path_link).
  (data (i32.const 0x2400) "link_a_symlink_without_follow_links_the_symlink\00")
  (func $case_link_a_symlink_without_follow_links_the_symlink
    (call $show_link (i32.const 0) (global.get $p_dangling) (global.get $p_l2))
    (call $show_type (i32.const 0) (global.get $p_l2))
    (call $show_link (i32.const 0) (global.get $p_loop) (global.get $p_loop2))
    (call $show_type (i32.const 0) (global.get $p_loop2)))

  ;; With SYMLINK_FOLLOW the target is linked; a dangling link then is NOENT.
  (data (i32.const 0x2440) "link_with_follow_links_the_target\00")
  (func $case_link_with_follow_links_the_target
    (call $show_link (i32.const 1) (global.get $p_lf) (global.get $p_h))
    (call $show_type (i32.const 0) (global.get $p_h))
    (call $say64 (global.get $l_nlink) (i64.load (i32.const 0x78)))
    (call $show_link (i32.const 1) (global.get $p_dangling) (global.get $p_x)))

  ;; A missing source is NOENT; the source directory needs PATH_LINK_SOURCE
  ;; and the target PATH_LINK_TARGET: NOTCAPABLE without.
  (data (i32.const 0x2480) "link_errors\00")
  (func $case_link_errors
    (local $d i32)
    (call $show_link (i32.const 0) (global.get $p_missing) (global.get $p_x))
    (local.set $d (call $open_dir (global.get $p_d) (i64.const 0x2000)))
    (call $say (global.get $l_link)
      (call $path_link (local.get $d) (i32.const 0) (global.get $p_inner) (i32.const 5)
        (i32.const 3) (global.get $p_x) (i32.const 1)))
    (call $say (global.get $l_link)
      (call $path_link (i32.const 3) (i32.const 0) (global.get $p_f) (i32.const 1)
        (local.get $d) (global.get $p_x) (i32.const 1))))

  ;; ---- path_symlink ----------------------------------------------------

  ;; A symlink may dangle; it is stored, described as a symlink, and
  ;; following it is NOENT.
  (data (i32.const 0x24C0) "symlink_may_dangle\00")
  (func $case_symlink_may_dangle
    (call $show_symlink (global.get $p_nowhere2) (global.get $p_s))
    (call $show_type (i32.const 0) (global.get $p_s))
    (call $show_type (i32.const 1) (global.get $p_s)))

  ;; An absolute target could only point out of the sandbox: PERM, and
  ;; nothing is created (WASI test suite: symlink_create wants a failure).
  (data (i32.const 0x2500) "symlink_with_an_absolute_target_is_perm\00")
  (func $case_symlink_with_an_absolute_target_is_perm
    (call $show_symlink (global.get $p_root) (global.get $p_s))
    (call $show_symlink (global.get $p_etc) (global.get $p_s)))

  ;; A new name with a trailing "/" and nothing there is NOENT (WASI test
  ;; suite: path_symlink_trailing_slashes).
  (data (i32.const 0x2540) "symlink_at_a_name_with_a_trailing_slash_is_noent\00")
  (func $case_symlink_at_a_name_with_a_trailing_slash_is_noent
    (call $show_symlink (global.get $p_f) (global.get $p_s_)))

  ;; The new name must be free: EXIST for a file, a directory (also "d/"),
  ;; a dangling symlink; "f/" is NOTDIR (the suite accepts either).
  (data (i32.const 0x2580) "symlink_onto_anything_existing_fails\00")
  (func $case_symlink_onto_anything_existing_fails
    (call $show_symlink (global.get $p_x) (global.get $p_f))
    (call $show_symlink (global.get $p_x) (global.get $p_d))
    (call $show_symlink (global.get $p_x) (global.get $p_d_))
    (call $show_symlink (global.get $p_x) (global.get $p_dangling))
    (call $show_symlink (global.get $p_x) (global.get $p_f_)))

  ;; The target is stored exactly as given, ".." and all; whether it stays
  ;; inside is decided when it is followed.
  (data (i32.const 0x25C0) "symlink_targets_are_stored_as_given\00")
  (func $case_symlink_targets_are_stored_as_given
    (call $show_symlink (global.get $p_climb) (global.get $p_s))
    (call $show_readlink (global.get $p_s) (i32.const 12)))

  ;; A relative target is resolved from the link's own directory.
  (data (i32.const 0x2600) "a_symlink_resolves_from_its_own_directory\00")
  (func $case_a_symlink_resolves_from_its_own_directory
    (call $show_symlink (global.get $p_inner) (global.get $p_d_s))
    (call $show_read (call $open (global.get $p_d_s) (i32.const 0) (i64.const 0x2))))

  ;; Bad targets: empty is NOENT (POSIX symlink), a NUL is INVAL, bytes that
  ;; are not UTF-8 are ILSEQ, more than 4096 bytes is NAMETOOLONG.
  (data (i32.const 0x2640) "symlink_with_a_bad_target\00")
  (func $case_symlink_with_a_bad_target
    (memory.fill (global.get $TARGET) (i32.const 97) (i32.const 4097))
    (call $say (global.get $l_symlink)
      (call $path_symlink (global.get $p_x) (i32.const 0) (i32.const 3) (global.get $p_s) (i32.const 1)))
    (call $say (global.get $l_symlink)
      (call $path_symlink (global.get $p_nul) (i32.const 3) (i32.const 3) (global.get $p_s) (i32.const 1)))
    (call $say (global.get $l_symlink)
      (call $path_symlink (global.get $p_ff) (i32.const 1) (i32.const 3) (global.get $p_s) (i32.const 1)))
    (call $say (global.get $l_symlink)
      (call $path_symlink (global.get $TARGET) (i32.const 4097) (i32.const 3) (global.get $p_s) (i32.const 1))))

  ;; Without PATH_SYMLINK on the directory: NOTCAPABLE.
  (data (i32.const 0x2680) "symlink_without_the_right_is_notcapable\00")
  (func $case_symlink_without_the_right_is_notcapable
    (call $say (global.get $l_symlink)
      (call $path_symlink (global.get $p_x) (i32.const 1)
        (call $open_dir (global.get $p_d) (i64.const 0x2000)) (global.get $p_s) (i32.const 1))))

  ;; ---- path_readlink ---------------------------------------------------

  ;; The target, without a NUL; the rest of the buffer is untouched (WASI
  ;; test suite: readlink, 10-byte buffer).
  (data (i32.const 0x26C0) "readlink_reads_the_target\00")
  (func $case_readlink_reads_the_target
    (call $show_readlink (global.get $p_tl) (i32.const 10)))

  ;; A short buffer truncates silently: bufused == buf_len (WASI test
  ;; suite: readlink, 4-byte buffer); an empty buffer gets nothing.
  (data (i32.const 0x2700) "readlink_into_a_short_buffer_truncates\00")
  (func $case_readlink_into_a_short_buffer_truncates
    (call $show_readlink (global.get $p_tl) (i32.const 4))
    (call $show_readlink (global.get $p_tl) (i32.const 0)))

  ;; A file or a directory is no symlink: INVAL (POSIX readlink); "ld/"
  ;; names the directory the link points to.
  (data (i32.const 0x2740) "readlink_of_a_non_symlink_is_inval\00")
  (func $case_readlink_of_a_non_symlink_is_inval
    (call $show_readlink (global.get $p_f) (i32.const 10))
    (call $show_readlink (global.get $p_d) (i32.const 10))
    (call $show_readlink (global.get $p_ld_) (i32.const 10)))

  ;; Symlinks before the last component are followed.
  (data (i32.const 0x2780) "readlink_through_a_symlinked_directory\00")
  (func $case_readlink_through_a_symlinked_directory
    (call $show_readlink (global.get $p_ld_il) (i32.const 5)))

  ;; A missing name is NOENT; without PATH_READLINK, NOTCAPABLE.
  (data (i32.const 0x27C0) "readlink_errors\00")
  (func $case_readlink_errors
    (call $show_readlink (global.get $p_missing) (i32.const 10))
    (call $say (global.get $l_readlink)
      (call $path_readlink (call $open_dir (global.get $p_d) (i64.const 0x2000))
        (global.get $p_inner) (i32.const 5) (global.get $BUF) (i32.const 10) (i32.const 0x20))))

  ;; A buffer past the end of memory traps.
  (data (i32.const 0x2800) "readlink_into_out_of_bounds_memory_traps\00")
  (func $case_readlink_into_out_of_bounds_memory_traps
    (drop (call $path_readlink (i32.const 3) (global.get $p_tl) (i32.const 2)
      (i32.const 0x3FFFC) (i32.const 10) (i32.const 0x20))))

  ;; ---- two filesystems -------------------------------------------------

  ;; With a second preopen on another filesystem (the test adds "/data" as
  ;; fd 4), names cannot be renamed or linked across: XDEV (POSIX rename,
  ;; link), and nothing moves.
  (data (i32.const 0x2840) "rename_or_link_across_filesystems_is_xdev\00")
  (func $case_rename_or_link_across_filesystems_is_xdev
    (call $say (global.get $l_rename)
      (call $path_rename (i32.const 3) (global.get $p_f) (i32.const 1) (i32.const 4) (global.get $p_g) (i32.const 1)))
    (call $say (global.get $l_link)
      (call $path_link (i32.const 3) (i32.const 0) (global.get $p_f) (i32.const 1)
        (i32.const 4) (global.get $p_g) (i32.const 1))))

  ;; ---- the sandbox of a directory descriptor ---------------------------

  ;; The directory a call is relative to is its sandbox root: ".." never
  ;; climbs above it, even where the result would still be inside the
  ;; preopen (WASI test suite: interesting_paths), and neither does a
  ;; symlink: "d/up" -> "../f" opens from fd 3 but is PERM from d's fd.
  (data (i32.const 0x2880) "dotdot_never_climbs_above_the_directory_fd\00")
  (func $case_dotdot_never_climbs_above_the_directory_fd
    (local $d i32)
    (local.set $d (call $open_dir (global.get $p_d) (i64.const 0x2000)))
    (call $say (global.get $l_open)
      (call $open_at (local.get $d) (i32.const 1) (global.get $p_up_f) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_open)
      (call $open_at (local.get $d) (i32.const 1) (global.get $p_up_d_inner) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_open)
      (call $open_at (i32.const 3) (i32.const 1) (global.get $p_d_up) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_open)
      (call $open_at (local.get $d) (i32.const 1) (global.get $p_up) (i32.const 0) (i64.const 0x2) (i32.const 0))))

  ;; Two files of one filesystem share a device number and have different
  ;; inodes (WASI test suite: stat-dev-ino).
  (data (i32.const 0x28C0) "files_share_a_device_and_have_distinct_inodes\00")
  (func $case_files_share_a_device_and_have_distinct_inodes
    (call $must_stat (i32.const 0) (global.get $p_f) (i32.const 0x60))
    (call $must_stat (i32.const 0) (global.get $p_d_inner) (i32.const 0xA0))
    (call $say (global.get $l_same_dev) (i64.eq (i64.load (i32.const 0x60)) (i64.load (i32.const 0xA0))))
    (call $say (global.get $l_same_ino) (i64.eq (i64.load (i32.const 0x68)) (i64.load (i32.const 0xA8)))))

  ;; ---- paths ending in "." ---------------------------------------------

  ;; A rename whose source ends in "." is INVAL and nothing moves (POSIX
  ;; rename: "If either pathname argument refers to a path whose final
  ;; component is either dot or dot-dot, rename() shall fail [EINVAL]").
  (data (i32.const 0x2900) "rename_of_a_path_ending_in_dot_is_inval\00")
  (func $case_rename_of_a_path_ending_in_dot_is_inval
    (call $show_rename (global.get $p_empty_dot) (global.get $p_e)))

  ;; "new/." names the directory "new" itself, which must exist for the
  ;; path to resolve: NOENT, and nothing is created (Linux mkdir).
  (data (i32.const 0x2940) "mkdir_of_a_path_ending_in_dot_is_noent\00")
  (func $case_mkdir_of_a_path_ending_in_dot_is_noent
    (call $show_mkdir (global.get $p_new_dot)))

  ;; ---- main ------------------------------------------------------------

  (func (export "_start")
    (call $load_args)
    (if (call $is (i32.const 0x1000)) (then (call $case_path_open_reports_resolver_errors) (return)))
    (if (call $is (i32.const 0x1040)) (then (call $case_path_filestat_get_reports_resolver_errors) (return)))
    (if (call $is (i32.const 0x1080)) (then (call $case_path_filestat_set_times_reports_resolver_errors) (return)))
    (if (call $is (i32.const 0x10C0)) (then (call $case_path_create_directory_reports_resolver_errors) (return)))
    (if (call $is (i32.const 0x1100)) (then (call $case_path_remove_directory_reports_resolver_errors) (return)))
    (if (call $is (i32.const 0x1140)) (then (call $case_path_unlink_file_reports_resolver_errors) (return)))
    (if (call $is (i32.const 0x1180)) (then (call $case_path_rename_source_reports_resolver_errors) (return)))
    (if (call $is (i32.const 0x11C0)) (then (call $case_path_rename_target_reports_resolver_errors) (return)))
    (if (call $is (i32.const 0x1200)) (then (call $case_path_link_source_reports_resolver_errors) (return)))
    (if (call $is (i32.const 0x1240)) (then (call $case_path_link_target_reports_resolver_errors) (return)))
    (if (call $is (i32.const 0x1280)) (then (call $case_path_symlink_reports_resolver_errors) (return)))
    (if (call $is (i32.const 0x12C0)) (then (call $case_path_readlink_reports_resolver_errors) (return)))
    (if (call $is (i32.const 0x1300)) (then (call $case_open_an_existing_file) (return)))
    (if (call $is (i32.const 0x1340)) (then (call $case_open_a_missing_file_is_noent) (return)))
    (if (call $is (i32.const 0x1380)) (then (call $case_open_creat_creates_an_empty_file) (return)))
    (if (call $is (i32.const 0x13C0)) (then (call $case_open_creat_excl_on_something_existing_is_exist) (return)))
    (if (call $is (i32.const 0x1400)) (then (call $case_open_creat_excl_on_a_dangling_symlink_is_exist) (return)))
    (if (call $is (i32.const 0x1440)) (then (call $case_open_creat_through_a_dangling_symlink_creates_the_target) (return)))
    (if (call $is (i32.const 0x1480)) (then (call $case_open_trunc_empties_the_file) (return)))
    (if (call $is (i32.const 0x14C0)) (then (call $case_open_a_file_as_a_directory_is_notdir) (return)))
    (if (call $is (i32.const 0x1500)) (then (call $case_open_a_directory_for_writing_is_isdir) (return)))
    (if (call $is (i32.const 0x1540)) (then (call $case_open_dot_and_dotdot_inside) (return)))
    (if (call $is (i32.const 0x1580)) (then (call $case_open_paths_with_dots_and_slashes) (return)))
    (if (call $is (i32.const 0x15C0)) (then (call $case_open_a_symlink_follows_only_when_asked) (return)))
    (if (call $is (i32.const 0x1600)) (then (call $case_open_through_a_symlinked_directory) (return)))
    (if (call $is (i32.const 0x1640)) (then (call $case_open_a_loop_or_a_dangling_symlink) (return)))
    (if (call $is (i32.const 0x1680)) (then (call $case_open_with_unknown_flags_is_inval) (return)))
    (if (call $is (i32.const 0x16C0)) (then (call $case_open_creat_directory_is_inval) (return)))
    (if (call $is (i32.const 0x1700)) (then (call $case_open_creat_with_a_trailing_slash_is_isdir) (return)))
    (if (call $is (i32.const 0x1740)) (then (call $case_open_without_the_directory_rights_is_notcapable) (return)))
    (if (call $is (i32.const 0x1780)) (then (call $case_open_too_many_is_mfile) (return)))
    (if (call $is (i32.const 0x17C0)) (then (call $case_filestat_get_of_a_file) (return)))
    (if (call $is (i32.const 0x1800)) (then (call $case_filestat_get_follows_a_symlink_only_when_asked) (return)))
    (if (call $is (i32.const 0x1840)) (then (call $case_filestat_get_of_dot_is_the_directory) (return)))
    (if (call $is (i32.const 0x1880)) (then (call $case_filestat_get_of_a_missing_name_is_noent) (return)))
    (if (call $is (i32.const 0x18C0)) (then (call $case_filestat_get_with_a_trailing_slash) (return)))
    (if (call $is (i32.const 0x1900)) (then (call $case_filestat_get_bad_flags_or_rights) (return)))
    (if (call $is (i32.const 0x1940)) (then (call $case_set_times_by_path_mtim_only_leaves_atim) (return)))
    (if (call $is (i32.const 0x1980)) (then (call $case_set_times_by_path_set_and_now_together_is_inval) (return)))
    (if (call $is (i32.const 0x19C0)) (then (call $case_set_times_without_follow_acts_on_the_link) (return)))
    (if (call $is (i32.const 0x1A00)) (then (call $case_set_times_by_path_now) (return)))
    (if (call $is (i32.const 0x1A40)) (then (call $case_set_times_by_path_errors) (return)))
    (if (call $is (i32.const 0x1A80)) (then (call $case_mkdir_creates_a_directory) (return)))
    (if (call $is (i32.const 0x1AC0)) (then (call $case_mkdir_over_anything_existing_is_exist) (return)))
    (if (call $is (i32.const 0x1B00)) (then (call $case_mkdir_with_a_missing_parent_is_noent) (return)))
    (if (call $is (i32.const 0x1B40)) (then (call $case_mkdir_with_a_trailing_slash_works) (return)))
    (if (call $is (i32.const 0x1B80)) (then (call $case_mkdir_without_the_right_is_notcapable) (return)))
    (if (call $is (i32.const 0x1BC0)) (then (call $case_rmdir_removes_an_empty_directory) (return)))
    (if (call $is (i32.const 0x1C00)) (then (call $case_rmdir_of_a_non_empty_directory_is_notempty) (return)))
    (if (call $is (i32.const 0x1C40)) (then (call $case_rmdir_with_a_trailing_slash_works) (return)))
    (if (call $is (i32.const 0x1C80)) (then (call $case_rmdir_of_a_non_directory_is_notdir) (return)))
    (if (call $is (i32.const 0x1CC0)) (then (call $case_rmdir_of_dot_is_inval) (return)))
    (if (call $is (i32.const 0x1D00)) (then (call $case_rmdir_of_a_path_ending_in_dot_is_inval) (return)))
    (if (call $is (i32.const 0x1D40)) (then (call $case_rmdir_while_open_works) (return)))
    (if (call $is (i32.const 0x1D80)) (then (call $case_rmdir_errors) (return)))
    (if (call $is (i32.const 0x1DC0)) (then (call $case_unlink_removes_a_file) (return)))
    (if (call $is (i32.const 0x1E00)) (then (call $case_unlink_of_a_directory_is_isdir) (return)))
    (if (call $is (i32.const 0x1E40)) (then (call $case_unlink_a_file_with_a_trailing_slash_is_notdir) (return)))
    (if (call $is (i32.const 0x1E80)) (then (call $case_unlink_a_symlink_to_a_directory_removes_the_link_only) (return)))
    (if (call $is (i32.const 0x1EC0)) (then (call $case_unlink_a_dangling_symlink) (return)))
    (if (call $is (i32.const 0x1F00)) (then (call $case_unlink_while_open_keeps_the_data) (return)))
    (if (call $is (i32.const 0x1F40)) (then (call $case_unlink_errors) (return)))
    (if (call $is (i32.const 0x1F80)) (then (call $case_rename_a_file) (return)))
    (if (call $is (i32.const 0x1FC0)) (then (call $case_rename_a_file_over_a_file_replaces_it) (return)))
    (if (call $is (i32.const 0x2000)) (then (call $case_rename_a_directory) (return)))
    (if (call $is (i32.const 0x2040)) (then (call $case_rename_a_directory_over_an_empty_directory) (return)))
    (if (call $is (i32.const 0x2080)) (then (call $case_rename_over_a_non_empty_directory_is_notempty) (return)))
    (if (call $is (i32.const 0x20C0)) (then (call $case_rename_across_types_fails) (return)))
    (if (call $is (i32.const 0x2100)) (then (call $case_rename_a_directory_into_itself_is_inval) (return)))
    (if (call $is (i32.const 0x2140)) (then (call $case_rename_directories_with_trailing_slashes) (return)))
    (if (call $is (i32.const 0x2180)) (then (call $case_rename_a_file_with_a_trailing_slash_is_notdir) (return)))
    (if (call $is (i32.const 0x21C0)) (then (call $case_rename_onto_itself_changes_nothing) (return)))
    (if (call $is (i32.const 0x2200)) (then (call $case_rename_a_missing_name_or_dot) (return)))
    (if (call $is (i32.const 0x2240)) (then (call $case_rename_moves_and_replaces_symlinks_themselves) (return)))
    (if (call $is (i32.const 0x2280)) (then (call $case_rename_across_directory_fds) (return)))
    (if (call $is (i32.const 0x22C0)) (then (call $case_rename_without_the_rights_is_notcapable) (return)))
    (if (call $is (i32.const 0x2300)) (then (call $case_link_makes_a_second_name) (return)))
    (if (call $is (i32.const 0x2340)) (then (call $case_link_onto_anything_existing_is_exist) (return)))
    (if (call $is (i32.const 0x2380)) (then (call $case_link_a_directory_is_perm) (return)))
    (if (call $is (i32.const 0x23C0)) (then (call $case_link_to_a_name_with_a_trailing_slash_is_noent) (return)))
    (if (call $is (i32.const 0x2400)) (then (call $case_link_a_symlink_without_follow_links_the_symlink) (return)))
    (if (call $is (i32.const 0x2440)) (then (call $case_link_with_follow_links_the_target) (return)))
    (if (call $is (i32.const 0x2480)) (then (call $case_link_errors) (return)))
    (if (call $is (i32.const 0x24C0)) (then (call $case_symlink_may_dangle) (return)))
    (if (call $is (i32.const 0x2500)) (then (call $case_symlink_with_an_absolute_target_is_perm) (return)))
    (if (call $is (i32.const 0x2540)) (then (call $case_symlink_at_a_name_with_a_trailing_slash_is_noent) (return)))
    (if (call $is (i32.const 0x2580)) (then (call $case_symlink_onto_anything_existing_fails) (return)))
    (if (call $is (i32.const 0x25C0)) (then (call $case_symlink_targets_are_stored_as_given) (return)))
    (if (call $is (i32.const 0x2600)) (then (call $case_a_symlink_resolves_from_its_own_directory) (return)))
    (if (call $is (i32.const 0x2640)) (then (call $case_symlink_with_a_bad_target) (return)))
    (if (call $is (i32.const 0x2680)) (then (call $case_symlink_without_the_right_is_notcapable) (return)))
    (if (call $is (i32.const 0x26C0)) (then (call $case_readlink_reads_the_target) (return)))
    (if (call $is (i32.const 0x2700)) (then (call $case_readlink_into_a_short_buffer_truncates) (return)))
    (if (call $is (i32.const 0x2740)) (then (call $case_readlink_of_a_non_symlink_is_inval) (return)))
    (if (call $is (i32.const 0x2780)) (then (call $case_readlink_through_a_symlinked_directory) (return)))
    (if (call $is (i32.const 0x27C0)) (then (call $case_readlink_errors) (return)))
    (if (call $is (i32.const 0x2800)) (then (call $case_readlink_into_out_of_bounds_memory_traps) (return)))
    (if (call $is (i32.const 0x2840)) (then (call $case_rename_or_link_across_filesystems_is_xdev) (return)))
    (if (call $is (i32.const 0x2880)) (then (call $case_dotdot_never_climbs_above_the_directory_fd) (return)))
    (if (call $is (i32.const 0x28C0)) (then (call $case_files_share_a_device_and_have_distinct_inodes) (return)))
    (if (call $is (i32.const 0x2900)) (then (call $case_rename_of_a_path_ending_in_dot_is_inval) (return)))
    (if (call $is (i32.const 0x2940)) (then (call $case_mkdir_of_a_path_ending_in_dot_is_noent) (return)))
    (call $unknown))
)
