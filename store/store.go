// Package store keeps brief's feeds, articles, tickers, read and starred state
// and full-text index in one local SQLite database, so that reading works
// offline and a second brief process (a cron "brief fetch" while the reader
// is open) can share the file without "database is locked" errors.
//
// The database runs in WAL mode: readers never block the writer or each
// other, and every write transaction starts with BEGIN IMMEDIATE so that two
// writers queue on busy_timeout instead of failing halfway through.
package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrNotFound is returned (wrapped) when a feed or article does not exist.
var ErrNotFound = errors.New("not found")

// ErrNotBrief is returned (wrapped) by Open when the file at the path is not a
// brief database. The file is left untouched.
var ErrNotBrief = errors.New("not a brief database")

// ErrTooNew is returned (wrapped) by Open when the database was written by a
// newer brief whose schema this binary does not know.
var ErrTooNew = errors.New("database written by a newer brief")

// applicationID marks the file as brief's in the SQLite header
// (PRAGMA application_id), so a database of another program is never
// mistaken for an empty one of ours. It spells "BRIF".
const applicationID = 0x42524946

// readConns bounds the reader pool. The UI issues a handful of reads at once
// (list page, article, counts); more connections would only cost memory.
const readConns = 4

// Store is a handle on a brief database. It is safe for concurrent use.
//
// Writes go through a pool of exactly one connection: SQLite admits one
// writer at a time anyway, and queueing inside this process in Go is cheaper
// and fairer than spinning on busy_timeout. Reads use a separate small pool
// and see the last committed state without waiting for writers.
type Store struct {
	path string
	w    *sql.DB // single connection, BEGIN IMMEDIATE transactions
	r    *sql.DB // readers, query_only
}

// Open opens the brief database at path, creating it (and its parent
// directories) when missing, and brings its schema up to date.
//
// A file that is not a brief database is refused with an error naming it and
// is never written to.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("open database: no path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("create directory for database %s: %w", path, err)
	}
	if err := inspect(ctx, path, abs); err != nil {
		return nil, err
	}

	w, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)

	s := &Store{path: path, w: w}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}

	r, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	r.SetMaxOpenConns(readConns)
	r.SetMaxIdleConns(readConns)
	r.SetConnMaxIdleTime(5 * time.Minute)
	s.r = r
	return s, nil
}

// Close runs PRAGMA optimize (cheap, keeps query plans good as the data
// grows) and closes the database.
func (s *Store) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	// Best effort: another process may hold the write lock, and closing must
	// not wait on it for long.
	_, _ = s.w.ExecContext(ctx, "PRAGMA optimize")
	errR := s.r.Close()
	errW := s.w.Close()
	if err := errors.Join(errW, errR); err != nil {
		return fmt.Errorf("close database %s: %w", s.path, err)
	}
	return nil
}

// IntegrityCheck verifies the database file, the foreign keys and that the
// full-text index matches the articles.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	rows, err := s.r.QueryContext(ctx, "PRAGMA integrity_check(20)")
	if err != nil {
		return fmt.Errorf("check database %s: %w", s.path, err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return fmt.Errorf("check database %s: %w", s.path, err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check database %s: %w", s.path, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("database %s is damaged: %v", s.path, problems)
	}

	var fk int
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM pragma_foreign_key_check").Scan(&fk); err != nil {
		return fmt.Errorf("check database %s: %w", s.path, err)
	}
	if fk > 0 {
		return fmt.Errorf("database %s is damaged: %d rows point at missing rows", s.path, fk)
	}

	// FTS5 checks an external-content index against its content table with
	// this special insert; it changes nothing but needs the write connection.
	if _, err := s.w.ExecContext(ctx, "INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)"); err != nil {
		return fmt.Errorf("database %s: search index does not match the articles: %w", s.path, err)
	}
	return nil
}

// dsn builds the driver's connection string. The path goes into a file: URI
// so that '?' or '#' in a directory name cannot be read as parameters.
func dsn(abs string, writer bool) string {
	q := url.Values{}
	for _, p := range strings.Fields(os.Getenv("XPRE")) {
		q.Add("_pragma", p)
	}
	// busy_timeout first: the pragmas after it may need a lock.
	q.Add("_pragma", "busy_timeout(15000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	for _, p := range strings.Fields(os.Getenv("XPRAGMA")) {
		q.Add("_pragma", p)
	}
	if writer {
		q.Set("_txlock", "immediate")
	} else {
		// A guard: nothing on the read pool may write.
		q.Add("_pragma", "query_only(1)")
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}
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
		return fmt.Errorf("%s is not a brief database: it is a directory: %w", path, ErrNotBrief)
	}
	if st.Size() == 0 {
		return nil
	}
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteMagic) {
		return fmt.Errorf("%s is not a brief database: file is not a database: %w", path, ErrNotBrief)
	}

	// The header alone is not enough: in WAL mode the newest schema may
	// still sit in the -wal file. A read-only connection without any of our
	// pragmas sees it without writing to the file.
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: "mode=ro&_pragma=busy_timeout(15000)"}
	if u.Path[0] != '/' {
		u.Path = "/" + u.Path
	}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	defer db.Close()
	var appID, version, tables int
	err = db.QueryRowContext(ctx, `SELECT
		(SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\')`).Scan(&appID, &version, &tables)
	if err != nil {
		return fmt.Errorf("%s is not a brief database: %w: %w", path, err, ErrNotBrief)
	}
	return checkIdentity(path, appID, version, tables)
}

// checkIdentity decides from the header fields whether a database is ours.
func checkIdentity(path string, appID, version, tables int) error {
	switch {
	case appID == applicationID && version > len(migrations):
		return fmt.Errorf("%s uses database schema %d, but this brief only knows up to %d; upgrade brief: %w",
			path, version, len(migrations), ErrTooNew)
	case appID == applicationID:
		return nil
	case appID == 0 && version == 0 && tables == 0:
		return nil // an empty SQLite database: ours to fill
	case appID != 0:
		return fmt.Errorf("%s is not a brief database: it belongs to another application (id %#x): %w", path, uint32(appID), ErrNotBrief)
	default:
		return fmt.Errorf("%s is not a brief database: it holds tables of another application: %w", path, ErrNotBrief)
	}
}

// Times are stored as Unix milliseconds; 0 means "unknown".
func toMS(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMS(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// writeTx runs fn in one BEGIN IMMEDIATE transaction on the write connection.
func (s *Store) writeTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
