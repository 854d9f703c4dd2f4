use super::*;

fn md(s: &str) -> Document<'_> {
    Document::parse(s, Format::Markdown)
}

fn txt(s: &str) -> Document<'_> {
    Document::parse(s, Format::Text)
}

/// The prose words of a document.
fn words<'a>(doc: &'a Document<'a>) -> Vec<&'a str> {
    doc.words().map(|w| &doc.source[w.range.clone()]).collect()
}

fn blocks<'a>(doc: &'a Document<'a>) -> Vec<&'a str> {
    doc.blocks
        .iter()
        .map(|b| &doc.source[b.range.clone()])
        .collect()
}

fn sentences(s: &str) -> Vec<&str> {
    let doc = txt(s);
    doc.blocks
        .iter()
        .flat_map(|b| b.sentences.iter().map(|r| &s[r.clone()]))
        .collect()
}

#[test]
fn plain_text_long_lines_ending_a_sentence_are_paragraphs() {
    let long1 =
        "The regional government said on Monday that the storm had flattened several villages.";
    let long2 =
        "Rescue crews pulled more than forty survivors from the collapsed houses by the evening.";
    let src = format!("Title\n\nMay 2, 2024\n\n{long1}\n{long2}\n");
    let doc = txt(&src);
    assert_eq!(blocks(&doc), ["Title", "May 2, 2024", long1, long2]);
    // Wrapped lines, and a long line that does not end a sentence, join their paragraph.
    let src = "A short wrapped line of text\nthat goes on to the next.\n\nNext paragraph.\n";
    assert_eq!(
        blocks(&txt(src)),
        [
            "A short wrapped line of text\nthat goes on to the next.",
            "Next paragraph."
        ]
    );
    let src = format!(
        "{}\nand ends here.\n\nEnd.\n",
        "word ".repeat(20).trim_end()
    );
    assert_eq!(txt(&src).blocks.len(), 2);
}

#[test]
fn analysis_copy_keeps_offsets() {
    let src = "# Title\n\nSome `code` and <b>html</b>.\n";
    let doc = md(src);
    assert_eq!(doc.text.len(), src.len());
    assert_eq!(doc.text.find("Some"), src.find("Some"));
}

#[test]
fn masks_code() {
    let doc = md("Say `the` word.\n\n```\nthe code block\n```\n\n    indented code\n\nEnd.\n");
    assert_eq!(words(&doc), ["Say", "word", "End"]);
}

#[test]
fn masks_front_matter() {
    let doc = md("---\ntitle: Secret words\n---\n\nBody text.\n");
    assert_eq!(words(&doc), ["Body", "text"]);
    let doc = md("+++\ntitle = \"Secret\"\n+++\n\nBody.\n");
    assert_eq!(words(&doc), ["Body"]);
}

#[test]
fn masks_html_and_comments() {
    let doc = md("<div>\nhidden words\n</div>\n\nShown <!-- not shown --> text.\n");
    assert_eq!(words(&doc), ["Shown", "text"]);
    assert_eq!(doc.comments.len(), 1);
}

#[test]
fn masks_urls_but_keeps_link_text() {
    let doc = md("See [the report](https://example.com/a-b) and <https://example.org> or www.example.net/x, mail desk@example.com.\n\n![alt words](pic.png)\n");
    assert_eq!(words(&doc), ["See", "the", "report", "and", "or", "mail"]);
    let doc = txt("Visit https://example.com/page?id=3 today.");
    assert_eq!(words(&doc), ["Visit", "today"]);
}

#[test]
fn masked_content_is_not_white_space() {
    let src = "the `x` the";
    let doc = md(src);
    let between = &doc.text[3..8];
    assert!(between.bytes().any(|b| b == MASK));
}

