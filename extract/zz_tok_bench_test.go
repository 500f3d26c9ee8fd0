package extract

import (
	"os"
	"strings"
	"testing"
	"time"
)

func benchText(b *testing.B) string {
	data, _ := os.ReadFile("testdata/labeled.tsv")
	var paras []string
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Split(line, "\t"); len(f) == 4 && !strings.HasPrefix(line, "#") {
			paras = append(paras, f[3])
		}
	}
	var sb strings.Builder
	for i := 0; sb.Len() < 1<<20; i++ {
		sb.WriteString(paras[i%len(paras)])
		if i%3 == 2 {
			sb.WriteString("\n\n")
		} else {
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

func BenchmarkZZTokenize(b *testing.B) {
	text := benchText(b)
	toks := make([]tickTok, 0, len(text)/6)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		tt := tickTokenize(text, toks)
		toks = tt.toks
	}
	b.ReportMetric(float64(len(toks)), "toks")
}

func BenchmarkZZScan(b *testing.B) {
	text := benchText(b)
	d := DefaultDirectory()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		s := d.scan(text)
		_ = s
	}
}

func BenchmarkZZBaseline(b *testing.B) {
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	n := 0
	for b.Loop() {
		n = 0
		in := false
		for i := 0; i < len(text); i++ {
			w := tickClass[text[i]] == tcWord
			if w && !in {
				n++
			}
			in = w
		}
	}
	b.ReportMetric(float64(n), "words")
}

func BenchmarkZZTokenizePlain(b *testing.B) {
	text := strings.Repeat("the quick brown fox jumps over the lazy dog and then some more words here. ", 1<<20/75)
	toks := make([]tickTok, 0, len(text)/4)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		tt := tickTokenize(text, toks)
		toks = tt.toks
	}
	b.ReportMetric(float64(len(toks)), "toks")
}

func BenchmarkZZPhases(b *testing.B) {
	text := benchText(b)
	d := DefaultDirectory()
	var tTok, tChip, tMain, tRes, tAgg time.Duration
	n := 0
	for b.Loop() {
		n++
		t0 := time.Now()
		s := &tickScan{d: d}
		s.tt = tickTokenize(text, make([]tickTok, 0, len(text)/6+8))
		s.hits = make([]tickHit, 0, len(s.tt.toks)/16+8)
		t1 := time.Now()
		for i := range s.tt.toks {
			if s.chipMarked(i) {
				s.chip(i)
			}
		}
		s.chips = len(s.hits)
		t2 := time.Now()
		for i := range s.tt.toks {
			s.token(i)
		}
		t3 := time.Now()
		hits := tickResolve(d, []*tickScan{s}, nil)[0]
		s.bindListings(hits)
		t4 := time.Now()
		tickAggregate(d, []*tickScan{s}, [][]tickHit{hits}, nil)
		t5 := time.Now()
		tTok += t1.Sub(t0)
		tChip += t2.Sub(t1)
		tMain += t3.Sub(t2)
		tRes += t4.Sub(t3)
		tAgg += t5.Sub(t4)
	}
	f := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(n) }
	b.ReportMetric(f(tTok), "tok-us")
	b.ReportMetric(f(tChip), "chip-us")
	b.ReportMetric(f(tMain), "main-us")
	b.ReportMetric(f(tRes), "resolve-us")
	b.ReportMetric(f(tAgg), "agg-us")
}
