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
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrNotFound is returned (wrapped) when a feed or article does not exist.
var ErrNotFound = errors.New("not found")

// ErrNotBrief is returned (wrapped) by Open when the file at the path is not a
// brief database, or is one too damaged to read. The file is left untouched.
var ErrNotBrief = errors.New("not a brief database")

// ErrTooNew is returned (wrapped) by Open when the database was written by a
// newer brief whose schema this binary does not know.
var ErrTooNew = errors.New("database written by a newer brief")

// ErrReadOnly is returned (wrapped) by Open when the database file, or the
// directory its -wal and -shm files go in, cannot be written by this user.
// OpenReadOnly opens such a database for reading.
var ErrReadOnly = errors.New("database cannot be written")

// refusal is an error of Open that reads as one sentence naming the file
// while still matching ErrNotBrief or ErrTooNew with errors.Is.
type refusal struct {
	msg  string
	kind error
}

func (e *refusal) Error() string { return e.msg }
func (e *refusal) Unwrap() error { return e.kind }

func notBrief(format string, args ...any) error {
	return &refusal{msg: fmt.Sprintf(format, args...), kind: ErrNotBrief}
}

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

	readOnly bool // opened by OpenReadOnly: w is r, and writes fail

	recent  recentStories // see recentStories
	digests digestConn    // see ItemDigests
	ckpt    checkpointer  // see checkpointer
	wc      stmtCache     // the writer's statements, kept from one transaction to the next

	// storyWindow is how far apart two copies of a story may be published
	// (0: story.Window); storiesOff turns grouping off. See SetStoryWindow.
	storyWindow time.Duration
	storiesOff  bool
}

// SetStoryWindow sets how far apart copies of one story may be published;
// window <= 0 turns grouping off: every article saved from then on is its
// own story, and is grouped (by BackfillStories) once grouping is on
// again. Call it before the store is used.
func (s *Store) SetStoryWindow(window time.Duration) {
	s.storiesOff = window <= 0
	s.storyWindow = max(window, 0)
}

// GroupsStories reports whether grouping is on (SetStoryWindow).
func (s *Store) GroupsStories() bool { return !s.storiesOff }

// PrepareStory works out a's story keys (StoryPrep, StoryKeys,
// StoryProbes) for a save at time at, which otherwise does it on the
// writer; the ingest calls it on its converting goroutines. An article
// without a date is read as published at at, as the save dates it. It
// does nothing while grouping is off.
func (s *Store) PrepareStory(a *NewArticle, at time.Time) {
	if s.storiesOff {
		return
	}
	prepareStory(a, guidKey(a), normTickers(a.Tickers), publishedAt(a, at))
}

