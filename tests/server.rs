//! The language server through its real transport: framed JSON-RPC over pipes.

mod common;

use common::{apply_workspace_edit, TestClient};
use serde_json::{json, Value};

const URI: &str = "file:///drafts/story.md";

fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

fn pos(v: &Value) -> (u64, u64) {
    (
        v["line"].as_u64().unwrap(),
        v["character"].as_u64().unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_announces_capabilities_and_negotiates_encoding() {
    let (client, init) = TestClient::start(Some(&["utf-32", "utf-16"]), Value::Null).await;
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-32");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["hoverProvider"], true);
    let kinds = caps["codeActionProvider"]["codeActionKinds"]
        .as_array()
        .unwrap();
    assert!(kinds.contains(&json!("quickfix")) && kinds.contains(&json!("source.fixAll.copydesk")));
    assert_eq!(init["serverInfo"]["name"], "copydesk");
    assert!(client.stop().await, "clean exit after shutdown");

    let (client, init) = TestClient::start(None, Value::Null).await;
    assert_eq!(
        init["capabilities"]["positionEncoding"], "utf-16",
        "default when none offered"
    );
    client.stop().await;
    let (client, init) = TestClient::start(Some(&["utf-7", "utf-8"]), Value::Null).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    client.stop().await;
}

/// Opens "😀 Café … the the" and checks where the diagnostic lands in each encoding.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostic_ranges_in_each_encoding() {
    let text = "# Title\n\n😀 Café 東京 towards the the coast.\n";
    for (encoding, start) in [("utf-8", 30u64), ("utf-16", 23), ("utf-32", 22)] {
        let (mut client, _) = TestClient::start(Some(&[encoding]), Value::Null).await;
        client.open(URI, "markdown", 1, text).await;
        let diags = client.diagnostics(URI, 1).await;
        assert_eq!(diags.len(), 1, "{diags:#?}");
        let d = &diags[0];
        assert_eq!(pos(&d["range"]["start"]), (2, start), "{encoding}");
        assert_eq!(pos(&d["range"]["end"]), (2, start + 3), "{encoding}");
        assert_eq!(d["code"], "repeated-word");
        assert_eq!(d["source"], "copydesk");
        assert_eq!(d["severity"], 2);
        assert!(d["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("repeated-word.md"));
        assert_eq!(d["relatedInformation"][0]["message"], "first written here");
        assert_eq!(d["data"]["version"], 1);
        assert_eq!(d["data"]["fixes"][0], "Delete the second 'the'");
        client.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_edits_with_emoji_cjk_and_crlf() {
    for encoding in ["utf-8", "utf-16", "utf-32"] {
        let (mut client, _) = TestClient::start(Some(&[encoding]), Value::Null).await;
        let mut text = "😀 東京\r\nsecond line é\r\nthird".to_string();
        client.open(URI, "markdown", 1, &text).await;
        // Each edit: a range computed on the current text with the reference converter.
        let edits = [
            ((0, 99), (0, 99), " end"),        // past the end of line 0: end of line
            ((1, 0), (1, 6), "2nd"),           // replace "second"
            ((2, 5), (2, 5), "\r\nfourth 😀"), // new CRLF line at the end
            ((0, 0), (1, 0), ""),              // delete the first line and its CRLF
            ((9, 0), (9, 0), "!"),             // past the end of the document
        ];
        for (i, (start, end, new)) in edits.iter().enumerate() {
            let r = range(start.0, start.1, end.0, end.1);
            let a = common::offset(&text, &r["start"], encoding);
            let b = common::offset(&text, &r["end"], encoding);
            text.replace_range(a..b, new);
            client
                .change(URI, 2 + i as i64, json!([{"range": r, "text": new}]))
                .await;
        }
        let (version, server_text) = client.text(URI).await;
        assert_eq!(version, 6);
        assert_eq!(server_text, text, "{encoding}");
        assert_eq!(server_text, "2nd line é\r\nthird\r\nfourth 😀!");
        client.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rapid_changes_apply_in_order() {
    let (mut client, _) = TestClient::start(Some(&["utf-16"]), Value::Null).await;
    client.open(URI, "markdown", 1, "").await;
    let mut expected = String::new();
    for i in 0..500u32 {
        let piece = if i % 50 == 49 {
            "\n".to_string()
        } else {
            ((b'a' + (i % 26) as u8) as char).to_string()
        };
        // Insert at the end, computed from the expected text.
        let end = json!({"line": expected.matches('\n').count(), "character": expected.rsplit('\n').next().unwrap().len()});
        client
            .change(
                URI,
                2 + i as i64,
                json!([{"range": {"start": end, "end": end}, "text": piece}]),
            )
            .await;
        expected.push_str(&piece);
    }
    let (version, text) = client.text(URI).await;
    assert_eq!(version, 501);
    assert_eq!(text, expected);
    // The last version's diagnostics are published; older ones may be dropped.
    client.diagnostics(URI, 501).await;
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stale_and_unknown_changes_are_ignored() {
    let (mut client, _) = TestClient::start(None, Value::Null).await;
    client.open(URI, "markdown", 5, "Hello.").await;
    client.change(URI, 4, json!([{"text": "stale"}])).await;
    client
        .change(URI, 5, json!([{"text": "same version"}]))
        .await;
    client
        .change("file:///nowhere.md", 9, json!([{"text": "x"}]))
        .await;
    assert_eq!(client.text(URI).await, (5, "Hello.".to_string()));
    client.change(URI, 6, json!([{"text": "the the"}])).await;
    assert_eq!(client.diagnostics(URI, 6).await.len(), 1);
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_actions_apply_fixes() {
    let (mut client, _) = TestClient::start(Some(&["utf-16"]), Value::Null).await;
    let text = "# Floods\n\n😀 Shelters opened on on Tuesday.\n\nIt reached the the coast.\n";
    client.open(URI, "markdown", 1, text).await;
    let diags = client.diagnostics(URI, 1).await;
    assert_eq!(diags.len(), 2);
    let actions = client
        .code_actions(URI, diags[0]["range"].clone(), None)
        .await;
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Delete the second 'on'",
            "Ignore 'repeated-word' in this paragraph",
            "Fix all 'repeated-word' problems in this document",
            "Fix all copydesk problems in this document",
        ]
    );
    let quick = &actions[0];
    assert_eq!(quick["kind"], "quickfix");
    assert_eq!(quick["isPreferred"], true);
    assert_eq!(
        quick["edit"]["documentChanges"][0]["textDocument"]["version"],
        1
    );
    assert_eq!(
        apply_workspace_edit(text, &quick["edit"], "utf-16"),
        "# Floods\n\n😀 Shelters opened on Tuesday.\n\nIt reached the the coast.\n"
    );
    assert_eq!(
        apply_workspace_edit(text, &actions[1]["edit"], "utf-16"),
        "# Floods\n\n<!-- copydesk-disable-next-line repeated-word -->\n😀 Shelters opened on on Tuesday.\n\nIt reached the the coast.\n"
    );
    let fixed_all = "# Floods\n\n😀 Shelters opened on Tuesday.\n\nIt reached the coast.\n";
    assert_eq!(
        apply_workspace_edit(text, &actions[2]["edit"], "utf-16"),
        fixed_all
    );
    assert_eq!(actions[3]["kind"], "source.fixAll.copydesk");
    assert_eq!(
        apply_workspace_edit(text, &actions[3]["edit"], "utf-16"),
        fixed_all
    );

    // Asking only for fix-all.
    let only = client
        .code_actions(URI, range(0, 0, 0, 0), Some(&["source.fixAll"]))
        .await;
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["kind"], "source.fixAll", "the very kind asked for");
    let only = client
        .code_actions(URI, range(0, 0, 0, 0), Some(&["source.fixAll.copydesk"]))
        .await;
    assert_eq!(only.len(), 1);
    assert_eq!(only[0]["kind"], "source.fixAll.copydesk");
    // Nothing here.
    assert!(client
        .code_actions(URI, range(0, 0, 0, 3), Some(&["quickfix"]))
        .await
        .is_empty());
    client.stop().await;
}

/// A client that does not advertise `documentChanges` (eglot, many small clients) gets the
/// plain `changes` map, and can reach fix-all with the kind it asks for.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_actions_without_document_changes() {
    let (mut client, init) = TestClient::start_with_capabilities(
        json!({ "textDocument": { "codeAction": {} } }),
        Value::Null,
    )
    .await;
    let kinds = &init["capabilities"]["codeActionProvider"]["codeActionKinds"];
    assert!(kinds.as_array().unwrap().contains(&json!("source.fixAll")));
    let text = "Shelters opened on on Tuesday. It reached the the coast.\n";
    client.open(URI, "plaintext", 1, text).await;
    let diags = client.diagnostics(URI, 1).await;
    assert_eq!(diags.len(), 2);
    let actions = client
        .code_actions(URI, diags[0]["range"].clone(), None)
        .await;
    assert!(!actions.is_empty());
    for action in &actions {
        let edit = &action["edit"];
        assert!(edit.get("documentChanges").is_none(), "{edit}");
        assert!(edit["changes"][URI].is_array(), "{edit}");
    }
    assert_eq!(
        apply_workspace_edit(text, &actions[0]["edit"], "utf-16"),
        "Shelters opened on Tuesday. It reached the the coast.\n"
    );
    let fix_all = client
        .code_actions(URI, range(0, 0, 0, 0), Some(&["source.fixAll"]))
        .await;
    assert_eq!(fix_all.len(), 1);
    assert_eq!(fix_all[0]["kind"], "source.fixAll");
    assert_eq!(
        apply_workspace_edit(text, &fix_all[0]["edit"], "utf-16"),
        "Shelters opened on Tuesday. It reached the coast.\n"
    );
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suppression_comments_and_close() {
    let (mut client, _) = TestClient::start(None, Value::Null).await;
    let text = "<!-- copydesk-disable-next-line repeated-word -->\nthe the\n\n<!-- copydesk-disable repeated-wrod -->\n";
    client.open(URI, "markdown", 1, text).await;
    let diags = client.diagnostics(URI, 1).await;
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["code"], "unknown-rule-in-comment");
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let cleared = client
        .wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == URI && p["diagnostics"] == json!([])
        })
        .await;
    assert!(cleared["diagnostics"].as_array().unwrap().is_empty());
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_and_config_files() {
    let dir = std::env::temp_dir().join(format!("copydesk-server-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("copydesk.toml"),
        "[rules]\nrepeated-word = \"loud\"\n",
    )
    .unwrap();
    let uri = format!("file://{}/draft.md", dir.display());
    let (mut client, _) = TestClient::start(None, Value::Null).await;
    client.open(&uri, "markdown", 1, "the the").await;
    let message = client.wait_for("window/showMessage", |_| true).await;
    let text = message["message"].as_str().unwrap();
    assert!(text.contains("copydesk.toml:2:"), "{text}");
    assert_eq!(message["type"], 1, "error");
    // The server keeps running with defaults.
    assert_eq!(client.diagnostics(&uri, 1).await.len(), 1);

    // Fixed on disk, then the watcher says so.
    std::fs::write(
        dir.join("copydesk.toml"),
        "[rules]\nrepeated-word = \"off\"\n",
    )
    .unwrap();
    client
        .notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": format!("file://{}/copydesk.toml", dir.display()), "type": 2}]}))
        .await;
    assert!(client.diagnostics(&uri, 1).await.is_empty());

    // Client settings override the file.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"copydesk": {"rules": {"repeated-word": "error"}}}}),
        )
        .await;
    let diags = client.diagnostics(&uri, 1).await;
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["severity"], 1);

    // Broken again, in the same way: said again.
    std::fs::write(
        dir.join("copydesk.toml"),
        "[rules]\nrepeated-word = \"loud\"\n",
    )
    .unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": format!("file://{}/copydesk.toml", dir.display()), "type": 2}]}),
        )
        .await;
    let again = client.wait_for("window/showMessage", |_| true).await;
    assert!(again["message"]
        .as_str()
        .unwrap()
        .contains("copydesk.toml:2:"));
    client.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialization_options_are_settings() {
    let (mut client, _) = TestClient::start(
        None,
        json!({"copydesk": {"rules": {"repeated-word": "hint"}}}),
    )
    .await;
    client.open(URI, "markdown", 1, "the the").await;
    assert_eq!(client.diagnostics(URI, 1).await[0]["severity"], 4);
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_languages_are_ignored_and_big_files_analysed() {
    let (mut client, _) = TestClient::start(None, Value::Null).await;
    client
        .open("file:///src/main.rs", "rust", 1, "the the")
        .await;
    let big = "A sentence that is long enough to take some room on the page.\n\n".repeat(170_000)
        + "the the\n";
    assert!(big.len() > 10_000_000);
    client
        .open("file:///drafts/big.txt", "plaintext", 1, &big)
        .await;
    // A debug build analyses 10 MB in tens of seconds; this test is about correctness.
    let diags = client
        .diagnostics_within(
            "file:///drafts/big.txt",
            1,
            std::time::Duration::from_secs(180),
        )
        .await;
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["range"]["start"]["line"], 340_000);
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_without_shutdown_is_not_clean() {
    let (mut client, _) = TestClient::start(None, Value::Null).await;
    client.notify("exit", Value::Null).await;
    let clean = tokio::time::timeout(std::time::Duration::from_secs(10), client.server)
        .await
        .unwrap()
        .unwrap();
    assert!(!clean);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_explains_figures_and_names() {
    let (mut client, _) = TestClient::start(Some(&["utf-16"]), Value::Null).await;
    let text =
        "😀 Recep Tayyip Erdoğan spoke. Erdoğan left, officials said. Erdogan lost $5 billion.\n";
    client.open(URI, "markdown", 1, text).await;
    client.diagnostics(URI, 1).await;
    let hover = |character: u32| json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": character}});
    // "Erdogan" (UTF-16 column: the emoji counts two).
    let col = text[..text.find("Erdogan").unwrap()].encode_utf16().count() as u32;
    let h = client.request("textDocument/hover", hover(col + 2)).await;
    let value = h["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("'Erdoğan' ×2 — preferred (keeps the diacritics)"),
        "{value}"
    );
    let col = text[..text.find("$5").unwrap()].encode_utf16().count() as u32;
    let h = client.request("textDocument/hover", hover(col + 1)).await;
    let value = h["contents"]["value"].as_str().unwrap();
    // A new claim about a new subject: the officials' word on Erdoğan leaving does not cover it.
    assert!(
        value.contains("'$5 billion': money") && value.contains("needs a source"),
        "{value}"
    );
    assert_eq!(
        client.request("textDocument/hover", hover(0)).await,
        Value::Null
    );
    client.stop().await;
}

/// After edits, the server re-parses only around each change and answers hovers from the parse
/// it kept: what a hover says must be what it says on the same text opened afresh.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hovers_after_edits_match_a_fresh_open() {
    let (mut client, _) = TestClient::start(Some(&["utf-16"]), Value::Null).await;
    let text = "# Floods\n\nErdoğan spoke.\n\n- Officials said 95 people died.\n\nErdogan lost $5 billion.\n";
    client.open(URI, "markdown", 1, text).await;
    client.diagnostics(URI, 1).await;
    // Type into the list item, then add a paragraph after it.
    let at = |line: u32, character: u32| json!({"line": line, "character": character});
    let typed = json!([{"range": {"start": at(4, 2), "end": at(4, 2)}, "text": "Later, "}]);
    client.change(URI, 2, typed).await;
    client.diagnostics(URI, 2).await;
    let added = json!([{"range": {"start": at(5, 0), "end": at(5, 0)}, "text": "\nAbout 3,000 homes were lost.\n"}]);
    client.change(URI, 3, added).await;
    client.diagnostics(URI, 3).await;
    let (_, edited) = client.text(URI).await;
    assert!(edited.contains("About 3,000 homes were lost."), "{edited}");
    const FRESH: &str = "file:///tmp/fresh.md";
    client.open(FRESH, "markdown", 1, &edited).await;
    client.diagnostics(FRESH, 1).await;
    let mut compared = 0;
    for (line, text) in edited.lines().enumerate() {
        for character in 0..text.encode_utf16().count() as u32 {
            let position = json!({"line": line, "character": character});
            let mut answers = Vec::new();
            for uri in [URI, FRESH] {
                let h = client
                    .request(
                        "textDocument/hover",
                        json!({"textDocument": {"uri": uri}, "position": position}),
                    )
                    .await;
                answers.push(h);
            }
            assert_eq!(answers[0], answers[1], "line {line}, character {character}");
            compared += usize::from(!answers[0].is_null());
        }
    }
    assert!(compared > 20, "only {compared} hovers said anything");
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pre_publication_checks_over_lsp() {
    let (mut client, _) = TestClient::start(Some(&["utf-16"]), Value::Null).await;
    let text = "# Mine\n\n😀 It collapsed on Tuesday, 5 November 2024.\n\nThe minister came on Thursday, 8 November. The mine employs TK miners.\n";
    client.open(URI, "markdown", 1, text).await;
    let diags = client.diagnostics(URI, 1).await;
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["weekday-date", "placeholder"], "{diags:#?}");
    assert_eq!(diags[1]["severity"], 1, "placeholder is an error");
    assert_eq!(
        diags[0]["relatedInformation"][0]["message"],
        "the year 2024 comes from here"
    );
    let actions = client
        .code_actions(URI, diags[0]["range"].clone(), None)
        .await;
    assert_eq!(actions[0]["title"], "Change 'Thursday' to 'Friday'");
    assert_eq!(
        apply_workspace_edit(text, &actions[0]["edit"], "utf-16"),
        text.replace("Thursday, 8", "Friday, 8")
    );
    // The placeholder has no fix, only the ignore comment.
    let actions = client
        .code_actions(URI, diags[1]["range"].clone(), Some(&["quickfix"]))
        .await;
    assert!(
        actions
            .iter()
            .all(|a| a["title"].as_str().unwrap().starts_with("Ignore")),
        "{actions:#?}"
    );
    let start = &diags[1]["range"]["start"];
    let h = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": start}),
        )
        .await;
    let value = h["contents"]["value"].as_str().unwrap();
    assert!(value.contains("stands for a figure"), "{value}");
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ignore_comments_follow_the_bom_and_the_files_line_ending() {
    let (mut client, _) = TestClient::start(Some(&["utf-16"]), Value::Null).await;
    let cases = [
        (
            "\u{feff}Shelters opened on on Tuesday.\n",
            "\u{feff}<!-- copydesk-disable-next-line repeated-word -->\nShelters opened on on Tuesday.\n",
        ),
        (
            "# Floods\r\rShelters opened on on Tuesday.\r\rIt reached the the coast.\r",
            "# Floods\r\r<!-- copydesk-disable-next-line repeated-word -->\rShelters opened on on Tuesday.\r\rIt reached the the coast.\r",
        ),
    ];
    for (i, (text, ignored)) in cases.into_iter().enumerate() {
        let uri = format!("file:///drafts/ending{i}.md");
        client.open(&uri, "markdown", 1, text).await;
        let diags = client.diagnostics(&uri, 1).await;
        let actions = client
            .code_actions(&uri, diags[0]["range"].clone(), Some(&["quickfix"]))
            .await;
        let ignore = actions
            .iter()
            .find(|a| a["title"] == "Ignore 'repeated-word' in this paragraph")
            .expect("an ignore action");
        let fixed = apply_workspace_edit(text, &ignore["edit"], "utf-16");
        assert_eq!(fixed, ignored);
        // The comment silences that paragraph and nothing after it.
        let after = copydesk::check(&fixed, copydesk::Format::Markdown, &Default::default());
        assert_eq!(after.diagnostics.len(), diags.len() - 1, "{fixed:?}");
    }
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn figures_and_quote_marks_over_the_protocol() {
    let (mut client, _) = TestClient::start(Some(&["utf-16"]), Value::Null).await;
    let text = "# Collapse\n\n😀 The collapse killed nine miners, the ministry said.\n\nFamilies of the ten dead met the miners’ union. “Yes,” one said. “Why?” asked another. \"No,\" said another.\n\n<!-- copydesk-disable-next-line quote-marks -->\nShe said \"maybe\".\n";
    client.open(URI, "markdown", 1, text).await;
    let diags = client.diagnostics(URI, 1).await;
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["inconsistent-figure", "quote-marks"], "{diags:#?}");
    let figure = &diags[0];
    // "ten" on line 4, after "Families of the ".
    assert_eq!(pos(&figure["range"]["start"]), (4, 16));
    assert_eq!(pos(&figure["range"]["end"]), (4, 19));
    assert_eq!(
        figure["relatedInformation"][0]["message"],
        "'killed nine miners' here"
    );

    // The quick fix changes the figure.
    let actions = client
        .code_actions(URI, figure["range"].clone(), Some(&["quickfix"]))
        .await;
    let change = actions
        .iter()
        .find(|a| a["title"] == "Change to nine")
        .expect("a fix to the other value");
    assert_eq!(
        apply_workspace_edit(text, &change["edit"], "utf-16"),
        text.replace("the ten dead", "the nine dead")
    );
    // Fix-all converts the straight quotation to curly marks.
    let all = client
        .code_actions(URI, range(0, 0, 0, 0), Some(&["source.fixAll"]))
        .await;
    let fixed = apply_workspace_edit(text, &all[0]["edit"], "utf-16");
    assert!(fixed.contains("“No,” said another."), "{fixed}");
    assert!(fixed.contains("She said \"maybe\"."), "suppressed: {fixed}");

    // The hover shows the ledger.
    let h = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 4, "character": 17}}),
        )
        .await;
    let value = h["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        value.contains("**Figure ledger**: the number killed"),
        "{h}"
    );
    assert!(value.contains("'nine' — “killed nine miners”"), "{value}");
    client.stop().await;
}
