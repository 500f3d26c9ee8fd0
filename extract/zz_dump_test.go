package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"brief/render"
	"brief/sample"
	"github.com/mmcdole/gofeed"
)

func TestDumpThrowaway(t *testing.T) {
	e := New(nil)
	for _, d := range sample.Docs() {
		f, _ := gofeed.NewParser().Parse(bytes.NewReader(d.Body))
		for _, it := range f.Items {
			body := it.Content
			if body == "" { body = it.Description }
			md, _ := render.Markdown(body, it.Link)
			b := e.Brief(Input{Title: it.Title, Markdown: md})
			b.Tickers = nil
			j, _ := json.MarshalIndent(b, "", "  ")
			fmt.Printf("=== %s\n%s\n", it.Title, j)
		}
	}
}
