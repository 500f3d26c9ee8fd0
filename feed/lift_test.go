package feed

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"brief/internal/xmlprep"
	"brief/sample"
)

// liftDoc is one document of the differential test.
type liftDoc struct {
	from        string
	body        []byte
	contentType string
}

// liftStats counts what the differential test saw in one set: lifted,
// bodies and fellBack at liftMin, and again (the "all" fields) when every
// body that can be lifted is, however short.
type liftStats struct {
	docs, prepared                    int
	lifted, bodies, fellBack          int
	liftedAll, bodiesAll, fellBackAll int
}

// checkLift compares, for one document, the lifted parse with the plain one
// at both levels: gofeed's Feed (deep-equal, the kept original feed
// included) when the lifted parse is kept, and Parse's result and error
// always.
func checkLift(t *testing.T, d liftDoc, st *liftStats) {
	t.Helper()
	st.docs++
	got, gerr := parse(d.body, d.contentType, testNow, true)
	want, werr := parse(d.body, d.contentType, testNow, false)
	if fmt.Sprint(gerr) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
		t.Errorf("%s: Parse differs with lifting\n got %v: %s\nwant %v: %s", d.from, gerr, brief(got), werr, brief(want))
	}
	prepared, err := xmlprep.Prepare(d.body, d.contentType)
	if err != nil {
		return
	}
	st.prepared++
	var wf *gofeed.Feed
	var werrPlain error
	plainDone := false
	for _, minLen := range []int{liftMin, 1} {
		lifted, bodies, fellBack := &st.lifted, &st.bodies, &st.fellBack
		if minLen == 1 {
			lifted, bodies, fellBack = &st.liftedAll, &st.bodiesAll, &st.fellBackAll
		}
		l := liftBodies(prepared, minLen)
		if l == nil {
			continue
		}
		if minLen == liftMin && len(l.skeleton) >= len(prepared) {
			t.Errorf("%s: skeleton of %d bytes for a document of %d", d.from, len(l.skeleton), len(prepared))
		}
		gf, ok, perr := liftedParse(l)
		if perr != nil {
			t.Errorf("%s: the lifted parse panicked: %v", d.from, perr)
		}
		if !ok {
			*fellBack++
			continue
		}
		*lifted++
		*bodies += len(l.bodies)
		if !plainDone {
			wf, werrPlain = plainParse(prepared)
			plainDone = true
		}
		compareLifted(t, fmt.Sprintf("%s (bodies of %d bytes and more)", d.from, minLen), gf, wf, werrPlain)
	}
}

func compareLifted(t *testing.T, from string, gf, wf *gofeed.Feed, err error) {
	t.Helper()
	switch {
	case err != nil:
		t.Errorf("%s: the lifted parse was kept, but the document fails: %v", from, err)
	case !reflect.DeepEqual(gf, wf):
		t.Errorf("%s: the lifted parse was kept, but differs:\n%s", from, feedDiff(gf, wf))
	}
}

// liftedParse parses a skeleton and restores it, without falling back.
func liftedParse(l *lifted) (gf *gofeed.Feed, ok bool, perr error) {
	defer func() {
		if r := recover(); r != nil {
			gf, ok, perr = nil, false, fmt.Errorf("panic: %v", r)
		}
	}()
	gf, err := newGofeedParser().Parse(bytes.NewReader(l.skeleton))
	if err != nil || gf == nil {
		return nil, false, nil
	}
	return gf, l.restore(gf), nil
}

func plainParse(doc []byte) (gf *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			gf, err = nil, fmt.Errorf("panic: %v", r)
		}
	}()
	return newGofeedParser().Parse(bytes.NewReader(doc))
}

func brief(p Parsed) string {
	s := fmt.Sprintf("%q, %d items", p.Title, len(p.Items))
	if len(s) > 300 {
		s = s[:300]
	}
	return s
}

