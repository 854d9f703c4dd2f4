//! Configuration: `copydesk.toml` and the settings an editor sends.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;

/// The name of the configuration file, looked for from a file's folder upwards.
pub const FILE_NAME: &str = "copydesk.toml";

/// A rule's level: off, or the severity it reports at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Hint,
    #[serde(alias = "info")]
    Information,
    Warning,
    Error,
}

/// The whole configuration. Every field has a default, so an empty file is valid.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Per-rule level, by rule id.
    pub rules: BTreeMap<String, Level>,
    pub repeated_phrase: RepeatedPhraseOptions,
    pub unattributed_figure: FigureOptions,
    pub names: NameOptions,
    pub placeholder: PlaceholderOptions,
    pub quote_marks: QuoteOptions,
}

/// Options of `repeated-phrase`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RepeatedPhraseOptions {
    /// Words treated as stop words in addition to the built-in list.
    pub stop_words: Vec<String>,
    /// Phrases never reported, compared case-insensitively.
    pub ignore: Vec<String>,
}

/// Which figures `unattributed-figure` checks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureMode {
    /// Claims: counts of people affected, damage, money, statistics, estimates, polls,
    /// forecasts and crowds.
    #[default]
    Claims,
    /// Every figure.
    All,
}

/// Options of `unattributed-figure`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct FigureOptions {
    /// Which figures are checked.
    pub mode: FigureMode,
    /// Check market data (index levels and moves, prices of shares, currencies, commodities);
    /// unset, it follows `mode`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub market_data: Option<bool>,
    /// Check the results a story reports (votes, seats, turnout, goals); unset, it follows
    /// `mode`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub results: Option<bool>,
    /// Check sellers' prices and product specifications; unset, it follows `mode`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub specs: Option<bool>,
    /// Check figures in direct quotations as if unquoted (the speaker named elsewhere does not
    /// cover them); unset, it follows `mode`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quotes: Option<bool>,
    /// The placeholder the fix inserts for the source to come; it never counts as a source.
    pub placeholder: String,
    /// Also flag vague quantities such as "dozens" and "thousands of".
    pub vague_quantities: bool,
    /// Attribution cues in addition to the built-in list.
    pub cues: Vec<String>,
}

impl Default for FigureOptions {
    fn default() -> Self {
        FigureOptions {
            mode: FigureMode::Claims,
            market_data: None,
            results: None,
            specs: None,
            quotes: None,
            placeholder: "TK".to_string(),
            vague_quantities: false,
            cues: Vec::new(),
        }
    }
}

/// Options of `inconsistent-name`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct NameOptions {
    /// The house list: a preferred spelling and the variants it replaces.
    pub prefer: BTreeMap<String, Vec<String>>,
    /// Names never compared with others.
    pub allow: Vec<String>,
    /// Whether the preferred spelling keeps diacritics (`keep`, the default) or drops them
    /// (`drop`, AP style).
    pub diacritics: Diacritics,
}

/// How `inconsistent-name` treats diacritics when choosing the preferred spelling.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Diacritics {
    /// Prefer "Erdoğan" over "Erdogan".
    #[default]
    Keep,
    /// Prefer "Erdogan" over "Erdoğan" (AP style).
    Drop,
}

/// Options of `placeholder`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlaceholderOptions {
    /// Placeholders in addition to TK and the `unattributed-figure` placeholder, matched as
    /// written (case-sensitive) where they stand as words of their own.
    pub words: Vec<String>,
    /// Names that contain a placeholder's letters ("TK Maxx"), in addition to the built-in
    /// list.
    pub allow: Vec<String>,
}

/// Options of `quote-marks`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuoteOptions {
    pub style: QuoteStyle,
}

/// The quotation-mark style a draft is held to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteStyle {
    /// Whichever style most of the draft's marks use.
    #[default]
    Consistent,
    /// Typographic marks: “ ” ‘ ’.
    Curly,
    /// Typewriter marks: " '.
    Straight,
}

