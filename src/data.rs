//! Reading the word lists kept as text files beside the code.

use rustc_hash::FxHashSet as HashSet;

/// The entries of a word list: one per line, blank lines and `#` comments skipped.
pub fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

/// The entries of a tagged list, where each line is `kind word…`: (kind, rest).
pub fn tagged(list: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    entries(list).filter_map(|e| e.split_once(' ').map(|(k, w)| (k, w.trim())))
}

/// A word list as a set.
pub fn word_list(list: &'static str) -> HashSet<&'static str> {
    entries(list).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn tagged_entries() {
        let got: Vec<_> = super::tagged("# c\nunit km\nstart according to\nlonely\n").collect();
        assert_eq!(got, [("unit", "km"), ("start", "according to")]);
    }

    #[test]
    fn comments_and_blanks_are_skipped() {
        let set = super::word_list("# heading\nmr\n\n dr # doctor\n");
        assert_eq!(set.len(), 2);
        assert!(set.contains("mr") && set.contains("dr"));
    }
}
