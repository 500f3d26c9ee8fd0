package digest

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"strings"
	"testing"
)

// reference is the digest spelled out byte by byte: what stored digests
// were made with, which Fields must reproduce exactly.
func reference(fields ...any) []byte {
	var b []byte
	for _, f := range fields {
		switch v := f.(type) {
		case string:
			b = binary.LittleEndian.AppendUint64(b, uint64(len(v)))
			b = append(b, v...)
		case []byte:
			b = binary.LittleEndian.AppendUint64(b, uint64(len(v)))
			b = append(b, v...)
		case int64:
			b = binary.LittleEndian.AppendUint64(b, uint64(v))
		}
	}
	sum := sha256.Sum256(b)
	return sum[:16]
}

func TestFieldsMatchesTheStoredFormat(t *testing.T) {
	long := strings.Repeat("Acme (ACME) rose 4.2% on revenue of $1.3 billion. ", 200) // past the buffer
	f := New()
	for range 2 { // and again after a Reset
		f.Reset()
		f.String("https://example.com/a")
		f.String("")
		f.Int(-1)
		f.String(long)
		f.Bytes([]byte(`{"summary":["x"]}`))
		f.Int(1733443200000)
		want := reference("https://example.com/a", "", int64(-1), long, []byte(`{"summary":["x"]}`), int64(1733443200000))
		if got := f.Sum(); !bytes.Equal(got, want) {
			t.Fatalf("digest %x, want %x", got, want)
		}
	}
}

func TestFieldsTellsFieldsApart(t *testing.T) {
	a, b := New(), New()
	a.String("ab")
	a.String("c")
	b.String("a")
	b.String("bc")
	if bytes.Equal(a.Sum(), b.Sum()) {
		t.Error(`"ab","c" and "a","bc" have one digest`)
	}
}

func TestStringDoesNotAllocate(t *testing.T) {
	f := New()
	s := strings.Repeat("x", 10_000)
	if n := testing.AllocsPerRun(100, func() { f.String(s) }); n != 0 {
		t.Errorf("String allocates %.0f times per call", n)
	}
}
