// Command ptyframe times a terminal program from exec to its first full
// frame in a plain pseudo-terminal, as a terminal emulator would run it:
// no multiplexer in between, nobody scraping a screen. It starts the
// program on a new pty of the given size, keeps a model of the screen from
// what the program writes (cursor moves, erasures, text) and stops the
// clock when a row of it shows the text it waits for. Then it sends the quit key, and reports the
// program's peak RSS.
//
//	go build -o /tmp/ptyframe ./bench/ptyframe
//	/tmp/ptyframe -runs 15 -want 1/100000 -- ./brief --offline --config C --db 100k.db
//
// bench/firstframe measures the same inside tmux, where the reader also
// waits for `tmux info` (lipgloss asks it the colour profile as it loads)
// and the script polls tmux's screen.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

func main() {
	runs := flag.Int("runs", 9, "how many times to start the program")
	want := flag.String("want", "", "text the first full frame shows (required)")
	cols := flag.Int("cols", 160, "terminal width")
	rows := flag.Int("rows", 45, "terminal height")
	quit := flag.String("quit", "Q", "what to type to quit the program")
	pause := flag.Duration("pause", 500*time.Millisecond, "pause between runs")
	flag.Parse()
	if *want == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: ptyframe -want TEXT [-runs N] [-cols C -rows R] -- PROGRAM [ARGS]")
		os.Exit(2)
	}
	var times []time.Duration
	for i := range *runs {
		d, first, rss, err := run(flag.Args(), *want, *quit, uint16(*cols), uint16(*rows))
		if err != nil {
			fmt.Fprintf(os.Stderr, "ptyframe: run %d: %v\n", i+1, err)
			os.Exit(1)
		}
		times = append(times, d)
		fmt.Fprintf(os.Stderr, "run %d: %.1f ms from exec (first output at %.1f ms), peak RSS %d kB\n", i+1, ms(d), ms(first), rss)
		time.Sleep(*pause)
	}
	slices.Sort(times)
	fmt.Printf("first frame (%q) in a %dx%d pty, from exec: median %.0f ms, min %.0f ms, max %.0f ms over %d runs\n",
		*want, *cols, *rows, ms(times[len(times)/2]), ms(times[0]), ms(times[len(times)-1]), len(times))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// run starts args on a new pty and returns the time from exec to want on
// the screen, the time to the program's first output, and its peak RSS in
// kB.
func run(args []string, want, quit string, cols, rows uint16) (frame, first time.Duration, rss int, err error) {
	master, slave, err := openPTY(cols, rows)
	if err != nil {
		return 0, 0, 0, err
	}
	defer master.Close()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.Env = plainTerminal(os.Environ())
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		slave.Close()
		return 0, 0, 0, err
	}
	slave.Close()
	defer cmd.Process.Kill()

	type seen struct {
		first, at time.Time
		err       error
	}
	found := make(chan seen, 1)
	go func() {
		var out []byte
		var firstAt time.Time
		scr := newScreen(int(cols), int(rows))
		buf := make([]byte, 64<<10)
		for {
			n, err := master.Read(buf)
			if n > 0 && firstAt.IsZero() {
				firstAt = time.Now()
			}
			out = append(out, buf[:n]...)
			scr.write(buf[:n])
			if scr.shows(want) {
				found <- seen{first: firstAt, at: time.Now()}
				// Keep draining, so that the program never blocks on a full pty.
				for {
					if _, err := master.Read(buf); err != nil {
						return
					}
				}
			}
			if err != nil {
				found <- seen{err: fmt.Errorf("%q never shown: %w; the program wrote %q", want, err, tail(out))}
				return
			}
		}
	}()
	var at, firstAt time.Time
	select {
	case s := <-found:
		if s.err != nil {
			return 0, 0, 0, s.err
		}
		at, firstAt = s.at, s.first
	case <-time.After(10 * time.Second):
		return 0, 0, 0, errors.New("no frame after 10 s")
	}
	time.Sleep(300 * time.Millisecond) // let the reads that follow the frame land
	rss = peakRSS(cmd.Process.Pid)
	if _, err := master.Write([]byte(quit)); err != nil {
		return 0, 0, 0, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return 0, 0, 0, fmt.Errorf("the program did not exit cleanly: %w", err)
		}
	case <-time.After(5 * time.Second):
		return 0, 0, 0, fmt.Errorf("the program did not quit on %q", quit)
	}
	return at.Sub(start), firstAt.Sub(start), rss, nil
}

func tail(b []byte) []byte {
	if len(b) > 300 {
		return b[len(b)-300:]
	}
	return b
}

// plainTerminal is env as a terminal emulator would give it: not inside
// tmux or screen, a 256-colour xterm.
func plainTerminal(env []string) []string {
	out := env[:0:0]
	for _, e := range env {
		name, _, _ := strings.Cut(e, "=")
		switch name {
		case "TMUX", "TMUX_PANE", "STY", "TERM":
			continue
		}
		out = append(out, e)
	}
	return append(out, "TERM=xterm-256color")
}

func openPTY(cols, rows uint16) (master, slave *os.File, err error) {
	fd, err := unix.Open("/dev/ptmx", unix.O_RDWR|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("open /dev/ptmx: %w", err)
	}
	master = os.NewFile(uintptr(fd), "/dev/ptmx")
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		master.Close()
		return nil, nil, fmt.Errorf("unlock pty: %w", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		master.Close()
		return nil, nil, fmt.Errorf("pty number: %w", err)
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	ws := &unix.Winsize{Row: rows, Col: cols}
	if err := unix.IoctlSetWinsize(int(slave.Fd()), unix.TIOCSWINSZ, ws); err != nil {
		master.Close()
		slave.Close()
		return nil, nil, fmt.Errorf("set pty size: %w", err)
	}
	return master, slave, nil
}

func peakRSS(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range bytes.Lines(b) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			var kb int
			fmt.Sscan(string(rest), &kb)
			return kb
		}
	}
	return 0
}
