/// The built-in plain-text residue rules: what captured news pages leave behind in `.txt`
/// files (every rule here was seen in the sample corpus in `input/`). Users add rules with the
/// `residue_rules` option or a `residue_file` of the same format.
///
/// One rule a line: `KIND PATTERN` (`#` starts a comment). Patterns are compared with the
/// line's content: the line trimmed of white space and of a leading list bullet (•, ·, -, *),
/// ignoring ASCII case. Kinds:
/// - `line P`: the line is exactly P. `prefix P`, `suffix P`, `contains P`: starts/ends with P, holds P.
/// - `block P`: the line is exactly P; it goes with the rest of its paragraph (an "Infobox"
///   heading and its "- key: value" lines).
/// - `markup`: the line is raw markup (`<iframe …>`, `</div>`), nothing else.
/// - `timestamps`: the line is only media time stamps ("0:00 0:01:00 0:00").
/// - `caption P`: the line ends with the marker P ("… Emily Feng/NPR hide caption"): the marker
///   and the photo credit before it go, the caption stays (the credit is recognised as the line
///   after the next "toggle caption").
/// - `wiki-heading`: `== Heading ==` lines keep their text without the marks.
/// - `repeated`: a line identical to the previous non-blank line (a standfirst shown twice).
/// - `author-card`: a short name line followed by a paragraph that starts with that name and
///   " is " (the biography card under an article); both lines go.
/// A kind may end in `+N`: the N next non-blank lines go too ("toggle caption" and the photo
/// credit under it).
enum ResidueLexicon {
    static let rules = """
    # Raw markup left in the text (embedded players) and media player chrome
    markup
    timestamps
    line please wait
    line No media source currently available
    line Download
    line Transcript
    line Embed
    line Share
    # Photo credits (NPR: "<caption> <credit> hide caption", "toggle caption", "<credit>"): the caption stays
    caption hide caption
    line+1 toggle caption
    line+2 16x9 Image
    # Cross-links and page chrome
    prefix SEE ALSO:
    prefix READ MORE:
    prefix RELATED:
    line Accessibility links
    line Breaking News
    line Skip to main content
    line Skip to content
    line Skip to navigation
    line To find out more, click here.
    # Repeated standfirst lines and author cards
    repeated
    author-card
    # Wiki text: heading marks, infoboxes
    wiki-heading
    block Infobox
    """
}