#[test]
fn markdown_blocks() {
    let doc = md("# Heading one\n\nPara one\ncontinues.\n\n- item one\n- item two\n\n> quoted para\n\n| a | b |\n|---|---|\n| c | d |\n");
    assert_eq!(
        blocks(&doc),
        [
            "Heading one",
            "Para one\ncontinues.",
            "item one",
            "item two",
            "quoted para",
            "a",
            "b",
            "c",
            "d"
        ]
    );
    assert_eq!(doc.blocks[0].kind, BlockKind::Heading);
    assert_eq!(doc.blocks[2].kind, BlockKind::ListItem);
    assert_eq!(doc.blocks[5].kind, BlockKind::TableCell);
}

#[test]
fn plain_text_blocks() {
    assert_eq!(
        blocks(&txt("One\ntwo.\n\nThree.\n")),
        ["One\ntwo.", "Three."]
    );
    // With no blank line anywhere, every line is a paragraph.
    assert_eq!(blocks(&txt("One.\nTwo.\nThree")), ["One.", "Two.", "Three"]);
    assert_eq!(
        blocks(&txt("One\r\ntwo.\r\n\r\nThree.\r\n")),
        ["One\r\ntwo.", "Three."]
    );
}

#[test]
fn sentences_and_abbreviations() {
    assert_eq!(
        sentences("The U.S. Army said so. J.D. Vance spoke. Mr. Cho and Dr. Meier met on Jan. 5 at 2 p.m. on Tuesday. Prices rose 2.2% in No. 10, e.g. Whitehall."),
        [
            "The U.S. Army said so.",
            "J.D. Vance spoke.",
            "Mr. Cho and Dr. Meier met on Jan. 5 at 2 p.m. on Tuesday.",
            "Prices rose 2.2% in No. 10, e.g. Whitehall."
        ]
    );
}

#[test]
fn initials_end_a_sentence_before_a_typical_opener() {
    assert_eq!(
        sentences("It sells in the U.S. The firm grew."),
        ["It sells in the U.S.", "The firm grew."]
    );
}

#[test]
fn closing_quotes_belong_to_their_sentence() {
    assert_eq!(
        sentences("He said: \"It is over.\" Then he left. (She agreed.) \"Why?\" asked Ann."),
        [
            "He said: \"It is over.\"",
            "Then he left.",
            "(She agreed.)",
            "\"Why?\" asked Ann."
        ]
    );
    assert_eq!(sentences("“It is over.” Then"), ["“It is over.”", "Then"]);
}

#[test]
fn lower_case_after_a_stop_continues_the_sentence() {
    assert_eq!(
        sentences("Wait... what happened? Nothing."),
        ["Wait... what happened?", "Nothing."]
    );
}

#[test]
fn words_know_their_sentence_and_quotes() {
    let doc = txt("He said \"yes now\". Then no.");
    let w: Vec<(usize, bool)> = doc.words().map(|w| (w.sentence, w.in_quote)).collect();
    assert_eq!(
        w,
        [
            (0, false),
            (0, false),
            (0, true),
            (0, true),
            (1, false),
            (1, false)
        ]
    );
}

#[test]
fn open_quotation_runs_to_block_end() {
    let doc = txt("\"We will stay,\" she said. \"We have no choice");
    assert_eq!(doc.blocks[0].quotes.len(), 2);
    assert_eq!(doc.blocks[0].quotes[1].end, doc.source.len());
}

#[test]
fn non_ascii_text() {
    let src = "Café 😀 東京 — Sa\u{301}nchez said.\n";
    let doc = md(src);
    assert_eq!(words(&doc), ["Café", "東京", "Sa\u{301}nchez", "said"]);
    assert_eq!(doc.text, src);
}

#[test]
fn crlf_markdown() {
    let src = "# Head\r\n\r\nOne `x` two.\r\n\r\nThree.\r\n";
    let doc = md(src);
    assert_eq!(blocks(&doc), ["Head", "One `x` two.", "Three."]);
    assert_eq!(words(&doc), ["Head", "One", "two", "Three"]);
}

#[test]
fn block_at_finds_the_block() {
    let doc = txt("One.\n\nTwo.");
    assert_eq!(doc.block_at(7).map(|b| b.range.clone()), Some(6..10));
    assert!(doc.block_at(5).is_none());
}
