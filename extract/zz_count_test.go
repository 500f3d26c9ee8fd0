package extract

import (
	"testing"
	"time"
)

func TestZZCount(t *testing.T) {
	text := benchText(nil)
	d := DefaultDirectory()
	s := d.scan(text)
	flagged, marked := 0, 0
	for i, tk := range s.tt.toks {
		if tk.flags&tokChip != 0 {
			flagged++
			if s.chipMarked(i) {
				marked++
			}
		}
	}
	s2 := &tickScan{d: d}
	s2.tt = tickTokenize(text, nil)
	t0 := time.Now()
	for i := range s2.tt.toks {
		if s2.tt.toks[i].flags&tokChip != 0 && s2.chipMarked(i) {
			s2.chip(i)
		}
	}
	t.Logf("flagged %d marked %d chip pass %v", flagged, marked, time.Since(t0))
}
