package render

import (
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mdParser parses markdown the way glamour does (CommonMark, GFM and
// definition lists), so that what NumberLinks and the break marks find is
// what glamour will render. Its link and autolink parsers also note where
// each link's syntax lies in the source, which goldmark's AST does not
// keep. goldmark keeps all parse state in a per-call context, so one
// parser serves every goroutine; it is built once and never changed.
var mdParser = sync.OnceValue(newParser)

// spansKey is the parse-context key under which the link parsers record
// link spans; a parse that does not set it records nothing.
var spansKey = parser.NewContextKey()

// A linkSpan is where a link's syntax lies in the source.
type linkSpan struct {
	// start is the '[' or '!' of a link or image, the '<' of an
	// autolink, the first character of a bare URL.
	start int
	// close is the ']' that ends a link's text, or where an autolink's
	// URL ends.
	close int
	// end is just past the syntax: the ')' of "(url)", the '>' of an
	// autolink.
	end int
}

type linkSpans map[ast.Node]linkSpan

func newParser() parser.Parser {
	inlines := parser.DefaultInlineParsers()
	for i, v := range inlines {
		switch v.Value {
		case parser.NewLinkParser():
			inlines[i].Value = linkRecorder{spanRecorder{v.Value.(parser.InlineParser), recordLink}}
		case parser.NewAutoLinkParser():
			inlines[i].Value = spanRecorder{v.Value.(parser.InlineParser), recordAutoLink}
		}
	}
	inlines = append(inlines, util.Prioritized(spanRecorder{extension.NewLinkifyParser(), recordBareURL}, 999))
	p := parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(inlines...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
	// GFM without its linkify, which is above with a recorder around it.
	md := goldmark.New(
		goldmark.WithParser(p),
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.DefinitionList),
	)
	return md.Parser()
}

// parseMarkdown parses src; with spans non-nil, it records where links lie.
func parseMarkdown(src []byte, spans linkSpans) ast.Node {
	ctx := parser.NewContext()
	if spans != nil {
		ctx.Set(spansKey, spans)
	}
	return mdParser().Parse(text.NewReader(src), parser.WithContext(ctx))
}

// spanRecorder wraps one of goldmark's inline parsers and notes the
// reader's position before and after each link it returns.
type spanRecorder struct {
	parser.InlineParser
	record func(n ast.Node, before, after int, src []byte) (linkSpan, bool)
}

func (p spanRecorder) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	_, before := block.Position()
	n := p.InlineParser.Parse(parent, block, pc)
	if n == nil {
		return nil
	}
	spans, ok := pc.Get(spansKey).(linkSpans)
	if !ok {
		return n
	}
	_, after := block.Position()
	if s, ok := p.record(n, before.Start, after.Start, block.Source()); ok {
		spans[n] = s
	}
	return n
}

// linkRecorder is the recorder around goldmark's link parser, which also
// needs to hear when a block closes: it turns the '[' that never closed
// back into text then.
type linkRecorder struct{ spanRecorder }

func (p linkRecorder) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	if cb, ok := p.InlineParser.(parser.CloseBlocker); ok {
		cb.CloseBlock(parent, block, pc)
	}
}

// recordLink notes a link or image when its closing ']' is parsed; the
// '[' it pairs with is the node's position.
func recordLink(n ast.Node, before, after int, _ []byte) (linkSpan, bool) {
	switch n.(type) {
	case *ast.Link, *ast.Image:
		return linkSpan{start: n.Pos(), close: before, end: after}, n.Pos() >= 0
	}
	return linkSpan{}, false
}

func recordAutoLink(n ast.Node, before, after int, _ []byte) (linkSpan, bool) {
	if _, ok := n.(*ast.AutoLink); !ok {
		return linkSpan{}, false
	}
	return linkSpan{start: before, close: after - 1, end: after}, true
}

// recordBareURL notes a URL that GFM's linkify found in the text. The
// parser may have consumed the space or '(' before it.
func recordBareURL(n ast.Node, _, after int, src []byte) (linkSpan, bool) {
	a, ok := n.(*ast.AutoLink)
	if !ok {
		return linkSpan{}, false
	}
	start := after - len(a.Label(src))
	return linkSpan{start: start, close: after, end: after}, true
}
