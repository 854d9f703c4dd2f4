//! Markdown masking: which bytes of a Markdown file are prose, and how they group into blocks.

use std::ops::Range;

use pulldown_cmark::{BrokenLink, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{BlockKind, MASK};

/// What the Markdown pass found: the analysis bytes, the prose blocks and the HTML comments.
pub(super) struct Masked {
    pub bytes: Vec<u8>,
    pub blocks: Vec<(Range<usize>, BlockKind)>,
    pub comments: Vec<Range<usize>>,
    /// Whether some reference (`[text][label]`, `[label]`) named no definition in the text:
    /// in a larger file it might have.
    pub broken_references: bool,
}

/// Masks everything in `source` that a reader does not read as prose.
///
/// Markup punctuation (emphasis markers, link brackets, list bullets, heading marks) becomes
/// spaces, so the words around it still touch; content that is not prose (code, HTML, URLs,
/// front matter) becomes [`MASK`], which no rule reads through. Line breaks are kept.
pub(super) fn mask(source: &str) -> Masked {
    let mut bytes: Vec<u8> = source
        .bytes()
        .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_HEADING_ATTRIBUTES;

    // Open containers that can hold prose directly, with the index of the block they make.
    let mut stack: Vec<(BlockKind, Option<usize>)> = Vec::new();
    let mut blocks: Vec<(Range<usize>, BlockKind)> = Vec::new();
    let mut comments = Vec::new();
    // Depth of elements whose text is not prose (code blocks, metadata, images, autolinks).
    let mut opaque = 0usize;

    // The parser reads a lone `\r` as a line ending only in some places; it reads `\n`
    // everywhere. Swapping one byte for another keeps every offset, so a file with lone-CR
    // line endings is parsed exactly as the same file with LF would be.
    let parsed = lone_cr_as_lf(source);
    let broken = std::cell::Cell::new(false);
    let note_broken = |_: BrokenLink<'_>| {
        broken.set(true);
        None
    };
    let parser = Parser::new_with_broken_link_callback(&parsed, options, Some(note_broken));
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => stack.push((BlockKind::Paragraph, None)),
                Tag::Heading { .. } => stack.push((BlockKind::Heading, None)),
                Tag::Item => stack.push((BlockKind::ListItem, None)),
                Tag::TableCell => stack.push((BlockKind::TableCell, None)),
                Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::Image { .. } => {
                    opaque += 1;
                    fill(&mut bytes, range, MASK);
                }
                Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } => {
                    opaque += 1;
                    fill(&mut bytes, range, MASK);
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell => {
                    stack.pop();
                }
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::Image => {
                    opaque = opaque.saturating_sub(1);
                }
                TagEnd::Link if opaque > 0 && is_autolink(source, &range) => {
                    opaque = opaque.saturating_sub(1);
                }
                _ => {}
            },
            Event::Text(_) if opaque == 0 => {
                bytes[range.clone()].copy_from_slice(&source.as_bytes()[range.clone()]);
                add_to_block(&mut stack, &mut blocks, range);
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                fill(&mut bytes, range.clone(), MASK);
                add_to_block(&mut stack, &mut blocks, range);
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                if source[range.clone()].trim_start().starts_with("<!--") {
                    comments.push(comment_range(source, range.clone()));
                }
                fill(&mut bytes, range, MASK);
            }
            _ => {}
        }
    }
    blocks.retain(|(r, _)| !r.is_empty());
    blocks.sort_by_key(|(r, _)| r.start);
    Masked {
        bytes,
        blocks,
        comments,
        broken_references: broken.get(),
    }
}

/// `source` with each `\r` not followed by `\n` replaced by `\n` (borrowed when there is none).
pub(super) fn lone_cr_as_lf(source: &str) -> std::borrow::Cow<'_, str> {
    let bytes = source.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return std::borrow::Cow::Borrowed(source);
    }
    let swapped: String = source
        .char_indices()
        .map(|(i, c)| if c == '\r' && lone(i) { '\n' } else { c })
        .collect();
    std::borrow::Cow::Owned(swapped)
}

fn is_autolink(source: &str, range: &Range<usize>) -> bool {
    source[range.clone()].starts_with('<')
}

/// The comment inside an HTML event, from `<!--` to the end of `-->` (or the event's end).
fn comment_range(source: &str, range: Range<usize>) -> Range<usize> {
    let text = &source[range.clone()];
    let start = range.start + text.find("<!--").unwrap_or(0);
    let end = text
        .find("-->")
        .map_or(range.end, |i| range.start + i + 3)
        .max(start);
    start..end
}

fn add_to_block(
    stack: &mut [(BlockKind, Option<usize>)],
    blocks: &mut Vec<(Range<usize>, BlockKind)>,
    range: Range<usize>,
) {
    let Some((kind, index)) = stack.last_mut() else {
        return;
    };
    match index {
        Some(i) => {
            let block = &mut blocks[*i].0;
            block.start = block.start.min(range.start);
            block.end = block.end.max(range.end);
        }
        None => {
            *index = Some(blocks.len());
            blocks.push((range, *kind));
        }
    }
}

/// Overwrites `range` with `with`, keeping line breaks.
pub(super) fn fill(bytes: &mut [u8], range: Range<usize>, with: u8) {
    for b in &mut bytes[range] {
        if *b != b'\n' && *b != b'\r' {
            *b = with;
        }
    }
}
