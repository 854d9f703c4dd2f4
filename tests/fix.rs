//! `copydesk fix` on real files: what it changes, what it keeps, and its exit status.

use std::path::PathBuf;

#[path = "common/cli.rs"]
mod cli_support;

use cli_support::{copydesk, scratch};

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn fixes_in_place_and_exits_by_whether_anything_changed() {
    let dir = scratch("in-place");
    std::fs::write(dir.join("a.md"), "# Floods\n\nIt reached the the coast.\n").unwrap();
    std::fs::write(dir.join("b.md"), "Clean.\n").unwrap();
    let out = copydesk(&["fix", "."], &dir);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "./a.md: fixed 1 problem\nFixed 1 problem in 1 file.\n"
    );
    assert_eq!(
        read(dir.join("a.md")),
        "# Floods\n\nIt reached the coast.\n"
    );
    assert_eq!(read(dir.join("b.md")), "Clean.\n");
    // Nothing left: nothing changed, status 0.
    let out = copydesk(&["fix", "."], &dir);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Nothing to fix.\n");
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(leftovers.len(), 2, "no temporary files left");
}

#[test]
fn diff_prints_and_changes_nothing() {
    let dir = scratch("diff");
    let text = "Line one.\n\nIt reached the the coast.\n\nLine five.\n";
    std::fs::write(dir.join("a.txt"), text).unwrap();
    let out = copydesk(&["fix", "--diff", "a.txt"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "--- a.txt\n+++ a.txt\n@@ -1,5 +1,5 @@\n Line one.\n \n-It reached the the coast.\n+It reached the coast.\n \n Line five.\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Would fix 1 problem in 1 file.\n"
    );
    assert_eq!(read(dir.join("a.txt")), text);
}

#[test]
fn line_endings_byte_order_mark_and_permissions_are_kept() {
    let dir = scratch("keep");
    std::fs::write(dir.join("crlf.txt"), "First.\r\nIt was was late.\r\n").unwrap();
    std::fs::write(dir.join("cr.txt"), "First.\rIt was was late.\r").unwrap();
    std::fs::write(dir.join("bom.txt"), "\u{feff}It was was late.\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.join("crlf.txt"), std::fs::Permissions::from_mode(0o640))
            .unwrap();
    }
    let out = copydesk(&["fix", "crlf.txt", "cr.txt", "bom.txt"], &dir);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(read(dir.join("crlf.txt")), "First.\r\nIt was late.\r\n");
    assert_eq!(read(dir.join("cr.txt")), "First.\rIt was late.\r");
    assert_eq!(read(dir.join("bom.txt")), "\u{feff}It was late.\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("crlf.txt"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
    }
}

#[test]
fn house_list_names_and_rule_choice() {
    let dir = scratch("names");
    std::fs::write(
        dir.join("copydesk.toml"),
        "[names.prefer]\n\"Zelenskyy\" = [\"Zelensky\"]\n",
    )
    .unwrap();
    let text = "Zelensky met the the aides.\n";
    std::fs::write(dir.join("a.txt"), text).unwrap();
    let out = copydesk(&["fix", "--rule", "inconsistent-name", "a.txt"], &dir);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(read(dir.join("a.txt")), "Zelenskyy met the the aides.\n");
    let out = copydesk(&["fix", "a.txt"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(read(dir.join("a.txt")), "Zelenskyy met the aides.\n");
    let out = copydesk(&["fix", "--rule", "repeated-wrod", "a.txt"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean 'repeated-word'?"));
}

#[test]
fn placeholders_need_unsafe_fixes() {
    let dir = scratch("unsafe");
    let text = "Officials spent $3 million on the bridge.\n";
    std::fs::write(dir.join("a.txt"), text).unwrap();
    let out = copydesk(&["fix", "a.txt"], &dir);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(read(dir.join("a.txt")), text);
    let out = copydesk(&["fix", "--unsafe-fixes", "a.txt"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(read(dir.join("a.txt")).contains(", according to TK"));
}

#[test]
fn unreadable_drafts_are_errors_and_the_rest_are_fixed() {
    let dir = scratch("errors");
    std::fs::write(dir.join("a.txt"), "the the end").unwrap();
    std::fs::write(dir.join("b.txt"), b"caf\xe9 the the").unwrap();
    let out = copydesk(&["fix", "a.txt", "b.txt", "nothere.txt"], &dir);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("b.txt:1:4: not UTF-8"), "{err}");
    assert!(err.contains("nothere.txt: no such file"), "{err}");
    assert_eq!(read(dir.join("a.txt")), "the end");
    assert_eq!(
        std::fs::read(dir.join("b.txt")).unwrap(),
        b"caf\xe9 the the"
    );
}
