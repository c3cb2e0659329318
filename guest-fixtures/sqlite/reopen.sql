-- Step 2 of tests/all/sqlite.rs, run as
--   sqlite3 -bail -batch items.db ".read reopen.sql"
-- on the directory step 1 (create.sql) left. Reopens items.db, deletes half
-- of the rows, runs VACUUM and an integrity check, and writes the whole
-- database as SQL to dump.sql. Prints "9000", "ok", "4500|2252500|696665.25"
-- and "dumped". Deterministic, as create.sql explains.
SELECT count(*) FROM items;
-- every second row in id order: 4,500 of the 9,000
DELETE FROM items WHERE id IN (
  SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS r FROM items)
  WHERE r % 2 = 0
);
VACUUM;
PRAGMA integrity_check;
SELECT count(*), sum(qty), total(price) FROM items;
.output dump.sql
.dump
.output stdout
SELECT 'dumped';
