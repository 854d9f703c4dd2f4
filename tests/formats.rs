//! `copydesk check`'s machine formats: compact, GitHub workflow commands and SARIF (validated
//! against the official schema), and output order over many files.

use std::process::Output;

#[path = "common/cli.rs"]
mod cli_support;

use cli_support::{copydesk, scratch};

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn compact_is_one_line_per_finding() {
    let dir = scratch("compact");
    std::fs::write(
        dir.join("a.txt"),
        "Café towards the the coast.\nIt was was late.\n",
    )
    .unwrap();
    let out = copydesk(&["check", "--format", "compact", "a.txt"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "a.txt:1:18: warning [repeated-word] 'the' is repeated\n\
         a.txt:2:8: warning [repeated-word] 'was' is repeated\n"
    );
    // Nothing found: nothing printed, for grep and quickfix lists.
    std::fs::write(dir.join("b.txt"), "Clean.\n").unwrap();
    let out = copydesk(&["check", "--format", "compact", "b.txt"], &dir);
    assert_eq!((out.status.code(), stdout(&out).as_str()), (Some(0), ""));
}

#[test]
fn github_annotations_escape_properties_and_messages() {
    let dir = scratch("github");
    std::fs::create_dir_all(dir.join("a,b:c")).unwrap();
    std::fs::write(
        dir.join("a,b:c/100%.md"),
        "# T\n\nIt reached the the coast.\n",
    )
    .unwrap();
    let out = copydesk(&["check", "--format", "github", "a,b:c/100%.md"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "::warning file=a%2Cb%3Ac/100%25.md,line=3,col=16,endLine=3,endColumn=19,\
         title=copydesk repeated-word::'the' is repeated\n"
    );
}

/// The SARIF log printed by `out`, checked against the official SARIF 2.1.0 schema.
fn valid_sarif(out: &Output) -> serde_json::Value {
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).expect("schema is JSON");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .build(&schema)
        .expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{log:#}");
    // The schema itself rejects what is not SARIF.
    assert!(!validator.is_valid(&serde_json::json!({"version": "2.1.0", "runs": [{}]})));
    log
}

#[test]
fn sarif_is_valid_and_carries_rules_locations_and_fixes() {
    let dir = scratch("sarif");
    std::fs::write(
        dir.join("my story.md"),
        "# Floods\n\nCafé 😀 towards the the coast.\n\nZelensky met aides. Later Zelenskyy spoke.\n",
    )
    .unwrap();
    std::fs::write(dir.join("bad.txt"), b"\xff").unwrap();
    let out = copydesk(
        &["check", "--format", "sarif", "my story.md", "bad.txt"],
        &dir,
    );
    assert_eq!(out.status.code(), Some(2), "bad.txt could not be checked");
    let log = valid_sarif(&out);

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"repeated-word") && ids.contains(&"inconsistent-name"));
    for r in rules {
        let help = r["helpUri"].as_str().unwrap();
        assert!(help.ends_with(&format!("docs/rules/{}.md", r["id"].as_str().unwrap())));
    }
    let results = run["results"].as_array().unwrap();
    let repeated = results
        .iter()
        .find(|r| r["ruleId"] == "repeated-word")
        .expect("repeated-word result");
    assert_eq!(repeated["level"], "warning");
    assert_eq!(
        rules[repeated["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "repeated-word"
    );
    let location = &repeated["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "my%20story.md");
    // Columns in Unicode code points: "Café 😀 towards the " is 19 characters.
    assert_eq!(
        location["region"],
        serde_json::json!({"startLine": 3, "startColumn": 20, "endLine": 3, "endColumn": 23})
    );
    let replacement = &repeated["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "");
    assert_eq!(
        replacement["deletedRegion"]["startColumn"], 19,
        "{replacement}"
    );
    assert!(results.iter().any(|r| r["ruleId"] == "inconsistent-name"
        && r["relatedLocations"]
            .as_array()
            .is_some_and(|l| !l.is_empty())));
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert!(
        invocation["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("bad.txt:1:1: not UTF-8")
    );
}

#[test]
fn sarif_with_nothing_found_is_valid() {
    let dir = scratch("sarif-empty");
    std::fs::write(dir.join("a.md"), "Clean.\n").unwrap();
    let out = copydesk(&["check", "--format", "sarif", "a.md"], &dir);
    assert_eq!(out.status.code(), Some(0));
    let log = valid_sarif(&out);
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

/// Over many files checked in parallel, the output comes in the files' sorted order, the same
/// on every run, and the JSON array is whole.
#[test]
fn many_files_print_in_a_stable_order() {
    let dir = scratch("order");
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    let mut expected = Vec::new();
    for i in 0..400 {
        let name = format!("drafts/{i:04}.md");
        // Some long, some short, so they finish out of order.
        let body = "A sentence here. ".repeat(if i % 7 == 0 { 2000 } else { 3 });
        std::fs::write(dir.join(&name), format!("{body}\n\nIt was was late.\n")).unwrap();
        expected.push(format!("./{name}"));
    }
    let first = copydesk(&["check", "--format", "json", "."], &dir);
    let v: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    let paths: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, expected);
    let again = copydesk(&["check", "--format", "json", "."], &dir);
    assert_eq!(first.stdout, again.stdout);
    let compact = copydesk(&["check", "--format", "compact", "."], &dir);
    assert_eq!(stdout(&compact).lines().count(), 400);
}
