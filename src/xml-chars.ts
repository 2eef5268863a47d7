// The characters XML 1.0 can hold (§2.2 Char): tab, LF, CR and U+0020 upwards, except surrogates,
// U+FFFE and U+FFFF. Validation refuses spec text with any other character; the renderer replaces
// them in text a library caller put into a Diagram by hand. One definition, so the two agree.

/** A character XML 1.0 cannot hold, even escaped (a lone surrogate counts as one character). */
export const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Every such character, for replacing them all (`String.replace` resets its position). */
export const NOT_XML_GLOBAL = new RegExp(NOT_XML.source, 'gu');
