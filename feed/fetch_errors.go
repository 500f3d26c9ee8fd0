package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"brief/internal/sanitize"
)

// StatusError is an HTTP status the fetcher treats as failure.
type StatusError struct {
	Code int
	Text string // the standard reason phrase, or the server's, sanitised
	Hint string // what the user can do about it, when brief knows
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("HTTP %d", e.Code)
	if e.Text != "" {
		msg += " " + e.Text
	}
	if e.Code == http.StatusGone {
		msg += ": the publisher removed this feed"
	}
	if e.Hint != "" {
		msg += ": " + e.Hint
	}
	return msg
}

func statusError(resp *http.Response) *StatusError {
	text := http.StatusText(resp.StatusCode)
	if text == "" {
		// An unusual code: the server's reason phrase is all there is,
		// and it is outside text.
		_, phrase, _ := strings.Cut(resp.Status, " ")
		text = serverText(phrase)
	}
	return &StatusError{Code: resp.StatusCode, Text: text}
}

// RetryLaterError is a 429 or 503 whose Retry-After is longer than
// Options.MaxRetryAfter, or than what is left of the feed's timeout: the
// fetcher gives up at once rather than sit it out.
type RetryLaterError struct {
	Code int
	At   time.Time // when the server says to come back
	Wait time.Duration
	// Timeout is the feed's timeout when the wait would have run past
	// it; zero when the wait was over Options.MaxRetryAfter.
	Timeout time.Duration
}

func (e *RetryLaterError) Error() string {
	if e.Timeout > 0 {
		return fmt.Sprintf("HTTP %d %s: the server asked to retry after %s, longer than is left of the feed's %s timeout",
			e.Code, http.StatusText(e.Code), e.Wait.Round(time.Second), e.Timeout)
	}
	return fmt.Sprintf("HTTP %d %s: the server asks to wait %s; try again after %s",
		e.Code, http.StatusText(e.Code), e.Wait.Round(time.Second), e.At.Local().Format("15:04"))
}

// timeoutError is an attempt that ran past Options.Timeout. It matches
// context.DeadlineExceeded, which is what it is, without saying so to users.
type timeoutError struct{ after time.Duration }

func (e *timeoutError) Error() string        { return "timed out after " + e.after.String() }
func (e *timeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// ErrTooLarge matches (with errors.Is) the error of a feed over Options.MaxBody.
var ErrTooLarge = errors.New("feed too large")

type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string        { return "feed is larger than " + byteSize(e.limit) }
func (e *tooLargeError) Is(target error) bool { return target == ErrTooLarge }

func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// serverText makes text a server chose fit for an error message.
func serverText(s string) string {
	s = sanitize.Line(s)
	if len(s) > 200 {
		s = strings.ToValidUTF8(s[:200], "")
	}
	return s
}
