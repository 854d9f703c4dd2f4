//! The language server: documents, position encodings and the protocol.
//!
//! Nothing outside this module knows LSP exists. Every document mutation happens synchronously,
//! before any `.await`, in the order messages arrive; analysis runs on blocking threads and
//! results for an older version are dropped.

mod actions;
pub mod document;
pub mod encoding;
mod transport;

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use ropey::Rope;
use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use self::document::{OpenDocument, TextId};
use self::encoding::Encoding;
use crate::config::{self, Config, ConfigError};
use crate::incremental::BlockCache;
use crate::prose::Format;

/// Runs the server on standard input and output until the client says `exit`.
pub fn run() -> ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_env("COPYDESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("copydesk: error: cannot start the server: {e}");
            return ExitCode::from(2);
        }
    };
    let clean = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Analyses still running are of no use to anyone now.
    runtime.shutdown_background();
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Serves one client over `input` and `output`. Returns whether the client asked for
/// `shutdown` before `exit` (the process's exit status is 0 then, 1 otherwise).
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let (outbox, outgoing) = tokio::sync::mpsc::unbounded_channel();
    let (service, socket) = LspService::build(move |client| Backend::new(client, flag, outbox))
        .custom_method("copydesk/documentText", Backend::document_text)
        .finish();
    // The library reads only the well-formed messages the framing layer passes on; the
    // server's publishes go to the framing layer directly.
    transport::serve(input, output, outgoing, |input, output| {
        Server::new(input, output, socket).serve(service)
    })
    .await;
    shutdown.load(Ordering::SeqCst)
}

/// A document whose last analysis took longer than this is analysed after a pause in typing;
/// any other is analysed on every change, at once.
const SLOW_ANALYSIS: Duration = Duration::from_millis(16);
/// The longest pause: a document waits as long as its last analysis took, up to this, so
/// that a burst of keystrokes into a slow document costs one analysis, and a document that
/// is only a little slow is kept waiting only a little.
const TYPING_PAUSE: Duration = Duration::from_millis(75);

/// A message for the user: its kind and text.
type Message = (MessageType, String);

/// The findings for one version of a document, with the text and configuration they were
/// computed with. Shared, never copied: hovers and code actions read it as it is.
#[derive(Debug)]
pub(crate) struct Analysis {
    pub version: i32,
    /// The opening of the document it was computed for (see [`OpenDocument::opening`]).
    pub opening: u64,
    /// The configuration generation it was computed under.
    pub generation: u64,
    pub rope: Rope,
    pub format: Format,
    pub config: Config,
    /// Shared with the document's [`BlockCache`], which stores the same findings.
    pub diagnostics: Vec<Arc<crate::Diagnostic>>,
}

impl Analysis {
    /// The identity of the text it was computed on.
    pub fn text_id(&self) -> TextId {
        TextId {
            opening: self.opening,
            version: self.version,
        }
    }
}

/// What one analysis of a document keeps for the next: the findings of its blocks, and the
/// text it analysed with its parse, so the next re-parses only around what changed.
#[derive(Default)]
struct Kept {
    cache: BlockCache,
    last: Option<(String, crate::prose::Parsed)>,
    /// The text `last` holds.
    id: Option<TextId>,
}

#[derive(Default)]
struct State {
    encoding: Encoding,
    documents: HashMap<Uri, OpenDocument>,
    analyses: HashMap<Uri, Arc<Analysis>>,
    /// Per open document, what its last analysis leaves for the next; analyses of one
    /// document take turns on it.
    caches: HashMap<Uri, Arc<Mutex<Kept>>>,
    /// Per open document, how long its last analysis took.
    costs: HashMap<Uri, Duration>,
    /// Settings the client sent under `copydesk`.
    settings: Value,
    roots: Vec<PathBuf>,
    /// Parsed `copydesk.toml` files by path.
    config_files: HashMap<PathBuf, std::result::Result<Config, ConfigError>>,
    /// Problems already shown to the user, so each is shown once.
    shown: HashSet<String>,
    watch_files: bool,
    /// How the client takes workspace edits.
    edit_support: actions::EditSupport,
    /// Bumped whenever settings or configuration files change; findings computed under an
    /// older generation are never published.
    generation: u64,
    /// Openings so far: each `didOpen` takes the next number.
    openings: u64,
}

