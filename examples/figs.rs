// Scratch: print the hover of every figure in the given files (not committed).
use copydesk::{Config, Document, Format};
fn main() {
    let config = Config::default();
    for path in std::env::args().skip(1) {
        let raw = std::fs::read_to_string(&path).unwrap();
        // strip markers
        let re = regex::Regex::new(r"\{\{([a-z~-]+)\|([^}]*)\}\}").unwrap();
        let text = re.replace_all(&raw, "$2").to_string();
        let doc = Document::parse(&text, Format::Text);
        let mut last = String::new();
        let bytes = text.as_bytes();
        for i in 0..text.len() {
            if !text.is_char_boundary(i) { continue; }
            let starts = (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'$' || bytes[i] >= 0x80) && (i == 0 || !bytes[i-1].is_ascii_alphanumeric());
            if !starts { continue; }
            if let Some(h) = copydesk::hover(&doc, &config, i) {
                if h.contains("**Figure**") && h != last {
                    println!("{}: {}", path.rsplit('/').next().unwrap(), h.replace('\n', " "));
                    last = h;
                }
            }
        }
    }
}