// feedDiff names the first field where two feeds differ.
func feedDiff(a, b *gofeed.Feed) string {
	var out []string
	var walk func(path string, x, y reflect.Value)
	walk = func(path string, x, y reflect.Value) {
		if len(out) > 0 {
			return
		}
		if !x.IsValid() || !y.IsValid() {
			if x.IsValid() != y.IsValid() {
				out = append(out, path+": one side missing")
			}
			return
		}
		switch x.Kind() {
		case reflect.Pointer, reflect.Interface:
			if x.IsNil() || y.IsNil() {
				if x.IsNil() != y.IsNil() {
					out = append(out, path+": nil on one side")
				}
				return
			}
			walk(path, x.Elem(), y.Elem())
		case reflect.Struct:
			for i := range x.NumField() {
				walk(path+"."+x.Type().Field(i).Name, x.Field(i), y.Field(i))
			}
		case reflect.Slice:
			if x.Len() != y.Len() {
				out = append(out, fmt.Sprintf("%s: %d elements against %d", path, x.Len(), y.Len()))
				return
			}
			for i := range x.Len() {
				walk(fmt.Sprintf("%s[%d]", path, i), x.Index(i), y.Index(i))
			}
		case reflect.Map:
			if x.Len() != y.Len() {
				out = append(out, fmt.Sprintf("%s: %d keys against %d", path, x.Len(), y.Len()))
				return
			}
			for _, k := range x.MapKeys() {
				walk(fmt.Sprintf("%s[%v]", path, k), x.MapIndex(k), y.MapIndex(k))
			}
		case reflect.String:
			if x.String() != y.String() {
				out = append(out, fmt.Sprintf("%s:\n got %.300q\nwant %.300q", path, x.String(), y.String()))
			}
		default:
			if x.CanInterface() && !reflect.DeepEqual(x.Interface(), y.Interface()) {
				out = append(out, fmt.Sprintf("%s: %v against %v", path, x, y))
			}
		}
	}
	walk("Feed", reflect.ValueOf(a), reflect.ValueOf(b))
	if len(out) == 0 {
		return "(no field found)"
	}
	return out[0]
}

func runLiftSet(t *testing.T, name string, docs []liftDoc) liftStats {
	t.Helper()
	var st liftStats
	for _, d := range docs {
		checkLift(t, d, &st)
	}
	t.Logf("%s: %d documents (%d prepared): lifted %d (%d bodies), fell back on %d; lifting all bodies: lifted %d (%d bodies), fell back on %d",
		name, st.docs, st.prepared, st.lifted, st.bodies, st.fellBack, st.liftedAll, st.bodiesAll, st.fellBackAll)
	return st
}

// TestLiftDifferential checks the lifted parse against the plain one on the
// repository's feeds, generated feeds, the hostile cases below, and, when
// they are there, the shared corpus of real feeds and a directory of feeds
// served by bench/feedserver (BRIEF_SYNTH_FEEDS).
func TestLiftDifferential(t *testing.T) {
	t.Run("testdata", func(t *testing.T) {
		st := runLiftSet(t, "testdata", testdataDocs(t))
		if st.docs < 20 {
			t.Errorf("only %d testdata documents", st.docs)
		}
	})
	t.Run("sample", func(t *testing.T) {
		var docs []liftDoc
		for _, d := range sample.Docs() {
			docs = append(docs, liftDoc{"sample/" + d.Name, d.Body, d.ContentType})
		}
		st := runLiftSet(t, "sample", docs)
		if st.lifted < 2 || st.fellBack > 0 {
			t.Errorf("the sample's RSS and Atom documents should lift without falling back")
		}
	})
	t.Run("generated", func(t *testing.T) {
		var docs []liftDoc
		for seed := range uint64(6) {
			rssDoc, atomDoc := mixedFeeds(seed, 20)
			docs = append(docs, liftDoc{fmt.Sprintf("generated rss %d", seed), rssDoc, "application/rss+xml"},
				liftDoc{fmt.Sprintf("generated atom %d", seed), atomDoc, "application/atom+xml"})
		}
		st := runLiftSet(t, "generated", docs)
		if st.lifted != len(docs) {
			t.Errorf("lifted %d of %d generated documents", st.lifted, len(docs))
		}
	})
	t.Run("hostile", func(t *testing.T) {
		runLiftSet(t, "hostile", hostileLiftDocs())
	})
	t.Run("synthetic", func(t *testing.T) {
		dir := os.Getenv("BRIEF_SYNTH_FEEDS")
		if dir == "" {
			t.Skip("BRIEF_SYNTH_FEEDS is not set")
		}
		docs := dirDocs(t, dir)
		st := runLiftSet(t, "synthetic", docs)
		if st.lifted != len(docs) {
			t.Errorf("lifted %d of %d synthetic documents", st.lifted, len(docs))
		}
	})
	t.Run("corpus", func(t *testing.T) {
		dir := liftCorpusDir(t)
		st := runLiftSet(t, "corpus", dirDocs(t, dir))
		if st.docs < 300 {
			t.Errorf("only %d corpus documents", st.docs)
		}
	})
}