impl State {
    /// The identity of the current text of `uri`, if it is open.
    fn text_id(&self, uri: &Uri) -> Option<TextId> {
        self.documents.get(uri).map(OpenDocument::text_id)
    }
}

/// The server's state behind the protocol.
pub struct Backend {
    client: Client,
    shutdown: Arc<AtomicBool>,
    state: Arc<Mutex<State>>,
    /// Publishes go here, to the transport, which writes them in the order sent. A result is
    /// checked against the document and sent under one lock of `state`, so publishes go out
    /// in the order their checks passed: an older version's result can never follow a newer
    /// one's.
    outbox: transport::Outbox,
}

impl Backend {
    fn new(client: Client, shutdown: Arc<AtomicBool>, outbox: transport::Outbox) -> Self {
        Backend {
            client,
            shutdown,
            state: Arc::new(Mutex::new(State::default())),
            outbox,
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    /// Analyses the current version of `uri` off the message loop, then publishes the result
    /// unless the document changed meanwhile.
    fn schedule(&self, uri: Uri) {
        let (id, pause) = {
            let st = self.state();
            let Some(id) = st.text_id(&uri) else {
                return;
            };
            let pause = st
                .costs
                .get(&uri)
                .filter(|c| **c > SLOW_ANALYSIS)
                .map(|c| (*c).min(TYPING_PAUSE));
            (id, pause)
        };
        let state = self.state.clone();
        let client = self.client.clone();
        let outbox = self.outbox.clone();
        tokio::spawn(async move {
            // Where analysis is still slow, wait for a pause in typing rather than analysing
            // every keystroke; a newer change makes this task give way to its own (analyse
            // returns nothing for a text that is no longer current).
            if let Some(pause) = pause {
                tokio::time::sleep(pause).await;
            }
            let result = {
                let state = state.clone();
                let uri = uri.clone();
                tokio::task::spawn_blocking(move || analyse(&state, &uri, Some(id))).await
            };
            let Ok(Some((analysis, messages))) = result else {
                return;
            };
            show(&client, messages).await;
            // Checked and sent under one lock: see `Backend::outbox`.
            let mut st = lock(&state);
            if st.text_id(&uri) != Some(analysis.text_id()) || analysis.generation != st.generation
            {
                tracing::debug!(?uri, ?id, "dropping results for an old text");
                return;
            }
            st.analyses.insert(uri.clone(), analysis.clone());
            let publication = Publication {
                uri,
                analysis: Some(analysis),
                encoding: st.encoding,
                ranges: Mutex::default(),
            };
            // Fails only when the transport is gone, and then no one is listening.
            let _ = outbox.send(Box::new(publication));
        });
    }

    /// Re-reads configuration and re-analyses every open document.
    fn reanalyse_all(&self) {
        let uris: Vec<Uri> = {
            let mut st = self.state();
            st.config_files.clear();
            st.generation += 1;
            // A configuration that breaks again is worth saying again.
            st.shown.clear();
            st.documents.keys().cloned().collect()
        };
        for uri in uris {
            self.schedule(uri);
        }
    }

    /// `copydesk/documentText`: the server's copy of an open document and its version, for
    /// checking that a client's edits arrived as meant.
    async fn document_text(&self, params: TextDocumentIdentifier) -> Result<Option<Value>> {
        let st = self.state();
        Ok(st
            .documents
            .get(&params.uri)
            .map(|d| json!({ "version": d.version, "text": document::text_of(&d.rope) })))
    }

    /// The analysis of the document's current version, computing it if need be.
    async fn current_analysis(&self, uri: &Uri) -> Option<(Arc<Analysis>, Encoding)> {
        let (id, encoding, cached) = {
            let st = self.state();
            let doc = st.documents.get(uri)?;
            let cached = st
                .analyses
                .get(uri)
                .filter(|a| a.text_id() == doc.text_id() && a.generation == st.generation)
                .cloned();
            (doc.text_id(), st.encoding, cached)
        };
        if let Some(a) = cached {
            return Some((a, encoding));
        }
        let state = self.state.clone();
        let target = uri.clone();
        let (analysis, messages) =
            tokio::task::spawn_blocking(move || analyse(&state, &target, Some(id)))
                .await
                .ok()??;
        show(&self.client, messages).await;
        // Never answer from an analysis of text the document no longer holds (it was edited,
        // or closed and reopened, meanwhile).
        if self.state().text_id(uri) != Some(analysis.text_id()) {
            return None;
        }
        Some((analysis, encoding))
    }
}

fn lock<T>(state: &Mutex<T>) -> MutexGuard<'_, T> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Analyses the document at `uri` (if its text is still `expected`); returns the analysis
/// and messages to show the user.
fn analyse(
    state: &Mutex<State>,
    uri: &Uri,
    expected: Option<TextId>,
) -> Option<(Arc<Analysis>, Vec<Message>)> {
    let (rope, id, format, path, settings, roots, generation, cache) = {
        let st = lock(state);
        let doc = st.documents.get(uri)?;
        if expected.is_some_and(|id| id != doc.text_id()) {
            return None;
        }
        (
            doc.rope.clone(),
            doc.text_id(),
            doc.format,
            uri.to_file_path().map(|p| p.into_owned()),
            st.settings.clone(),
            st.roots.clone(),
            st.generation,
            st.caches.get(uri).cloned().unwrap_or_default(),
        )
    };
    let mut messages = Vec::new();
    let config = resolve_config(
        state,
        path.as_deref(),
        &roots,
        &settings,
        generation,
        &mut messages,
    );
    // One analysis of a document at a time: what it keeps is the last one's.
    let mut kept = lock(&cache);
    let started = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        kept.id = None;
        let (text, parsed) = parse_kept(kept.last.take(), &rope, format);
        let doc = parsed.document(&text);
        let outcome = kept.cache.check_shared(&doc, &config, generation);
        let parsed = doc.into_parsed();
        kept.last = Some((text, parsed));
        kept.id = Some(id);
        outcome
    }));
    let cost = started.elapsed();
    tracing::debug!(?uri, took = ?cost, bytes = rope.len_bytes(), "analysed");
    if rope.len_bytes() >= LARGE_TEXT {
        release_free_memory();
    }
    if let Some(c) = lock(state).costs.get_mut(uri) {
        *c = cost;
    }
    let outcome = match outcome {
        Ok(o) => o,
        Err(_) => {
            // Whatever the cache holds now is not to be trusted.
            *kept = Kept::default();
            tracing::error!(?uri, "analysis panicked");
            messages.push((
                MessageType::ERROR,
                "copydesk: analysis failed on this document; please report it".to_string(),
            ));
            crate::SharedOutcome::default()
        }
    };
    for f in &outcome.failures {
        tracing::error!(rule = f.rule, message = %f.message, "rule panicked");
        messages.push((
            MessageType::ERROR,
            format!(
                "copydesk: rule '{}' failed ({}); the other rules still ran. Please report this.",
                f.rule, f.message
            ),
        ));
    }
    // Each message once per session.
    {
        let mut st = lock(state);
        messages.retain(|(_, m)| st.shown.insert(m.clone()));
    }
    Some((
        Arc::new(Analysis {
            version: id.version,
            opening: id.opening,
            generation,
            rope,
            format,
            config,
            diagnostics: outcome.diagnostics,
        }),
        messages,
    ))
}

