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

// readFile reads a local feed under the same size cap as a download.
func (f *Fetcher) readFile(ctx context.Context, path string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	file, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && looksLikeHost(path) {
			return nil, fmt.Errorf("%w (for a web feed, start the address with https://)", err)
		}
		return nil, err
	}
	defer file.Close()
	hint := int64(-1)
	if st, err := file.Stat(); err == nil {
		if st.IsDir() {
			return nil, fmt.Errorf("%s is a directory, not a feed", path)
		}
		if st.Mode().IsRegular() {
			if st.Size() > f.opts.MaxBody {
				return nil, &tooLargeError{f.opts.MaxBody}
			}
			hint = st.Size()
		}
	}
	body, err := readCapped(file, f.opts.MaxBody, hint)
	if err != nil && !errors.Is(err, ErrTooLarge) {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return body, err
}

// looksLikeHost catches "example.com/feed.xml" typed without a scheme.
func looksLikeHost(path string) bool {
	if filepath.IsAbs(path) || strings.HasPrefix(path, ".") {
		return false
	}
	first, _, found := strings.Cut(filepath.ToSlash(path), "/")
	return found && strings.Contains(first, ".")
}
