package story

import "time"

// Shelf keeps prepared docs for a caller that remembers many of them (a
// store's recent candidates, ten thousand in a large fetch). A Prepared
// is three objects, two of them with pointers, which the collector visits
// at every cycle; a Shelf keeps its docs back to back in blocks that hold
// no pointers, which the collector marks without reading, and a doc costs
// its words, its figures and a fixed record, with nothing rounded up to a
// size class. A doc on a Shelf compares as its Prepared does.
//
// A Shelf only grows; its zero value is empty and ready to use.
type Shelf struct {
	recs  blocks[shelved]
	words blocks[uint32]
	figs  blocks[figure]
}

// Ref is a doc on a Shelf: the order in which it was put, from 0.
type Ref int32

// shelved is a prep on a Shelf: its fixed fields, and where its words and
// figures are.
type shelved struct {
	ids                  [nIDs]uint64
	t                    int64
	titleShape           uint64
	sketch               [nSketch]uint64
	words, figs          at
	ends                 [nParts]uint16
	nFigs, nNums         uint16
	filing, series, text bool
}

// The sizes of the blocks: about 128 KB each.
const (
	recBits    = 10
	wordsBlock = 1 << 15
	figsBlock  = 1 << 13
)

// Len is how many docs s holds.
func (s *Shelf) Len() int { return s.recs.n }

// Put keeps a copy of d on s and returns its Ref.
func (s *Shelf) Put(d Prepared) Ref {
	p := d.p
	rec := shelved{ids: p.ids, t: p.t, titleShape: p.titleShape, sketch: p.sketch, ends: p.ends,
		nFigs: uint16(len(p.figs)), nNums: p.nNums, filing: p.filing, series: p.series, text: p.text}
	rec.words = s.words.put(p.words, wordsBlock)
	rec.figs = s.figs.put(p.figs, figsBlock)
	s.recs.put([]shelved{rec}, 1<<recBits)
	return Ref(s.recs.n - 1)
}

// view is the doc r, as a prep whose slices are windows on s's blocks.
func (s *Shelf) view(r Ref) prep {
	x := &s.recs.all[r>>recBits][r&(1<<recBits-1)]
	return prep{ids: x.ids, filing: x.filing, series: x.series, text: x.text, t: x.t,
		words: s.words.get(x.words, int(x.ends[nParts-1])), ends: x.ends,
		figs: s.figs.get(x.figs, int(x.nFigs)), nNums: x.nNums, titleShape: x.titleShape, sketch: x.sketch}
}

// Match is MatchPrepared of a and the doc r.
func (s *Shelf) Match(a Prepared, r Ref, window time.Duration) bool {
	b := s.view(r)
	return matchPrepared(a.p, &b, window)
}

// NewFigures is NewFigures of copy and the doc known.
func (s *Shelf) NewFigures(copy Prepared, known Ref) bool {
	b := s.view(known)
	return newFigures(copy.p, &b)
}

// at is where a run of values starts in blocks.
type at struct{ block, off uint32 }

// blocks is a list of values that grows by whole blocks, so that growing
// copies nothing and leaves nothing behind. A run of values put at once
// stays in one block.
type blocks[T any] struct {
	all [][]T
	n   int // values put
}

// put appends v, in a new block of size (or len(v), if larger) when the
// last has no room, and returns where v starts.
func (b *blocks[T]) put(v []T, size int) at {
	b.n += len(v)
	if len(v) == 0 {
		return at{}
	}
	last := len(b.all) - 1
	if last < 0 || cap(b.all[last])-len(b.all[last]) < len(v) {
		b.all = append(b.all, make([]T, 0, max(size, len(v))))
		last++
	}
	where := at{uint32(last), uint32(len(b.all[last]))}
	b.all[last] = append(b.all[last], v...)
	return where
}

// get returns the n values from a; nil for none.
func (b *blocks[T]) get(a at, n int) []T {
	if n == 0 {
		return nil
	}
	return b.all[a.block][a.off : int(a.off)+n : int(a.off)+n]
}
