package feed

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"testing"
	"testing/iotest"
)

// readCapped returns exactly the bytes read, whatever the size, the hint
// and the way the reader hands them out, and refuses one byte over limit.
func TestReadCappedKeepsEveryByte(t *testing.T) {
	for _, size := range []int{0, 1, chunkSize - 1, chunkSize, chunkSize + 1, 3*chunkSize + 5} {
		body := make([]byte, size)
		for i := range body {
			body[i] = byte(i*7 + i/chunkSize)
		}
		for _, hint := range []int64{-1, int64(size), int64(size) / 2, int64(size) + 10} {
			for name, wrap := range map[string]func(io.Reader) io.Reader{
				"whole": func(r io.Reader) io.Reader { return r },
				"half":  iotest.HalfReader,
				"bytes": iotest.OneByteReader,
			} {
				if name == "bytes" && size > chunkSize+1 {
					continue
				}
				t.Run(fmt.Sprintf("%d/%d/%s", size, hint, name), func(t *testing.T) {
					got, err := readCapped(wrap(bytes.NewReader(body)), int64(size), hint)
					if err != nil {
						t.Fatalf("read %d bytes with limit %d: %v", size, size, err)
					}
					if !bytes.Equal(got, body) {
						t.Fatalf("read %d bytes, want %d, or other bytes", len(got), size)
					}
					_, err = readCapped(wrap(bytes.NewReader(append(body, 'x'))), int64(size), hint)
					var tl *tooLargeError
					if !errors.As(err, &tl) {
						t.Fatalf("one byte over the limit: err = %v, want tooLargeError", err)
					}
				})
			}
		}
	}
}

// A read error comes back as it is, and a pooled chunk holds nothing of an
// earlier body that could leak into a later one.
func TestReadCappedPassesErrorsOn(t *testing.T) {
	boom := errors.New("connection reset")
	r := io.MultiReader(bytes.NewReader(bytes.Repeat([]byte("a"), chunkSize+3)), iotest.ErrReader(boom))
	if _, err := readCapped(r, 1<<20, -1); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want %v", err, boom)
	}
	got, err := readCapped(bytes.NewReader([]byte("short")), 1<<20, -1)
	if err != nil || string(got) != "short" {
		t.Fatalf("got %q, %v; want \"short\"", got, err)
	}
}