/// The text of `rope` and its parse, from the text and parse the last analysis kept when
/// there are: the kept text is brought up to the rope and parsed again only around the change.
fn parse_kept(
    last: Option<(String, crate::prose::Parsed)>,
    rope: &Rope,
    format: Format,
) -> (String, crate::prose::Parsed) {
    if let Some((mut text, parsed)) = last {
        if parsed.format() == format && parsed.len() == text.len() {
            let parsed = match document::catch_up(&mut text, rope) {
                Some((change, removed)) => {
                    crate::Document::reparse(parsed, &text, change, &removed).into_parsed()
                }
                None => parsed,
            };
            return (text, parsed);
        }
    }
    let text = document::text_of(rope);
    let parsed = crate::Document::parse(&text, format).into_parsed();
    (text, parsed)
}

/// Texts at least this long have the memory their analysis freed given back to the system.
const LARGE_TEXT: usize = 1 << 20;

/// Gives memory the allocator holds free back to the system.
///
/// glibc's allocator keeps an arena per thread and keeps what is freed in an arena for later.
/// Analyses run on whichever blocking thread is free, so without this every arena would keep
/// the working memory of a whole analysis of a long draft (its words, sentences and copies of
/// the text): with a 10 MB draft open, a few keystrokes took the server from 0.4 GB to over
/// 1 GB resident although what it held never grew.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_free_memory() {
    extern "C" {
        fn malloc_trim(pad: usize) -> std::ffi::c_int;
    }
    let started = Instant::now();
    // SAFETY: `malloc_trim` takes no pointers; it only returns free pages to the system and
    // may be called from any thread at any time.
    unsafe {
        malloc_trim(0);
    }
    tracing::debug!(took = ?started.elapsed(), "free memory given back");
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_free_memory() {}

