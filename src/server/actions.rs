//! Code actions: each diagnostic's fixes, fix-all per rule and for the document, and "ignore
//! here" comments. All are plain workspace edits, so every client can apply them: versioned
//! `documentChanges` for clients that support them, else the plain `changes` map.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use tower_lsp_server::ls_types::*;

use super::encoding::{self, Encoding};
use super::{to_lsp_diagnostic, Analysis};
use crate::diagnostic::{Edit, Fix};
use crate::prose::Format;

/// `source.fixAll.copydesk`.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.copydesk")
}

/// The kind of the document-wide fix-all for a request: exactly `source.fixAll` when the
/// client asked for exactly that (eglot keeps only actions of the very kind it asked for),
/// else `source.fixAll.copydesk`.
fn fix_all_kind_for(only: Option<&[CodeActionKind]>) -> CodeActionKind {
    let exact = only.is_some_and(|kinds| kinds.contains(&CodeActionKind::SOURCE_FIX_ALL));
    if exact {
        CodeActionKind::SOURCE_FIX_ALL
    } else {
        fix_all_kind()
    }
}

/// How a client takes workspace edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EditSupport {
    /// The client advertised `workspace.workspaceEdit.documentChanges`.
    pub document_changes: bool,
}

impl EditSupport {
    pub fn from_capabilities(capabilities: &ClientCapabilities) -> Self {
        let document_changes = capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|e| e.document_changes)
            .unwrap_or(false);
        EditSupport { document_changes }
    }
}

/// Whether the client asked for actions of `kind` (no filter means every kind).
fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|kinds| {
        kinds.iter().any(|k| {
            let (k, kind) = (k.as_str(), kind.as_str());
            kind == k || kind.starts_with(&format!("{k}."))
        })
    })
}

pub fn code_actions(
    uri: &Uri,
    analysis: &Analysis,
    encoding: Encoding,
    support: EditSupport,
    params: &CodeActionParams,
) -> Vec<CodeActionOrCommand> {
    let rope = &analysis.rope;
    let only = params.context.only.as_deref();
    let requested = encoding::to_byte(rope, params.range.start, encoding)
        ..encoding::to_byte(rope, params.range.end, encoding);
    let mut actions = Vec::new();

    if wanted(only, &CodeActionKind::QUICKFIX) {
        let here: Vec<&crate::Diagnostic> = analysis
            .diagnostics
            .iter()
            .map(|d| &**d)
            .filter(|d| d.range.start <= requested.end && requested.start <= d.range.end)
            .collect();
        let source = super::document::text_of(rope);
        // Parsed once, and only if an "ignore" action needs the paragraph.
        let mut parsed: Option<crate::Document> = None;
        let mut rules_here = Vec::new();
        for d in &here {
            let lsp = to_lsp_diagnostic(uri, analysis, d, encoding);
            for fix in &d.fixes {
                actions.push(action(
                    uri,
                    analysis,
                    (encoding, support),
                    &fix.title,
                    CodeActionKind::QUICKFIX,
                    &fix.edits,
                    Some(fix.preferred),
                    vec![lsp.clone()],
                ));
            }
            // Rules whose fixes already include a suppression comment need no second one.
            let has_own = d.fixes.iter().any(|f| {
                f.edits
                    .iter()
                    .any(|e| e.new_text.contains("copydesk-disable"))
            });
            if analysis.format == Format::Markdown
                && d.rule != "unknown-rule-in-comment"
                && !has_own
            {
                let doc =
                    parsed.get_or_insert_with(|| crate::Document::parse(&source, analysis.format));
                let start = doc
                    .block_at(d.range.start)
                    .map_or(d.range.start, |b| b.range.start);
                let (at, comment) =
                    crate::suppress::disable_next_line_comment(&source, start, d.rule);
                actions.push(action(
                    uri,
                    analysis,
                    (encoding, support),
                    &format!("Ignore '{}' in this paragraph", d.rule),
                    CodeActionKind::QUICKFIX,
                    &[Edit::insert(at, comment)],
                    None,
                    vec![lsp],
                ));
            }
            if !rules_here.contains(&d.rule) {
                rules_here.push(d.rule);
            }
        }
        for rule in rules_here {
            let fixes: Vec<&Fix> = analysis
                .diagnostics
                .iter()
                .filter(|d| d.rule == rule)
                .filter_map(|d| d.preferred_fix())
                .collect();
            if fixes.len() > 1 {
                let edits = merge(fixes);
                actions.push(action(
                    uri,
                    analysis,
                    (encoding, support),
                    &format!("Fix all '{rule}' problems in this document"),
                    CodeActionKind::QUICKFIX,
                    &edits,
                    None,
                    Vec::new(),
                ));
            }
        }
    }

    let fix_all = fix_all_kind_for(only);
    if wanted(only, &fix_all) {
        let fixes: Vec<&Fix> = analysis
            .diagnostics
            .iter()
            .filter_map(|d| d.preferred_fix())
            .collect();
        if !fixes.is_empty() {
            let edits = merge(fixes);
            actions.push(action(
                uri,
                analysis,
                (encoding, support),
                "Fix all copydesk problems in this document",
                fix_all,
                &edits,
                None,
                Vec::new(),
            ));
        }
    }
    actions
}

