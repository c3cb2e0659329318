-- Step 1 of tests/all/sqlite.rs, run as
--   sqlite3 -bail -batch items.db ".read create.sql"
-- on an empty directory. Builds items.db: 10,000 rows inserted in one
-- transaction, an index, an update, a delete, VACUUM, then an integrity check.
-- Prints "delete" (the journal mode: a rollback journal, deleted at commit),
-- "ok" and "9000|4500000|1393561.5" (rows, sum(qty), total(price)).
--
-- Everything here is deterministic on any runtime: no random(), randomblob(),
-- date/time functions or 'now', so the database and output bytes depend only
-- on this script and sqlite3.wasm. (SQLite still seeds its PRNG from
-- /dev/urandom or the clock, but uses it only for journal nonces and
-- temporary names: the journal is deleted at commit and temporary storage is
-- in memory, -DSQLITE_TEMP_STORE=3.)
PRAGMA page_size = 4096;
PRAGMA journal_mode = DELETE;
CREATE TABLE items(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  qty INTEGER NOT NULL,
  price REAL NOT NULL,
  tag BLOB
);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO items(id, name, qty, price, tag)
  SELECT i, printf('item-%05d', i), (i * 7919) % 1000, (i % 997) * 0.25, zeroblob(i % 17)
  FROM n;
COMMIT;
CREATE INDEX items_qty ON items(qty, name);
UPDATE items SET price = price * 2, name = name || '-x' WHERE qty < 250;
DELETE FROM items WHERE id % 10 = 0;
VACUUM;
PRAGMA integrity_check;
SELECT count(*), sum(qty), total(price) FROM items;
