package story

import "time"

// Keys returns the keys d is stored under, and Probes the keys a look-up
// for d asks: whenever two docs Match, the probes of each meet the keys of
// the other. There are at most 2+5 keys: the canonical link and the
// GUID's (or the GUID, or the accession number), and for dated news with
// text five MinHash values, each salted with the Window-long slice of time
// the article falls in. Probes are the same with each MinHash value salted
// with the slice before and the slice after as well, so two articles
// within Window meet, and an article's text keys only meet those of the
// few days around it. Storing one slice and probing three keeps the rows
// a store writes for every article few; a probe costs a look-up only.
func Keys(d Doc) []uint64 { return read(d).keys() }

// Probes returns the keys to look d's candidates up by (see Keys).
func Probes(d Doc) []uint64 { return read(d).probes() }

func (p *prep) keys() []uint64 { return p.appendKeys(make([]uint64, 0, 2+nSketch), 0) }

func (p *prep) probes() []uint64 { return p.appendKeys(make([]uint64, 0, 2+3*nSketch), 1) }

// appendKeys appends p's keys, its text keys salted with the slices up to
// spread away from its own (its own first).
func (p *prep) appendKeys(keys []uint64, spread int64) []uint64 {
	for _, id := range p.ids {
		if id != 0 {
			keys = append(keys, id)
		}
	}
	if p.text {
		slice := timeSlice(p.t)
		for i, v := range p.sketch {
			keys = append(keys, sketchKey(i, v, slice))
			for d := int64(1); d <= spread; d++ {
				keys = append(keys, sketchKey(i, v, slice-d), sketchKey(i, v, slice+d))
			}
		}
	}
	return keys
}

func sketchKey(i int, v uint64, slice int64) uint64 {
	return mix(v ^ uint64(i)<<56 ^ uint64(slice)*0x9e3779b97f4a7c15)
}

// timeSlice is the Window-long slice of time ms (Unix milliseconds) falls in.
func timeSlice(ms int64) int64 {
	sec := ms / 1000
	if ms < 0 && ms%1000 != 0 {
		sec--
	}
	w := int64(Window / time.Second)
	s := sec / w
	if sec < 0 && sec%w != 0 {
		s--
	}
	return s
}