/// A configuration problem, with where it is when it comes from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: Option<PathBuf>,
    /// 1-based line and column of the problem, when known.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.position) {
            (Some(p), Some((l, c))) => write!(f, "{}:{l}:{c}: {}", p.display(), self.message),
            (Some(p), None) => write!(f, "{}: {}", p.display(), self.message),
            (None, _) => write!(f, "copydesk settings: {}", self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses the text of a `copydesk.toml`.
    pub fn from_toml(text: &str, path: Option<&Path>) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let position = e.span().map(|s| line_col(text, s.start));
            ConfigError {
                path: path.map(Path::to_path_buf),
                position,
                message: e.message().trim().to_string(),
            }
        })?;
        if let Some(id) = config.unknown_rule() {
            return Err(ConfigError {
                path: path.map(Path::to_path_buf),
                position: rule_key_offset(text, id).map(|at| line_col(text, at)),
                message: unknown_rule_message(id),
            });
        }
        config.validate().map_err(|message| ConfigError {
            path: path.map(Path::to_path_buf),
            position: None,
            message,
        })?;
        Ok(config)
    }

    /// Reads a `copydesk.toml`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: Some(path.to_path_buf()),
            position: None,
            message: format!("cannot read: {e}"),
        })?;
        Config::from_toml(&text, Some(path))
    }

    /// The configuration after client settings (JSON, same shape as the file) override it.
    pub fn with_settings(&self, settings: &serde_json::Value) -> Result<Config, ConfigError> {
        let err = |message: String| ConfigError {
            path: None,
            position: None,
            message,
        };
        let mut base = serde_json::to_value(self).map_err(|e| err(e.to_string()))?;
        merge(&mut base, settings);
        let config: Config = serde_json::from_value(base).map_err(|e| err(e.to_string()))?;
        if let Some(id) = config.unknown_rule() {
            return Err(err(unknown_rule_message(id)));
        }
        config.validate().map_err(err)?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), String> {
        if self.placeholder.words.iter().any(|w| w.trim().is_empty()) {
            return Err("[placeholder] words: a placeholder cannot be empty".to_string());
        }
        if self.unattributed_figure.placeholder.trim().is_empty() {
            return Err("[unattributed-figure] placeholder cannot be empty".to_string());
        }
        for (preferred, variants) in &self.names.prefer {
            if preferred.trim().is_empty() {
                return Err(format!(
                    "empty preferred spelling in [names.prefer] (for {}): a fix would delete the name",
                    variants
                        .iter()
                        .map(|v| format!("'{v}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            if variants.iter().any(|v| v.trim().is_empty()) {
                return Err(format!("empty variant of '{preferred}' in [names.prefer]"));
            }
        }
        Ok(())
    }

    /// The first id under `[rules]` that names no rule.
    fn unknown_rule(&self) -> Option<&str> {
        self.rules
            .keys()
            .map(String::as_str)
            .find(|id| crate::rules::by_id(id).is_none())
    }

    /// The severity `rule` reports at, or `None` when it is off.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(rule) {
            None => Some(default),
            Some(Level::Off) => None,
            Some(Level::Hint) => Some(Severity::Hint),
            Some(Level::Information) => Some(Severity::Information),
            Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Error) => Some(Severity::Error),
        }
    }
}

