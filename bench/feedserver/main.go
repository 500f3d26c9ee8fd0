// Command feedserver serves a synthetic, deterministic corpus of finance
// news feeds over loopback HTTP, for benchmarking brief's fetch and ingest.
//
// Feeds live at /feed/{i}.xml for i in [0, -feeds). Every item is a market
// briefing in HTML (a Summary block, paragraphs that name tickers in the
// forms real sites use, a closing "Key takeaways for investors:" list) of
// 1–20 KB. Responses carry a strong ETag and a fixed Last-Modified and
// answer conditional requests with 304 (with -no-validators they carry
// neither and every request gets the whole feed); gzip is used when the
// client asks.
// All feeds are rendered and compressed before the server starts listening,
// so serving costs a copy and the client is what gets measured.
//
// The first line on stdout is "listening http://ADDR", for scripts that
// start the server on port 0. GET /stats returns counters as JSON: requests
// by status, bytes sent, how many requests were conditional or accepted
// gzip, and the most requests in flight at once since the previous /stats.
// SIGINT or SIGTERM shuts the server down gracefully.
//
// Items are dated in the days before -epoch (by default the start of the
// current UTC day), so that a reader's retention limits keep them; the
// same seed and epoch give the same bytes. -extra N serves each feed as it
// is after publishing N more items: N newer items on top, the others
// byte for byte as without -extra, so a client that stored the corpus sees
// N new items a feed. With -hosts N the server also
// listens on 127.0.0.2 … 127.0.0.N at the same port: a client that limits
// connections per host then sees N hosts, as it would with real
// subscriptions (Linux routes all of 127.0.0.0/8 to loopback).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "feedserver:", err)
		os.Exit(1)
	}
}

// run renders the corpus the command line asks for, and serves it until
// a signal.
func run(args []string, stdout, stderr io.Writer) error {
	o, err := parseArgs(args, stderr)
	if err != nil {
		return err
	}
	c, err := renderCorpus(o.corpus, stderr)
	if err != nil {
		return err
	}

	var log *requestLog
	if o.logPath != "" {
		f, err := os.OpenFile(o.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return fmt.Errorf("open request log: %w", err)
		}
		defer f.Close()
		log = newRequestLog(f)
		defer log.Flush()
	}

	// Register for signals before announcing the address, so a script that
	// kills the server as soon as it has read the line still gets a clean
	// shutdown.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	lns, err := listen(o.addr, o.hosts)
	if err != nil {
		return err
	}
	s := newServer(c, o.latency, log)
	s.noValidators = o.noValidators
	return serve(ctx, s, lns, stdout, stderr)
}

// options are the settings of a run, from the command line.
type options struct {
	corpus       corpusOptions
	addr         string
	latency      time.Duration
	logPath      string
	hosts        int
	noValidators bool
}

