package feed

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

type sourceKind int

const (
	sourceHTTP sourceKind = iota
	sourceFile
	sourceSample
)

// source is a feed address, resolved.
type source struct {
	kind sourceKind
	url  *url.URL // sourceHTTP
	path string   // sourceFile
}

// SampleAddress is the address of the sample feeds built into brief.
const SampleAddress = "builtin:sample"

// parseSource works out what kind of address addr is. Anything with a
// scheme must be one we know; anything without one is a local path.
func parseSource(addr string) (source, error) {
	addr = strings.TrimSpace(addr)
	if addr == "" {
		return source{}, errors.New("empty feed address")
	}
	if strings.EqualFold(addr, SampleAddress) {
		return source{kind: sourceSample}, nil
	}
	if strings.HasPrefix(addr, "~/") || addr == "~" {
		home, err := os.UserHomeDir()
		if err != nil {
			return source{}, fmt.Errorf("feed address %q: %w", addr, err)
		}
		return source{kind: sourceFile, path: filepath.Join(home, addr[1:])}, nil
	}
	u, err := url.Parse(addr)
	// A one-letter scheme is a Windows drive (C:\feeds\x.xml), not a URL.
	if err != nil || len(u.Scheme) <= 1 {
		return source{kind: sourceFile, path: addr}, nil
	}
	switch u.Scheme {
	case "http", "https":
		if u.Host == "" {
			return source{}, fmt.Errorf("feed address %q has no host", addr)
		}
		return source{kind: sourceHTTP, url: u}, nil
	case "file":
		if u.Host != "" && !strings.EqualFold(u.Host, "localhost") {
			return source{}, fmt.Errorf("feed address %q: file URLs on another host are not supported", addr)
		}
		p := u.Path
		if p == "" {
			p = u.Opaque // file:feeds/x.xml, a relative path
		}
		if p == "" {
			return source{}, fmt.Errorf("feed address %q has no path", addr)
		}
		return source{kind: sourceFile, path: p}, nil
	}
	return source{}, fmt.Errorf("unsupported feed address %q: use http(s)://, file://, a path, or %s", addr, SampleAddress)
}

// IsNetwork reports whether addr is fetched over the network (http or
// https), as opposed to the built-in sample, a file path or a file:// URL.
// An address that is no feed address at all is not a network feed: it
// fails without a request.
func IsNetwork(addr string) bool {
	src, err := parseSource(addr)
	return err == nil && src.kind == sourceHTTP
}

// readFileWithin reads a local feed within the feed's timeout. A regular
// file on a hung network mount can block a read for ever; the read is then
// left to finish on its own and the feed fails like a server that timed out.
func (f *Fetcher) readFileWithin(ctx context.Context, path string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	type read struct {
		body []byte
		err  error
	}
	done := make(chan read, 1)
	go func() {
		body, err := f.readFile(path)
		done <- read{body, err}
	}()
	t := time.NewTimer(f.opts.Timeout)
	defer t.Stop()
	select {
	case r := <-done:
		return r.body, r.err
	case <-t.C:
		return nil, &timeoutError{f.opts.Timeout}
	case <-ctx.Done():
		return nil, fmt.Errorf("fetch canceled: %w", ctx.Err())
	}
}

// readFile reads a local feed under the same size cap as a download.
//
// Only regular files are read. A FIFO with no writer, a terminal or a
// socket would block open or read for ever (and a terminal would store what
// the user types as a feed), and /dev/zero never ends. The path is checked
// before it is opened, it is opened without blocking and without becoming a
// controlling terminal, and what was opened is checked again, so that a
// file swapped for a FIFO in between is refused too.
func (f *Fetcher) readFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && looksLikeHost(path) {
			return nil, fmt.Errorf("%w (for a web feed, start the address with https://)", err)
		}
		return nil, err
	}
	if err := notRegular(path, st.Mode()); err != nil {
		return nil, err
	}
	file, err := openNoBlock(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	if st, err = file.Stat(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if err := notRegular(path, st.Mode()); err != nil {
		return nil, err
	}
	if st.Size() > f.opts.MaxBody {
		return nil, &tooLargeError{f.opts.MaxBody}
	}
	body, err := readCapped(file, f.opts.MaxBody, st.Size())
	if err != nil && !errors.Is(err, ErrTooLarge) {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return body, err
}

// notRegular refuses anything but a regular file, in words that say what
// the path is.
func notRegular(path string, m fs.FileMode) error {
	var what string
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		what = "a directory"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeCharDevice != 0:
		what = "a character device"
	case m&fs.ModeDevice != 0:
		what = "a block device"
	default:
		return fmt.Errorf("%s is not a regular file; brief reads feeds only from regular files", path)
	}
	return fmt.Errorf("%s is %s, not a regular file; brief reads feeds only from regular files", path, what)
}

// looksLikeHost catches "example.com/feed.xml" typed without a scheme.
func looksLikeHost(path string) bool {
	if filepath.IsAbs(path) || strings.HasPrefix(path, ".") {
		return false
	}
	first, _, found := strings.Cut(filepath.ToSlash(path), "/")
	return found && strings.Contains(first, ".")
}
