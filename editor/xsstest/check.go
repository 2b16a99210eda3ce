package xsstest

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
)

// CheckHTML parses doc the way a browser does and returns an error naming
// the first thing in it that could run script: a <script> other than a
// same-origin src or a JSON-LD data block, an on* attribute, a
// javascript:/vbscript:/data: URL in a URL attribute, a frame, object,
// embed or base element, or a meta refresh. Parsing rather than matching
// text means escaped payloads (&lt;script&gt;) pass and real ones do not.
func CheckHTML(r io.Reader) error {
	doc, err := html.Parse(r)
	if err != nil {
		return fmt.Errorf("parse html: %w", err)
	}
	return checkNode(doc)
}

// CheckHTMLString is CheckHTML for a string.
func CheckHTMLString(doc string) error { return CheckHTML(strings.NewReader(doc)) }

var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "data": true,
	"poster": true, "background": true, "srcset": true, "xlink:href": true,
	"codebase": true, "cite": true, "longdesc": true, "usemap": true, "dynsrc": true, "lowsrc": true,
}

func checkNode(n *html.Node) error {
	if n.Type == html.ElementNode {
		if err := checkElement(n); err != nil {
			return err
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if err := checkNode(c); err != nil {
			return err
		}
	}
	return nil
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val, true
		}
	}
	return "", false
}

func checkElement(n *html.Node) error {
	switch n.Data {
	case "script":
		if typ, _ := attr(n, "type"); strings.EqualFold(strings.TrimSpace(typ), "application/ld+json") {
			if _, has := attr(n, "src"); has {
				return fmt.Errorf("JSON-LD script with src")
			}
			break
		}
		src, ok := attr(n, "src")
		if !ok {
			return fmt.Errorf("inline <script> element")
		}
		if n.FirstChild != nil {
			return fmt.Errorf("<script src=%q> with inline content", src)
		}
		if hasScheme(src) || strings.HasPrefix(src, "//") || strings.HasPrefix(src, `\`) {
			return fmt.Errorf("<script> from another origin: %q", src)
		}
	case "iframe", "frame", "frameset", "object", "embed", "base", "applet", "portal":
		return fmt.Errorf("<%s> element", n.Data)
	case "meta":
		if he, _ := attr(n, "http-equiv"); strings.EqualFold(strings.TrimSpace(he), "refresh") {
			return fmt.Errorf("meta refresh")
		}
	}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		if strings.HasPrefix(strings.ToLower(a.Key), "on") {
			return fmt.Errorf("event handler attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
		}
		if urlAttrs[key] || urlAttrs[strings.ToLower(a.Key)] {
			if s := dangerousScheme(a.Val); s != "" {
				return fmt.Errorf("%s URL in %s=%q on <%s>", s, a.Key, a.Val, n.Data)
			}
		}
		if key == "style" {
			l := strings.ToLower(a.Val)
			if strings.Contains(l, "javascript:") || strings.Contains(l, "expression(") {
				return fmt.Errorf("script in style=%q on <%s>", a.Val, n.Data)
			}
		}
	}
	return nil
}

// normalizeURL removes what a browser ignores before it reads a scheme.
func normalizeURL(u string) string {
	u = strings.TrimLeftFunc(u, func(r rune) bool { return r <= ' ' })
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, strings.ToLower(u))
}

func hasScheme(u string) bool {
	u = normalizeURL(u)
	i := strings.IndexAny(u, ":/?#")
	return i > 0 && u[i] == ':'
}

// dangerousScheme returns the scheme name if u would run script or load
// a document from its own text, else "".
func dangerousScheme(u string) string {
	u = normalizeURL(u)
	for _, s := range []string{"javascript:", "vbscript:", "livescript:", "data:text/html", "data:application/xhtml", "data:image/svg", "data:text/javascript", "data:application/javascript"} {
		if strings.HasPrefix(u, s) {
			return strings.TrimSuffix(s, ":")
		}
	}
	return ""
}
