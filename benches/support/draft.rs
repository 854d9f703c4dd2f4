//! Generated news drafts of any size, the same every run.

#![allow(dead_code)]

/// Sentences in the manner of wire copy, some with something for a rule to find.
const SENTENCES: &[&str] = &[
    "Flash floods in the east of the country have killed at least {n} people, regional officials said on {day}.",
    "Prime Minister {name} declared three days of mourning.",
    "\"The whole country weeps with you,\" {name} said.",
    "More than {n},000 soldiers were deployed to help with the rescue.",
    "Roads into {town} remained closed on {day} and about {n} homes were without power.",
    "The agency said prices rose {n} percent in the year to March.",
    "Residents described water rising to the the second floor within minutes.",
    "{name} told reporters that the warnings had come too late.",
    "Around {n} people were still missing, according to the fire service.",
    "The council will meet again next week to decide on the rebuilding plan.",
    "Aid groups appealed for {n} million euros in donations.",
    "On {day}, the regional president said on {day} that schools would reopen.",
];
/// Sentences of edited copy: attributed figures, names, dates and quotations that the rules
/// must leave alone.
const CLEAN: &[&str] = &[
    "The regional government said on {day} that {n} schools would stay closed until further notice.",
    "{name} visited {town} in the afternoon and met families who had lost their homes.",
    "\"We are doing everything we can,\" {name} told reporters outside the town hall.",
    "Police said {n} roads remained closed and asked drivers to avoid the area.",
    "The storm moved north overnight, and forecasters expected the rain to ease by the weekend.",
    "Volunteers in {town} cleared mud from the streets and handed out bottled water.",
    "The European Commission said it would send emergency funds, without giving a figure.",
    "Insurers said they had received more than {n},000 claims so far, according to the industry association.",
    "{name}, who has led the region since 2023, faces questions about the warning system.",
    "The railway operator said services to {town} would resume on {day}.",
    "Opposition parties called for an inquiry into how the alerts were sent.",
    "Schools in neighbouring districts opened their gyms to families who had been evacuated.",
    "Farmers described fields of oranges and rice under water as far as they could see.",
    "The weather service had issued its highest alert on {day} morning, it said in a statement.",
    "Local businesses, many of them small family shops, began counting the cost of the damage.",
    "The king and queen are expected to visit the area later in the week, the palace said.",
];
const NAMES: &[&str] = &[
    "Pedro Sánchez",
    "Carlos Mazón",
    "Ana Ortiz",
    "Lena Fischer",
    "Tomás Ruiz",
    "Maria Costa",
];
const TOWNS: &[&str] = &["Paiporta", "Valencia", "Chiva", "Letur", "Utiel", "Requena"];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// Makes a generated draft of about the given number of bytes.
pub type Generator = fn(usize) -> String;

/// The long drafts the keystroke benchmarks type into: dense with findings and at the density
/// of real news, 1 MB and 10 MB.
pub const LONG_DRAFTS: [(&str, Generator, usize); 4] = [
    ("1mb", draft, 1 << 20),
    ("10mb", draft, 10 << 20),
    ("news-1mb", news, 1 << 20),
    ("news-10mb", news, 10 << 20),
];

/// Pseudo-random numbers below `n`, the same every run for the same non-zero `seed`
/// (xorshift).
fn numbers(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}

/// A Markdown draft of about `bytes` bytes: headings, paragraphs of three to six sentences,
/// now and then a list or a quotation.
pub fn draft(bytes: usize) -> String {
    seeded(bytes, 0)
}

/// A draft like [`draft`]'s, different for every `variant` (one article of many).
pub fn seeded(bytes: usize, variant: u64) -> String {
    // Never zero: the generator would stay at zero.
    let mut next = numbers(0x9E37_79B9_7F4A_7C15 ^ variant.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1);
    let mut out = String::with_capacity(bytes + 1024);
    let mut para = 0;
    while out.len() < bytes {
        if para % 12 == 0 {
            out.push_str(&format!("## Update {}\n\n", para / 12 + 1));
        }
        let list = para % 9 == 4;
        for _ in 0..3 + next(4) {
            let s = SENTENCES[next(SENTENCES.len())]
                .replace("{n}", &(2 + next(97)).to_string())
                .replace("{name}", NAMES[next(NAMES.len())])
                .replace("{town}", TOWNS[next(TOWNS.len())])
                .replace("{day}", DAYS[next(DAYS.len())]);
            if list {
                out.push_str("- ");
                out.push_str(&s);
                out.push('\n');
            } else {
                out.push_str(&s);
                out.push(' ');
            }
        }
        out.push_str("\n\n");
        para += 1;
    }
    out
}

/// A Markdown draft of about `bytes` bytes shaped like [`draft`]'s, but with findings at about
/// the density of a real story before the desk reads it: one sentence in twelve comes from the
/// sentences with something to find, the rest are clean edited copy (about one finding per
/// kilobyte, where [`draft`] has one per 140 bytes), under a headline with a figure in it.
pub fn news(bytes: usize) -> String {
    let mut next = numbers(0x2545_F491_4F6C_DD1D);
    let mut out = String::with_capacity(bytes + 1024);
    // A headline with a figure in it, as a real story's often has.
    out.push_str("# Floods kill at least 40 people in eastern Spain\n\n");
    let mut para = 0;
    while out.len() < bytes {
        if para % 12 == 0 {
            out.push_str(&format!("## Update {}\n\n", para / 12 + 1));
        }
        for _ in 0..3 + next(4) {
            let template = if next(12) == 0 {
                SENTENCES[next(SENTENCES.len())]
            } else {
                CLEAN[next(CLEAN.len())]
            };
            let s = template
                .replace("{n}", &(2 + next(97)).to_string())
                .replace("{name}", NAMES[next(NAMES.len())])
                .replace("{town}", TOWNS[next(TOWNS.len())])
                .replace("{day}", DAYS[next(DAYS.len())]);
            out.push_str(&s);
            out.push(' ');
        }
        out.push_str("\n\n");
        para += 1;
    }
    out
}

/// A line in the middle of `text` that holds prose: (line index, its text).
pub fn middle_line(text: &str) -> (usize, &str) {
    let lines: Vec<&str> = text.lines().collect();
    let mut i = lines.len() / 2;
    while i < lines.len() && (lines[i].trim().len() < 10 || lines[i].starts_with('#')) {
        i += 1;
    }
    (i, lines.get(i).copied().unwrap_or(""))
}
