//! `unknown-rule-in-comment`: a suppression comment names a rule that does not exist.
//!
//! ## What it does
//! Reports rule ids in `<!-- copydesk-… -->` comments that are not copydesk rules.
//!
//! ## Why is this bad?
//! A misspelt id silences nothing, so the comment quietly fails to do its job.

use super::inconsistent_name::distance;
use super::{Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::suppress::directives;

pub struct UnknownRuleInComment;

impl Rule for UnknownRuleInComment {
    fn id(&self) -> &'static str {
        "unknown-rule-in-comment"
    }

    fn default_severity(&self) -> Severity {
        Severity::Warning
    }

    fn summary(&self) -> &'static str {
        "a suppression comment names a rule that does not exist"
    }

    fn check_document(&self, ctx: &Context, out: &mut Vec<Diagnostic>) {
        for d in directives(ctx.doc) {
            for (id, range) in d.rules {
                if super::by_id(&id).is_none() {
                    let hint = super::all()
                        .iter()
                        .map(|r| (distance(r.id(), &id), r.id()))
                        .min_by_key(|&(d, _)| d)
                        .filter(|&(d, _)| d <= 3)
                        .map(|(_, known)| known);
                    let message = match hint {
                        Some(k) => format!("'{id}' is not a copydesk rule; did you mean '{k}'?"),
                        None => format!("'{id}' is not a copydesk rule"),
                    };
                    let mut diag = Diagnostic::new(self.id(), ctx.severity, range.clone(), message);
                    if let Some(k) = hint {
                        diag = diag.with_fix(
                            crate::Fix::new(
                                format!("Change to '{k}'"),
                                vec![crate::Edit::replace(range, k)],
                            )
                            .preferred(),
                        );
                    }
                    out.push(diag);
                }
            }
        }
    }
}