// liftCorpusDir is the shared corpus of real feeds: BRIEF_CORPUS, or beside
// the repository as corpusDir finds it. The test skips only when it is
// absent.
func liftCorpusDir(t *testing.T) string {
	if dir := os.Getenv("BRIEF_CORPUS"); dir != "" {
		if _, err := os.Stat(dir); err != nil {
			t.Fatalf("BRIEF_CORPUS: %v", err)
		}
		return dir
	}
	return corpusDir(t, "")
}

// dirDocs reads every feed file under dir, in place.
func dirDocs(t *testing.T, dir string) []liftDoc {
	var docs []liftDoc
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".xml", ".rdf", ".rss", ".atom", ".json":
		default:
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		docs = append(docs, liftDoc{path, b, corpusContentType(b)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// corpusContentType reads the Content-type a feedparser test file asks to
// be served with ("Header: Content-type: ..." in its opening comment).
func corpusContentType(doc []byte) string {
	head := doc[:min(len(doc), 2048)]
	for _, line := range strings.Split(string(head), "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(key) != "Header" {
			continue
		}
		if k, v, ok := strings.Cut(value, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "content-type") {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// testdataDocs gathers the feeds kept as test data in the repository: the
// stored fuzz inputs of this package and of xmlprep, and ingest's forms.
func testdataDocs(t *testing.T) []liftDoc {
	var docs []liftDoc
	for _, pattern := range []string{
		"testdata/fuzz/FuzzParse/*",
		"../internal/xmlprep/testdata/fuzz/FuzzPrepare/*",
	} {
		files, _ := filepath.Glob(pattern)
		if len(files) == 0 {
			t.Errorf("no files match %s", pattern)
		}
		for _, f := range files {
			args, err := readFuzzInput(f)
			if err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
			d := liftDoc{from: f, body: []byte(args[0])}
			if len(args) > 1 {
				d.contentType = args[1]
			}
			docs = append(docs, d)
		}
	}
	for _, pattern := range []string{"../ingest/testdata/*.*", "../ingest/testdata/forms/*"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, liftDoc{from: f, body: b})
		}
	}
	return docs
}

// readFuzzInput decodes a stored fuzz input ("go test fuzz v1" and one
// []byte or string literal a line).
func readFuzzInput(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) < 2 || lines[0] != "go test fuzz v1" {
		return nil, errors.New("not a stored fuzz input")
	}
	var out []string
	for _, l := range lines[1:] {
		l = strings.TrimPrefix(l, "[]byte(")
		l = strings.TrimPrefix(l, "string(")
		l = strings.TrimSuffix(l, ")")
		s, err := strconv.Unquote(l)
		if err != nil {
			return nil, fmt.Errorf("line %q: %v", l, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// filler is text long enough to be lifted.
var filler = strings.Repeat("Shares of Apple rose 3% on Tuesday after results. ", 8)

func rssWith(item string) liftDoc {
	return liftDoc{body: []byte(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Feed</title><link>https://news.example.com/</link>
<item><title>One</title><link>https://news.example.com/1</link><guid>g1</guid>` + item + `</item>
<item><title>Two</title><link>https://news.example.com/2</link><guid>g2</guid><description>` + filler + `</description></item>
</channel></rss>`), contentType: "application/rss+xml"}
}

func atomWith(entry string) liftDoc {
	return liftDoc{body: []byte(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Feed</title><link href="https://news.example.com/"/><id>urn:f</id><updated>2025-01-02T03:04:05Z</updated>
<entry><title>One</title><id>urn:1</id><updated>2025-01-02T03:04:05Z</updated><link href="https://news.example.com/1"/>` + entry + `</entry>
<entry><title>Two</title><id>urn:2</id><updated>2025-01-02T03:04:05Z</updated><content type="html">` + filler + `</content></entry>
</feed>`), contentType: "application/atom+xml"}
}

// hostileLiftDocs are documents made to trip the lifting: each must parse
// exactly as it does without it.
func hostileLiftDocs() []liftDoc {
	esc := "&lt;p&gt;" + filler + "&lt;/p&gt;"
	cdata := "<![CDATA[<p>" + filler + "</p>]]>"
	var docs []liftDoc
	add := func(name string, d liftDoc) {
		d.from = "hostile: " + name
		docs = append(docs, d)
	}
	rss := func(name, item string) { add(name, rssWith(item)) }
	atom := func(name, entry string) { add(name, atomWith(entry)) }

	rss("escaped description", "<description>"+esc+"</description>")
	rss("cdata content", "<description>short</description><content:encoded>"+cdata+"</content:encoded>")
	rss("text around cdata", "<description>  a &amp; b "+cdata+" c &lt; d "+cdata+"  &copy; </description>")
	rss("white space around cdata", "<description>\n\t  "+cdata+"\r\n  </description>")
	rss("unterminated cdata", "<description><![CDATA["+filler+"</description>")
	rss("cdata end in text", "<description>"+filler+"]]>"+filler+"</description>")
	rss("cdata end split by reference", "<description>"+filler+"]]&gt;]&#93;>"+filler+"</description>")
	rss("lt inside cdata", "<description><![CDATA[<a href=\"x\">"+filler+"</a> <description>x</description> ]]]]></description>")
	rss("cdata inside cdata", "<description><![CDATA[<![CDATA["+filler+"]]></description>")
	rss("placeholder in document", "<description>"+string(appendPlaceholder(nil, 0))+"</description><content:encoded>"+cdata+"</content:encoded>")
	rss("placeholder made by a reference", "<description>&#81;zLiftB0 "+filler+"</description>")
	rss("placeholder made by a reference in cdata text", "<description>&#x51;zLiftB1 "+cdata+"</description>")
	rss("named entities", "<description>&amp;&lt;&gt;&quot;&apos;&nbsp;&copy;&eacute;&hellip;&rsquo;&CounterClockwiseContourIntegral;&unknown; "+filler+"</description>")
	rss("legacy entities", "<description>&copy=2; &amp=1 &ampx; &lt &gt; &notit; &notin; &AMP; "+filler+"</description>")
	rss("numeric references", "<description>&#65;&#x42;&#X43;&#x;&#;&#0065;&#128;&#x80;&#150;&#xD800;&#x10FFFF;&#x110000;&#99999999999999999999999; "+filler+"</description>")
	rss("forbidden reference nul", "<description>&#0; "+filler+"</description>")
	rss("forbidden reference control", "<description>&#x1b; "+filler+"</description>")
	rss("forbidden reference fffe", "<description>&#xFFFE; "+filler+"</description>")
	rss("allowed control references", "<description>&#9;&#10;&#13;&#x85; "+filler+"</description>")
	rss("far semicolon", "<description>&"+strings.Repeat("a", 70)+"; & b; &c d; "+filler+"</description>")
	rss("ampersand at end", "<description>"+filler+" &amp</description>")
	rss("raw control bytes", "<description>"+filler+"\x01\x1b[31m</description>")
	rss("invalid utf-8", "<description>"+filler+"\xff\xfe</description>")
	rss("fffe character", "<description>"+filler+"\uFFFE</description>")
	rss("crlf", "<description>\r\n"+strings.ReplaceAll(filler, ". ", ".\r\n")+"\r</description>")
	rss("only white space", "<description>"+strings.Repeat(" \n\t", 200)+"</description><dc:description>fallback</dc:description>")
	rss("empty cdata", "<description>"+strings.Repeat(" ", 300)+"<![CDATA[]]></description><dc:description>fallback</dc:description>")
	rss("unicode white space", "<description>\u00a0\u2003"+filler+"\u0085</description>")
	rss("huge body", "<description>"+strings.Repeat(esc, 4000)+"</description>")
	rss("huge cdata", "<content:encoded>"+strings.Repeat(cdata, 4000)+"</content:encoded>")
	rss("nested same name", "<description><description>"+filler+"</description>"+filler+"</description>")
	rss("child element", "<description>"+filler+"<b>x</b></description>")
	rss("comment inside", "<description>"+filler+"<!-- c --></description>")
	rss("processing instruction inside", "<description>"+filler+"<?php echo 1 ?></description>")
	rss("attribute with gt", `<description title="a > b" lang='x>y'>`+filler+`</description>`)
	rss("bare attribute", `<description checked data=abc>`+filler+`</description>`)
	rss("attribute with lt", `<description title="a < b">`+filler+`</description>`)
	rss("spaces in tags", "<description  >"+filler+"</description  \n>")
	rss("mismatched end tag", "<description>"+filler+"</Description>")
	rss("upper case", "<Description>"+filler+"</Description>")
	rss("unknown child kept as custom", "<summary>"+filler+"</summary><content>"+esc+"</content><encoded>"+filler+"</encoded>")
	rss("extension bodies", "<media:description>"+filler+"</media:description><dc:description>"+filler+"</dc:description>")
	rss("body inside an extension", "<media:group><description>"+filler+"</description></media:group>")
	rss("body inside a skipped element", "<enclosure url=\"https://x/a.mp3\"><description>"+filler+"</description></enclosure>")
	rss("content encoded under another prefix", `<c:encoded xmlns:c="http://purl.org/rss/1.0/modules/content/">`+filler+`</c:encoded>`)
	rss("content prefix rebound", `<content:encoded xmlns:content="http://example.com/other">`+filler+`</content:encoded>`)
	rss("description in another namespace", `<description xmlns="http://search.yahoo.com/mrss/">`+filler+`</description>`)
	rss("xml base", `<description xml:base="https://other.example/">`+filler+`</description>`)
	rss("self-closing", "<description/>"+"<content:encoded />")
	rss("comment hiding a body", "<!-- <description>"+filler+" --><description>"+filler+"</description>")
	rss("comment with double dash", "<!-- a -- b --><description>"+filler+"</description>")
	rss("after an unterminated comment", "<description>"+filler+"</description><!-- x")
	add("doctype with internal subset", liftDoc{body: []byte(`<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY e "<description>x</description>"> <!-- <description> --> <!ELEMENT x (y)> ]>
<rss version="2.0"><channel><title>t</title><item><description>&e; ` + filler + `</description></item><item><description>` + filler + `</description></item></channel></rss>`)})
	add("latin-1 declaration", liftDoc{body: []byte(`<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><item><description>` + filler + "\xe9</description></item></channel></rss>")})
	add("second declaration", liftDoc{body: []byte(`<rss version="2.0"><channel><item><description>` + filler + `</description></item><?xml version="1.0" encoding="windows-1252"?><item><description>` + filler + "\x93</description></item></channel></rss>")})
	add("channel description", liftDoc{body: []byte(`<rss version="2.0"><channel><title>t</title><description>` + filler + `</description><image><url>https://x/i.png</url><description>` + filler + `</description></image><textInput><description>` + filler + `</description></textInput><item><title>x</title></item></channel></rss>`)})
	add("rss 1.0", liftDoc{body: []byte(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>t</title><description>` + filler + `</description></channel><item rdf:about="y"><title>i</title><description>` + esc + `</description></item></rdf:RDF>`)})
	add("json feed", liftDoc{body: []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"j","items":[{"id":"1","content_html":"<description>` + filler + `</description>"}]}`), contentType: "application/feed+json"})
	add("junk before the declaration", liftDoc{body: []byte("Warning: x in y.php\n" + string(rssWith("<description>"+esc+"</description>").body))})

	atom("atom html", `<summary type="text">`+filler+`</summary><content type="html">`+esc+`</content>`)
	atom("atom no type", `<summary>`+esc+`</summary><content>`+cdata+`</content>`)
	atom("atom text types", `<summary type="TEXT">`+esc+`</summary><content type="text/plain">`+esc+`</content>`)
	atom("atom html type cased", `<content type="HTML">`+esc+`</content>`)
	atom("atom text/html", `<content type="text/html">`+esc+`</content>`)
	atom("atom xhtml", `<content type="xhtml">`+esc+`</content>`)
	atom("atom xhtml cdata", `<content type="xhtml">`+cdata+`</content>`)
	atom("atom base64", `<content type="image/png">`+strings.Repeat("QUJD", 100)+`</content>`)
	atom("atom mode base64", `<content mode="base64">`+strings.Repeat("QUJD", 100)+`</content>`)
	atom("atom mode escaped", `<content type="text/html" mode="escaped">`+esc+`</content>`)
	atom("atom unknown type", `<content type="application/x-foo">`+esc+`</content>`)
	atom("atom xml type", `<content type="application/xml">`+esc+`</content>`)
	atom("atom type with reference", `<content type="&#104;tml">`+esc+`</content>`)
	atom("atom two types", `<content type="html" x:type="xhtml" xmlns:x="urn:x">`+esc+`</content>`)
	atom("atom xmlns type", `<content xmlns:type="urn:x">`+esc+`</content>`)
	atom("atom src", `<content type="html" src="https://x/a">`+esc+`</content>`)
	atom("atom xml base", `<content type="html" xml:base="https://other.example/">`+cdata+`</content>`)
	atom("atom summary in source", `<source><summary>`+filler+`</summary><content>`+filler+`</content></source>`)
	atom("atom content encoded", `<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">`+cdata+`</content:encoded>`)
	atom("atom description", `<description>`+filler+`</description>`)
	atom("atom empty content", `<content type="html">`+strings.Repeat(" ", 300)+`</content>`)
	return docs
}

// TestLiftHostileOutcomes pins down what the lifting does with some of the
// hostile documents: which are lifted and kept, and which are not lifted at
// all or fall back to the plain parse.
func TestLiftHostileOutcomes(t *testing.T) {
	// outcome is "kept" (lifted, restored, checked), "fallback" (lifted,
	// but the check threw the result away) or "none" (nothing lifted).
	want := map[string]string{
		"escaped description":              "kept",
		"cdata content":                    "kept",
		"text around cdata":                "kept",
		"numeric references":               "kept",
		"legacy entities":                  "kept",
		"unknown child kept as custom":     "kept",
		"atom html":                        "kept",
		"atom text types":                  "kept",
		"atom summary in source":           "kept",
		"channel description":              "fallback", // image and textInput descriptions are not restored
		"body inside an extension":         "fallback",
		"nested same name":                 "fallback",
		"atom content encoded":             "fallback",
		"atom xhtml":                       "fallback",
		"atom mode escaped":                "fallback",
		"atom two types":                   "fallback",
		"atom type with reference":         "fallback",
		"atom xmlns type":                  "fallback",
		"atom empty content":               "fallback",
		"only white space":                 "fallback",
		"description in another namespace": "fallback",
		"placeholder made by a reference":  "fallback",
		"placeholder in document":          "none",
		"xml base":                         "none",
		"latin-1 declaration":              "kept", // Prepare rewrites the declaration
		"json feed":                        "none",
	}
	for _, d := range hostileLiftDocs() {
		name := strings.TrimPrefix(d.from, "hostile: ")
		w, ok := want[name]
		if !ok {
			continue
		}
		delete(want, name)
		prepared, err := xmlprep.Prepare(d.body, d.contentType)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got := "none"
		if l := liftBodies(prepared, liftMin); l != nil {
			got = "fallback"
			if _, ok, _ := liftedParse(l); ok {
				got = "kept"
			}
		}
		if got != w {
			t.Errorf("%s: %s, want %s", name, got, w)
		}
	}
	for name := range want {
		t.Errorf("no hostile case %q", name)
	}
}

// TestLiftCatchesStrayPlaceholders shows the final check at work: a
// skeleton parsed and not restored carries placeholders in every field a
// body reaches, and restore refuses when one is left.
func TestLiftCatchesStrayPlaceholders(t *testing.T) {
	for _, d := range []liftDoc{
		rssWith("<description>" + filler + "</description><content:encoded>" + filler + "</content:encoded><summary>" + filler + "</summary>"),
		atomWith(`<summary>` + filler + `</summary><content type="html">` + filler + `</content>`),
	} {
		l := liftBodies(d.body, liftMin)
		if l == nil {
			t.Fatal("nothing lifted")
		}
		gf, err := newGofeedParser().Parse(bytes.NewReader(l.skeleton))
		if err != nil {
			t.Fatal(err)
		}
		if !holdsPrefix(reflect.ValueOf(gf), 0) {
			t.Error("no placeholder found in the unrestored feed")
		}
		want, _ := plainParse(d.body)
		if reflect.DeepEqual(gf, want) {
			t.Error("the unrestored feed equals the original")
		}
		// Restoring all but the last body must fail the check.
		n := len(l.bodies) - 1
		more := *l
		more.bodies = l.bodies[:n]
		if more.restore(gf) {
			t.Errorf("restore accepted a feed with placeholder %d left", n)
		}
	}
}

// FuzzLift checks lifting against the plain parse on arbitrary documents.
func FuzzLift(f *testing.F) {
	for _, d := range hostileLiftDocs() {
		f.Add(d.body)
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		var st liftStats
		checkLift(t, liftDoc{from: "fuzz", body: doc}, &st)
	})
}
