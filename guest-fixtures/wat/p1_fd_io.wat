;; p1_fd_io.wat -- the preview1 battery for reading, writing and moving
;; through descriptors: fd_read, fd_write, fd_pread, fd_pwrite, fd_seek,
;; fd_tell, fd_close, fd_renumber.
;;
;; Usage: p1_fd_io CASE
;;   CASE names one edge case; each $case_* function below says what it
;;   checks and why. The tests prepare the filesystem (preopened as fd 3,
;;   "/"): most cases expect a file "f" holding "hello world" (11 bytes),
;;   a directory "d" and a file "d/inner".
;;
;; Output: lines "<label> <value>\n" on stdout (errnos, counts, offsets in
;; decimal; "data <bytes>" for bytes read). A case that closes or moves
;; stdout reports on stderr instead. Exit status 0; an unknown case prints
;; "unknown case" to stderr and exits 2; a failed setup step prints
;; "setup failed: <label> <errno>" to stderr and exits 4; a failed report
;; write exits 3. Some cases trap on purpose (out-of-bounds pointers).
;;
;; Rights bits used: FD_READ 0x2, FD_SEEK 0x4, FD_TELL 0x20, FD_WRITE 0x40.
;; oflags: CREAT 1, DIRECTORY 2, EXCL 4, TRUNC 8. fdflags: APPEND 1.
;; whence: SET 0, CUR 1, END 2.
;;
;; Memory layout (4 pages; one case grows it to 256):
;;   0x0000  up to 4 iovecs {buf, len}
;;   0x0020  u32 nread / nwritten      0x0028  u64 offset (fd_seek, fd_tell)
;;   0x0030  u32 fd opened by path_open
;;   0x0200  prelude strings           0x03C0  prelude scratch
;;   0x0400  labels and paths, NUL-terminated, 16 bytes each
;;   0x1000  case names, NUL-terminated, 64 bytes each
;;   0x4000  read buffer (16 KiB)
;;   0x10000 argv
;;   0x18000 the iovec array of the 4 GiB cases
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_pread" (func $fd_pread (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_pwrite" (func $fd_pwrite (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_tell" (func $fd_tell (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_renumber" (func $fd_renumber (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))

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

  (global $l_open i32 (i32.const 0x400))     (data (i32.const 0x400) "open\00")
  (global $l_read i32 (i32.const 0x410))     (data (i32.const 0x410) "read\00")
  (global $l_write i32 (i32.const 0x420))    (data (i32.const 0x420) "write\00")
  (global $l_pread i32 (i32.const 0x430))    (data (i32.const 0x430) "pread\00")
  (global $l_pwrite i32 (i32.const 0x440))   (data (i32.const 0x440) "pwrite\00")
  (global $l_seek i32 (i32.const 0x450))     (data (i32.const 0x450) "seek\00")
  (global $l_tell i32 (i32.const 0x460))     (data (i32.const 0x460) "tell\00")
  (global $l_close i32 (i32.const 0x470))    (data (i32.const 0x470) "close\00")
  (global $l_renumber i32 (i32.const 0x480)) (data (i32.const 0x480) "renumber\00")
  (global $l_n i32 (i32.const 0x490))        (data (i32.const 0x490) "n\00")
  (global $l_data i32 (i32.const 0x4A0))     (data (i32.const 0x4A0) "data\00")
  (global $l_pos i32 (i32.const 0x4B0))      (data (i32.const 0x4B0) "pos\00")
  (global $l_fd i32 (i32.const 0x4C0))       (data (i32.const 0x4C0) "fd\00")
  (global $p_f i32 (i32.const 0x500))        (data (i32.const 0x500) "f\00")
  (global $p_d i32 (i32.const 0x510))        (data (i32.const 0x510) "d\00")
  (global $p_inner i32 (i32.const 0x520))    (data (i32.const 0x520) "inner\00")
  (global $p_d_inner i32 (i32.const 0x530))  (data (i32.const 0x530) "d/inner\00")
  (global $s_x i32 (i32.const 0x600))        (data (i32.const 0x600) "x\00")
  (global $s_bang i32 (i32.const 0x610))     (data (i32.const 0x610) "!\00")
  (global $s_xy i32 (i32.const 0x620))       (data (i32.const 0x620) "XY\00")
  (global $s_he i32 (i32.const 0x630))       (data (i32.const 0x630) "HE\00")
  (global $s_world i32 (i32.const 0x640))    (data (i32.const 0x640) "WORLD\00")
  (global $s_hello i32 (i32.const 0x650))    (data (i32.const 0x650) "hello\n\00")
  (global $s_digits i32 (i32.const 0x660))   (data (i32.const 0x660) "0123456789AB\00")
  (global $s_ab i32 (i32.const 0x680))       (data (i32.const 0x680) "ab\00")
  (global $s_cd i32 (i32.const 0x690))       (data (i32.const 0x690) "cd\00")
  (global $s_data i32 (i32.const 0x6A0))     (data (i32.const 0x6A0) "data\00")

  ;; ---- helpers for this family -----------------------------------------

  ;; path_open(dirfd, SYMLINK_FOLLOW, path, oflags, rights, rights, fdflags);
  ;; the new fd goes to [0x30]. Returns the errno.
  (func $open_at (param $dirfd i32) (param $path i32) (param $oflags i32)
                 (param $rights i64) (param $fdflags i32) (result i32)
    (call $path_open (local.get $dirfd) (i32.const 1)
      (local.get $path) (call $strlen (local.get $path))
      (local.get $oflags) (local.get $rights) (local.get $rights) (local.get $fdflags)
      (i32.const 0x30)))

  ;; Open `path` in the preopen (setup: it must work); returns the fd.
  (func $open (param $path i32) (param $oflags i32) (param $rights i64) (param $fdflags i32)
               (result i32)
    (call $must (global.get $l_open)
      (call $open_at (i32.const 3) (local.get $path) (local.get $oflags)
        (local.get $rights) (local.get $fdflags)))
    (i32.load (i32.const 0x30)))

  ;; Open the directory `path` in the preopen (setup: it must work) with
  ;; base rights PATH_OPEN|FD_READDIR and every inheriting right; returns the fd.
  (func $open_dir (param $path i32) (result i32)
    (call $must (global.get $l_open)
      (call $path_open (i32.const 3) (i32.const 1)
        (local.get $path) (call $strlen (local.get $path))
        (i32.const 2) (i64.const 0x6000) (i64.const -1) (i32.const 0) (i32.const 0x30)))
    (i32.load (i32.const 0x30)))

  ;; fd_read(fd, one iovec of `len` bytes at 0x4000); nread goes to [0x20].
  (func $read (param $fd i32) (param $len i32) (result i32)
    (i32.store (i32.const 0x00) (i32.const 0x4000))
    (i32.store (i32.const 0x04) (local.get $len))
    (call $fd_read (local.get $fd) (i32.const 0x00) (i32.const 1) (i32.const 0x20)))

  ;; "read <errno>", and on success "n <nread>" and "data <bytes>".
  (func $show_read (param $fd i32) (param $len i32)
    (local $e i32)
    (local.set $e (call $read (local.get $fd) (local.get $len)))
    (call $say (global.get $l_read) (local.get $e))
    (if (i32.eqz (local.get $e))
      (then
        (call $say (global.get $l_n) (i32.load (i32.const 0x20)))
        (call $say_bytes (global.get $l_data) (i32.const 0x4000) (i32.load (i32.const 0x20))))))

  ;; fd_write(fd, the NUL-terminated string s); nwritten goes to [0x20].
  (func $write (param $fd i32) (param $s i32) (result i32)
    (i32.store (i32.const 0x00) (local.get $s))
    (i32.store (i32.const 0x04) (call $strlen (local.get $s)))
    (call $fd_write (local.get $fd) (i32.const 0x00) (i32.const 1) (i32.const 0x20)))

  ;; "write <errno>", and on success "n <nwritten>".
  (func $show_write (param $fd i32) (param $s i32)
    (local $e i32)
    (local.set $e (call $write (local.get $fd) (local.get $s)))
    (call $say (global.get $l_write) (local.get $e))
    (if (i32.eqz (local.get $e))
      (then (call $say (global.get $l_n) (i32.load (i32.const 0x20))))))

  ;; "pread <errno>", and on success "n" and "data": `len` bytes at `off`.
  (func $show_pread (param $fd i32) (param $len i32) (param $off i64)
    (local $e i32)
    (i32.store (i32.const 0x00) (i32.const 0x4000))
    (i32.store (i32.const 0x04) (local.get $len))
    (local.set $e
      (call $fd_pread (local.get $fd) (i32.const 0x00) (i32.const 1) (local.get $off) (i32.const 0x20)))
    (call $say (global.get $l_pread) (local.get $e))
    (if (i32.eqz (local.get $e))
      (then
        (call $say (global.get $l_n) (i32.load (i32.const 0x20)))
        (call $say_bytes (global.get $l_data) (i32.const 0x4000) (i32.load (i32.const 0x20))))))

  ;; "pwrite <errno>", and on success "n": the string `s` at `off`.
  (func $show_pwrite (param $fd i32) (param $s i32) (param $off i64)
    (local $e i32)
    (i32.store (i32.const 0x00) (local.get $s))
    (i32.store (i32.const 0x04) (call $strlen (local.get $s)))
    (local.set $e
      (call $fd_pwrite (local.get $fd) (i32.const 0x00) (i32.const 1) (local.get $off) (i32.const 0x20)))
    (call $say (global.get $l_pwrite) (local.get $e))
    (if (i32.eqz (local.get $e))
      (then (call $say (global.get $l_n) (i32.load (i32.const 0x20))))))

  ;; "seek <errno>", and on success "pos <new offset>".
  (func $show_seek (param $fd i32) (param $off i64) (param $whence i32)
    (local $e i32)
    (local.set $e (call $fd_seek (local.get $fd) (local.get $off) (local.get $whence) (i32.const 0x28)))
    (call $say (global.get $l_seek) (local.get $e))
    (if (i32.eqz (local.get $e))
      (then (call $say64 (global.get $l_pos) (i64.load (i32.const 0x28))))))

  ;; "tell <errno>", and on success "pos <offset>".
  (func $show_tell (param $fd i32)
    (local $e i32)
    (local.set $e (call $fd_tell (local.get $fd) (i32.const 0x28)))
    (call $say (global.get $l_tell) (local.get $e))
    (if (i32.eqz (local.get $e))
      (then (call $say64 (global.get $l_pos) (i64.load (i32.const 0x28))))))

  ;; Grow memory to 256 pages (16 MiB) and build 257 iovecs at 0x18000, each
  ;; covering all of it: 257 * 16 MiB is more than 4 GiB, with every buffer
  ;; in bounds.
  (func $iovecs_over_4gib
    (local $i i32)
    (drop (memory.grow (i32.sub (i32.const 256) (memory.size))))
    (loop $next
      (i32.store (i32.add (i32.const 0x18000) (i32.shl (local.get $i) (i32.const 3))) (i32.const 0))
      (i32.store (i32.add (i32.const 0x18004) (i32.shl (local.get $i) (i32.const 3)))
        (i32.const 0x1000000))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (i32.const 257)))))

  ;; ---- fd_read ---------------------------------------------------------

  ;; fd_read reads at the cursor and moves it by what it read; at the end of
  ;; the file it reads 0 bytes, which is not an error (POSIX read).
  (data (i32.const 0x1000) "read_advances_the_cursor\00")
  (func $case_read_advances_the_cursor
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x22) (i32.const 0)))
    (call $show_read (local.get $fd) (i32.const 5))
    (call $show_read (local.get $fd) (i32.const 100))
    (call $show_read (local.get $fd) (i32.const 100))
    (call $show_tell (local.get $fd)))

  ;; One fd_read fills the iovecs in order (readv): 2 + 3 + the rest.
  (data (i32.const 0x1040) "read_scatters_across_iovecs\00")
  (func $case_read_scatters_across_iovecs
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (i32.store (i32.const 0x00) (i32.const 0x4000)) (i32.store (i32.const 0x04) (i32.const 2))
    (i32.store (i32.const 0x08) (i32.const 0x4010)) (i32.store (i32.const 0x0C) (i32.const 3))
    (i32.store (i32.const 0x10) (i32.const 0x4020)) (i32.store (i32.const 0x14) (i32.const 100))
    (call $say (global.get $l_read)
      (call $fd_read (local.get $fd) (i32.const 0x00) (i32.const 3) (i32.const 0x20)))
    (call $say (global.get $l_n) (i32.load (i32.const 0x20)))
    (call $say_bytes (global.get $l_data) (i32.const 0x4000) (i32.const 2))
    (call $say_bytes (global.get $l_data) (i32.const 0x4010) (i32.const 3))
    (call $say_bytes (global.get $l_data) (i32.const 0x4020) (i32.const 6)))

  ;; A descriptor opened without FD_READ is "not open for reading": BADF,
  ;; as POSIX and the WASI test suite say (not NOTCAPABLE).
  (data (i32.const 0x1080) "read_without_fd_read_is_badf\00")
  (func $case_read_without_fd_read_is_badf
    (call $show_read (call $open (global.get $p_f) (i32.const 0) (i64.const 0x40) (i32.const 0))
      (i32.const 10)))

  ;; Reading a directory descriptor is BADF (POSIX would say EISDIR; the
  ;; WASI test suite accepts BADF, and we answer BADF for every byte-stream
  ;; call on a directory).
  (data (i32.const 0x10C0) "read_on_a_directory_is_badf\00")
  (func $case_read_on_a_directory_is_badf
    (call $show_read (i32.const 3) (i32.const 10)))

  ;; A number that is not open is BADF.
  (data (i32.const 0x1100) "read_on_a_closed_fd_is_badf\00")
  (func $case_read_on_a_closed_fd_is_badf
    (call $show_read (i32.const 99) (i32.const 10)))

  ;; stdout is open for writing only.
  (data (i32.const 0x1140) "read_from_stdout_is_badf\00")
  (func $case_read_from_stdout_is_badf
    (call $show_read (i32.const 1) (i32.const 10)))

  ;; stdin gives what the embedder passed (the test passes "typed\n"), then
  ;; end of input: 0 bytes.
  (data (i32.const 0x1180) "read_from_stdin\00")
  (func $case_read_from_stdin
    (call $show_read (i32.const 0) (i32.const 100))
    (call $show_read (i32.const 0) (i32.const 100)))

  ;; The lengths of the iovecs add up to more than a u32 can count: INVAL
  ;; (as readv's EINVAL when the sum overflows), and nothing is read.
  (data (i32.const 0x11C0) "read_over_4gib_of_iovecs_is_inval\00")
  (func $case_read_over_4gib_of_iovecs_is_inval
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x22) (i32.const 0)))
    (call $iovecs_over_4gib)
    (call $say (global.get $l_read)
      (call $fd_read (local.get $fd) (i32.const 0x18000) (i32.const 257) (i32.const 0x20)))
    (call $show_tell (local.get $fd)))

  ;; An out-of-bounds nread pointer traps (a pointer is never an errno).
  (data (i32.const 0x1200) "read_with_nread_out_of_bounds_traps\00")
  (func $case_read_with_nread_out_of_bounds_traps
    (i32.store (i32.const 0x00) (i32.const 0x4000))
    (i32.store (i32.const 0x04) (i32.const 4))
    (drop (call $fd_read
      (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0))
      (i32.const 0x00) (i32.const 1) (i32.const 0xFFFFFFFE))))

  ;; An iovec whose buffer runs past the end of memory traps.
  (data (i32.const 0x1240) "read_into_an_out_of_bounds_buffer_traps\00")
  (func $case_read_into_an_out_of_bounds_buffer_traps
    (i32.store (i32.const 0x00) (i32.const 0x3FF00))
    (i32.store (i32.const 0x04) (i32.const 0x200))
    (drop (call $fd_read
      (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0))
      (i32.const 0x00) (i32.const 1) (i32.const 0x20))))

  ;; ---- fd_write --------------------------------------------------------

  ;; A write at the cursor overwrites in place (never inserts) and moves the
  ;; cursor past what it wrote: "hello world" becomes "hello WORLD".
  (data (i32.const 0x1280) "write_overwrites_at_the_cursor\00")
  (func $case_write_overwrites_at_the_cursor
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x66) (i32.const 0)))
    (call $show_seek (local.get $fd) (i64.const 6) (i32.const 0))
    (call $show_write (local.get $fd) (global.get $s_world))
    (call $show_tell (local.get $fd)))

  ;; One fd_write writes its iovecs in order (writev); an empty iovec in the
  ;; middle is fine: "ab" + "" + "cd" over the start of the file.
  (data (i32.const 0x12C0) "write_gathers_iovecs\00")
  (func $case_write_gathers_iovecs
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x40) (i32.const 0)))
    (i32.store (i32.const 0x00) (global.get $s_ab)) (i32.store (i32.const 0x04) (i32.const 2))
    (i32.store (i32.const 0x08) (global.get $s_ab)) (i32.store (i32.const 0x0C) (i32.const 0))
    (i32.store (i32.const 0x10) (global.get $s_cd)) (i32.store (i32.const 0x14) (i32.const 2))
    (call $say (global.get $l_write)
      (call $fd_write (local.get $fd) (i32.const 0x00) (i32.const 3) (i32.const 0x20)))
    (call $say (global.get $l_n) (i32.load (i32.const 0x20))))

  ;; A descriptor opened without FD_WRITE is "not open for writing": BADF.
  (data (i32.const 0x1300) "write_without_fd_write_is_badf\00")
  (func $case_write_without_fd_write_is_badf
    (call $show_write (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0))
      (global.get $s_x)))

  ;; Writing a directory descriptor is BADF.
  (data (i32.const 0x1340) "write_on_a_directory_is_badf\00")
  (func $case_write_on_a_directory_is_badf
    (call $show_write (i32.const 3) (global.get $s_x)))

  ;; stdin is open for reading only.
  (data (i32.const 0x1380) "write_to_stdin_is_badf\00")
  (func $case_write_to_stdin_is_badf
    (call $show_write (i32.const 0) (global.get $s_x)))

  ;; A number that is not open is BADF, even a huge one (the WASI test suite
  ;; writes zero iovecs to fd -31337).
  (data (i32.const 0x13C0) "write_to_a_closed_fd_is_badf\00")
  (func $case_write_to_a_closed_fd_is_badf
    (call $show_write (i32.const 99) (global.get $s_x))
    (call $say (global.get $l_write)
      (call $fd_write (i32.const -31337) (i32.const 0) (i32.const 0) (i32.const 0x20))))

  ;; Bytes written to stdout reach the embedder byte for byte.
  (data (i32.const 0x1400) "write_to_stdout_reaches_the_embedder\00")
  (func $case_write_to_stdout_reaches_the_embedder
    (call $show_write (i32.const 1) (global.get $s_hello)))

  ;; Zero iovecs, or an empty one, write nothing and succeed.
  (data (i32.const 0x1440) "write_of_nothing_succeeds\00")
  (func $case_write_of_nothing_succeeds
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x40) (i32.const 0)))
    (call $say (global.get $l_write)
      (call $fd_write (local.get $fd) (i32.const 0x00) (i32.const 0) (i32.const 0x20)))
    (call $say (global.get $l_n) (i32.load (i32.const 0x20)))
    (i32.store (i32.const 0x00) (global.get $s_x))
    (i32.store (i32.const 0x04) (i32.const 0))
    (call $say (global.get $l_write)
      (call $fd_write (local.get $fd) (i32.const 0x00) (i32.const 1) (i32.const 0x20)))
    (call $say (global.get $l_n) (i32.load (i32.const 0x20))))

  ;; More than 4 GiB in one call cannot be counted in the u32 nwritten: INVAL,
  ;; and nothing reaches stdout.
  (data (i32.const 0x1480) "write_over_4gib_is_inval\00")
  (func $case_write_over_4gib_is_inval
    (local $e i32)
    (call $iovecs_over_4gib)
    (local.set $e (call $fd_write (i32.const 1) (i32.const 0x18000) (i32.const 257) (i32.const 0x20)))
    (call $say (global.get $l_write) (local.get $e)))

  ;; An out-of-bounds nwritten pointer traps before anything is written.
  (data (i32.const 0x14C0) "write_with_nwritten_out_of_bounds_traps\00")
  (func $case_write_with_nwritten_out_of_bounds_traps
    (i32.store (i32.const 0x00) (global.get $s_xy))
    (i32.store (i32.const 0x04) (i32.const 2))
    (drop (call $fd_write
      (call $open (global.get $p_f) (i32.const 0) (i64.const 0x40) (i32.const 0))
      (i32.const 0x00) (i32.const 1) (i32.const 0xFFFFFFFE))))

  ;; ---- fd_pread --------------------------------------------------------

  ;; pread reads at the given offset and leaves the cursor alone.
  (data (i32.const 0x1500) "pread_does_not_move_the_cursor\00")
  (func $case_pread_does_not_move_the_cursor
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x26) (i32.const 0)))
    (call $show_pread (local.get $fd) (i32.const 5) (i64.const 6))
    (call $show_tell (local.get $fd)))

  ;; At or past the end, pread reads 0 bytes (the WASI test suite loops until
  ;; it sees 0).
  (data (i32.const 0x1540) "pread_at_or_past_the_end_reads_nothing\00")
  (func $case_pread_at_or_past_the_end_reads_nothing
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x6) (i32.const 0)))
    (call $show_pread (local.get $fd) (i32.const 5) (i64.const 11))
    (call $show_pread (local.get $fd) (i32.const 5) (i64.const 1000)))

  ;; pread needs FD_SEEK besides FD_READ; a missing right other than
  ;; read/write is NOTCAPABLE.
  (data (i32.const 0x1580) "pread_without_fd_seek_is_notcapable\00")
  (func $case_pread_without_fd_seek_is_notcapable
    (call $show_pread (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0))
      (i32.const 5) (i64.const 0)))

  ;; Without FD_READ the descriptor is not open for reading: BADF.
  (data (i32.const 0x15C0) "pread_without_fd_read_is_badf\00")
  (func $case_pread_without_fd_read_is_badf
    (call $show_pread (call $open (global.get $p_f) (i32.const 0) (i64.const 0x44) (i32.const 0))
      (i32.const 5) (i64.const 0)))

  ;; A directory is BADF, stdin is SPIPE (a stream has no offsets), a
  ;; closed number is BADF.
  (data (i32.const 0x1600) "pread_on_a_directory_a_stream_or_a_closed_fd_fails\00")
  (func $case_pread_on_a_directory_a_stream_or_a_closed_fd_fails
    (call $show_pread (i32.const 3) (i32.const 5) (i64.const 0))
    (call $show_pread (i32.const 0) (i32.const 5) (i64.const 0))
    (call $show_pread (i32.const 99) (i32.const 5) (i64.const 0)))

  ;; ---- fd_pwrite -------------------------------------------------------

  ;; pwrite writes at the given offset and leaves the cursor alone.
  (data (i32.const 0x1640) "pwrite_does_not_move_the_cursor\00")
  (func $case_pwrite_does_not_move_the_cursor
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x64) (i32.const 0)))
    (call $show_pwrite (local.get $fd) (global.get $s_xy) (i64.const 2))
    (call $show_tell (local.get $fd)))

  ;; Writing past the end leaves a zero-filled gap (bytes 11..14 read as 0).
  (data (i32.const 0x1680) "pwrite_past_the_end_leaves_a_zero_gap\00")
  (func $case_pwrite_past_the_end_leaves_a_zero_gap
    (call $show_pwrite (call $open (global.get $p_f) (i32.const 0) (i64.const 0x44) (i32.const 0))
      (global.get $s_bang) (i64.const 14)))

  ;; pwrite on an APPEND descriptor writes at the given offset, not at the
  ;; end (POSIX pwrite; Linux differs; the older WASI test suite requires the
  ;; file to keep its size), and does not move the cursor.
  (data (i32.const 0x16C0) "pwrite_on_an_append_fd_writes_at_the_offset\00")
  (func $case_pwrite_on_an_append_fd_writes_at_the_offset
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x64) (i32.const 1)))
    (call $show_pwrite (local.get $fd) (global.get $s_he) (i64.const 0))
    (call $show_tell (local.get $fd)))

  ;; pwrite needs FD_SEEK besides FD_WRITE: NOTCAPABLE without it.
  (data (i32.const 0x1700) "pwrite_without_fd_seek_is_notcapable\00")
  (func $case_pwrite_without_fd_seek_is_notcapable
    (call $show_pwrite (call $open (global.get $p_f) (i32.const 0) (i64.const 0x40) (i32.const 0))
      (global.get $s_xy) (i64.const 0)))

  ;; Without FD_WRITE the descriptor is not open for writing: BADF.
  (data (i32.const 0x1740) "pwrite_without_fd_write_is_badf\00")
  (func $case_pwrite_without_fd_write_is_badf
    (call $show_pwrite (call $open (global.get $p_f) (i32.const 0) (i64.const 0x6) (i32.const 0))
      (global.get $s_xy) (i64.const 0)))

  ;; A directory is BADF, stdout is SPIPE, a closed number is BADF.
  (data (i32.const 0x1780) "pwrite_on_a_directory_a_stream_or_a_closed_fd_fails\00")
  (func $case_pwrite_on_a_directory_a_stream_or_a_closed_fd_fails
    (call $show_pwrite (i32.const 3) (global.get $s_xy) (i64.const 0))
    (call $show_pwrite (i32.const 1) (global.get $s_xy) (i64.const 0))
    (call $show_pwrite (i32.const 99) (global.get $s_xy) (i64.const 0)))

  ;; An end offset that does not fit in a u64 is FBIG, and nothing changes.
  (data (i32.const 0x17C0) "pwrite_past_u64_is_fbig\00")
  (func $case_pwrite_past_u64_is_fbig
    (call $show_pwrite (call $open (global.get $p_f) (i32.const 0) (i64.const 0x44) (i32.const 0))
      (global.get $s_xy) (i64.const -1)))

  ;; A write that would take the filesystem past its size bound is NOSPC
  ;; (MemFs holds 1 GiB by default; this writes one byte at 1 GiB).
  (data (i32.const 0x1800) "pwrite_beyond_the_size_limit\00")
  (func $case_pwrite_beyond_the_size_limit
    (call $show_pwrite (call $open (global.get $p_f) (i32.const 0) (i64.const 0x44) (i32.const 0))
      (global.get $s_bang) (i64.const 0x40000000)))

  ;; ---- fd_seek ---------------------------------------------------------

  ;; SET, CUR (forwards and backwards) and END (also with a negative delta)
  ;; each return the new offset; a read then starts there.
  (data (i32.const 0x1840) "seek_from_start_current_and_end\00")
  (func $case_seek_from_start_current_and_end
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x26) (i32.const 0)))
    (call $show_seek (local.get $fd) (i64.const 3) (i32.const 0))
    (call $show_seek (local.get $fd) (i64.const 2) (i32.const 1))
    (call $show_seek (local.get $fd) (i64.const -1) (i32.const 1))
    (call $show_seek (local.get $fd) (i64.const 0) (i32.const 2))
    (call $show_seek (local.get $fd) (i64.const -3) (i32.const 2))
    (call $show_read (local.get $fd) (i32.const 10)))

  ;; A resulting offset below 0 is INVAL (POSIX lseek) and the cursor stays.
  (data (i32.const 0x1880) "seek_to_a_negative_offset_is_inval\00")
  (func $case_seek_to_a_negative_offset_is_inval
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x26) (i32.const 0)))
    (call $show_seek (local.get $fd) (i64.const 2) (i32.const 0))
    (call $show_seek (local.get $fd) (i64.const -1) (i32.const 0))
    (call $show_seek (local.get $fd) (i64.const -3) (i32.const 1))
    (call $show_seek (local.get $fd) (i64.const -12) (i32.const 2))
    (call $show_tell (local.get $fd)))

  ;; whence must be SET, CUR or END; other values (also ones that do not fit
  ;; the u8 whence) are INVAL.
  (data (i32.const 0x18C0) "seek_with_a_bad_whence_is_inval\00")
  (func $case_seek_with_a_bad_whence_is_inval
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x26) (i32.const 0)))
    (call $show_seek (local.get $fd) (i64.const 0) (i32.const 3))
    (call $show_seek (local.get $fd) (i64.const 0) (i32.const 256)))

  ;; An offset past i64::MAX cannot be represented: OVERFLOW (POSIX
  ;; EOVERFLOW), and the cursor stays.
  (data (i32.const 0x1900) "seek_past_i64_max_is_overflow\00")
  (func $case_seek_past_i64_max_is_overflow
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x26) (i32.const 0)))
    (call $show_seek (local.get $fd) (i64.const 0x7FFFFFFFFFFFFFFF) (i32.const 0))
    (call $show_seek (local.get $fd) (i64.const 1) (i32.const 1))
    (call $show_tell (local.get $fd)))

  ;; Seeking past the end and writing leaves a zero-filled gap between the
  ;; old end and the new bytes (POSIX lseek + write).
  (data (i32.const 0x1940) "seek_past_the_end_then_write_leaves_a_zero_gap\00")
  (func $case_seek_past_the_end_then_write_leaves_a_zero_gap
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x66) (i32.const 0)))
    (call $show_seek (local.get $fd) (i64.const 14) (i32.const 0))
    (call $show_write (local.get $fd) (global.get $s_bang))
    (call $show_tell (local.get $fd)))

  ;; Seeking past the end alone does not change the file; a read there
  ;; reads nothing.
  (data (i32.const 0x1980) "seek_past_the_end_alone_does_not_grow_the_file\00")
  (func $case_seek_past_the_end_alone_does_not_grow_the_file
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x26) (i32.const 0)))
    (call $show_seek (local.get $fd) (i64.const 5) (i32.const 2))
    (call $show_read (local.get $fd) (i32.const 10)))

  ;; A directory has no byte offset: BADF (Linux lseek on a directory works,
  ;; so the host must refuse it by type).
  (data (i32.const 0x19C0) "seek_on_a_directory_is_badf\00")
  (func $case_seek_on_a_directory_is_badf
    (call $show_seek (i32.const 3) (i64.const 0) (i32.const 0))
    (call $show_seek (i32.const 3) (i64.const 0) (i32.const 1)))

  ;; Streams cannot seek: SPIPE for stdin, stdout and stderr.
  (data (i32.const 0x1A00) "seek_on_stdio_is_spipe\00")
  (func $case_seek_on_stdio_is_spipe
    (call $show_seek (i32.const 0) (i64.const 0) (i32.const 0))
    (call $show_seek (i32.const 1) (i64.const 0) (i32.const 1))
    (call $show_seek (i32.const 2) (i64.const 0) (i32.const 2)))

  ;; Without FD_SEEK a real seek is NOTCAPABLE; asking for the position
  ;; (CUR + 0) needs only FD_TELL.
  (data (i32.const 0x1A40) "seek_without_fd_seek_is_notcapable\00")
  (func $case_seek_without_fd_seek_is_notcapable
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x22) (i32.const 0)))
    (call $show_seek (local.get $fd) (i64.const 1) (i32.const 0))
    (call $show_seek (local.get $fd) (i64.const 0) (i32.const 1)))

  ;; With neither FD_SEEK nor FD_TELL even the position query is NOTCAPABLE.
  (data (i32.const 0x1A80) "seek_query_without_seek_or_tell_is_notcapable\00")
  (func $case_seek_query_without_seek_or_tell_is_notcapable
    (call $show_seek (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0))
      (i64.const 0) (i32.const 1)))

  ;; A number that is not open is BADF.
  (data (i32.const 0x1AC0) "seek_on_a_closed_fd_is_badf\00")
  (func $case_seek_on_a_closed_fd_is_badf
    (call $show_seek (i32.const 99) (i64.const 0) (i32.const 0)))

  ;; ---- fd_tell ---------------------------------------------------------

  ;; fd_tell needs FD_TELL: NOTCAPABLE without it.
  (data (i32.const 0x1B00) "tell_without_fd_tell_is_notcapable\00")
  (func $case_tell_without_fd_tell_is_notcapable
    (call $show_tell (call $open (global.get $p_f) (i32.const 0) (i64.const 0x6) (i32.const 0))))

  ;; A directory is BADF, a stream SPIPE, a closed number BADF.
  (data (i32.const 0x1B40) "tell_on_a_directory_a_stream_or_a_closed_fd_fails\00")
  (func $case_tell_on_a_directory_a_stream_or_a_closed_fd_fails
    (call $show_tell (i32.const 3))
    (call $show_tell (i32.const 1))
    (call $show_tell (i32.const 99)))

  ;; ---- APPEND ----------------------------------------------------------

  ;; An APPEND write goes to the file's current end even when another
  ;; descriptor grew the file meanwhile (POSIX O_APPEND), and fd_tell then
  ;; reports the new end.
  (data (i32.const 0x1B80) "append_write_goes_to_the_current_end\00")
  (func $case_append_write_goes_to_the_current_end
    (local $a i32) (local $b i32)
    (local.set $a (call $open (global.get $p_f) (i32.const 0) (i64.const 0x64) (i32.const 1)))
    (local.set $b (call $open (global.get $p_f) (i32.const 0) (i64.const 0x40) (i32.const 0)))
    (call $show_write (local.get $b) (global.get $s_digits))
    (call $show_write (local.get $a) (global.get $s_bang))
    (call $show_tell (local.get $a)))

  ;; On an APPEND descriptor a seek does not choose where writes go.
  (data (i32.const 0x1BC0) "append_write_ignores_the_cursor\00")
  (func $case_append_write_ignores_the_cursor
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x64) (i32.const 1)))
    (call $show_seek (local.get $fd) (i64.const 0) (i32.const 0))
    (call $show_write (local.get $fd) (global.get $s_bang))
    (call $show_tell (local.get $fd)))

  ;; TRUNC and APPEND together: the file is emptied, then every write goes
  ;; to its end ("ab", seek 0, "cd" gives "abcd").
  (data (i32.const 0x1C00) "trunc_and_append_together\00")
  (func $case_trunc_and_append_together
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 9) (i64.const 0x66) (i32.const 1)))
    (call $show_write (local.get $fd) (global.get $s_ab))
    (call $show_seek (local.get $fd) (i64.const 0) (i32.const 0))
    (call $show_write (local.get $fd) (global.get $s_cd))
    (call $show_tell (local.get $fd)))

  ;; ---- fd_close --------------------------------------------------------

  ;; After fd_close the number is not open: a second close and a read are
  ;; BADF.
  (data (i32.const 0x1C40) "close_then_use_is_badf\00")
  (func $case_close_then_use_is_badf
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_close) (call $fd_close (local.get $fd)))
    (call $say (global.get $l_close) (call $fd_close (local.get $fd)))
    (call $show_read (local.get $fd) (i32.const 5)))

  ;; A number never opened is BADF.
  (data (i32.const 0x1C80) "close_a_closed_fd_is_badf\00")
  (func $case_close_a_closed_fd_is_badf
    (call $say (global.get $l_close) (call $fd_close (i32.const 1234))))

  ;; Closing the preopen works: fd 3 is then BADF, and descriptors opened
  ;; through it stay usable (WASI test suite: close_preopen).
  (data (i32.const 0x1CC0) "close_the_preopen_keeps_derived_fds\00")
  (func $case_close_the_preopen_keeps_derived_fds
    (local $d i32)
    (local.set $d (call $open_dir (global.get $p_d)))
    (call $say (global.get $l_close) (call $fd_close (i32.const 3)))
    (call $say (global.get $l_open)
      (call $open_at (i32.const 3) (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_open)
      (call $open_at (local.get $d) (global.get $p_inner) (i32.const 0) (i64.const 0x2) (i32.const 0))))

  ;; stdout can be closed; writes to it are then BADF and the guest still
  ;; exits normally. Reported on stderr.
  (data (i32.const 0x1D00) "close_stdout_then_writes_are_badf\00")
  (func $case_close_stdout_then_writes_are_badf
    (global.set $out (i32.const 2))
    (call $say (global.get $l_close) (call $fd_close (i32.const 1)))
    (call $show_write (i32.const 1) (global.get $s_x)))

  ;; New descriptors take the lowest free number.
  (data (i32.const 0x1D40) "the_lowest_free_number_is_reused\00")
  (func $case_the_lowest_free_number_is_reused
    (local $a i32)
    (local.set $a (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_fd) (local.get $a))
    (call $say (global.get $l_fd)
      (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_close) (call $fd_close (local.get $a)))
    (call $say (global.get $l_fd)
      (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0))))

  ;; ---- fd_renumber -----------------------------------------------------

  ;; renumber(a, b) moves a's descriptor to b, closing what b held; a is then
  ;; BADF. (b reads "hello world", not "d/inner"'s bytes.)
  (data (i32.const 0x1D80) "renumber_moves_the_descriptor\00")
  (func $case_renumber_moves_the_descriptor
    (local $a i32) (local $b i32)
    (local.set $a (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (local.set $b (call $open (global.get $p_d_inner) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_renumber) (call $fd_renumber (local.get $a) (local.get $b)))
    (call $show_read (local.get $b) (i32.const 100))
    (call $show_read (local.get $a) (i32.const 100))
    (call $say (global.get $l_close) (call $fd_close (local.get $a))))

  ;; The target must already be open, so a guest cannot grow the table by
  ;; naming a number: BADF, and the source stays open.
  (data (i32.const 0x1DC0) "renumber_to_a_closed_target_is_badf\00")
  (func $case_renumber_to_a_closed_target_is_badf
    (local $a i32)
    (local.set $a (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_renumber) (call $fd_renumber (local.get $a) (i32.const 9)))
    (call $say (global.get $l_renumber) (call $fd_renumber (local.get $a) (i32.const 65536)))
    (call $say (global.get $l_renumber) (call $fd_renumber (local.get $a) (i32.const -1)))
    (call $show_read (local.get $a) (i32.const 5)))

  ;; The source must be open: BADF, and the target stays as it was.
  (data (i32.const 0x1E00) "renumber_from_a_closed_fd_is_badf\00")
  (func $case_renumber_from_a_closed_fd_is_badf
    (local $a i32)
    (local.set $a (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_renumber) (call $fd_renumber (i32.const 9) (local.get $a)))
    (call $show_read (local.get $a) (i32.const 5)))

  ;; renumber(a, a) succeeds and changes nothing (POSIX dup2(a, a)).
  (data (i32.const 0x1E40) "renumber_onto_itself_changes_nothing\00")
  (func $case_renumber_onto_itself_changes_nothing
    (local $a i32)
    (local.set $a (call $open (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_renumber) (call $fd_renumber (local.get $a) (local.get $a)))
    (call $show_read (local.get $a) (i32.const 5)))

  ;; A directory can replace the preopen: the old number is then BADF, and
  ;; fd 3 is "d" (it opens "inner", not "f") (WASI test suite:
  ;; overwrite_preopen).
  (data (i32.const 0x1E80) "renumber_over_the_preopen\00")
  (func $case_renumber_over_the_preopen
    (local $d i32)
    (local.set $d (call $open_dir (global.get $p_d)))
    (call $say (global.get $l_renumber) (call $fd_renumber (local.get $d) (i32.const 3)))
    (call $say (global.get $l_open)
      (call $open_at (local.get $d) (global.get $p_inner) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_open)
      (call $open_at (i32.const 3) (global.get $p_inner) (i32.const 0) (i64.const 0x2) (i32.const 0)))
    (call $say (global.get $l_open)
      (call $open_at (i32.const 3) (global.get $p_f) (i32.const 0) (i64.const 0x2) (i32.const 0))))

  ;; stdout moved onto a file's number: that number now writes to stdout
  ;; (the report goes through it), the file is closed, and fd 1 is BADF
  ;; (WASI test suite: stdio).
  (data (i32.const 0x1EC0) "renumber_stdout_onto_a_file\00")
  (func $case_renumber_stdout_onto_a_file
    (local $fd i32) (local $e i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x40) (i32.const 0)))
    (local.set $e (call $fd_renumber (i32.const 1) (local.get $fd)))
    (global.set $out (local.get $fd))
    (call $say (global.get $l_renumber) (local.get $e))
    (call $show_write (i32.const 1) (global.get $s_x)))

  ;; A file moved onto stdout: writes to fd 1 go into the file. Reported on
  ;; stderr.
  (data (i32.const 0x1F00) "renumber_a_file_onto_stdout\00")
  (func $case_renumber_a_file_onto_stdout
    (local $fd i32)
    (global.set $out (i32.const 2))
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x40) (i32.const 0)))
    (call $say (global.get $l_renumber) (call $fd_renumber (local.get $fd) (i32.const 1)))
    (call $show_write (i32.const 1) (global.get $s_data))
    (call $show_write (local.get $fd) (global.get $s_data)))

  ;; Writing at or past the offset maximum (i64::MAX, the largest off_t) is
  ;; FBIG for write and pwrite (POSIX write: "the starting position is
  ;; greater than or equal to the offset maximum"), and the file stays.
  (data (i32.const 0x1F40) "writes_at_the_offset_maximum_are_fbig\00")
  (func $case_writes_at_the_offset_maximum_are_fbig
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x44) (i32.const 0)))
    (call $show_seek (local.get $fd) (i64.const 0x7FFFFFFFFFFFFFFF) (i32.const 0))
    (call $show_write (local.get $fd) (global.get $s_bang))
    (call $show_pwrite (local.get $fd) (global.get $s_bang) (i64.const 0x7FFFFFFFFFFFFFFF)))

  ;; A write at the cursor that would take the filesystem past its size
  ;; bound is NOSPC, like pwrite's (MemFs holds 1 GiB by default).
  (data (i32.const 0x1F80) "write_beyond_the_size_limit\00")
  (func $case_write_beyond_the_size_limit
    (local $fd i32)
    (local.set $fd (call $open (global.get $p_f) (i32.const 0) (i64.const 0x44) (i32.const 0)))
    (call $show_seek (local.get $fd) (i64.const 0x40000000) (i32.const 0))
    (call $show_write (local.get $fd) (global.get $s_bang)))

  ;; ---- main ------------------------------------------------------------

  (func (export "_start")
    (call $load_args)
    (if (call $is (i32.const 0x1000)) (then (call $case_read_advances_the_cursor) (return)))
    (if (call $is (i32.const 0x1040)) (then (call $case_read_scatters_across_iovecs) (return)))
    (if (call $is (i32.const 0x1080)) (then (call $case_read_without_fd_read_is_badf) (return)))
    (if (call $is (i32.const 0x10C0)) (then (call $case_read_on_a_directory_is_badf) (return)))
    (if (call $is (i32.const 0x1100)) (then (call $case_read_on_a_closed_fd_is_badf) (return)))
    (if (call $is (i32.const 0x1140)) (then (call $case_read_from_stdout_is_badf) (return)))
    (if (call $is (i32.const 0x1180)) (then (call $case_read_from_stdin) (return)))
    (if (call $is (i32.const 0x11C0)) (then (call $case_read_over_4gib_of_iovecs_is_inval) (return)))
    (if (call $is (i32.const 0x1200)) (then (call $case_read_with_nread_out_of_bounds_traps) (return)))
    (if (call $is (i32.const 0x1240)) (then (call $case_read_into_an_out_of_bounds_buffer_traps) (return)))
    (if (call $is (i32.const 0x1280)) (then (call $case_write_overwrites_at_the_cursor) (return)))
    (if (call $is (i32.const 0x12C0)) (then (call $case_write_gathers_iovecs) (return)))
    (if (call $is (i32.const 0x1300)) (then (call $case_write_without_fd_write_is_badf) (return)))
    (if (call $is (i32.const 0x1340)) (then (call $case_write_on_a_directory_is_badf) (return)))
    (if (call $is (i32.const 0x1380)) (then (call $case_write_to_stdin_is_badf) (return)))
    (if (call $is (i32.const 0x13C0)) (then (call $case_write_to_a_closed_fd_is_badf) (return)))
    (if (call $is (i32.const 0x1400)) (then (call $case_write_to_stdout_reaches_the_embedder) (return)))
    (if (call $is (i32.const 0x1440)) (then (call $case_write_of_nothing_succeeds) (return)))
    (if (call $is (i32.const 0x1480)) (then (call $case_write_over_4gib_is_inval) (return)))
    (if (call $is (i32.const 0x14C0)) (then (call $case_write_with_nwritten_out_of_bounds_traps) (return)))
    (if (call $is (i32.const 0x1500)) (then (call $case_pread_does_not_move_the_cursor) (return)))
    (if (call $is (i32.const 0x1540)) (then (call $case_pread_at_or_past_the_end_reads_nothing) (return)))
    (if (call $is (i32.const 0x1580)) (then (call $case_pread_without_fd_seek_is_notcapable) (return)))
    (if (call $is (i32.const 0x15C0)) (then (call $case_pread_without_fd_read_is_badf) (return)))
    (if (call $is (i32.const 0x1600)) (then (call $case_pread_on_a_directory_a_stream_or_a_closed_fd_fails) (return)))
    (if (call $is (i32.const 0x1640)) (then (call $case_pwrite_does_not_move_the_cursor) (return)))
    (if (call $is (i32.const 0x1680)) (then (call $case_pwrite_past_the_end_leaves_a_zero_gap) (return)))
    (if (call $is (i32.const 0x16C0)) (then (call $case_pwrite_on_an_append_fd_writes_at_the_offset) (return)))
    (if (call $is (i32.const 0x1700)) (then (call $case_pwrite_without_fd_seek_is_notcapable) (return)))
    (if (call $is (i32.const 0x1740)) (then (call $case_pwrite_without_fd_write_is_badf) (return)))
    (if (call $is (i32.const 0x1780)) (then (call $case_pwrite_on_a_directory_a_stream_or_a_closed_fd_fails) (return)))
    (if (call $is (i32.const 0x17C0)) (then (call $case_pwrite_past_u64_is_fbig) (return)))
    (if (call $is (i32.const 0x1800)) (then (call $case_pwrite_beyond_the_size_limit) (return)))
    (if (call $is (i32.const 0x1840)) (then (call $case_seek_from_start_current_and_end) (return)))
    (if (call $is (i32.const 0x1880)) (then (call $case_seek_to_a_negative_offset_is_inval) (return)))
    (if (call $is (i32.const 0x18C0)) (then (call $case_seek_with_a_bad_whence_is_inval) (return)))
    (if (call $is (i32.const 0x1900)) (then (call $case_seek_past_i64_max_is_overflow) (return)))
    (if (call $is (i32.const 0x1940)) (then (call $case_seek_past_the_end_then_write_leaves_a_zero_gap) (return)))
    (if (call $is (i32.const 0x1980)) (then (call $case_seek_past_the_end_alone_does_not_grow_the_file) (return)))
    (if (call $is (i32.const 0x19C0)) (then (call $case_seek_on_a_directory_is_badf) (return)))
    (if (call $is (i32.const 0x1A00)) (then (call $case_seek_on_stdio_is_spipe) (return)))
    (if (call $is (i32.const 0x1A40)) (then (call $case_seek_without_fd_seek_is_notcapable) (return)))
    (if (call $is (i32.const 0x1A80)) (then (call $case_seek_query_without_seek_or_tell_is_notcapable) (return)))
    (if (call $is (i32.const 0x1AC0)) (then (call $case_seek_on_a_closed_fd_is_badf) (return)))
    (if (call $is (i32.const 0x1B00)) (then (call $case_tell_without_fd_tell_is_notcapable) (return)))
    (if (call $is (i32.const 0x1B40)) (then (call $case_tell_on_a_directory_a_stream_or_a_closed_fd_fails) (return)))
    (if (call $is (i32.const 0x1B80)) (then (call $case_append_write_goes_to_the_current_end) (return)))
    (if (call $is (i32.const 0x1BC0)) (then (call $case_append_write_ignores_the_cursor) (return)))
    (if (call $is (i32.const 0x1C00)) (then (call $case_trunc_and_append_together) (return)))
    (if (call $is (i32.const 0x1C40)) (then (call $case_close_then_use_is_badf) (return)))
    (if (call $is (i32.const 0x1C80)) (then (call $case_close_a_closed_fd_is_badf) (return)))
    (if (call $is (i32.const 0x1CC0)) (then (call $case_close_the_preopen_keeps_derived_fds) (return)))
    (if (call $is (i32.const 0x1D00)) (then (call $case_close_stdout_then_writes_are_badf) (return)))
    (if (call $is (i32.const 0x1D40)) (then (call $case_the_lowest_free_number_is_reused) (return)))
    (if (call $is (i32.const 0x1D80)) (then (call $case_renumber_moves_the_descriptor) (return)))
    (if (call $is (i32.const 0x1DC0)) (then (call $case_renumber_to_a_closed_target_is_badf) (return)))
    (if (call $is (i32.const 0x1E00)) (then (call $case_renumber_from_a_closed_fd_is_badf) (return)))
    (if (call $is (i32.const 0x1E40)) (then (call $case_renumber_onto_itself_changes_nothing) (return)))
    (if (call $is (i32.const 0x1E80)) (then (call $case_renumber_over_the_preopen) (return)))
    (if (call $is (i32.const 0x1EC0)) (then (call $case_renumber_stdout_onto_a_file) (return)))
    (if (call $is (i32.const 0x1F00)) (then (call $case_renumber_a_file_onto_stdout) (return)))
    (if (call $is (i32.const 0x1F40)) (then (call $case_writes_at_the_offset_maximum_are_fbig) (return)))
    (if (call $is (i32.const 0x1F80)) (then (call $case_write_beyond_the_size_limit) (return)))
    (call $unknown))
)