// Open opens the brief database at path, creating it (and its parent
// directories) when missing, and brings its schema up to date.
//
// A file that is not a brief database is refused with an error naming it and
// is never written to.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// Options are what OpenWith may be told beyond the path.
type Options struct {
	// Upgrading, when set, is called once before a database made by an
	// older brief is brought to this one's schema (version from, to
	// version to). An upgrade rewrites tables and can take seconds on a
	// large database; a new or current one never calls it.
	Upgrading func(from, to int)
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, o Options) (*Store, error) {
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
	if why := unwritable(abs); why != "" {
		return nil, &refusal{kind: ErrReadOnly, msg: fmt.Sprintf("cannot write to %s: %s", path, why)}
	}
	if err := inspect(ctx, path, abs); err != nil {
		return nil, err
	}
	// Reading history is private. SQLite creates files 0644 but gives the
	// -wal and -shm files the mode of the database, so create it first.
	if f, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		f.Close()
	}
	initPageSize(ctx, abs)

	w, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)

	s := &Store{path: path, w: w}
	if err := s.migrate(ctx, o.Upgrading); err != nil {
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

// OpenReadOnly opens for reading a database that cannot be written (a copy
// restored by another user, a read-only mount). Every write fails with an
// error naming the file. When the directory cannot take the -shm file that
// reading a WAL database needs, the file is opened as immutable: what a
// -wal file beside it holds and was never checkpointed is not seen.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("open database: no path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	q := url.Values{}
	q.Add("mode", "ro")
	if unix.Access(filepath.Dir(abs), unix.W_OK) != nil && !exists(abs+"-shm") {
		q.Add("immutable", "1")
	}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", min(busyTimeout, LockWait).Milliseconds()))
	q.Add("_pragma", "query_only(1)")
	db, err := sql.Open("sqlite", fileURI(abs, q.Encode()))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db.SetMaxOpenConns(readConns)
	s := &Store{path: path, w: db, r: db, readOnly: true}
	var appID, version, tables int
	if err := db.QueryRowContext(ctx, identitySQL).Scan(&appID, &version, &tables); err != nil {
		db.Close()
		if code := sqliteCode(err); code == sqliteCorrupt || code == sqliteNotADB {
			return nil, notBrief("%s is not a brief database: the file is damaged or not a database", path)
		}
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := checkIdentity(path, appID, version, tables); err != nil {
		db.Close()
		return nil, err
	}
	if version != len(migrations) {
		db.Close()
		return nil, &refusal{kind: ErrReadOnly, msg: fmt.Sprintf(
			"%s needs upgrading to this brief's schema, which cannot be done while it cannot be written", path)}
	}
	return s, nil
}

// ReadOnly reports whether the store was opened by OpenReadOnly.
func (s *Store) ReadOnly() bool { return s.readOnly }

// unwritable says why this user cannot write the database at abs (or the
// -wal and -shm files SQLite keeps beside it), or "" when it can, or when
// there is no file yet (creating it reports its own errors).
func unwritable(abs string) string {
	st, err := os.Stat(abs)
	if err != nil || !st.Mode().IsRegular() {
		return ""
	}
	owner := ""
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		owner = fmt.Sprintf(", owner uid %d", sys.Uid)
	}
	if unix.Access(abs, unix.W_OK) != nil {
		return fmt.Sprintf("the file is read-only for this user (mode %04o%s)", st.Mode().Perm(), owner)
	}
	dir := filepath.Dir(abs)
	if unix.Access(dir, unix.W_OK) != nil {
		for _, side := range []string{"-wal", "-shm"} {
			if !exists(abs + side) {
				return fmt.Sprintf("its directory %s is read-only for this user, and SQLite keeps its %s file there", dir, side)
			}
			if unix.Access(abs+side, unix.W_OK) != nil {
				return fmt.Sprintf("its %s file is read-only for this user", side)
			}
		}
	}
	return ""
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// Close runs PRAGMA optimize (cheap, keeps query plans good as the data
// grows) and closes the database.
func (s *Store) Close() error {
	s.digests.close()
	// The checkpointer, if a fetch started it, copies what is left of the
	// log while the writer analyses below; the last connection's close
	// then finds little to copy.
	s.ckpt.poke()
	if s.readOnly {
		return s.r.Close()
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	// Best effort: another process may hold the write lock, and closing must
	// not wait on it for long.
	_, _ = s.w.ExecContext(ctx, "PRAGMA optimize")
	s.ckpt.stop()
	s.wc.close()
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
	// Articles still queued for the index would count as missing from it,
	// so the queue is indexed first.
	if _, err := s.IndexPending(ctx); err != nil {
		return fmt.Errorf("check database %s: %w", s.path, err)
	}
	if _, err := s.w.ExecContext(ctx, "INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)"); err != nil {
		return fmt.Errorf("database %s: search index does not match the articles: %w", s.path, err)
	}
	return nil
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
	// Another program (a second brief, a backup, sqlite3 left open) may
	// hold the write lock for longer than busy_timeout: the transaction is
	// tried again until LockWait has passed (untilUnlocked).
	return s.untilUnlocked(ctx, func() error { return s.writeTxOnce(ctx, fn) })
}

func (s *Store) writeTxOnce(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return s.explainWrite(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return s.explainWrite(err)
	}
	return s.explainWrite(tx.Commit())
}

// busyTimeout is how long SQLite waits for a lock within one statement.
var busyTimeout = 15 * time.Second

// LockWait is how long a write waits in all for another program's lock
// on the database before it fails (the README says so).
var LockWait = time.Minute

// Locked reports whether err is the database being locked by another
// connection for longer than brief waits.
func Locked(err error) bool {
	var le *lockError
	if errors.As(err, &le) {
		return true
	}
	return err != nil && sqliteCode(err) == sqliteBusy
}

// lockError names the file another program holds locked.
type lockError struct {
	msg string
	err error
}

func (e *lockError) Error() string { return e.msg }
func (e *lockError) Unwrap() error { return e.err }