/// The configuration for a document: the nearest `copydesk.toml` (from the file's folder, or a
/// workspace root), overridden by client settings. Problems become messages and defaults.
fn resolve_config(
    state: &Mutex<State>,
    path: Option<&Path>,
    roots: &[PathBuf],
    settings: &Value,
    generation: u64,
    messages: &mut Vec<Message>,
) -> Config {
    let found = path
        .and_then(Path::parent)
        .and_then(config::discover)
        .or_else(|| roots.iter().find_map(|r| config::discover(r)));
    let base = match found {
        None => Config::default(),
        Some(file) => {
            let cached = lock(state).config_files.get(&file).cloned();
            let parsed = cached.unwrap_or_else(|| {
                let parsed = Config::load(&file);
                // Not if the files changed while this one was read: it may be stale already.
                let mut st = lock(state);
                if st.generation == generation {
                    st.config_files.insert(file.clone(), parsed.clone());
                }
                parsed
            });
            parsed.unwrap_or_else(|e| {
                messages.push((
                    MessageType::ERROR,
                    format!("copydesk: {e} (using default settings)"),
                ));
                Config::default()
            })
        }
    };
    if settings.is_null() {
        return base;
    }
    base.with_settings(settings).unwrap_or_else(|e| {
        messages.push((
            MessageType::ERROR,
            format!("copydesk: {e} (ignoring editor settings)"),
        ));
        base
    })
}

async fn show(client: &Client, messages: Vec<Message>) {
    for (kind, message) in messages {
        client.show_message(kind, message).await;
    }
}

fn severity(s: crate::Severity) -> DiagnosticSeverity {
    match s {
        crate::Severity::Error => DiagnosticSeverity::ERROR,
        crate::Severity::Warning => DiagnosticSeverity::WARNING,
        crate::Severity::Information => DiagnosticSeverity::INFORMATION,
        crate::Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The LSP form of one diagnostic. `data` carries the fixes, so a client can show them without
/// asking again.
pub(crate) fn to_lsp_diagnostic(
    uri: &Uri,
    analysis: &Analysis,
    d: &crate::Diagnostic,
    encoding: Encoding,
) -> Diagnostic {
    let rope = &analysis.rope;
    let wire = lsp_diagnostic(uri, analysis, d, &mut |r| {
        encoding::to_range(rope, r, encoding)
    });
    // The wire form is the one definition; the typed form, wanted only by a code action's few
    // diagnostics, is read back from it.
    serde_json::to_value(&wire)
        .and_then(serde_json::from_value)
        .unwrap_or_else(|_| Diagnostic::new_simple(wire.range, d.message.clone()))
}

/// An LSP diagnostic as it goes on the wire, borrowing its text from the finding: a publish of
/// thousands of findings copies none of their messages, titles or the document's URI. Fields
/// are those of the LSP `Diagnostic`, in its order.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct WireDiagnostic<'a> {
    range: Range,
    severity: DiagnosticSeverity,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code_description: Option<WireHref<'a>>,
    source: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    related_information: Option<Vec<WireRelated<'a>>>,
    data: WireData<'a>,
}

#[derive(serde::Serialize)]
struct WireHref<'a> {
    href: &'a Uri,
}

#[derive(serde::Serialize)]
struct WireRelated<'a> {
    location: WireLocation<'a>,
    message: &'a str,
}

#[derive(serde::Serialize)]
struct WireLocation<'a> {
    uri: &'a Uri,
    range: Range,
}

/// The server keeps each version's findings, so code actions are rebuilt from these: the
/// version and the fix titles, never the (possibly document-wide) edits.
#[derive(serde::Serialize)]
struct WireData<'a> {
    version: i32,
    fixes: Vec<&'a str>,
}

