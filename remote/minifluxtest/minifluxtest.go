// Package minifluxtest runs a real Miniflux server on loopback for tests:
// a throwaway PostgreSQL cluster in a temporary directory and the
// miniflux.app program against it. Tests that sync with it create a
// Miniflux user each, so that one server serves a whole test binary.
//
// It needs PostgreSQL 15's server programs (initdb, postgres, psql; found
// under /usr/lib/postgresql/15/bin, by pg_config or on $PATH) and the
// miniflux.app program (on $PATH or in $(go env GOPATH)/bin; `go install
// miniflux.app/v2@v2.3.5`). When either is missing Start says so in one
// line: tests fail on it rather than skip.
//
// As root, PostgreSQL runs as the unprivileged user nobody (uid 65534),
// since initdb and postgres refuse to run as root.
package minifluxtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// AdminUser is the Miniflux administrator Start creates.
const AdminUser = "admin"

// Server is a running Miniflux with its PostgreSQL cluster.
type Server struct {
	URL           string // http://127.0.0.1:port, the Miniflux base URL
	AdminPassword string
	Dir           string // the temporary directory holding both
	LogPath       string // Miniflux's log (stdout and stderr)

	pgBin   string
	pgPort  int
	mfBin   string
	mfAddr  string
	pg, mf  *exec.Cmd
	pgCred  *syscall.Credential
	mfLog   *os.File
	mfDone  chan struct{} // closed when the running Miniflux has exited
	stopped bool
}

// Start initialises a PostgreSQL cluster in a new temporary directory,
// starts it and Miniflux on free loopback ports, and waits until Miniflux
// answers. Close removes everything.
func Start(ctx context.Context) (*Server, error) {
	mfBin, err := minifluxBinary()
	if err != nil {
		return nil, err
	}
	pgBin, err := postgresBinaries()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "minifluxtest-")
	if err != nil {
		return nil, fmt.Errorf("minifluxtest: %w", err)
	}
	s := &Server{Dir: dir, pgBin: pgBin, mfBin: mfBin, AdminPassword: "admin-pass-0192"}
	if err := s.startPostgres(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.StartMiniflux(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func minifluxBinary() (string, error) {
	if p, err := exec.LookPath("miniflux.app"); err == nil {
		return p, nil
	}
	var gopath string
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		gopath = strings.TrimSpace(strings.Split(string(out), string(os.PathListSeparator))[0])
	}
	if gopath != "" {
		p := filepath.Join(gopath, "bin", "miniflux.app")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return "", errors.New("minifluxtest: miniflux.app is not on $PATH nor in $(go env GOPATH)/bin; install it with `go install miniflux.app/v2@v2.3.5`")
}

func postgresBinaries() (string, error) {
	candidates := []string{"/usr/lib/postgresql/15/bin"}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		candidates = append(candidates, strings.TrimSpace(string(out)))
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		candidates = append(candidates, filepath.Dir(p))
	}
	for _, dir := range candidates {
		ok := true
		for _, prog := range []string{"initdb", "postgres", "psql", "pg_isready"} {
			if _, err := os.Stat(filepath.Join(dir, prog)); err != nil {
				ok = false
			}
		}
		if ok {
			return dir, nil
		}
	}
	return "", errors.New("minifluxtest: PostgreSQL's server programs (initdb, postgres) are not installed; install postgresql-15 (apt-get install postgresql)")
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (s *Server) startPostgres(ctx context.Context) error {
	if os.Geteuid() == 0 {
		// initdb and postgres refuse root; nobody owns the cluster.
		s.pgCred = &syscall.Credential{Uid: 65534, Gid: 65534}
		if err := os.Chown(s.Dir, 65534, 65534); err != nil {
			return fmt.Errorf("minifluxtest: %w", err)
		}
	}
	data, sock := filepath.Join(s.Dir, "pgdata"), filepath.Join(s.Dir, "sock")
	if err := os.Mkdir(sock, 0o700); err != nil {
		return fmt.Errorf("minifluxtest: %w", err)
	}
	if s.pgCred != nil {
		if err := os.Chown(sock, 65534, 65534); err != nil {
			return fmt.Errorf("minifluxtest: %w", err)
		}
	}
	initdb := exec.CommandContext(ctx, filepath.Join(s.pgBin, "initdb"), "-D", data, "-U", "postgres",
		"--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: s.pgCred}
	initdb.Env = []string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C"}
	if out, err := initdb.CombinedOutput(); err != nil {
		return fmt.Errorf("minifluxtest: initdb failed: %v: %s", err, lastLine(out))
	}
	port, err := freePort()
	if err != nil {
		return fmt.Errorf("minifluxtest: %w", err)
	}
	s.pgPort = port
	pg := exec.Command(filepath.Join(s.pgBin, "postgres"), "-D", data, "-p", strconv.Itoa(port),
		"-k", sock, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
		"-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	pg.SysProcAttr = &syscall.SysProcAttr{Credential: s.pgCred, Pdeathsig: syscall.SIGKILL}
	pg.Env = []string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C"}
	logf, err := os.Create(filepath.Join(s.Dir, "postgres.log"))
	if err != nil {
		return fmt.Errorf("minifluxtest: %w", err)
	}
	defer logf.Close()
	pg.Stdout, pg.Stderr = logf, logf
	if err := pg.Start(); err != nil {
		return fmt.Errorf("minifluxtest: cannot start postgres: %w", err)
	}
	s.pg = pg
	deadline := time.Now().Add(30 * time.Second)
	for {
		ready := exec.CommandContext(ctx, filepath.Join(s.pgBin, "pg_isready"), "-q", "-h", "127.0.0.1", "-p", strconv.Itoa(port))
		if ready.Run() == nil {
			break
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			log, _ := os.ReadFile(logf.Name())
			return fmt.Errorf("minifluxtest: postgres did not start within 30s: %s", lastLine(log))
		}
		time.Sleep(100 * time.Millisecond)
	}
	return s.SQL(ctx, "CREATE EXTENSION IF NOT EXISTS pgcrypto")
}

// SQL runs statements in Miniflux's database with psql.
func (s *Server) SQL(ctx context.Context, statements string) error {
	_, err := s.Query(ctx, statements)
	return err
}

// Query runs a query with psql and returns its rows, unaligned, one a line.
func (s *Server) Query(ctx context.Context, query string) (string, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(s.pgBin, "psql"), "-X", "-q", "-A", "-t",
		"-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", strconv.Itoa(s.pgPort), "-U", "postgres",
		"-d", "postgres", "-c", query)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C", "PGCONNECT_TIMEOUT=10"}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("minifluxtest: psql: %v: %s", err, lastLine(errb.Bytes()))
	}
	return strings.TrimSpace(out.String()), nil
}

// StartMiniflux starts Miniflux (again, after StopMiniflux) on its port and
// waits for it to answer.
func (s *Server) StartMiniflux(ctx context.Context) error {
	if s.mfAddr == "" {
		port, err := freePort()
		if err != nil {
			return fmt.Errorf("minifluxtest: %w", err)
		}
		s.mfAddr = "127.0.0.1:" + strconv.Itoa(port)
		s.URL = "http://" + s.mfAddr
		s.LogPath = filepath.Join(s.Dir, "miniflux.log")
	}
	logf, err := os.OpenFile(s.LogPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("minifluxtest: %w", err)
	}
	mf := exec.Command(s.mfBin)
	mf.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + s.Dir,
		"DATABASE_URL=postgres://postgres@127.0.0.1:" + strconv.Itoa(s.pgPort) + "/postgres?sslmode=disable",
		"RUN_MIGRATIONS=1",
		"CREATE_ADMIN=1",
		"ADMIN_USERNAME=" + AdminUser,
		"ADMIN_PASSWORD=" + s.AdminPassword,
		"LISTEN_ADDR=" + s.mfAddr,
		"BASE_URL=" + s.URL,
		"FETCHER_ALLOW_PRIVATE_NETWORKS=1",
		// Feeds are refreshed by the tests through the API, never on a
		// schedule, so that what the server holds is what a test made.
		"DISABLE_SCHEDULER_SERVICE=1",
		"WORKER_POOL_SIZE=2",
		"LOG_LEVEL=info",
	}
	mf.Stdout, mf.Stderr = logf, logf
	mf.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := mf.Start(); err != nil {
		logf.Close()
		return fmt.Errorf("minifluxtest: cannot start miniflux.app: %w", err)
	}
	exited := make(chan struct{})
	go func() { mf.Wait(); close(exited) }()
	s.mf, s.mfLog, s.mfDone, s.stopped = mf, logf, exited, false
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(s.URL + "/healthcheck")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-exited:
			log, _ := os.ReadFile(s.LogPath)
			return fmt.Errorf("minifluxtest: miniflux.app exited at start: %s", lastLine(log))
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(s.LogPath)
			return fmt.Errorf("minifluxtest: miniflux.app did not answer within 60s: %s", lastLine(log))
		}
	}
}

