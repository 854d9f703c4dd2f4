//! Replays every seed of the fuzz corpus (`fuzz/corpus/<target>/`) through the checks the
//! fuzz targets make, on the stable toolchain.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no seeds in {}", dir.display());
    for seed in seeds {
        let data = std::fs::read(&seed).expect("read seed");
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{target}: seed {} fails", seed.display());
    }
}

#[test]
fn analyse_seeds() {
    replay("analyse", checks::analyse);
}

#[test]
fn edits_seeds() {
    replay("edits", checks::edits);
}

#[test]
fn config_seeds() {
    replay("config", checks::config);
}

#[test]
fn the_checks_catch_a_broken_invariant() {
    use copydesk::server::encoding::Encoding;
    use tower_lsp_server::ls_types::Position;
    // The reference model follows the protocol's clamping.
    let text = "a😀\r\nb\rc";
    let at = |line, character, enc| checks::model_offset(text, Position::new(line, character), enc);
    assert_eq!(at(0, 2, Encoding::Utf16), 1, "inside a surrogate pair");
    assert_eq!(at(0, 3, Encoding::Utf16), 5);
    assert_eq!(at(0, 99, Encoding::Utf8), 5, "past the line's end");
    assert_eq!(at(1, 0, Encoding::Utf32), 7);
    assert_eq!(at(2, 1, Encoding::Utf32), 10);
    assert_eq!(at(7, 0, Encoding::Utf32), text.len(), "past the last line");
}
