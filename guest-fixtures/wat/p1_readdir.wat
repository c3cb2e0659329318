;; p1_readdir.wat -- the preview1 battery for fd_readdir.
;;
;; Usage: p1_readdir CASE
;;   CASE names one edge case; each $case_* function below says what it
;;   checks and why. The tests prepare the filesystem (preopened as fd 3,
;;   "/"): a directory "d" holding "-x", "a" (files), "b" (a directory),
;;   "c" (a symlink to "a") and "longer_name_0123456789" (a file); an empty
;;   directory "empty"; a file "f"; and, for one case, "big" with 1000 files.
;;
;; Output: lines "<label> <value>\n" on stdout; a listing prints one line
;; "<name> <d_type>" per entry. Exit status 0; an unknown case prints
;; "unknown case" to stderr and exits 2; a failed setup step prints
;; "setup failed: <label> <errno>" to stderr and exits 4; a failed report
;; write exits 3. One case traps on purpose (an out-of-bounds buffer).
;;
;; How a listing is read ($list): fd_readdir into a buffer of the chosen
;; size; take every complete entry (24-byte header + name), resume from
;; the d_next of the last complete one; a buffer that comes back less than
;; full is the end. If not even one entry fitted, that entry is read again
;; alone with a buffer of exactly its size (as wasi-libc grows its buffer).
;;
;; dirent: d_next u64 +0, d_ino u64 +8, d_namlen u32 +16, d_type u8 +20,
;; then the name (no NUL). Rights: PATH_OPEN 0x2000, FD_READDIR 0x4000,
;; FD_FILESTAT_GET 0x200000, PATH_FILESTAT_GET 0x40000, PATH_CREATE_FILE 0x400.
;;
;; Memory layout (6 pages):
;;   0x0020  u32 bufused               0x0030  u32 fd opened by path_open
;;   0x0060  filestat (ino at +8)      0x00A0  a second filestat
;;   0x0200  prelude strings           0x03C0  prelude scratch
;;   0x0400  labels and paths, NUL-terminated, 16 bytes each
;;   0x1000  case names, NUL-terminated, 64 bytes each
;;   0x10000 argv
;;   0x20000 the fd_readdir buffer (64 KiB)
;;   0x30000 a listing: "<name> <type>\n" per entry
;;   0x40000 a second listing
;;   0x50000 per entry of a listing: u64 d_next, u32 end offset in the listing
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_get" (func $fd_filestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))

  (memory (export "memory") 6)
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
  (global $l_readdir i32 (i32.const 0x410))    (data (i32.const 0x410) "readdir\00")
  (global $l_used i32 (i32.const 0x420))       (data (i32.const 0x420) "used\00")
  (global $l_entries i32 (i32.const 0x430))    (data (i32.const 0x430) "entries\00")
  (global $l_mismatches i32 (i32.const 0x440)) (data (i32.const 0x440) "mismatches\00")
  (global $l_sizes i32 (i32.const 0x450))      (data (i32.const 0x450) "sizes\00")
  (global $l_dot_ino i32 (i32.const 0x460))    (data (i32.const 0x460) "dot_ino\00")
  (global $l_dotdot_ino i32 (i32.const 0x470)) (data (i32.const 0x470) "dotdot_ino\00")
  (global $l_file_ino i32 (i32.const 0x480))   (data (i32.const 0x480) "file_ino\00")
  (global $l_prefix_ok i32 (i32.const 0x490))  (data (i32.const 0x490) "prefix_ok\00")
  (global $l_stat i32 (i32.const 0x4A0))       (data (i32.const 0x4A0) "stat\00")
  (global $l_sorted i32 (i32.const 0x4B0))     (data (i32.const 0x4B0) "sorted\00")
  (global $l_resumed i32 (i32.const 0x4C0))    (data (i32.const 0x4C0) "resumed\00")
  (global $l_rewound i32 (i32.const 0x4D0))    (data (i32.const 0x4D0) "rewound\00")
  (global $l_same i32 (i32.const 0x4E0))       (data (i32.const 0x4E0) "same_as_one_read\00")
  (global $p_d i32 (i32.const 0x500))          (data (i32.const 0x500) "d\00")
  (global $p_a i32 (i32.const 0x510))          (data (i32.const 0x510) "a\00")
  (global $p_empty i32 (i32.const 0x520))      (data (i32.const 0x520) "empty\00")
  (global $p_big i32 (i32.const 0x530))        (data (i32.const 0x530) "big\00")
  (global $p_f i32 (i32.const 0x540))          (data (i32.const 0x540) "f\00")
  (global $p_zz i32 (i32.const 0x550))         (data (i32.const 0x550) "zz\00")

  (global $BUF i32 (i32.const 0x20000))
  (global $OUT1 i32 (i32.const 0x30000))
  (global $OUT2 i32 (i32.const 0x40000))
  (global $ARR i32 (i32.const 0x50000))

  ;; Bytes written by the last $list.
  (global $list_bytes (mut i32) (i32.const 0))

  ;; ---- helpers for this family -----------------------------------------

  ;; path_open(3, SYMLINK_FOLLOW, path, oflags, base, every inheriting
  ;; right, no fdflags) (setup: it must work); returns the new fd.
  (func $open (param $path i32) (param $oflags i32) (param $rights i64) (result i32)
    (call $must (global.get $l_open)
      (call $path_open (i32.const 3) (i32.const 1)
        (local.get $path) (call $strlen (local.get $path))
        (local.get $oflags) (local.get $rights) (i64.const -1) (i32.const 0) (i32.const 0x30)))
    (i32.load (i32.const 0x30)))

  ;; Open the directory `path` for listing (PATH_OPEN, FD_READDIR, FD_FILESTAT_GET,
  ;; PATH_FILESTAT_GET and PATH_CREATE_FILE 0x400).
  (func $open_dir (param $path i32) (result i32)
    (call $open (local.get $path) (i32.const 2) (i64.const 0x246400)))

  ;; Append "<name> <type>\n" of the entry at `e` to `w`; returns the new end.
  (func $put_entry (param $w i32) (param $e i32) (result i32)
    (local $namlen i32) (local $type i32)
    (local.set $namlen (i32.load (i32.add (local.get $e) (i32.const 16))))
    (memory.copy (local.get $w) (i32.add (local.get $e) (i32.const 24)) (local.get $namlen))
    (local.set $w (i32.add (local.get $w) (local.get $namlen)))
    (i32.store8 (local.get $w) (i32.const 32))
    (local.set $type (i32.load8_u (i32.add (local.get $e) (i32.const 20))))
    (i32.store8 (i32.add (local.get $w) (i32.const 1))
      (i32.add (i32.const 48) (i32.rem_u (local.get $type) (i32.const 10))))
    (i32.store8 (i32.add (local.get $w) (i32.const 2)) (i32.const 10))
    (i32.add (local.get $w) (i32.const 3)))

  ;; List `fd` from `cookie` with fd_readdir buffers of `size` bytes into
  ;; `out` (see the header); if `arr` is not 0, record each entry's d_next
  ;; and end offset there. Returns the number of entries; $list_bytes gets
  ;; the listing's length.
  (func $list (param $fd i32) (param $size i32) (param $cookie i64) (param $out i32) (param $arr i32)
              (result i32)
    (local $used i32) (local $p i32) (local $e i32) (local $end i32) (local $count i32)
    (local $w i32) (local $progress i32) (local $need i32)
    (local.set $w (local.get $out))
    (loop $page
      (call $must (global.get $l_readdir)
        (call $fd_readdir (local.get $fd) (global.get $BUF) (local.get $size) (local.get $cookie)
          (i32.const 0x20)))
      (local.set $used (i32.load (i32.const 0x20)))
      (local.set $p (i32.const 0))
      (local.set $progress (i32.const 0))
      (block $page_done
        (loop $entry
          ;; A complete header, and a complete name after it?
          (br_if $page_done (i32.gt_u (i32.add (local.get $p) (i32.const 24)) (local.get $used)))
          (local.set $e (i32.add (global.get $BUF) (local.get $p)))
          (local.set $end (i32.add (i32.add (local.get $p) (i32.const 24))
            (i32.load (i32.add (local.get $e) (i32.const 16)))))
          (br_if $page_done (i32.gt_u (local.get $end) (local.get $used)))
          (local.set $w (call $put_entry (local.get $w) (local.get $e)))
          (local.set $cookie (i64.load (local.get $e)))
          (if (local.get $arr)
            (then
              (i64.store (i32.add (local.get $arr) (i32.shl (local.get $count) (i32.const 4)))
                (local.get $cookie))
              (i32.store (i32.add (local.get $arr) (i32.add (i32.shl (local.get $count) (i32.const 4)) (i32.const 8)))
                (i32.sub (local.get $w) (local.get $out)))))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))
          (local.set $p (local.get $end))
          (local.set $progress (i32.const 1))
          (br $entry)))
      ;; A buffer that is not full is the end of the listing.
      (if (i32.lt_u (local.get $used) (local.get $size))
        (then
          (global.set $list_bytes (i32.sub (local.get $w) (local.get $out)))
          (return (local.get $count))))
      ;; Not even one entry fitted: read it alone, with a buffer of its size.
      (if (i32.eqz (local.get $progress))
        (then
          (if (i32.lt_u (local.get $used) (i32.const 24)) (then (call $must (global.get $l_used) (i32.const 1))))
          (local.set $need (i32.add (i32.const 24) (i32.load (i32.add (global.get $BUF) (i32.const 16)))))
          (call $must (global.get $l_readdir)
            (call $fd_readdir (local.get $fd) (global.get $BUF) (local.get $need) (local.get $cookie)
              (i32.const 0x20)))
          (if (i32.ne (i32.load (i32.const 0x20)) (local.get $need))
            (then (call $must (global.get $l_used) (i32.const 1))))
          (local.set $w (call $put_entry (local.get $w) (global.get $BUF)))
          (local.set $cookie (i64.load (global.get $BUF)))
          (if (local.get $arr)
            (then
              (i64.store (i32.add (local.get $arr) (i32.shl (local.get $count) (i32.const 4)))
                (local.get $cookie))
              (i32.store (i32.add (local.get $arr) (i32.add (i32.shl (local.get $count) (i32.const 4)) (i32.const 8)))
                (i32.sub (local.get $w) (local.get $out)))))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))))
      (br $page))
    (unreachable))

  ;; Are the `n` bytes at `a` and at `b` equal?
  (func $same (param $a i32) (param $b i32) (param $n i32) (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.ne (i32.load8_u (i32.add (local.get $a) (local.get $i)))
                    (i32.load8_u (i32.add (local.get $b) (local.get $i))))
          (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 1))

  ;; "readdir <errno>", and on success "used <bufused>": one call with
  ;; buffer `len` at `cookie`.
  (func $show_readdir (param $fd i32) (param $len i32) (param $cookie i64)
    (local $e i32)
    (local.set $e
      (call $fd_readdir (local.get $fd) (global.get $BUF) (local.get $len) (local.get $cookie) (i32.const 0x20)))
    (call $say (global.get $l_readdir) (local.get $e))
    (if (i32.eqz (local.get $e)) (then (call $say (global.get $l_used) (i32.load (i32.const 0x20))))))

  ;; ---- cases -----------------------------------------------------------

  ;; The full listing of "d": "." and ".." (directories, synthesized: a
  ;; host's own listing lacks them), then every entry with its type. The
  ;; test compares the set of lines; the order is another case.
  (data (i32.const 0x1000) "listing_of_a_directory\00")
  (func $case_listing_of_a_directory
    (drop (call $list (call $open_dir (global.get $p_d)) (i32.const 4096) (i64.const 0)
      (global.get $OUT1) (i32.const 0)))
    (call $write_all (global.get $out) (global.get $OUT1) (global.get $list_bytes)))

  ;; "." and ".." come first, even before names that sort lower ("-x").
  (data (i32.const 0x1040) "dot_and_dotdot_come_first\00")
  (func $case_dot_and_dotdot_come_first
    (drop (call $list (call $open_dir (global.get $p_d)) (i32.const 4096) (i64.const 0)
      (global.get $OUT1) (global.get $ARR)))
    ;; The first two entries end at the offset recorded for entry 1.
    (call $write_all (global.get $out) (global.get $OUT1) (i32.load (i32.add (global.get $ARR) (i32.const 24)))))

  ;; After "." and "..", the names come in byte order (MemFs sorts them).
  (data (i32.const 0x1080) "listing_is_sorted_by_name\00")
  (func $case_listing_is_sorted_by_name
    (local $n i32) (local $i i32) (local $a i32) (local $b i32) (local $sorted i32)
    (local $ca i32) (local $cb i32)
    (local.set $n (call $list (call $open_dir (global.get $p_d)) (i32.const 4096) (i64.const 0)
      (global.get $OUT1) (global.get $ARR)))
    (local.set $sorted (i32.const 1))
    ;; Compare line i with line i+1 for i >= 2 (lines end at the recorded offsets).
    (local.set $i (i32.const 2))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
        (local.set $a (i32.add (global.get $OUT1)
          (i32.load (i32.add (global.get $ARR) (i32.add (i32.shl (i32.sub (local.get $i) (i32.const 1)) (i32.const 4)) (i32.const 8))))))
        (local.set $b (i32.add (global.get $OUT1)
          (i32.load (i32.add (global.get $ARR) (i32.add (i32.shl (local.get $i) (i32.const 4)) (i32.const 8))))))
        ;; Byte-compare the two names up to the space that ends each.
        (block $decided
          (loop $char
            (local.set $ca (i32.load8_u (local.get $a)))
            (local.set $cb (i32.load8_u (local.get $b)))
            (if (i32.eq (local.get $ca) (i32.const 32)) (then (local.set $ca (i32.const 0))))
            (if (i32.eq (local.get $cb) (i32.const 32)) (then (local.set $cb (i32.const 0))))
            (if (i32.lt_u (local.get $ca) (local.get $cb)) (then (br $decided)))
            (if (i32.gt_u (local.get $ca) (local.get $cb)) (then (local.set $sorted (i32.const 0)) (br $decided)))
            (if (i32.eqz (local.get $ca)) (then (local.set $sorted (i32.const 0)) (br $decided)))
            (local.set $a (i32.add (local.get $a) (i32.const 1)))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br $char)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $say (global.get $l_sorted) (local.get $sorted)))

  ;; "." has the directory's own inode, ".." its parent's, and a file's
  ;; d_ino is the inode path_filestat_get reports for it (the WASI test
  ;; suite and wasi-libc's readdir rely on both).
  (data (i32.const 0x10C0) "entries_carry_the_inodes_of_what_they_name\00")
  (func $case_entries_carry_the_inodes_of_what_they_name
    (local $d i32)
    (local.set $d (call $open_dir (global.get $p_d)))
    (call $must (global.get $l_readdir)
      (call $fd_readdir (local.get $d) (global.get $BUF) (i32.const 4096) (i64.const 0) (i32.const 0x20)))
    ;; "." is the first entry (25 bytes), ".." the second (26 bytes).
    (call $must (global.get $l_stat) (call $fd_filestat_get (local.get $d) (i32.const 0x60)))
    (call $say (global.get $l_dot_ino)
      (i64.eq (i64.load (i32.add (global.get $BUF) (i32.const 8))) (i64.load (i32.const 0x68))))
    (call $must (global.get $l_stat) (call $fd_filestat_get (i32.const 3) (i32.const 0x60)))
    (call $say (global.get $l_dotdot_ino)
      (i64.eq (i64.load (i32.add (global.get $BUF) (i32.const 33))) (i64.load (i32.const 0x68))))
    (call $must (global.get $l_stat)
      (call $path_filestat_get (local.get $d) (i32.const 0) (global.get $p_a) (i32.const 1) (i32.const 0xA0)))
    (call $say (global.get $l_file_ino) (call $ino_listed (i64.load (i32.const 0xA8)) (global.get $p_a))))

  ;; Is there an entry named by the NUL-terminated `name` with inode `ino`
  ;; among the complete entries in $BUF (bufused at [0x20])?
  (func $ino_listed (param $ino i64) (param $name i32) (result i32)
    (local $p i32) (local $e i32) (local $namlen i32)
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (i32.add (local.get $p) (i32.const 24)) (i32.load (i32.const 0x20))))
        (local.set $e (i32.add (global.get $BUF) (local.get $p)))
        (local.set $namlen (i32.load (i32.add (local.get $e) (i32.const 16))))
        (if (i32.and
              (i32.eq (local.get $namlen) (call $strlen (local.get $name)))
              (call $same (i32.add (local.get $e) (i32.const 24)) (local.get $name) (local.get $namlen)))
          (then (return (i64.eq (i64.load (i32.add (local.get $e) (i32.const 8))) (local.get $ino)))))
        (local.set $p (i32.add (local.get $p) (i32.add (i32.const 24) (local.get $namlen))))
        (br $next)))
    (i32.const 0))

  ;; In the preopen, ".." is the preopen itself: calls through a descriptor
  ;; never climb above it.
  (data (i32.const 0x1100) "dotdot_of_the_preopen_is_itself\00")
  (func $case_dotdot_of_the_preopen_is_itself
    (call $must (global.get $l_readdir)
      (call $fd_readdir (i32.const 3) (global.get $BUF) (i32.const 4096) (i64.const 0) (i32.const 0x20)))
    (call $say (global.get $l_dotdot_ino)
      (i64.eq (i64.load (i32.add (global.get $BUF) (i32.const 8)))
              (i64.load (i32.add (global.get $BUF) (i32.const 33))))))

  ;; An empty directory lists just "." and "..".
  (data (i32.const 0x1140) "an_empty_directory_lists_dot_and_dotdot\00")
  (func $case_an_empty_directory_lists_dot_and_dotdot
    (call $say (global.get $l_entries)
      (call $list (call $open_dir (global.get $p_empty)) (i32.const 4096) (i64.const 0)
        (global.get $OUT1) (i32.const 0)))
    (call $write_all (global.get $out) (global.get $OUT1) (global.get $list_bytes)))

  ;; Resuming from any cookie returned earlier continues right after that
  ;; entry, without repeats or gaps: for every entry, the listing from its
  ;; d_next equals the rest of the full listing. Cookies are tried from the
  ;; last to the first, so going back works too.
  (data (i32.const 0x1180) "cookies_resume_without_repeats_or_gaps\00")
  (func $case_cookies_resume_without_repeats_or_gaps
    (local $d i32) (local $n i32) (local $i i32) (local $bad i32) (local $from i32) (local $rest i32)
    (local.set $d (call $open_dir (global.get $p_d)))
    (local.set $n (call $list (local.get $d) (i32.const 4096) (i64.const 0) (global.get $OUT1) (global.get $ARR)))
    (call $say (global.get $l_entries) (local.get $n))
    (local.set $i (local.get $n))
    (loop $next
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $from
        (i32.load (i32.add (global.get $ARR) (i32.add (i32.shl (local.get $i) (i32.const 4)) (i32.const 8)))))
      (drop (call $list (local.get $d) (i32.const 4096)
        (i64.load (i32.add (global.get $ARR) (i32.shl (local.get $i) (i32.const 4))))
        (global.get $OUT2) (i32.const 0)))
      (local.set $rest (i32.sub
        (i32.load (i32.add (global.get $ARR) (i32.add (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 4)) (i32.const 8))))
        (local.get $from)))
      (if (i32.or (i32.ne (global.get $list_bytes) (local.get $rest))
                  (i32.eqz (call $same (global.get $OUT2) (i32.add (global.get $OUT1) (local.get $from)) (local.get $rest))))
        (then (local.set $bad (i32.add (local.get $bad) (i32.const 1)))))
      (br_if $next (local.get $i)))
    (call $say (global.get $l_mismatches) (local.get $bad)))

  ;; A buffer too small for the next entry is filled to the last byte: the
  ;; last entry is cut off (bufused == buf_len), whether the cut falls in its
  ;; header (61 = 25 + 26 + 10) or in its name (75 = 25 + 26 + 24), and the
  ;; bytes are the start of the real entry.
  (data (i32.const 0x11C0) "the_buffer_is_filled_and_the_last_entry_cut\00")
  (func $case_the_buffer_is_filled_and_the_last_entry_cut
    (local $d i32)
    (local.set $d (call $open_dir (global.get $p_d)))
    (call $must (global.get $l_readdir)
      (call $fd_readdir (local.get $d) (global.get $OUT2) (i32.const 4096) (i64.const 0) (i32.const 0x20)))
    (call $show_readdir (local.get $d) (i32.const 61) (i64.const 0))
    (call $say (global.get $l_prefix_ok) (call $same (global.get $BUF) (global.get $OUT2) (i32.const 61)))
    (call $show_readdir (local.get $d) (i32.const 75) (i64.const 0))
    (call $say (global.get $l_prefix_ok) (call $same (global.get $BUF) (global.get $OUT2) (i32.const 75))))

  ;; A buffer smaller than one header still gets what fits; a 0-byte buffer
  ;; gets nothing.
  (data (i32.const 0x1200) "a_buffer_smaller_than_a_header\00")
  (func $case_a_buffer_smaller_than_a_header
    (local $d i32)
    (local.set $d (call $open_dir (global.get $p_d)))
    (call $show_readdir (local.get $d) (i32.const 10) (i64.const 0))
    (call $show_readdir (local.get $d) (i32.const 0) (i64.const 0)))

  ;; Resuming from the last d_next, or from a cookie past the end, gives an
  ;; empty buffer: the end of the listing.
  (data (i32.const 0x1240) "reading_past_the_end_gives_nothing\00")
  (func $case_reading_past_the_end_gives_nothing
    (local $d i32) (local $n i32)
    (local.set $d (call $open_dir (global.get $p_d)))
    (local.set $n (call $list (local.get $d) (i32.const 4096) (i64.const 0) (global.get $OUT1) (global.get $ARR)))
    (call $show_readdir (local.get $d) (i32.const 4096)
      (i64.load (i32.add (global.get $ARR) (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 4)))))
    (call $show_readdir (local.get $d) (i32.const 4096) (i64.const 1000000)))

  ;; A 1000-file directory paged with 256-byte buffers, as the WASI test
  ;; suite reads it, yields exactly 1002 entries, the same as one big read.
  (data (i32.const 0x1280) "a_1000_entry_directory_pages_to_1002_entries\00")
  (func $case_a_1000_entry_directory_pages_to_1002_entries
    (local $d i32) (local $len i32)
    (local.set $d (call $open_dir (global.get $p_big)))
    (call $say (global.get $l_entries)
      (call $list (local.get $d) (i32.const 256) (i64.const 0) (global.get $OUT1) (i32.const 0)))
    (local.set $len (global.get $list_bytes))
    (drop (call $list (local.get $d) (i32.const 65536) (i64.const 0) (global.get $OUT2) (i32.const 0)))
    (call $say (global.get $l_same)
      (i32.and (i32.eq (local.get $len) (global.get $list_bytes))
               (call $same (global.get $OUT1) (global.get $OUT2) (local.get $len)))))

  ;; Pages of every buffer size from 24 to 300 bytes concatenate to the
  ;; listing one big read gives.
  (data (i32.const 0x12C0) "pages_of_every_size_concatenate_to_the_listing\00")
  (func $case_pages_of_every_size_concatenate_to_the_listing
    (local $d i32) (local $len i32) (local $size i32) (local $bad i32) (local $tried i32)
    (local.set $d (call $open_dir (global.get $p_d)))
    (drop (call $list (local.get $d) (i32.const 65536) (i64.const 0) (global.get $OUT1) (i32.const 0)))
    (local.set $len (global.get $list_bytes))
    (local.set $size (i32.const 24))
    (loop $next
      (drop (call $list (local.get $d) (local.get $size) (i64.const 0) (global.get $OUT2) (i32.const 0)))
      (if (i32.or (i32.ne (global.get $list_bytes) (local.get $len))
                  (i32.eqz (call $same (global.get $OUT1) (global.get $OUT2) (local.get $len))))
        (then (local.set $bad (i32.add (local.get $bad) (i32.const 1)))))
      (local.set $tried (i32.add (local.get $tried) (i32.const 1)))
      (local.set $size (i32.add (local.get $size) (i32.const 1)))
      (br_if $next (i32.le_u (local.get $size) (i32.const 300))))
    (call $say (global.get $l_sizes) (local.get $tried))
    (call $say (global.get $l_mismatches) (local.get $bad)))

  ;; A listing is taken at cookie 0 and kept, so cookies stay valid while the
  ;; directory changes: a new entry is not seen when resuming, but is after
  ;; a rewind (cookie 0).
  (data (i32.const 0x1300) "changes_show_after_a_rewind\00")
  (func $case_changes_show_after_a_rewind
    (local $d i32)
    (local.set $d (call $open_dir (global.get $p_d)))
    (call $say (global.get $l_entries)
      (call $list (local.get $d) (i32.const 4096) (i64.const 0) (global.get $OUT1) (global.get $ARR)))
    (call $must (global.get $l_open)
      (call $path_open (local.get $d) (i32.const 0) (global.get $p_zz) (i32.const 2)
        (i32.const 1) (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 0x30)))
    (call $say (global.get $l_resumed)
      (call $list (local.get $d) (i32.const 4096) (i64.load (global.get $ARR)) (global.get $OUT2) (i32.const 0)))
    (call $say (global.get $l_rewound)
      (call $list (local.get $d) (i32.const 4096) (i64.const 0) (global.get $OUT2) (i32.const 0))))

  ;; A file is no directory: NOTDIR; stdout neither.
  (data (i32.const 0x1340) "readdir_on_a_file_or_stdout_is_notdir\00")
  (func $case_readdir_on_a_file_or_stdout_is_notdir
    (call $show_readdir (call $open (global.get $p_f) (i32.const 0) (i64.const 0x4002))
      (i32.const 256) (i64.const 0))
    (call $show_readdir (i32.const 1) (i32.const 256) (i64.const 0)))

  ;; A number that is not open is BADF.
  (data (i32.const 0x1380) "readdir_on_a_closed_fd_is_badf\00")
  (func $case_readdir_on_a_closed_fd_is_badf
    (call $show_readdir (i32.const 99) (i32.const 256) (i64.const 0)))

  ;; Without FD_READDIR: NOTCAPABLE.
  (data (i32.const 0x13C0) "readdir_without_the_right_is_notcapable\00")
  (func $case_readdir_without_the_right_is_notcapable
    (call $show_readdir (call $open (global.get $p_d) (i32.const 2) (i64.const 0x2000))
      (i32.const 256) (i64.const 0)))

  ;; A buffer running past the end of memory traps.
  (data (i32.const 0x1400) "readdir_into_out_of_bounds_memory_traps\00")
  (func $case_readdir_into_out_of_bounds_memory_traps
    (drop (call $fd_readdir (i32.const 3) (i32.const 0x5FFF0) (i32.const 0x100) (i64.const 0) (i32.const 0x20))))

  ;; ---- main ------------------------------------------------------------

  (func (export "_start")
    (call $load_args)
    (if (call $is (i32.const 0x1000)) (then (call $case_listing_of_a_directory) (return)))
    (if (call $is (i32.const 0x1040)) (then (call $case_dot_and_dotdot_come_first) (return)))
    (if (call $is (i32.const 0x1080)) (then (call $case_listing_is_sorted_by_name) (return)))
    (if (call $is (i32.const 0x10C0)) (then (call $case_entries_carry_the_inodes_of_what_they_name) (return)))
    (if (call $is (i32.const 0x1100)) (then (call $case_dotdot_of_the_preopen_is_itself) (return)))
    (if (call $is (i32.const 0x1140)) (then (call $case_an_empty_directory_lists_dot_and_dotdot) (return)))
    (if (call $is (i32.const 0x1180)) (then (call $case_cookies_resume_without_repeats_or_gaps) (return)))
    (if (call $is (i32.const 0x11C0)) (then (call $case_the_buffer_is_filled_and_the_last_entry_cut) (return)))
    (if (call $is (i32.const 0x1200)) (then (call $case_a_buffer_smaller_than_a_header) (return)))
    (if (call $is (i32.const 0x1240)) (then (call $case_reading_past_the_end_gives_nothing) (return)))
    (if (call $is (i32.const 0x1280)) (then (call $case_a_1000_entry_directory_pages_to_1002_entries) (return)))
    (if (call $is (i32.const 0x12C0)) (then (call $case_pages_of_every_size_concatenate_to_the_listing) (return)))
    (if (call $is (i32.const 0x1300)) (then (call $case_changes_show_after_a_rewind) (return)))
    (if (call $is (i32.const 0x1340)) (then (call $case_readdir_on_a_file_or_stdout_is_notdir) (return)))
    (if (call $is (i32.const 0x1380)) (then (call $case_readdir_on_a_closed_fd_is_badf) (return)))
    (if (call $is (i32.const 0x13C0)) (then (call $case_readdir_without_the_right_is_notcapable) (return)))
    (if (call $is (i32.const 0x1400)) (then (call $case_readdir_into_out_of_bounds_memory_traps) (return)))
    (call $unknown))
)
