// The database file: its page size, the connection strings, what Open
// checks before it trusts a file, and how storage errors read.

package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// pageSize is the page size of a new database. An article (raw HTML,
// markdown and briefing, 5 to 10 KB) spills over SQLite's default 4 KB
// page into a chain of overflow pages; at 16 KB it fits in its leaf, so
// reading a row touches one page, and writing 10,000 articles takes a
// quarter of the I/O calls.
const pageSize = 16384

// initPageSize gives an empty database file its page size. It has to
// happen before anything else writes the file: the connection string's
// pragmas switch to WAL first, and the page size of a WAL database is
// fixed. A file that already holds a database keeps its page size.
func initPageSize(ctx context.Context, abs string) {
	if st, err := os.Stat(abs); err != nil || st.Size() > 0 {
		return
	}
	db, err := sql.Open("sqlite", fileURI(abs, "_pragma=busy_timeout(15000)"))
	if err != nil {
		return
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{fmt.Sprintf("PRAGMA page_size = %d", pageSize), "PRAGMA journal_mode = WAL"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			// Best effort: another process creating the same file at
			// this moment wins (SQLite answers "busy" at once to a
			// journal mode change it would deadlock on), and a problem
			// with the file itself is Open's to report.
			return
		}
	}
}

// dsn builds the driver's connection string. The path goes into a file: URI
// so that '?' or '#' in a directory name cannot be read as parameters.
func dsn(abs string, writer bool) string {
	q := url.Values{}
	// busy_timeout first: the pragmas after it may need a lock.
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", min(busyTimeout, LockWait).Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	// Statement journals and sort buffers in memory, not temp files: each
	// insert with a foreign key opens a statement journal.
	q.Add("_pragma", "temp_store(MEMORY)")
	// Keep the WAL file from staying huge after a burst of writes, and
	// checkpoint every 32 MB of it (2,048 pages of 16 KB): the last
	// connection to close checkpoints whatever is left, and a bigger WAL
	// made that a wait at the end of every large fetch (0.15 s of a
	// 10,000-article one). A fetch's commits also ask the checkpointer to
	// copy the log as they go, so the writer's checkpoint finds little to
	// do (see checkpointer).
	q.Add("_pragma", "journal_size_limit(33554432)")
	q.Add("_pragma", "wal_autocheckpoint(2048)")
	if writer {
		// The writer's pages are mostly fresh index pages on their way to
		// the log, which the OS caches anyway: 4 MB writes a 10,000-item
		// fetch as fast as 16 MB did, with 9 MB less resident.
		q.Add("_pragma", "cache_size(-4096)")
		q.Set("_txlock", "immediate")
	} else {
		// Enough for a page deep in a long list (OFFSET 5000 of 100,000
		// articles reads as fast as with 8 MB); each reader has its own.
		q.Add("_pragma", "cache_size(-4096)")
		// A guard: nothing on the read pool may write.
		q.Add("_pragma", "query_only(1)")
	}
	return fileURI(abs, q.Encode())
}

// fileURI is the driver's file: URI for the absolute path abs with the
// given query.
func fileURI(abs, query string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: query}
	if u.Path[0] != '/' { // Windows drive letters: file:///C:/...
		u.Path = "/" + u.Path
	}
	return u.String()
}

var sqliteMagic = []byte("SQLite format 3\x00")

// inspect refuses, without modifying it, a file at abs that is not a brief
// database. A missing or empty file is fine: it becomes a new database.
func inspect(ctx context.Context, path, abs string) error {
	f, err := os.Open(abs)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	if st.IsDir() {
		return notBrief("%s is not a brief database: it is a directory", path)
	}
	if st.Size() == 0 {
		return nil
	}
	head := make([]byte, 100) // the SQLite header; zeros past a short file's end
	if n, _ := io.ReadFull(f, head); n < len(sqliteMagic) || !bytes.Equal(head[:len(sqliteMagic)], sqliteMagic) {
		return notBrief("%s is not a brief database: file is not a database", path)
	}

	// A read-only connection to a database in WAL mode creates the -wal and
	// -shm files and cannot delete them when it closes. Beside a file that
	// is refused they would be litter brief promised not to leave, so the
	// ones it created go again, provided the -wal is still empty: then no
	// one has written to it.
	_, walErr := os.Lstat(abs + "-wal")
	_, shmErr := os.Lstat(abs + "-shm")
	err = inspectSchema(ctx, path, abs, head)
	if err != nil && errors.Is(walErr, os.ErrNotExist) {
		if fi, statErr := os.Lstat(abs + "-wal"); statErr == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
			os.Remove(abs + "-wal")
			if errors.Is(shmErr, os.ErrNotExist) {
				os.Remove(abs + "-shm")
			}
		}
	}
	return err
}