// parseArgs reads the command line.
func parseArgs(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("feedserver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "listen address; port 0 picks a free port")
	feeds := fs.Int("feeds", 200, "number of feeds, served at /feed/0.xml … /feed/N-1.xml")
	items := fs.Int("items", 50, "items per feed")
	latency := fs.Duration("latency", 100*time.Millisecond, "delay added to every request before responding")
	seed := fs.Uint64("seed", 1, "seed of the generated corpus; the same seed gives the same bytes")
	logPath := fs.String("log", "", "append a request log to this file (method path status bytes inm ims gzip)")
	format := fs.String("format", "mixed", "feed format: rss, atom, or mixed (even feeds RSS, odd feeds Atom)")
	epochFlag := fs.String("epoch", "", "newest item date and Last-Modified, RFC 3339 or YYYY-MM-DD (default: today 00:00 UTC)")
	hosts := fs.Int("hosts", 1, "also listen on 127.0.0.2 … 127.0.0.N at the same port")
	extra := fs.Int("extra", 0, "add this many newer items on top of each feed, leaving the -items others as they are")
	noValidators := fs.Bool("no-validators", false, "send no ETag or Last-Modified and never answer 304: the same bytes on every request")
	wire := fs.Bool("wire", false, "write items as a news wire does: no Summary block or takeaways list, the body alone")
	if err := fs.Parse(args); err != nil {
		return options{}, err
	}
	if fs.NArg() > 0 {
		return options{}, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}

	if *hosts < 1 || *hosts > 254 {
		return options{}, fmt.Errorf("-hosts must be between 1 and 254, not %d", *hosts)
	}
	epoch, err := parseEpoch(*epochFlag, time.Now())
	if err != nil {
		return options{}, err
	}
	return options{
		corpus:       corpusOptions{Feeds: *feeds, Items: *items, Extra: *extra, Seed: *seed, Format: *format, Epoch: epoch, Wire: *wire},
		addr:         *addr,
		latency:      *latency,
		logPath:      *logPath,
		hosts:        *hosts,
		noValidators: *noValidators,
	}, nil
}

// renderCorpus builds the corpus and says on stderr how large it is.
func renderCorpus(o corpusOptions, stderr io.Writer) (*corpus, error) {
	start := time.Now()
	c, err := buildCorpus(o)
	if err != nil {
		return nil, err
	}
	// Rendering leaves a heap of garbage; collect it now so that the GC
	// doesn't compete with the client for the CPU during a measurement.
	runtime.GC()
	debug.FreeOSMemory()
	var raw, gz int
	for _, d := range c.docs {
		raw += len(d.body)
		gz += len(d.gzipped)
	}
	plus := ""
	if o.Extra > 0 {
		plus = fmt.Sprintf(" + %d newer", o.Extra)
	}
	fmt.Fprintf(stderr, "feedserver: %d feeds × %d items%s dated up to %s, %.1f MB XML (%.1f MB gzipped), built in %s\n",
		o.Feeds, o.Items, plus, o.Epoch.Format(time.RFC3339), float64(raw)/1e6, float64(gz)/1e6, time.Since(start).Round(time.Millisecond))
	return c, nil
}

// serve announces the address on stdout and serves s on lns until ctx
// ends or serving fails, then shuts down gracefully and writes the
// counters to stderr.
func serve(ctx context.Context, s *server, lns []net.Listener, stdout, stderr io.Writer) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       90 * time.Second,
	}
	fmt.Fprintf(stdout, "listening http://%s\n", lns[0].Addr())
	if len(lns) > 1 {
		fmt.Fprintf(stderr, "feedserver: also listening on %s … %s\n", lns[1].Addr(), lns[len(lns)-1].Addr())
	}

	served := make(chan error, len(lns))
	for _, ln := range lns {
		go func() { served <- srv.Serve(ln) }()
	}
	select {
	case err := <-served:
		srv.Close()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		srv.Close()
	}
	fmt.Fprintln(stderr, s.summary())
	return nil
}

// parseEpoch reads -epoch. The default is the start of the current UTC day:
// recent enough for any retention setting, and stable across runs on the
// same day.
func parseEpoch(v string, now time.Time) (time.Time, error) {
	if v == "" {
		return now.UTC().Truncate(24 * time.Hour), nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("-epoch %q is neither RFC 3339 nor YYYY-MM-DD", v)
}

// listen opens addr and, for hosts > 1, the same port on 127.0.0.2 …
// 127.0.0.hosts. When addr asks for any port, a port that turns out to be
// taken on one of the other addresses is given up and another tried.
func listen(addr string, hosts int) ([]net.Listener, error) {
	_, wantPort, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("bad -addr %q: %w", addr, err)
	}
	for attempt := 0; ; attempt++ {
		first, err := net.Listen("tcp", addr)
		if err != nil {
			return nil, fmt.Errorf("listen on %s: %w", addr, err)
		}
		lns := []net.Listener{first}
		if hosts == 1 {
			return lns, nil
		}
		host, port, _ := net.SplitHostPort(first.Addr().String())
		if host != "127.0.0.1" {
			first.Close()
			return nil, fmt.Errorf("-hosts needs -addr on 127.0.0.1, not %s", host)
		}
		for j := 2; j <= hosts && err == nil; j++ {
			var ln net.Listener
			ln, err = net.Listen("tcp", net.JoinHostPort(fmt.Sprintf("127.0.0.%d", j), port))
			if err == nil {
				lns = append(lns, ln)
			}
		}
		if err == nil {
			return lns, nil
		}
		for _, ln := range lns {
			ln.Close()
		}
		if wantPort != "0" || attempt == 9 {
			return nil, fmt.Errorf("listen on more loopback addresses (Linux routes all of 127.0.0.0/8 to loopback; other systems need aliases): %w", err)
		}
	}
}