/// Finds the `copydesk.toml` that applies to a file in `dir`: the nearest one in `dir` or a
/// folder above it.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// "unknown rule", with the closest known id or, failing that, the list of ids.
fn unknown_rule_message(id: &str) -> String {
    match crate::rules::closest_id(id) {
        Some(known) => format!("unknown rule '{id}' in [rules]; did you mean '{known}'?"),
        None => format!(
            "unknown rule '{id}' in [rules] (known: {})",
            crate::rules::all()
                .iter()
                .map(|r| r.id())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Where the key `id` of the `[rules]` table starts in the file's text.
fn rule_key_offset(text: &str, id: &str) -> Option<usize> {
    let root = toml::de::DeTable::parse(text).ok()?;
    let rules = root
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref() == "rules")
        .map(|(_, v)| v)?;
    let toml::de::DeValue::Table(rules) = rules.get_ref() else {
        return None;
    };
    rules
        .keys()
        .find(|k| k.get_ref() == id)
        .map(|k| k.span().start)
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn merge(base: &mut serde_json::Value, over: &serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                merge(b.entry(k.clone()).or_insert(serde_json::Value::Null), v);
            }
        }
        (b, o) => *b = o.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_diacritics_option() {
        let c = Config::from_toml("[names]\ndiacritics = \"drop\"\n", None).unwrap();
        assert_eq!(c.names.diacritics, Diacritics::Drop);
        assert_eq!(Config::default().names.diacritics, Diacritics::Keep);
        let e = Config::from_toml("[names]\ndiacritics = \"strip\"\n", None).unwrap_err();
        assert_eq!(e.position, Some((2, 14)));
        assert!(e.message.contains("`keep`"), "{}", e.message);
        assert!(e.message.contains("`drop`"), "{}", e.message);
    }

    #[test]
    fn empty_file_is_the_default() {
        assert_eq!(Config::from_toml("", None).unwrap(), Config::default());
    }

    #[test]
    fn levels_and_options() {
        let c = Config::from_toml(
            "[rules]\nrepeated-word = \"off\"\nunknown-rule-in-comment = \"error\"\n\n[unattributed-figure]\nplaceholder = \"XX\"\n\n[names.prefer]\nZelenskyy = [\"Zelensky\"]\n",
            None,
        )
        .unwrap();
        assert_eq!(c.severity("repeated-word", Severity::Warning), None);
        assert_eq!(
            c.severity("unknown-rule-in-comment", Severity::Warning),
            Some(Severity::Error)
        );
        assert_eq!(
            c.severity("inconsistent-name", Severity::Warning),
            Some(Severity::Warning)
        );
        assert_eq!(c.unattributed_figure.placeholder, "XX");
        assert_eq!(c.names.prefer["Zelenskyy"], ["Zelensky"]);
        assert_eq!(c.quote_marks.style, QuoteStyle::Consistent);
        let c = Config::from_toml("[quote-marks]\nstyle = \"straight\"\n", None).unwrap();
        assert_eq!(c.quote_marks.style, QuoteStyle::Straight);
    }

    #[test]
    fn errors_name_the_line() {
        let e = Config::from_toml(
            "[rules]\nrepeated-word = \"loud\"\n",
            Some(Path::new("copydesk.toml")),
        )
        .unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(2));
        assert!(e.to_string().starts_with("copydesk.toml:2:"), "{e}");
        let e = Config::from_toml("[rules]\nno-such-rule = \"off\"\n", None).unwrap_err();
        assert!(e.message.contains("unknown rule 'no-such-rule'"), "{e}");
        assert!(e.message.contains("known: repeated-word"), "{e}");
        let e =
            Config::from_toml("[unattributed-figure]\nplacehodler = \"x\"\n", None).unwrap_err();
        assert!(e.message.contains("placehodler"), "{e}");
        let e = Config::from_toml("[quote-marks]\nstyle = \"fancy\"\n", None).unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(2));
        assert!(
            e.message.contains("fancy") && e.message.contains("`curly`"),
            "{e}"
        );
    }

    #[test]
    fn an_empty_preferred_spelling_is_refused() {
        let e = Config::from_toml("[names.prefer]\n\"\" = [\"Zelensky\"]\n", None).unwrap_err();
        assert!(
            e.message.contains("empty preferred spelling") && e.message.contains("'Zelensky'"),
            "{e}"
        );
        let e = Config::from_toml("[names.prefer]\n\" \" = [\"Zelensky\"]\n", None).unwrap_err();
        assert!(e.message.contains("empty preferred spelling"), "{e}");
        let e = Config::from_toml("[names.prefer]\nZelenskyy = [\"\"]\n", None).unwrap_err();
        assert!(e.message.contains("empty variant of 'Zelenskyy'"), "{e}");
        assert!(Config::default()
            .with_settings(&serde_json::json!({"names": {"prefer": {"": ["Kyiv"]}}}))
            .is_err());
        assert!(Config::from_toml("[names.prefer]\nZelenskyy = [\"Zelensky\"]\n", None).is_ok());
    }

    #[test]
    fn unknown_rules_are_placed_and_a_near_id_suggested() {
        let text = "# house rules\n[rules]\nrepeated-word = \"off\"\n  repeated-wrod = \"error\"\n";
        let e = Config::from_toml(text, Some(Path::new("copydesk.toml"))).unwrap_err();
        assert_eq!(e.position, Some((4, 3)));
        assert_eq!(
            e.to_string(),
            "copydesk.toml:4:3: unknown rule 'repeated-wrod' in [rules]; did you mean 'repeated-word'?"
        );
        // Also in the inline-table and dotted-key spellings.
        let e = Config::from_toml("rules = { inconsistent-nmae = \"off\" }\n", None).unwrap_err();
        assert_eq!(e.position, Some((1, 11)));
        assert!(
            e.message.ends_with("did you mean 'inconsistent-name'?"),
            "{e}"
        );
        let e = Config::from_toml("\nrules.repeated-phrse = \"off\"\n", None).unwrap_err();
        assert_eq!(e.position, Some((2, 7)));
    }

    #[test]
    fn settings_override_the_file() {
        let file = Config::from_toml(
            "[rules]\nrepeated-word = \"off\"\n[unattributed-figure]\nplaceholder = \"XX\"\n",
            None,
        )
        .unwrap();
        let merged = file
            .with_settings(&serde_json::json!({"rules": {"repeated-word": "hint"}, "names": {"allow": ["Iran"]}}))
            .unwrap();
        assert_eq!(
            merged.severity("repeated-word", Severity::Warning),
            Some(Severity::Hint)
        );
        assert_eq!(merged.unattributed_figure.placeholder, "XX");
        assert_eq!(merged.names.allow, ["Iran"]);
        assert!(file
            .with_settings(&serde_json::json!({"rules": {"x": "off"}}))
            .is_err());
        let figures = file
            .with_settings(
                &serde_json::json!({"unattributed-figure": {"mode": "all", "market-data": false}}),
            )
            .unwrap();
        assert_eq!(figures.unattributed_figure.mode, FigureMode::All);
        assert_eq!(figures.unattributed_figure.market_data, Some(false));
        assert_eq!(figures.unattributed_figure.results, None);
        assert_eq!(figures.unattributed_figure.placeholder, "XX");
        assert!(file
            .with_settings(&serde_json::json!({"unattributed-figure": {"mode": "every"}}))
            .is_err());
    }
}