// StopMiniflux stops Miniflux and waits until its port no longer answers;
// PostgreSQL keeps running. StartMiniflux brings it back on the same port.
func (s *Server) StopMiniflux() {
	if s.mf == nil || s.stopped {
		return
	}
	s.mf.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.mfDone:
	case <-time.After(10 * time.Second):
		s.mf.Process.Kill()
		<-s.mfDone
	}
	for range 100 {
		c, err := net.DialTimeout("tcp", s.mfAddr, 100*time.Millisecond)
		if err != nil {
			break
		}
		c.Close()
		time.Sleep(20 * time.Millisecond)
	}
	s.mfLog.Close()
	s.stopped = true
}

// Close stops both servers and removes the directory.
func (s *Server) Close() {
	s.StopMiniflux()
	if s.pg != nil && s.pg.Process != nil {
		s.pg.Process.Signal(syscall.SIGINT) // fast shutdown
		done := make(chan error, 1)
		go func() { done <- s.pg.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			s.pg.Process.Kill()
			<-done
		}
	}
	os.RemoveAll(s.Dir)
}

// API calls Miniflux's REST API as user (with its password), sending in
// as JSON when it is not nil and decoding the answer into out when out is
// not nil.
func (s *Server) API(ctx context.Context, user, password, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.URL+path, body)
	if err != nil {
		return err
	}
	req.SetBasicAuth(user, password)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("minifluxtest: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("minifluxtest: %s %s: %w", method, path, err)
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("minifluxtest: %s %s: %s: %s", method, path, resp.Status, strings.TrimSpace(string(data)))
	}
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("minifluxtest: %s %s: %w", method, path, err)
		}
	}
	return nil
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}
