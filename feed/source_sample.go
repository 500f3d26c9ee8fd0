package feed

import (
	"fmt"

	"brief/sample"
)

// loadSample parses the documents built into brief and merges them into one
// feed. They ship with the binary, so one that fails to parse is a bug, and
// it is reported rather than skipped.
func (f *Fetcher) loadSample(res *Result) error {
	now := f.opts.Now()
	res.Title = sample.Title
	for _, d := range sample.Docs() {
		p, err := Parse(d.Body, d.ContentType, now)
		if err != nil {
			return fmt.Errorf("builtin sample %s: parse feed: %w", d.Name, err)
		}
		if res.SiteLink == "" {
			res.SiteLink = p.SiteLink
		}
		res.Items = append(res.Items, p.Items...)
	}
	return nil
}