/// [`to_lsp_diagnostic`]'s wire form, with byte ranges turned into LSP ranges by `range`: its
/// primary range first, then each related place's, in order.
fn lsp_diagnostic<'a>(
    uri: &'a Uri,
    analysis: &Analysis,
    d: &'a crate::Diagnostic,
    range: &mut dyn FnMut(&std::ops::Range<usize>) -> Range,
) -> WireDiagnostic<'a> {
    WireDiagnostic {
        range: range(&d.range),
        severity: severity(d.severity),
        code: d.rule,
        code_description: docs_link(d.rule).map(|href| WireHref { href }),
        source: "copydesk",
        message: &d.message,
        related_information: (!d.related.is_empty()).then(|| {
            d.related
                .iter()
                .map(|r| WireRelated {
                    location: WireLocation {
                        uri,
                        range: range(&r.range),
                    },
                    message: &r.message,
                })
                .collect()
        }),
        data: WireData {
            version: analysis.version,
            fixes: d.fixes.iter().map(|f| f.title.as_str()).collect(),
        },
    }
}

/// The link to a rule's documentation page, parsed once per rule; `None` for a rule with no
/// page (every rule has one).
fn docs_link(rule: &str) -> Option<&'static Uri> {
    static LINKS: std::sync::LazyLock<HashMap<&'static str, Uri>> =
        std::sync::LazyLock::new(|| {
            crate::rules::all()
                .iter()
                .filter_map(|r| {
                    Some((r.id(), Uri::from_str(&crate::rules::docs_url(r.id())).ok()?))
                })
                .collect()
        });
    LINKS.get(rule)
}

/// A `textDocument/publishDiagnostics` notification, turned into LSP form and JSON one
/// diagnostic at a time as the transport writes it (see [`transport::Body`]), so a publish is
/// never held whole in memory.
struct Publication {
    uri: Uri,
    /// The findings to publish; none (an empty list, no version) when the document closed.
    analysis: Option<Arc<Analysis>>,
    encoding: Encoding,
    /// The LSP ranges of the findings, in the order [`lsp_diagnostic`] asks for them, worked out
    /// in one walk of the rope before the first writing (which counts the length) and reused
    /// by the second.
    ranges: Mutex<Vec<Range>>,
}

