package bundle_test

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"copydesk/editor"
	"copydesk/editor/bundle"
)

func Example() {
	a := &editor.Article{UID: "0b9b2f6e-4c1d-4a57-9a1e-7f3c2d1e0a9b", Headline: "Bridge reopens",
		Status: editor.StatusFiled, Body: "The bridge reopened on Tuesday.\n"}
	var buf bytes.Buffer
	if err := bundle.Write(&buf, &bundle.Bundle{Article: a, FiledBy: "Ana Ruiz", Filed: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}); err != nil {
		fmt.Println(err)
		return
	}
	b, err := bundle.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	fmt.Println(b.Article.Headline, b.FiledBy, err)

	// One flipped byte anywhere and the whole bundle is refused.
	data := buf.Bytes()
	data[len(data)/2] ^= 0xff
	_, err = bundle.Read(bytes.NewReader(data), int64(len(data)))
	fmt.Println(errors.Is(err, bundle.ErrInvalid))
	// Output:
	// Bridge reopens Ana Ruiz <nil>
	// true
}
