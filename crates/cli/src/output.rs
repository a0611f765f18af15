//! Writing to stdout and stderr: diagnostics lines, tables, JSON. A closed stdout (`| head`)
//! ends the command quietly instead of panicking.

use crate::error::{CliError, CliResult};
use pipewright_core::{Diagnostic, Severity};
use std::io::{self, Write};

/// Write `text` to stdout, adding the final newline when missing.
pub fn out(text: &str) -> CliResult<()> {
    let mut stdout = io::stdout().lock();
    let mut write = || -> io::Result<()> {
        stdout.write_all(text.as_bytes())?;
        if !text.ends_with('\n') {
            stdout.write_all(b"\n")?;
        }
        stdout.flush()
    };
    write().map_err(|e| {
        if e.kind() == io::ErrorKind::BrokenPipe {
            CliError::closed_output()
        } else {
            CliError::environment("E_OUTPUT", format!("cannot write to standard output: {e}"))
        }
    })
}

/// Pretty JSON of anything serializable to stdout.
pub fn out_json<T: serde::Serialize + ?Sized>(value: &T) -> CliResult<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| {
        CliError::new(
            "E_INTERNAL",
            crate::error::Exit::Domain,
            format!("cannot write JSON: {e}"),
        )
    })?;
    out(&text)
}

/// A line on stderr (diagnostics, notes). Failing to write to stderr is ignored: there is
/// nowhere left to report it.
pub fn err_line(text: &str) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// `severity[CODE] path: message` (`(pipeline)` stands for the empty path).
pub fn diagnostic_line(d: &Diagnostic) -> String {
    let path = if d.path.is_empty() {
        "(pipeline)"
    } else {
        d.path.as_str()
    };
    let message: String = d.message.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{}[{}] {path}: {message}",
        severity_word(d.severity),
        d.code
    )
}

/// Diagnostics on stderr, indented so that the command's own `error[E_CODE]` line stays the
/// only line that starts with `error[`.
pub fn diagnostics_to_stderr<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
    for d in diagnostics {
        err_line(&format!("  {}", diagnostic_line(d)));
    }
}

/// "2 errors, 1 warning" (empty when there is nothing).
pub fn counts(diagnostics: &[Diagnostic]) -> String {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let mut parts = Vec::new();
    for (n, one, many) in [
        (count(Severity::Error), "error", "errors"),
        (count(Severity::Warning), "warning", "warnings"),
        (count(Severity::Info), "note", "notes"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    }
    parts.join(", ")
}

pub fn error_count(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

/// A plain text table: columns padded to their widest cell, the last one unpadded.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let last = cells.len().saturating_sub(1);
        let mut s = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i == last {
                s.push_str(cell);
            } else {
                s.push_str(&format!("{cell:<width$}  ", width = widths[i]));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = vec![line(headers.to_vec())];
    out.extend(
        rows.iter()
            .map(|r| line(r.iter().map(String::as_str).collect())),
    );
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostic_lines_name_severity_code_and_path() {
        let d = Diagnostic::error("E_X", "/stages/0", "bad\nthing");
        assert_eq!(diagnostic_line(&d), "error[E_X] /stages/0: bad thing");
        let d = Diagnostic::warning("W_Y", "", "whole");
        assert_eq!(diagnostic_line(&d), "warning[W_Y] (pipeline): whole");
    }

    #[test]
    fn counts_are_pluralized() {
        let ds = vec![
            Diagnostic::error("E", "", ""),
            Diagnostic::error("E", "", ""),
            Diagnostic::warning("W", "", ""),
        ];
        assert_eq!(counts(&ds), "2 errors, 1 warning");
        assert_eq!(counts(&[]), "");
    }

    #[test]
    fn tables_align_columns() {
        let t = table(&["A", "BB"], &[vec!["long".into(), "x".into()]]);
        assert_eq!(t, "A     BB\nlong  x");
    }
}