impl transport::Body for Publication {
    fn write(&self, out: &mut dyn FnMut(&[u8]) -> bool) {
        /// Bytes gathered before they are passed on.
        const BATCH: usize = 16 * 1024;
        let mut buf: Vec<u8> = Vec::with_capacity(BATCH * 2);
        buf.extend_from_slice(
            br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#,
        );
        if serde_json::to_writer(&mut buf, &self.uri).is_err() {
            buf.extend_from_slice(b"null");
        }
        buf.extend_from_slice(br#","diagnostics":["#);
        if let Some(analysis) = &self.analysis {
            let mut known = lock(&self.ranges);
            let rope = &analysis.rope;
            if known.is_empty() {
                *known = lsp_ranges(rope, &analysis.diagnostics, self.encoding);
            }
            let mut next = 0;
            let mut range = |r: &std::ops::Range<usize>| {
                // Every range was worked out above; the rope is read again only for one that
                // was not.
                let found = known
                    .get(next)
                    .copied()
                    .unwrap_or_else(|| encoding::to_range(rope, r, self.encoding));
                next += 1;
                found
            };
            let mut first = true;
            for d in &analysis.diagnostics {
                let at = buf.len();
                if !first {
                    buf.push(b',');
                }
                let lsp = lsp_diagnostic(&self.uri, analysis, d, &mut range);
                if serde_json::to_writer(&mut buf, &lsp).is_err() {
                    buf.truncate(at);
                    continue;
                }
                first = false;
                if buf.len() >= BATCH {
                    if !out(&buf) {
                        return;
                    }
                    buf.clear();
                }
            }
        }
        buf.push(b']');
        if let Some(analysis) = &self.analysis {
            buf.extend_from_slice(format!(r#","version":{}"#, analysis.version).as_bytes());
        }
        buf.extend_from_slice(b"}}");
        out(&buf);
    }
}

/// The LSP ranges of `diagnostics`, in the order [`lsp_diagnostic`] asks for them (each
/// finding's own range, then its related places'), found in one walk of the rope.
fn lsp_ranges(
    rope: &Rope,
    diagnostics: &[Arc<crate::Diagnostic>],
    encoding: Encoding,
) -> Vec<Range> {
    let mut offsets = Vec::with_capacity(diagnostics.len() * 2);
    for d in diagnostics {
        for r in std::iter::once(&d.range).chain(d.related.iter().map(|r| &r.range)) {
            offsets.push(r.start);
            offsets.push(r.end);
        }
    }
    encoding::to_positions(rope, &offsets, encoding)
        .chunks_exact(2)
        .map(|p| Range::new(p[0], p[1]))
        .collect()
}

/// Markdown or plain text, from the language id or the file name; `None` for other files.
fn format_of(uri: &Uri, language: &str) -> Option<Format> {
    let path = uri.path().as_str().to_ascii_lowercase();
    match language {
        "markdown" => Some(Format::Markdown),
        "plaintext" | "text" => Some(if path.ends_with(".md") || path.ends_with(".markdown") {
            Format::Markdown
        } else {
            Format::Text
        }),
        _ if path.ends_with(".md") || path.ends_with(".markdown") => Some(Format::Markdown),
        _ if path.ends_with(".txt") => Some(Format::Text),
        _ => None,
    }
}

/// The `copydesk` part of settings sent by a client (or the whole object, if it has none).
/// Anything that is not an object (null, or the empty list some clients send) is no settings.
fn copydesk_settings(value: Option<Value>) -> Value {
    let inner = match value {
        Some(Value::Object(mut map)) => map.remove("copydesk").unwrap_or(Value::Object(map)),
        _ => Value::Null,
    };
    if inner.is_object() {
        inner
    } else {
        Value::Null
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = Encoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
            .collect();
        #[allow(deprecated)]
        if let Some(root) = params.root_uri.as_ref().and_then(|u| u.to_file_path()) {
            roots.push(root.into_owned());
        }
        let watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        {
            let mut st = self.state();
            st.encoding = encoding;
            st.roots = roots;
            st.settings = copydesk_settings(params.initialization_options);
            st.watch_files = watch;
            st.edit_support = actions::EditSupport::from_capabilities(&params.capabilities);
        }
        tracing::info!(?encoding, "initialized");
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "copydesk".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                        ..Default::default()
                    },
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::SOURCE_FIX_ALL,
                            actions::fix_all_kind(),
                        ]),
                        resolve_provider: Some(false),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                ..Default::default()
            },
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if !self.state().watch_files {
            return;
        }
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String(format!("**/{}", config::FILE_NAME)),
                kind: None,
            }],
        };
        let registration = Registration {
            id: "copydesk-config-watcher".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        // Off the message loop: a client that exits before answering must not hold up the exit.
        let client = self.client.clone();
        tokio::spawn(async move {
            if let Err(e) = client.register_capability(vec![registration]).await {
                tracing::warn!("could not watch {}: {e}", config::FILE_NAME);
            }
        });
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let Some(format) = format_of(&doc.uri, &doc.language_id) else {
            tracing::debug!(uri = ?doc.uri, language = doc.language_id, "not a draft; ignored");
            return;
        };
        {
            let mut st = self.state();
            st.openings += 1;
            let mut open = OpenDocument::new(&doc.text, doc.version, format);
            open.opening = st.openings;
            // Findings for an earlier opening of the URI are of another text.
            st.analyses.remove(&doc.uri);
            st.caches.insert(doc.uri.clone(), Arc::default());
            st.costs.insert(doc.uri.clone(), Duration::ZERO);
            st.documents.insert(doc.uri.clone(), open);
        }
        self.schedule(doc.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        {
            let mut st = self.state();
            let encoding = st.encoding;
            let Some(doc) = st.documents.get_mut(&uri) else {
                tracing::warn!(?uri, "change for a document that is not open; ignored");
                return;
            };
            if version <= doc.version {
                tracing::warn!(
                    ?uri,
                    version,
                    current = doc.version,
                    "stale change; ignored"
                );
                return;
            }
            doc.apply(&params.content_changes, version, encoding);
        }
        self.schedule(uri);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let saved_config = params
            .text_document
            .uri
            .path()
            .as_str()
            .ends_with(config::FILE_NAME);
        if saved_config {
            self.reanalyse_all();
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let mut st = self.state();
        st.analyses.remove(&uri);
        st.caches.remove(&uri);
        st.costs.remove(&uri);
        if st.documents.remove(&uri).is_some() {
            // Under the lock: after any publish whose check passed before the document closed.
            let publication = Publication {
                uri,
                analysis: None,
                encoding: st.encoding,
                ranges: Mutex::default(),
            };
            let _ = self.outbox.send(Box::new(publication));
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        // `null` asks the server to pull settings, which it does not: keep what it has.
        if params.settings.is_null() {
            return;
        }
        self.state().settings = copydesk_settings(Some(params.settings));
        self.reanalyse_all();
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        self.reanalyse_all();
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        let Some((analysis, encoding)) = self.current_analysis(&uri).await else {
            return Ok(None);
        };
        let support = self.state().edit_support;
        let actions = actions::code_actions(&uri, &analysis, encoding, support, &params);
        Ok((!actions.is_empty()).then_some(actions))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = params.text_document_position_params.text_document.uri;
        let position = params.text_document_position_params.position;
        let Some((analysis, encoding)) = self.current_analysis(&uri).await else {
            return Ok(None);
        };
        let kept = self.state().caches.get(&uri).cloned();
        let found = tokio::task::spawn_blocking(move || {
            let offset = encoding::to_byte(&analysis.rope, position, encoding);
            let hover = |doc: &crate::Document| {
                catch_unwind(AssertUnwindSafe(|| {
                    crate::hover(doc, &analysis.config, offset)
                }))
                .ok()
                .flatten()
            };
            // The parse the last analysis kept, when it is of this text and no analysis is
            // using it: a long draft is not parsed again for a hover.
            if let Some(mut kept) = kept.as_ref().and_then(|k| k.try_lock().ok()) {
                let fits = kept.id == Some(analysis.text_id())
                    && kept
                        .last
                        .as_ref()
                        .is_some_and(|(_, p)| p.format() == analysis.format);
                if let Some((text, parsed)) = fits.then(|| kept.last.take()).flatten() {
                    let doc = parsed.document(&text);
                    let found = hover(&doc);
                    let parsed = doc.into_parsed();
                    kept.last = Some((text, parsed));
                    return found;
                }
            }
            let text = document::text_of(&analysis.rope);
            hover(&crate::Document::parse(&text, analysis.format))
        })
        .await
        .ok()
        .flatten();
        Ok(found.map(|markdown| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: markdown,
            }),
            range: None,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A publish's wire form is an LSP diagnostic with nothing lost: read back as the typed
    /// form and written again, it is the same JSON.
    #[test]
    fn wire_diagnostics_are_lsp_diagnostics() {
        let text = "Kim Jong Un spoke. Then Kim Jong-un left. Kim Jong Un slept.\n\nThe the storm killed 40 people. “Open.\n";
        let doc = crate::Document::parse(text, Format::Markdown);
        let config = Config::default();
        let found = crate::check_document(&doc, &config).diagnostics;
        assert!(found.iter().any(|d| !d.related.is_empty()));
        assert!(found.iter().any(|d| !d.fixes.is_empty()));
        let analysis = Analysis {
            version: 7,
            opening: 0,
            generation: 0,
            rope: Rope::from_str(text),
            format: Format::Markdown,
            config,
            diagnostics: found.into_iter().map(Arc::new).collect(),
        };
        let uri = Uri::from_str("file:///draft.md").unwrap();
        for d in &analysis.diagnostics {
            let rope = &analysis.rope;
            let wire = lsp_diagnostic(&uri, &analysis, d, &mut |r| {
                encoding::to_range(rope, r, Encoding::Utf16)
            });
            let wire = serde_json::to_value(&wire).unwrap();
            let typed = to_lsp_diagnostic(&uri, &analysis, d, Encoding::Utf16);
            assert_eq!(serde_json::to_value(&typed).unwrap(), wire);
            assert_eq!(typed.code, Some(NumberOrString::String(d.rule.to_string())));
            assert!(typed.code_description.is_some());
            assert_eq!(
                typed.related_information.map_or(0, |r| r.len()),
                d.related.len()
            );
            assert_eq!(wire["data"]["version"], 7);
            assert_eq!(
                wire["data"]["fixes"].as_array().map(Vec::len),
                Some(d.fixes.len())
            );
        }
    }
}
