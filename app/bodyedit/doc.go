// Package bodyedit is Copydesk's Markdown body editor for long stories.
//
// widget.Entry re-wraps and re-renders the whole text on every keystroke,
// which makes a 10,000-word feature unusable. This editor keeps the text as
// paragraphs, each with its own cached wrap layout and Markdown highlighting,
// so an edit re-lays-out only the paragraph it touched (and re-segments and
// re-measures only a few words around the edit); paragraph heights sit
// in a Fenwick tree so finding the paragraph at a scroll offset is O(log n);
// and only the wrapped lines inside the viewport become canvas objects.
// Paragraphs far from the viewport are not wrapped at all until they are
// first shown: their height is estimated from their length and corrected
// (keeping the visible text still) when they are measured.
//
// Offsets in the API are rune offsets into Text(), matching app.BodyEditor,
// but the caret and every deletion move by grapheme cluster so a combining
// accent, an emoji ZWJ sequence or a flag is never split.
package bodyedit
