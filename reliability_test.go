package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"brief/store"
)

// writeFeedFile writes an RSS file of n articles, each about paras
// paragraphs long, and returns its path.
func writeFeedFile(t *testing.T, path, title string, n, paras int) string {
	t.Helper()
	var items strings.Builder
	base := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	for i := range n {
		var body strings.Builder
		for j := range paras {
			fmt.Fprintf(&body, "<p>%s paragraph %d of story %d: revenue at (NASDAQ: NVDA) rose while %s.</p>",
				title, j, i, strings.Repeat("the desk kept notes on margins, guidance and inventories ", 4))
		}
		items.WriteString(rssItem(fmt.Sprintf("%s-%d", strings.ToLower(title), i), fmt.Sprintf("%s story %d", title, i), body.String(), base.Add(time.Duration(i)*time.Minute)))
	}
	if err := os.WriteFile(path, fmt.Appendf(nil, rssTmpl, title, items.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// rawIntegrity runs PRAGMA integrity_check on a read-only connection, which
// writes nothing: it works on a full disk, where Store.IntegrityCheck (which
// first brings the search index up to date) could not.
func rawIntegrity(t *testing.T, path string) string {
	t.Helper()
	u := url.URL{Scheme: "file", Path: path, RawQuery: "mode=ro&_pragma=busy_timeout(5000)"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil {
		return err.Error()
	}
	return res
}

// rawSQLCode matches SQLite's result codes as the driver prints them,
// "database or disk is full (13)", which mean nothing to a reader.
var rawSQLCode = regexp.MustCompile(`\(\d+\)|SQLITE_`)

// TestDiskFullKeepsDatabase fills the disk under the database while a fetch
// writes a feed too big for the space left. The fetch must say plainly that
// the disk is full, and the database must come through whole: sound, with
// the articles and the read and starred state it held, readable by
// `brief list` while space is short, refused in words (not called "not a
// brief database") when there is none at all, and fetching again once there
// is room.
//
// Two ways to run out of space: a small tmpfs (needs root to mount) and,
// everywhere, a file-size limit (RLIMIT_FSIZE) on the brief process.
func TestDiskFullKeepsDatabase(t *testing.T) {
	t.Run("tmpfs", func(t *testing.T) {
		e := newEnv(t)
		mnt := filepath.Join(e.dir, "mnt")
		if err := os.Mkdir(mnt, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=4m,mode=0700"); err != nil {
			// Only root (CAP_SYS_ADMIN) may mount; the fsize-limit case
			// below runs everywhere.
			t.Skipf("cannot mount a tmpfs here (%v); the fsize-limit case covers a full disk", err)
		}
		t.Cleanup(func() {
			if err := syscall.Unmount(mnt, syscall.MNT_DETACH); err != nil {
				t.Errorf("unmount %s: %v", mnt, err)
			}
		})
		e.db = filepath.Join(mnt, "brief.db")
		free := func() int64 {
			var fs syscall.Statfs_t
			if err := syscall.Statfs(mnt, &fs); err != nil {
				t.Fatal(err)
			}
			return int64(fs.Bavail) * fs.Bsize
		}
		fillers := []string{filepath.Join(mnt, "filler1"), filepath.Join(mnt, "filler2")}
		diskFull{
			mechanism: "tmpfs of 4 MiB",
			want:      "the disk is full",
			wantNone:  "the disk is full",
			// Room for the database to open and work, far too little
			// for the big feed.
			squeeze: func() { fill(t, fillers[0], free()-192<<10) },
			brief:   func(args ...string) *exec.Cmd { return e.command(context.Background(), args...) },
			brim:    func() { fill(t, fillers[1], free()) },
			makeRoom: func() {
				for _, f := range fillers {
					os.Remove(f)
				}
			},
		}.run(t, e)
	})

	t.Run("fsize-limit", func(t *testing.T) {
		e := newEnv(t)
		var limit int64
		diskFull{
			mechanism: "RLIMIT_FSIZE",
			// Past the limit write(2) fails with EFBIG or writes short;
			// SQLite reports the first as an I/O error, the second as a
			// full disk.
			want: "cannot write to",
			// With a limit of 0 even the -shm cannot be set up: EFBIG
			// again, an I/O error to SQLite.
			wantNone: "cannot open",
			squeeze: func() {
				fi, err := os.Stat(e.db)
				if err != nil {
					t.Fatal(err)
				}
				limit = fi.Size() + 192<<10
			},
			brief: func(args ...string) *exec.Cmd {
				cmd := exec.Command(os.Args[0], append([]string{binary(t), "--config", e.cfg, "--db", e.db}, args...)...)
				cmd.Env = append(os.Environ(), "NO_COLOR=1", fsizeLimitEnv+"="+strconv.FormatInt(limit, 10))
				return cmd
			},
			brim:     func() { limit = 0 },
			makeRoom: func() {},
		}.run(t, e)
	})
}

// fill writes a file of n bytes of zeros (really written: tmpfs does not
// count holes) and stops quietly where the disk does.
func fill(t *testing.T, path string, n int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for n > 0 {
		k := min(n, int64(len(chunk)))
		if _, err := f.Write(chunk[:k]); err != nil {
			if errors.Is(err, syscall.ENOSPC) {
				return
			}
			t.Fatalf("filling the disk: %v", err)
		}
		n -= k
	}
}

// diskFull is one way of running out of space under the database.
type diskFull struct {
	mechanism string
	want      string                    // what the failed fetch must say
	wantNone  string                    // what a refused list must say with no room at all
	squeeze   func()                    // leave a little room
	brief     func(...string) *exec.Cmd // brief, subject to the shortage
	brim      func()                    // leave no room at all
	makeRoom  func()                    // end the shortage
}

// run fetches a small feed, marks articles read and starred, squeezes the
// space, fetches a big feed that cannot fit, then checks what was said and
// what was kept; then leaves no room at all for `brief list`; then makes
// room and fetches again.
func (d diskFull) run(t *testing.T, e *env) {
	ctx := context.Background()
	small := writeFeedFile(t, filepath.Join(e.dir, "small.xml"), "Small", 6, 2)
	big := writeFeedFile(t, filepath.Join(e.dir, "big.xml"), "Big", 300, 12)
	e.writeConfig(fmt.Sprintf("[[feed]]\nurl = %q\n", small))
	if out, err := e.command(ctx, "fetch", "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("fetch of the small feed: %v\n%s", err, out)
	}

	st, err := store.Open(ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	before, err := st.List(ctx, store.Query{})
	if err != nil || len(before) != 6 {
		t.Fatalf("after the small fetch: %d articles, %v", len(before), err)
	}
	read := map[int64]bool{before[1].ID: true, before[2].ID: true}
	starred := before[4].ID
	if err := st.SetRead(ctx, true, before[1].ID, before[2].ID); err != nil {
		t.Fatal(err)
	}
	if err := st.SetStarred(ctx, starred, true); err != nil {
		t.Fatal(err)
	}
	st.Close()

	d.squeeze()
	e.writeConfig(fmt.Sprintf("[[feed]]\nurl = %q\n\n[[feed]]\nurl = %q\n", small, big))
	var stdout, stderr bytes.Buffer
	cmd := d.brief("fetch")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	began := time.Now()
	err = cmd.Run()
	took := time.Since(began)
	code := cmd.ProcessState.ExitCode()
	msg := stderr.String()
	var failLine string
	for _, l := range strings.Split(msg, "\n") {
		if strings.Contains(l, "Big") || strings.HasPrefix(l, "brief: ") {
			failLine = l
			break
		}
	}
	t.Logf("disk full via %s: exit %d after %d ms: %s", d.mechanism, code, took.Milliseconds(), failLine)
	switch {
	case strings.Contains(msg, "panic") || strings.Contains(msg, "goroutine "):
		t.Fatalf("brief crashed on a full disk: %v\n%s", err, msg)
	case code != 1:
		t.Errorf("fetch on a full disk: exit %d, want 1 (a cron job must notice)\n%s", code, msg)
	case failLine == "":
		t.Errorf("fetch on a full disk does not say what failed (exit %d):\n%s", code, msg)
	case !strings.Contains(failLine, d.want) || !strings.Contains(failLine, e.db):
		t.Errorf("the failure does not say %q about %s:\n%s", d.want, e.db, msg)
	case rawSQLCode.MatchString(failLine):
		t.Errorf("the failure shows SQLite's code rather than words:\n%s", msg)
	case !strings.Contains(msg, "1 failed"):
		t.Errorf("fetch on a full disk does not count the feed as failed:\n%s", msg)
	}

	// Space is still short: the database must be sound and readable.
	if res := rawIntegrity(t, e.db); res != "ok" {
		t.Errorf("integrity_check on the full disk: %s", res)
	}
	var lsOut, lsErr bytes.Buffer
	ls := d.brief("list", "--limit", "0")
	ls.Stdout, ls.Stderr = &lsOut, &lsErr
	if err := ls.Run(); err != nil || !strings.Contains(lsOut.String(), "Small story 5") {
		t.Errorf("brief list on the full disk: %v\n%s%s", err, lsOut.String(), lsErr.String())
	}

	// No room at all: even a reader needs a little (SQLite's -shm file).
	// It may fail, but must say why, and touch nothing.
	d.brim()
	sum := func() [32]byte { b, _ := os.ReadFile(e.db); return sha256.Sum256(b) }
	was := sum()
	existed := map[string]bool{}
	for _, suffix := range []string{"-wal", "-shm"} {
		_, err := os.Stat(e.db + suffix)
		existed[suffix] = err == nil
	}
	lsOut.Reset()
	lsErr.Reset()
	ls = d.brief("list", "--limit", "0")
	ls.Stdout, ls.Stderr = &lsOut, &lsErr
	ls.Run()
	first, _, _ := strings.Cut(lsErr.String(), "\n")
	t.Logf("no room at all: brief list exits %d: %s", ls.ProcessState.ExitCode(), first)
	switch code := ls.ProcessState.ExitCode(); {
	case code == 0 && strings.Contains(lsOut.String(), "Small story 5"):
	case code == 1 && strings.Contains(first, e.db) && strings.Contains(first, d.wantNone) && !rawSQLCode.MatchString(first):
	default:
		t.Errorf("brief list with no room at all: exit %d, want the list or one line saying %q\n%s%s", code, d.wantNone, lsOut.String(), lsErr.String())
	}
	if sum() != was {
		t.Error("brief list with no room at all changed the database")
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if fi, err := os.Stat(e.db + suffix); err == nil && !existed[suffix] && ls.ProcessState.ExitCode() != 0 {
			t.Errorf("the refused open left %s%s (%d bytes)", e.db, suffix, fi.Size())
		}
	}

	d.makeRoom()
	st, err = store.Open(ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
	after, err := st.List(ctx, store.Query{Feed: small})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if len(after) != len(before) {
		t.Errorf("the small feed's articles: %d after the full disk, %d before", len(after), len(before))
	}
	for _, a := range after {
		if read[a.ID] != a.Read {
			t.Errorf("article %d %q: read = %t after the full disk", a.ID, a.Title, a.Read)
		}
		if (a.ID == starred) != a.Starred {
			t.Errorf("article %d %q: starred = %t after the full disk", a.ID, a.Title, a.Starred)
		}
	}
	if out, err := e.command(ctx, "fetch", "--quiet").CombinedOutput(); err != nil {
		t.Errorf("fetch once there is room again: %v\n%s", err, out)
	}
	if n := strings.TrimSpace(e.mustRun("list", "--count", "--feed", big)); n != "300" {
		t.Errorf("the big feed, fetched with room to spare: %s articles, want 300", n)
	}
}

// dirState records the names and SHA-256 of every file in dir.
func dirState(t *testing.T, dir string) map[string]string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, de := range ents {
		b, err := os.ReadFile(filepath.Join(dir, de.Name()))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		m[de.Name()] = hex.EncodeToString(sum[:])
	}
	return m
}

// TestCorruptDatabaseFileRefusedUntouched puts files that are not a usable
// brief database at the database path. `brief list` and `brief fetch` must
// each refuse with one line naming the file and exit 1 (the failure is in
// the work, not in how brief was called: exit 2 is for usage), and leave the
// file's bytes as they were, with no -wal, -shm or journal beside it.
//
// An empty file is the exception: it is what Open itself leaves when it is
// stopped between creating the file and writing the schema (and what
// `touch brief.db` makes), SQLite reads it as an empty database, and there
// is nothing in it to lose. brief makes it its database.
func TestCorruptDatabaseFileRefusedUntouched(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	feedFile := writeFeedFile(t, filepath.Join(src, "local.xml"), "Local", 40, 6)

	// A real brief database, closed cleanly, to cut short.
	real := filepath.Join(src, "real.db")
	{
		e := newEnv(t)
		e.db = real
		e.writeConfig(fmt.Sprintf("[[feed]]\nurl = %q\n", feedFile))
		e.mustRun("fetch", "--quiet")
	}
	realBytes, err := os.ReadFile(real)
	if err != nil {
		t.Fatal(err)
	}
	if len(realBytes) < 64<<10 {
		t.Fatalf("the real database is only %d bytes", len(realBytes))
	}

	foreign := func(walMode bool) func(path string) {
		return func(path string) {
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			stmts := []string{
				"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
				"CREATE TABLE tags (note INTEGER REFERENCES notes, tag TEXT)",
				"INSERT INTO notes (body) VALUES ('buy milk'), ('call the bank')",
			}
			if walMode {
				// Another program's database, in WAL mode like ours, with
				// its own application_id.
				stmts = append([]string{"PRAGMA journal_mode=WAL", "PRAGMA application_id=1129535297"}, stmts...)
			}
			for _, q := range stmts {
				if _, err := db.Exec(q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
		}
	}
	write := func(b []byte) func(path string) {
		return func(path string) {
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	rng := rand.New(rand.NewPCG(7, 11))
	random := make([]byte, 48<<10)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	cases := []struct {
		name string
		make func(path string)
	}{
		{"random bytes", write(random)},
		{"text file", write([]byte("Shopping list\n- milk\n- a new laptop\n"))},
		{"sqlite header over random bytes", write(append([]byte("SQLite format 3\x00"), random[16:]...))},
		{"brief header over random pages", write(append(slices.Clone(realBytes[:100]), random[100:]...))},
		{"sqlite of another application", foreign(false)},
		{"sqlite of another application in WAL mode", foreign(true)},
		{"truncated brief database", write(realBytes[:len(realBytes)/2/4096*4096])},
		{"truncated brief database, first page only", write(realBytes[:4096])},
		{"brief database cut mid-page", write(realBytes[:len(realBytes)/3+123])},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			dbDir := filepath.Join(e.dir, "data")
			os.Mkdir(dbDir, 0o700)
			e.db = filepath.Join(dbDir, "brief.db")
			e.writeConfig(fmt.Sprintf("[[feed]]\nurl = %q\n", feedFile))
			c.make(e.db)
			before := dirState(t, dbDir)
			for _, args := range [][]string{{"list"}, {"fetch"}} {
				var stdout, stderr bytes.Buffer
				cmd := e.command(ctx, args...)
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				cmd.Run()
				code := cmd.ProcessState.ExitCode()
				msg := strings.TrimRight(stderr.String(), "\n")
				first, _, _ := strings.Cut(msg, "\n")
				t.Logf("corrupt: %s (%s) | %d | %s", c.name, args[0], code, first)
				if code != 1 {
					t.Errorf("brief %s: exit %d, want 1", args[0], code)
				}
				if strings.Contains(msg, "\n") || !strings.HasPrefix(msg, "brief: ") || !strings.Contains(msg, e.db) {
					t.Errorf("brief %s: want one line naming %s, got:\n%s", args[0], e.db, msg)
				}
				if rawSQLCode.MatchString(msg) {
					t.Errorf("brief %s: the message shows SQLite's code rather than words: %s", args[0], msg)
				}
				if stdout.Len() > 0 {
					t.Errorf("brief %s: stdout %q", args[0], stdout.String())
				}
				after := dirState(t, dbDir)
				for name, sum := range after {
					if before[name] == "" {
						t.Errorf("brief %s left %s beside the file", args[0], name)
					} else if before[name] != sum {
						t.Errorf("brief %s changed %s", args[0], name)
					}
				}
				for name := range before {
					if after[name] == "" {
						t.Errorf("brief %s removed %s", args[0], name)
					}
				}
			}
		})
	}

	// The schema reads fine, so the database opens; the damage shows only
	// when the articles table is read, and must still be told in words
	// naming the file.
	t.Run("damaged articles table", func(t *testing.T) {
		e := newEnv(t)
		e.writeConfig(fmt.Sprintf("[[feed]]\nurl = %q\n", feedFile))
		var root, size int
		db, err := sql.Open("sqlite", real)
		if err == nil {
			err = db.QueryRow(`SELECT rootpage, (SELECT page_size FROM pragma_page_size)
				FROM sqlite_schema WHERE name = 'articles'`).Scan(&root, &size)
			db.Close()
		}
		if err != nil || root < 2 || size < 512 || size > len(random) {
			t.Fatalf("root page of articles: %d, page size %d, %v", root, size, err)
		}
		b := slices.Clone(realBytes)
		copy(b[(root-1)*size:root*size], random)
		if err := os.WriteFile(e.db, b, 0o600); err != nil {
			t.Fatal(err)
		}
		out, errs, code := e.run("list")
		msg := strings.TrimSpace(errs)
		t.Logf("corrupt: damaged articles table (list) | %d | %s", code, msg)
		if code != 1 || out != "" || strings.Contains(msg, "\n") || !strings.Contains(msg, e.db) ||
			!strings.Contains(msg, "damaged") || !strings.Contains(msg, "move it aside") {
			t.Errorf("brief list: exit %d, stdout %q; want exit 1 and one line saying %s is damaged, got:\n%s", code, out, e.db, msg)
		}
	})

	t.Run("empty file", func(t *testing.T) {
		e := newEnv(t)
		e.writeConfig(fmt.Sprintf("[[feed]]\nurl = %q\n", feedFile))
		if err := os.WriteFile(e.db, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"list"}, {"fetch"}} {
			out, errs, code := e.run(args...)
			first, _, _ := strings.Cut(strings.TrimSpace(errs+out), "\n")
			t.Logf("corrupt: empty file (%s) | %d | %s", args[0], code, first)
			if code != 0 {
				t.Errorf("brief %s on an empty file: exit %d\n%s", args[0], code, errs)
			}
		}
		if n := strings.TrimSpace(e.mustRun("list", "--count")); n != "40" {
			t.Errorf("the empty file did not become the database: %s articles", n)
		}
		st, err := store.Open(ctx, e.db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if err := st.IntegrityCheck(ctx); err != nil {
			t.Error(err)
		}
	})
}