/// The edits of `fixes`, taking each fix whole or not at all, so none overlaps another.
///
/// The edits taken never overlap, so sorted by start they are sorted by end too: whether a
/// new edit clashes is known from its two neighbours, in O(log n).
pub fn merge(mut fixes: Vec<&Fix>) -> Vec<Edit> {
    fixes.sort_by_key(|f| f.edits.first().map(|e| (e.range.start, e.range.end)));
    // Start -> end of every edit taken.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut edits: Vec<Edit> = Vec::new();
    for fix in fixes {
        let clashes = fix.edits.iter().any(|e| clashes(&taken, &e.range));
        if !clashes {
            for e in &fix.edits {
                // An insertion and a replacement may start at one place within a fix.
                let end = taken.entry(e.range.start).or_insert(e.range.end);
                *end = (*end).max(e.range.end);
            }
            edits.extend(fix.edits.iter().cloned());
        }
    }
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    edits
}

/// Whether `range` overlaps one of `taken` (disjoint edits, start -> end).
fn clashes(taken: &BTreeMap<usize, usize>, range: &Range<usize>) -> bool {
    let before = taken
        .range(..=range.start)
        .next_back()
        .is_some_and(|(&start, &end)| overlaps(&(start..end), range));
    let after = taken
        .range(range.start + 1..)
        .next()
        .is_some_and(|(&start, &end)| overlaps(&(start..end), range));
    before || after
}

/// Two edits overlap when they share a byte, or insert at the same place.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.start < b.end && b.start < a.end) || (a.start == b.start && (a.is_empty() || b.is_empty()))
}

#[allow(clippy::too_many_arguments)]
fn action(
    uri: &Uri,
    analysis: &Analysis,
    (encoding, support): (Encoding, EditSupport),
    title: &str,
    kind: CodeActionKind,
    edits: &[Edit],
    preferred: Option<bool>,
    diagnostics: Vec<Diagnostic>,
) -> CodeActionOrCommand {
    let text_edits = edits.iter().map(|e| TextEdit {
        range: encoding::to_range(&analysis.rope, &e.range, encoding),
        new_text: e.new_text.clone(),
    });
    let edit = if support.document_changes {
        // Versioned: a client refuses the edit if the document has changed since.
        WorkspaceEdit {
            changes: None,
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(analysis.version),
                },
                edits: text_edits.map(OneOf::Left).collect(),
            }])),
            change_annotations: None,
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), text_edits.collect())])),
            document_changes: None,
            change_annotations: None,
        }
    };
    CodeActionOrCommand::CodeAction(CodeAction {
        title: title.to_string(),
        kind: Some(kind),
        diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
        edit: Some(edit),
        command: None,
        is_preferred: preferred.filter(|p| *p),
        disabled: None,
        data: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_skips_overlapping_fixes() {
        let a = Fix::new("a", vec![Edit::delete(0..4)]);
        let b = Fix::new("b", vec![Edit::delete(2..6)]);
        let c = Fix::new("c", vec![Edit::delete(4..8), Edit::insert(10, "x")]);
        let d = Fix::new("d", vec![Edit::insert(10, "y")]);
        let merged = merge(vec![&b, &a, &c, &d]);
        assert_eq!(
            merged,
            vec![
                Edit::delete(0..4),
                Edit::delete(4..8),
                Edit::insert(10, "x")
            ]
        );
    }

    /// The definition: each fix taken whole unless one of its edits overlaps one taken.
    fn merge_by_definition(mut fixes: Vec<&Fix>) -> Vec<Edit> {
        fixes.sort_by_key(|f| f.edits.first().map(|e| (e.range.start, e.range.end)));
        let mut taken: Vec<Edit> = Vec::new();
        for fix in fixes {
            if !fix
                .edits
                .iter()
                .any(|e| taken.iter().any(|t| overlaps(&t.range, &e.range)))
            {
                taken.extend(fix.edits.iter().cloned());
            }
        }
        taken.sort_by_key(|e| (e.range.start, e.range.end));
        taken
    }

    #[test]
    fn merge_agrees_with_the_definition() {
        // Pseudo-random fixes of one to three edits, many of them overlapping.
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..300 {
            let fixes: Vec<Fix> = (0..next(12) + 1)
                .map(|i| {
                    let mut at = next(40);
                    let edits = (0..next(3) + 1)
                        .map(|_| {
                            let start = at + next(6);
                            let end = start + next(4);
                            at = end + 1;
                            if end == start {
                                Edit::insert(start, "x")
                            } else {
                                Edit::delete(start..end)
                            }
                        })
                        .collect();
                    Fix::new(format!("f{i}"), edits)
                })
                .collect();
            let refs: Vec<&Fix> = fixes.iter().collect();
            assert_eq!(merge(refs.clone()), merge_by_definition(refs), "{fixes:?}");
        }
    }

    #[test]
    fn fix_all_answers_the_exact_kind_asked_for() {
        let exact = [CodeActionKind::SOURCE_FIX_ALL];
        assert_eq!(
            fix_all_kind_for(Some(&exact)),
            CodeActionKind::SOURCE_FIX_ALL
        );
        assert_eq!(fix_all_kind_for(None), fix_all_kind());
        assert_eq!(
            fix_all_kind_for(Some(&[CodeActionKind::SOURCE])),
            fix_all_kind()
        );
        assert_eq!(fix_all_kind_for(Some(&[fix_all_kind()])), fix_all_kind());
    }

    #[test]
    fn kinds_filter() {
        let fix_all = fix_all_kind();
        assert!(wanted(None, &fix_all));
        assert!(wanted(Some(&[CodeActionKind::SOURCE]), &fix_all));
        assert!(wanted(Some(&[CodeActionKind::SOURCE_FIX_ALL]), &fix_all));
        assert!(!wanted(Some(&[CodeActionKind::QUICKFIX]), &fix_all));
        assert!(!wanted(
            Some(&[CodeActionKind::new("source.fix")]),
            &fix_all
        ));
    }
}
