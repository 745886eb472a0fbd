//! Flags in, a small struct out: `--name value`, `--name=value`, switches
//! and positionals. Each subcommand takes what it knows and calls
//! [`Args::finish`], so a mistyped flag is an error that names the nearest
//! known one instead of being ignored.

use exposure_gate::Gate;

/// The parsed command line of one subcommand.
pub(crate) struct Args {
    flags: Vec<(String, Option<String>)>,
    positional: Vec<String>,
    known: Vec<&'static str>,
}

impl Args {
    pub(crate) fn parse(raw: Vec<String>) -> Result<Args, String> {
        let mut flags = Vec::new();
        let mut positional = Vec::new();
        let mut iter = raw.into_iter().peekable();
        while let Some(arg) = iter.next() {
            if let Some(name) = arg.strip_prefix("--") {
                match name.split_once('=') {
                    Some((name, value)) => flags.push((name.to_owned(), Some(value.to_owned()))),
                    None => {
                        let value = iter.next_if(|next| !next.starts_with("--"));
                        flags.push((name.to_owned(), value));
                    }
                }
            } else {
                positional.push(arg);
            }
        }
        Ok(Args { flags, positional, known: Vec::new() })
    }

    /// The value of `--name`, if given.
    pub(crate) fn value(&mut self, name: &'static str) -> Result<Option<String>, String> {
        self.known.push(name);
        match self.flags.iter().position(|(n, _)| n == name) {
            None => Ok(None),
            Some(i) => match self.flags.remove(i) {
                (_, Some(value)) => Ok(Some(value)),
                (_, None) => Err(format!("`--{name}` needs a value")),
            },
        }
    }

    /// The comma-separated values of `--name`, empty when not given.
    pub(crate) fn list(&mut self, name: &'static str) -> Result<Vec<String>, String> {
        Ok(self
            .value(name)?
            .map(|v| v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect())
            .unwrap_or_default())
    }

    /// Whether the switch `--name` is given.
    pub(crate) fn switch(&mut self, name: &'static str) -> Result<bool, String> {
        self.known.push(name);
        match self.flags.iter().position(|(n, _)| n == name) {
            None => Ok(false),
            Some(i) => match self.flags.remove(i) {
                (_, None) => Ok(true),
                (_, Some(value)) => Err(format!("`--{name}` takes no value, got `{value}`")),
            },
        }
    }

    /// The one positional argument, named `what` in the error when missing.
    pub(crate) fn positional(&mut self, what: &str) -> Result<String, String> {
        if self.positional.is_empty() {
            return Err(format!("missing {what}"));
        }
        Ok(self.positional.remove(0))
    }

    /// The gate of `--policy FILE`, or the built-in one.
    pub(crate) fn gate(&mut self) -> Result<Gate, String> {
        match self.value("policy")? {
            None => Gate::builtin().map_err(|e| e.to_string()),
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read `{path}`: {e}"))?;
                Gate::from_json(&text).map_err(|e| format!("{path}: {e}"))
            }
        }
    }

    /// Refuse anything left over.
    pub(crate) fn finish(self) -> Result<(), String> {
        if let Some((name, _)) = self.flags.first() {
            let known: Vec<String> = self.known.iter().map(|k| format!("--{k}")).collect();
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            return Err(unknown("flag", &format!("--{name}"), &known));
        }
        if let Some(extra) = self.positional.first() {
            return Err(format!("unexpected argument `{extra}`"));
        }
        Ok(())
    }
}

/// "unknown flag `--rol`; expected one of `--roles`, ...".
pub(crate) fn unknown(what: &str, value: &str, known: &[&str]) -> String {
    format!("unknown {what} `{value}`; expected one of {}", known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
}
