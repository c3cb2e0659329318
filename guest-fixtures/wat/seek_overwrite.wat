;; seek_overwrite.wat -- the "write, seek back, patch the header" pattern.
;;
;; This is what `ffmpeg -movflags +faststart` (and many other muxers) do to an
;; output file: stream the payload out sequentially, then seek back and
;; overwrite bytes near the start of the file with data only known at the end
;; (for MP4: the `moov` index), reading back part of the file through a second
;; descriptor while the first one is still open for writing.
;;
;; The host is expected to preopen its root directory as fd 3 (name "/") and
;; the test to create the directory `out/` beforehand.
;;
;; Sequence (exit code if that step fails in brackets):
;;   1. path_open(3, SYMLINK_FOLLOW, "out/reel.bin", CREAT|TRUNC,
;;        FD_READ|FD_SEEK|FD_TELL|FD_WRITE|FD_FILESTAT_GET, 0, 0) -> fd1   [1]
;;   2. write 8 MiB, byte at file offset k = k % 251                       [2]
;;   3. fd_seek(fd1, 0, SET)                                               [3]
;;   4. write 32-byte header, byte i = 0xA0 + i                            [4]
;;   5. fd_seek(fd1, 0, END)                                               [5]
;;   6. write 1024 bytes of 0xEE                                           [6]
;;   7. fd_filestat_get(fd1)                                               [7]
;;      size must be 8 MiB + 1024 = 8389632                                [10]
;;   8. path_open(3, SYMLINK_FOLLOW, "out/reel.bin", 0,
;;        FD_READ|FD_SEEK|FD_TELL, 0, 0) -> fd2                            [8]
;;   9. fd_seek(fd2, -4096, END)                                           [9]
;;  10. read exactly 4096 bytes from fd2 (short reads are retried,
;;      end-of-file before 4096 bytes is a failure)                        [12]
;;  11. fd_seek(fd1, 32, SET)                                              [13]
;;  12. write those 4096 bytes (overwrites file offsets 32..4128)          [14]
;;  13. fd_tell(fd1)                                                       [15]
;;      must be 4128                                                       [11]
;;  14. fd_close(fd2)                                                      [16]
;;  15. fd_close(fd1)                                                      [17]
;;  16. write "ok\n" to stdout (fd 1)                                      [18]
;;  17. return from _start (exit status 0)
;; A write that reports 0 bytes written is treated as a failure of its step;
;; short writes are retried until the whole buffer is written.
;;
;; Final content of out/reel.bin (8389632 bytes), with P(k) = k % 251:
;;   [0, 32)            0xA0 + k                    (header)
;;   [32, 4128)         old[8389632 - 4096 + (k - 32)], i.e. the last 4096
;;                      bytes after step 6: P(8384512 .. 8388608) followed by
;;                      1024 x 0xEE
;;   [4128, 8388608)    P(k)
;;   [8388608, 8389632) 0xEE
;;
;; Memory layout (one 64 KiB page is 65536 bytes; 3 pages):
;;   0      iovec {buf_ptr: u32, buf_len: u32} used by every fd_write/fd_read
;;   8      u32 nwritten / nread result
;;   16     u64 result of fd_seek / fd_tell
;;   24     u32 fd1
;;   28     u32 fd2
;;   64     filestat (64 bytes; size is the u64 at offset 32 -> address 96)
;;   128    "out/reel.bin" (12 bytes)
;;   144    "ok\n"
;;   256    32-byte header 0xA0..0xBF
;;   1024   1024 bytes of 0xEE (filled at run time)
;;   4096   4096-byte read-back buffer
;;   65536  pattern buffer, 65511 bytes = 261 * 251: filled once with i % 251.
;;          Because its length is a multiple of 251 and every chunk is written
;;          completely before the next, each chunk starts at a file offset that
;;          is a multiple of 251, so the stream is exactly k % 251. The last
;;          chunk is shorter (8388608 = 128 * 65511 + 3200).
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read"
    (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek"
    (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_tell"
    (func $fd_tell (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_get"
    (func $fd_filestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close"
    (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit"
    (func $proc_exit (param i32)))

  (memory (export "memory") 3)

  ;; Constants used below.
  ;;   whence: SET = 0, CUR = 1, END = 2
  ;;   lookupflags: SYMLINK_FOLLOW = 1
  ;;   oflags: CREAT = 1, DIRECTORY = 2, EXCL = 4, TRUNC = 8
  ;;   rights: FD_READ = 1<<1, FD_SEEK = 1<<2, FD_TELL = 1<<5,
  ;;           FD_WRITE = 1<<6, FD_FILESTAT_GET = 1<<21
  (global $FILE_SIZE i64 (i64.const 8388608))    ;; 8 MiB
  (global $PATTERN i32 (i32.const 65536))
  (global $PATTERN_LEN i32 (i32.const 65511))    ;; 261 * 251

  (data (i32.const 128) "out/reel.bin")
  (data (i32.const 144) "ok\n")
  (data (i32.const 256)
    "\a0\a1\a2\a3\a4\a5\a6\a7\a8\a9\aa\ab\ac\ad\ae\af"
    "\b0\b1\b2\b3\b4\b5\b6\b7\b8\b9\ba\bb\bc\bd\be\bf")

  ;; Exit with `code` unless `errno` is 0 (ESUCCESS).
  (func $check (param $errno i32) (param $code i32)
    (if (local.get $errno)
      (then (call $proc_exit (local.get $code)))))

  ;; Write all `len` bytes at `ptr` to `fd`, retrying short writes.
  ;; Any error, or a write of 0 bytes, exits with `code`.
  (func $write_all (param $fd i32) (param $ptr i32) (param $len i32) (param $code i32)
    (local $n i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $len)))
        (i32.store (i32.const 0) (local.get $ptr))
        (i32.store (i32.const 4) (local.get $len))
        (call $check
          (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))
          (local.get $code))
        (local.set $n (i32.load (i32.const 8)))
        (if (i32.eqz (local.get $n))
          (then (call $proc_exit (local.get $code))))
        (local.set $ptr (i32.add (local.get $ptr) (local.get $n)))
        (local.set $len (i32.sub (local.get $len) (local.get $n)))
        (br $again))))

  ;; Read exactly `len` bytes from `fd` into `ptr`, retrying short reads.
  ;; Any error, or end-of-file (a read of 0 bytes) first, exits with `code`.
  (func $read_exact (param $fd i32) (param $ptr i32) (param $len i32) (param $code i32)
    (local $n i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $len)))
        (i32.store (i32.const 0) (local.get $ptr))
        (i32.store (i32.const 4) (local.get $len))
        (call $check
          (call $fd_read (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))
          (local.get $code))
        (local.set $n (i32.load (i32.const 8)))
        (if (i32.eqz (local.get $n))
          (then (call $proc_exit (local.get $code))))
        (local.set $ptr (i32.add (local.get $ptr) (local.get $n)))
        (local.set $len (i32.sub (local.get $len) (local.get $n)))
        (br $again))))

  ;; Set `len` bytes at `ptr` to `byte` (a loop, to need no bulk-memory).
  (func $fill (param $ptr i32) (param $len i32) (param $byte i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $len)))
        (i32.store8 (local.get $ptr) (local.get $byte))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $again))))

  ;; Fill the pattern buffer: byte i = i % 251.
  (func $fill_pattern
    (local $i i32)
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (local.get $i) (global.get $PATTERN_LEN)))
        (i32.store8 (i32.add (global.get $PATTERN) (local.get $i))
                    (i32.rem_u (local.get $i) (i32.const 251)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $again))))

  (func $main (export "_start")
    (local $fd1 i32)
    (local $fd2 i32)
    (local $remaining i64)
    (local $chunk i32)

    ;; 1. Create/truncate out/reel.bin for read+write -> fd1.
    (call $check
      (call $path_open
        (i32.const 3)            ;; dirfd: the preopened "/"
        (i32.const 1)            ;; dirflags: SYMLINK_FOLLOW
        (i32.const 128) (i32.const 12)   ;; "out/reel.bin"
        (i32.const 9)            ;; oflags: CREAT | TRUNC
        (i64.const 0x200066)     ;; FD_READ|FD_SEEK|FD_TELL|FD_WRITE|FD_FILESTAT_GET
        (i64.const 0)            ;; rights_inheriting
        (i32.const 0)            ;; fdflags
        (i32.const 24))          ;; -> fd1
      (i32.const 1))
    (local.set $fd1 (i32.load (i32.const 24)))

    ;; 2. Stream 8 MiB of the k % 251 pattern.
    (call $fill_pattern)
    (local.set $remaining (global.get $FILE_SIZE))
    (block $done
      (loop $again
        (br_if $done (i64.eqz (local.get $remaining)))
        (local.set $chunk
          (if (result i32)
              (i64.lt_u (local.get $remaining) (i64.extend_i32_u (global.get $PATTERN_LEN)))
            (then (i32.wrap_i64 (local.get $remaining)))
            (else (global.get $PATTERN_LEN))))
        (call $write_all (local.get $fd1) (global.get $PATTERN) (local.get $chunk) (i32.const 2))
        (local.set $remaining
          (i64.sub (local.get $remaining) (i64.extend_i32_u (local.get $chunk))))
        (br $again)))

    ;; 3. Seek back to the start ...
    (call $check
      (call $fd_seek (local.get $fd1) (i64.const 0) (i32.const 0) (i32.const 16))
      (i32.const 3))
    ;; 4. ... and overwrite the first 32 bytes with the header.
    (call $write_all (local.get $fd1) (i32.const 256) (i32.const 32) (i32.const 4))

    ;; 5. Seek to the end ...
    (call $check
      (call $fd_seek (local.get $fd1) (i64.const 0) (i32.const 2) (i32.const 16))
      (i32.const 5))
    ;; 6. ... and append 1024 bytes of 0xEE.
    (call $fill (i32.const 1024) (i32.const 1024) (i32.const 0xEE))
    (call $write_all (local.get $fd1) (i32.const 1024) (i32.const 1024) (i32.const 6))

    ;; 7. The file must now be 8 MiB + 1024 bytes long.
    (call $check (call $fd_filestat_get (local.get $fd1) (i32.const 64)) (i32.const 7))
    (if (i64.ne (i64.load (i32.const 96))                 ;; filestat.size
                (i64.add (global.get $FILE_SIZE) (i64.const 1024)))
      (then (call $proc_exit (i32.const 10))))

    ;; 8. Open the same file a second time, read-only -> fd2.
    (call $check
      (call $path_open
        (i32.const 3) (i32.const 1)
        (i32.const 128) (i32.const 12)   ;; "out/reel.bin"
        (i32.const 0)            ;; oflags: none
        (i64.const 0x26)         ;; FD_READ|FD_SEEK|FD_TELL
        (i64.const 0) (i32.const 0)
        (i32.const 28))          ;; -> fd2
      (i32.const 8))
    (local.set $fd2 (i32.load (i32.const 28)))

    ;; 9. Position fd2 4096 bytes before the end ...
    (call $check
      (call $fd_seek (local.get $fd2) (i64.const -4096) (i32.const 2) (i32.const 16))
      (i32.const 9))
    ;; 10. ... and read the last 4096 bytes.
    (call $read_exact (local.get $fd2) (i32.const 4096) (i32.const 4096) (i32.const 12))

    ;; 11. Seek fd1 (whose position is at the end) to offset 32 ...
    (call $check
      (call $fd_seek (local.get $fd1) (i64.const 32) (i32.const 0) (i32.const 16))
      (i32.const 13))
    ;; 12. ... and copy the 4096 bytes there, right after the header.
    (call $write_all (local.get $fd1) (i32.const 4096) (i32.const 4096) (i32.const 14))

    ;; 13. The position of fd1 must be 32 + 4096.
    (call $check (call $fd_tell (local.get $fd1) (i32.const 16)) (i32.const 15))
    (if (i64.ne (i64.load (i32.const 16)) (i64.const 4128))
      (then (call $proc_exit (i32.const 11))))

    ;; 14./15. Close both descriptors.
    (call $check (call $fd_close (local.get $fd2)) (i32.const 16))
    (call $check (call $fd_close (local.get $fd1)) (i32.const 17))

    ;; 16. Report success; returning from _start means exit status 0.
    (call $write_all (i32.const 1) (i32.const 144) (i32.const 3) (i32.const 18)))
)
