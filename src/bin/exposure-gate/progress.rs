//! A progress bar on stderr, for reading large device lists on a terminal.
//!
//! Shown only when stderr is a terminal and the file is large: a pipe or a
//! log must not fill with carriage returns, and a small file is read before
//! a bar could be seen.

use std::io::{IsTerminal, Read, Write};

/// Files at least this big get a bar (about 4,000 devices).
const LARGE: u64 = 1 << 20;
const WIDTH: usize = 30;

pub(crate) struct Progress {
    enabled: bool,
    label: String,
}

impl Progress {
    pub(crate) fn new(label: &str, size: u64) -> Progress {
        Progress { enabled: size >= LARGE && std::io::stderr().is_terminal(), label: label.to_owned() }
    }

    /// Redraw the bar at `done` of `total`, with what is happening.
    pub(crate) fn show(&self, done: u64, total: u64, what: &str) {
        if !self.enabled {
            return;
        }
        let done = done.min(total);
        let filled = (done as usize * WIDTH).checked_div(total as usize).unwrap_or(WIDTH);
        let percent = (done * 100).checked_div(total).unwrap_or(100);
        let bar = format!("{}{}", "#".repeat(filled), "-".repeat(WIDTH - filled));
        let mut err = std::io::stderr().lock();
        // A failed write to a terminal is not worth failing the command for.
        let _ = write!(err, "\r\x1b[2K[{bar}] {percent:>3}% {what} {}", self.label);
        let _ = err.flush();
    }

    /// Erase the bar.
    pub(crate) fn done(&self) {
        if self.enabled {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }

    /// Read a whole file, showing the bytes read so far.
    pub(crate) fn read(&self, path: &str) -> Result<String, String> {
        let mut file = std::fs::File::open(path).map_err(|e| format!("cannot read `{path}`: {e}"))?;
        let total = file.metadata().map(|m| m.len()).unwrap_or(0);
        let mut bytes = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
        let mut chunk = vec![0u8; 1 << 20];
        loop {
            let n = file.read(&mut chunk).map_err(|e| format!("cannot read `{path}`: {e}"))?;
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(chunk.get(..n).unwrap_or_default());
            self.show(bytes.len() as u64, total, "reading");
        }
        String::from_utf8(bytes).map_err(|e| format!("`{path}` is not UTF-8 text (byte {})", e.utf8_error().valid_up_to()))
    }
}