// inspectSchema reads the identity of the SQLite database at abs.
func inspectSchema(ctx context.Context, path, abs string, head []byte) error {
	// The header alone is not enough: in WAL mode the newest schema may
	// still sit in the -wal file. A read-only connection without any of our
	// pragmas sees it without writing to the file.
	db, err := sql.Open("sqlite", fileURI(abs, "mode=ro&_pragma=busy_timeout(15000)"))
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	defer db.Close()
	var appID, version, tables int
	err = db.QueryRowContext(ctx, identitySQL).Scan(&appID, &version, &tables)
	switch code := sqliteCode(err); {
	case err == nil:
		return checkIdentity(path, appID, version, tables)
	case (code == sqliteCorrupt || code == sqliteNotADB) && binary.BigEndian.Uint32(head[68:72]) == applicationID:
		// The header is ours, the rest does not add up: a copy cut short,
		// a disk error, something written over it.
		return notBrief("%s is a damaged brief database (cut short or overwritten); it was left as it is: move it aside to start a new one", path)
	case code == sqliteCorrupt || code == sqliteNotADB:
		return notBrief("%s is not a brief database: the file is damaged or not a database", path)
	case diskTrouble(err) != "":
		// Even reading a database in WAL mode needs room for its -shm
		// file; the file itself may be fine.
		return &diskError{msg: fmt.Sprintf("cannot open %s: %s", path, diskTrouble(err)), err: err}
	default:
		return notBrief("%s is not a brief database: %v", path, err)
	}
}

// SQLite's result codes that brief puts into words.
const (
	sqliteIOErr        = 10
	sqliteBusy         = 5
	sqliteCorrupt      = 11
	sqliteFull         = 13
	sqliteNotADB       = 26
	sqliteIOErrShmSize = sqliteIOErr | 19<<8 // could not grow the -shm file
)

// sqliteCode is the primary SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var se interface{ Code() int }
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// diskTrouble says in words how the disk refused SQLite, or "" when err is
// about something else.
func diskTrouble(err error) string {
	var se interface{ Code() int }
	if !errors.As(err, &se) {
		return ""
	}
	switch c := se.Code(); {
	case c&0xff == sqliteFull, c == sqliteIOErrShmSize:
		return "the disk is full"
	case c&0xff == sqliteIOErr:
		return "disk I/O error"
	}
	return ""
}

// diskError is a read or write the disk refused, in a sentence naming the
// file, still matching the driver's error with errors.As.
type diskError struct {
	msg string
	err error
}

func (e *diskError) Error() string { return e.msg }
func (e *diskError) Unwrap() error { return e.err }

// explainWrite replaces SQLite's "database or disk is full (13)", which
// names neither the file nor the cause, with a sentence that does.
func (s *Store) explainWrite(err error) error {
	if s.readOnly && err != nil {
		return &refusal{kind: ErrReadOnly, msg: fmt.Sprintf("cannot write to %s: it was opened read-only", s.path)}
	}
	if w := diskTrouble(err); w != "" {
		return &diskError{msg: fmt.Sprintf("cannot write to %s: %s", s.path, w), err: err}
	}
	return s.Explain(err)
}

// StorageFailed reports whether err is the database refusing a write or a
// read for want of disk space, a disk error or damage, as opposed to
// anything about the data: the case in which a batch job should fail.
func StorageFailed(err error) bool {
	var de *diskError
	return errors.As(err, &de)
}

// Damaged reports whether err is SQLite finding the database file damaged.
func Damaged(err error) bool {
	c := sqliteCode(err)
	return c == sqliteCorrupt || c == sqliteNotADB
}

// Explain turns an error that says the database file is damaged ("database
// disk image is malformed (11)", naming no file) into one that names the
// file and what to do; other errors are returned as they are.
func (s *Store) Explain(err error) error {
	if err == nil || !Damaged(err) {
		return err
	}
	var de *diskError
	if errors.As(err, &de) {
		return err
	}
	return &diskError{msg: fmt.Sprintf("the database %s is damaged (%v); brief leaves it as it is: "+
		"move it aside to start a new one, or put back a copy", s.path, err), err: err}
}

// checkIdentity decides from the header fields whether a database is ours.
func checkIdentity(path string, appID, version, tables int) error {
	switch {
	case appID == applicationID && version > len(migrations):
		return &refusal{kind: ErrTooNew, msg: fmt.Sprintf(
			"%s was written by a newer brief (database schema %d, this brief knows up to %d): upgrade brief",
			path, version, len(migrations))}
	case appID == applicationID:
		return nil
	case appID == 0 && version == 0 && tables == 0:
		return nil // an empty SQLite database: ours to fill
	case appID != 0:
		return notBrief("%s is not a brief database: it belongs to another application (id %#x)", path, uint32(appID))
	default:
		return notBrief("%s is not a brief database: it holds tables of another application", path)
	}
}
