//! Device lists as CSV, for the command line (`exposure-gate devices FILE`).
//!
//! A small reader for the CSV that spreadsheets and inventory exports write
//! (RFC 4180): a header row, `,` between fields (or `;` when the header has
//! no `,`, as European spreadsheets write), fields in double quotes when they
//! hold a separator, a quote or a line break, a quote inside quotes doubled.
//! No crate: the format is small and the errors need to say line and column.
//!
//! Columns are the JSON field names, matched ignoring ASCII case, spaces and
//! punctuation (`osVersion`, `OS Version`, `os_version`). Booleans are
//! `true`/`false`, `yes`/`no`, `y`/`n` or `1`/`0`; `installedKbs` is a list of
//! KB ids separated by `;`, `,`, `|` or spaces; `tags` are separated by `;`,
//! `,` or `|`. A bad row becomes an invalid device naming its line and
//! column; only a bad header or an unclosed quote fails the whole file.

use std::borrow::Cow;

use super::kb;
use super::record::{build, DeviceEntry, InvalidDevice, Loose, FIELDS};
use crate::error::{Error, ErrorCode, Result};

/// Columns that must be in the header.
const REQUIRED: [&str; 7] = ["id", "onboarded", "os", "intune", "configMgr", "securityRecommendations", "coManaged"];

/// One row: the line it starts on, and its fields or what is wrong with it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Row<'a> {
    pub(crate) line: usize,
    pub(crate) fields: std::result::Result<Vec<Cow<'a, str>>, RowError>,
}

/// What is wrong with a row, and where.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct RowError {
    pub(crate) column: usize,
    pub(crate) message: &'static str,
}

/// Split CSV text into rows. Blank lines are skipped; a row with a stray
/// quote is an error row and reading goes on at the next line; an unclosed
/// quote at the end of the text fails the whole text.
pub(crate) fn rows(text: &str, separator: u8) -> Result<Vec<Row<'_>>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    let mut pos = 0;
    let mut line = 1;
    while pos < bytes.len() {
        let start_line = line;
        let mut fields: Vec<Cow<'_, str>> = Vec::new();
        let mut error: Option<RowError> = None;
        // One field per iteration; ends at the separator or the end of the row.
        loop {
            while bytes.get(pos).is_some_and(|&b| b == b' ' || b == b'\t') {
                pos += 1;
            }
            if bytes.get(pos) == Some(&b'"') {
                let open_line = line;
                pos += 1;
                let mut value = String::new();
                let mut chunk = pos;
                loop {
                    match bytes.get(pos) {
                        None => {
                            return Err(Error::new(
                                ErrorCode::InvalidInput,
                                format!("line {open_line}, column {}: the quote opened here is never closed", fields.len() + 1),
                            ))
                        }
                        Some(b'"') if bytes.get(pos + 1) == Some(&b'"') => {
                            value.push_str(text.get(chunk..=pos).unwrap_or_default());
                            pos += 2;
                            chunk = pos;
                        }
                        Some(b'"') => {
                            value.push_str(text.get(chunk..pos).unwrap_or_default());
                            pos += 1;
                            break;
                        }
                        Some(b'\n') => {
                            line += 1;
                            pos += 1;
                        }
                        Some(_) => pos += 1,
                    }
                }
                fields.push(Cow::Owned(value));
                while bytes.get(pos).is_some_and(|&b| b == b' ' || b == b'\t') {
                    pos += 1;
                }
                match bytes.get(pos) {
                    None | Some(b'\n' | b'\r') => break,
                    Some(&b) if b == separator => pos += 1,
                    Some(_) => {
                        error.get_or_insert(RowError {
                            column: fields.len(),
                            message: "unexpected text after the closing quote",
                        });
                        skip_line(bytes, &mut pos);
                        break;
                    }
                }
            } else {
                let start = pos;
                while bytes.get(pos).is_some_and(|&b| b != separator && b != b'\n' && b != b'\r') {
                    if bytes.get(pos) == Some(&b'"') {
                        error.get_or_insert(RowError {
                            column: fields.len() + 1,
                            message: "a quote inside an unquoted field; quote the whole field and double the quote",
                        });
                    }
                    pos += 1;
                }
                fields.push(Cow::Borrowed(text.get(start..pos).unwrap_or_default().trim_end()));
                match bytes.get(pos) {
                    Some(&b) if b == separator => pos += 1,
                    _ => break,
                }
            }
        }
        // The end of the row.
        if bytes.get(pos) == Some(&b'\r') {
            pos += 1;
        }
        if bytes.get(pos) == Some(&b'\n') {
            pos += 1;
            line += 1;
        }
        let blank = error.is_none() && fields.len() == 1 && fields.first().is_some_and(|f| f.is_empty());
        if !blank {
            rows.push(Row { line: start_line, fields: error.map_or(Ok(fields), Err) });
        }
    }
    Ok(rows)
}

fn skip_line(bytes: &[u8], pos: &mut usize) {
    while bytes.get(*pos).is_some_and(|&b| b != b'\n' && b != b'\r') {
        *pos += 1;
    }
}

/// Read a device list from CSV text. The header names the columns (see the
/// module documentation); each row becomes a [`DeviceEntry`], invalid with
/// its line and column when it cannot be read.
///
/// # Example
///
/// ```
/// use exposure_gate::prereq::{devices_from_csv, DeviceEntry};
///
/// let csv = "id,onboarded,os,osVersion,installedKbs,intune,configMgr,securityRecommendations,tags,coManaged\n\
///            pc-1,yes,Windows 10,1809,\"KB4516077, KB4493441\",yes,no,3,finance,no\n\
///            pc-2,maybe,macOS,,,yes,no,1,,no\n";
/// let entries = devices_from_csv(csv)?;
/// assert!(matches!(&entries[0], DeviceEntry::Valid(d) if d.installed_kbs.len() == 2));
/// let DeviceEntry::Invalid(bad) = &entries[1] else { unreachable!() };
/// assert_eq!(bad.error.message(), "line 3, column 2: device `pc-2`: `onboarded` must be true or false, not the string `maybe`");
/// # Ok::<(), exposure_gate::Error>(())
/// ```
pub fn devices_from_csv(text: &str) -> Result<Vec<DeviceEntry>> {
    devices_from_csv_with_lines(text).map(|(entries, _)| entries)
}

/// [`devices_from_csv`], with the line each device starts on (for messages
/// about a device found wrong later, such as a missing Windows 10 version).
///
/// # Example
///
/// ```
/// let csv = "id,onboarded,os,intune,configMgr,securityRecommendations,coManaged\n\nm,yes,macOS,yes,no,1,yes\n";
/// let (entries, lines) = exposure_gate::prereq::devices_from_csv_with_lines(csv)?;
/// assert_eq!((entries.len(), lines), (1, vec![3]));
/// # Ok::<(), exposure_gate::Error>(())
/// ```
pub fn devices_from_csv_with_lines(text: &str) -> Result<(Vec<DeviceEntry>, Vec<usize>)> {
    let header_line = text.strip_prefix('\u{feff}').unwrap_or(text).lines().find(|l| !l.trim().is_empty());
    let separator = match header_line {
        Some(h) if !h.contains(',') && h.contains(';') => b';',
        _ => b',',
    };
    let rows = rows(text, separator)?;
    let mut rows = rows.into_iter();
    let Some(header) = rows.next() else {
        return Err(Error::new(ErrorCode::InvalidInput, "the CSV is empty; it needs a header row naming the columns"));
    };
    let header_fields = header.fields.map_err(|e| {
        Error::new(ErrorCode::InvalidInput, format!("line {}, column {}: {}", header.line, e.column, e.message))
    })?;
    let columns = columns(&header_fields, header.line)?;

    let mut entries = Vec::with_capacity(rows.len());
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        lines.push(row.line);
        let cells = match row.fields {
            Ok(cells) => cells,
            Err(e) => {
                let message = format!("line {}, column {}: {}", row.line, e.column, e.message);
                entries.push(invalid(None, Error::new(ErrorCode::InvalidInput, message)));
                continue;
            }
        };
        let id = columns.iter().position(|c| *c == Some(0)).and_then(|i| cells.get(i)).map(|s| s.to_string());
        if cells.len() != columns.len() {
            let message = format!(
                "line {}: {} fields, but the header has {}",
                row.line,
                cells.len(),
                columns.len()
            );
            entries.push(invalid(id, Error::new(ErrorCode::InvalidInput, message)));
            continue;
        }
        entries.push(device(&columns, cells, row.line));
    }
    Ok((entries, lines))
}

/// For each header column, the index of its field in [`FIELDS`].
fn columns(header: &[Cow<'_, str>], line: usize) -> Result<Vec<Option<usize>>> {
    let keys: Vec<String> = FIELDS.iter().map(|f| crate::fold::key(f)).collect();
    let mut columns = Vec::with_capacity(header.len());
    for (i, name) in header.iter().enumerate() {
        let at = |message: String| Error::new(ErrorCode::InvalidInput, format!("line {line}, column {}: {message}", i + 1));
        let Some(field) = keys.iter().position(|k| *k == crate::fold::key(name)) else {
            let err = Error::unknown(ErrorCode::InvalidInput, "column", name, FIELDS);
            return Err(at(err.message().to_owned()).with_suggestions(err.suggestions().to_vec()));
        };
        if columns.contains(&Some(field)) {
            return Err(at(format!("the column `{name}` appears twice")));
        }
        columns.push(Some(field));
    }
    let absent: Vec<String> =
        REQUIRED.iter().filter(|r| !columns.iter().flatten().any(|&f| FIELDS.get(f) == Some(r))).map(|r| format!("`{r}`")).collect();
    if !absent.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("line {line}: the header has no {} column", crate::prose::and_list(&absent)),
        ));
    }
    Ok(columns)
}

/// One row as a device.
fn device(columns: &[Option<usize>], cells: Vec<Cow<'_, str>>, line: usize) -> DeviceEntry {
    let mut fields: [Option<Loose>; 10] = Default::default();
    let mut early: Option<Error> = None;
    for (column, cell) in columns.iter().zip(cells) {
        let Some(field) = *column else { continue };
        let name = FIELDS.get(field).copied().unwrap_or_default();
        let cell = cell.trim();
        let value = match name {
            "onboarded" | "intune" | "configMgr" | "coManaged" => match cell.to_ascii_lowercase().as_str() {
                "true" | "yes" | "y" | "1" => Loose::Bool(true),
                "false" | "no" | "n" | "0" => Loose::Bool(false),
                _ => Loose::Str(cell.to_owned()),
            },
            "securityRecommendations" => match cell.parse::<u32>() {
                Ok(n) => Loose::Number(Some(i64::from(n))),
                Err(_) => Loose::Str(cell.to_owned()),
            },
            "osVersion" if cell.is_empty() => Loose::Null,
            "installedKbs" => match kb::parse_list(cell) {
                Ok(kbs) => Loose::Seq(kbs.iter().map(|k| Loose::Str(k.to_string())).collect()),
                Err(err) => {
                    early.get_or_insert(err.at(format!("/{name}")));
                    Loose::Null
                }
            },
            "tags" => Loose::Seq(
                cell.split([';', ',', '|']).map(str::trim).filter(|t| !t.is_empty()).map(|t| Loose::Str(t.to_owned())).collect(),
            ),
            _ => Loose::Str(cell.to_owned()),
        };
        if let Some(slot) = fields.get_mut(field) {
            *slot = Some(value);
        }
    }
    match build(fields, early) {
        DeviceEntry::Invalid(bad) => {
            let field = bad.error.pointer().and_then(|p| p.split('/').nth(1)).and_then(|f| FIELDS.iter().position(|n| *n == f));
            let column = field.and_then(|f| columns.iter().position(|c| *c == Some(f)));
            let place = match column {
                Some(c) => format!("line {line}, column {}", c + 1),
                None => format!("line {line}"),
            };
            let mut error = Error::new(bad.error.code(), format!("{place}: {}", bad.error.message()))
                .with_suggestions(bad.error.suggestions().to_vec());
            if let Some(pointer) = bad.error.pointer() {
                error = error.at(pointer);
            }
            DeviceEntry::Invalid(InvalidDevice { id: bad.id, error })
        }
        valid => valid,
    }
}

fn invalid(id: Option<String>, error: Error) -> DeviceEntry {
    DeviceEntry::Invalid(InvalidDevice { id, error })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields<'a>(row: &'a Row<'a>) -> Vec<&'a str> {
        row.fields.as_ref().unwrap().iter().map(|c| c.as_ref()).collect()
    }

    #[test]
    fn quoted_fields() {
        let rows = rows("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x , \" y \"\n\n", b',').unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(fields(&rows[0]), ["a", "b,c", "say \"hi\""]);
        assert_eq!(fields(&rows[1]), ["multi\nline", "x", " y "]);
        assert_eq!((rows[0].line, rows[1].line), (1, 2));
        let rows = rows_of("a,,\n,\n");
        assert_eq!(fields(&rows[0]), ["a", "", ""]);
        assert_eq!(fields(&rows[1]), ["", ""]);
    }

    fn rows_of(text: &str) -> Vec<Row<'_>> {
        rows(text, b',').unwrap()
    }

    #[test]
    fn a_bad_row_does_not_stop_the_rest() {
        let rows = rows_of("a,b\nx\"y,z\n\"q\"r,s\nok,1\n");
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[1].fields, Err(RowError { column: 1, message: "a quote inside an unquoted field; quote the whole field and double the quote" }));
        assert_eq!(rows[2].fields, Err(RowError { column: 1, message: "unexpected text after the closing quote" }));
        assert_eq!(fields(&rows[3]), ["ok", "1"]);
        assert_eq!(rows[3].line, 4);
    }

    #[test]
    fn an_unclosed_quote_fails_the_file() {
        let err = rows("a,b\nc,\"d\n\ne\n", b',').unwrap_err();
        assert_eq!(err.message(), "line 2, column 2: the quote opened here is never closed");
    }

    const HEADER: &str = "id,onboarded,os,osVersion,installedKbs,intune,configMgr,securityRecommendations,tags,coManaged";

    #[test]
    fn devices_with_every_spelling() {
        let csv = format!(
            "\u{feff}{HEADER}\r\n\
             pc-1,TRUE,Windows 10,10.0.16299,KB4493441 KB 4516071,Yes,n,2,\"a, b\",0\r\n\
             pc-2,1,macOS,,,no,Y,0,,yes\r\n"
        );
        let entries = devices_from_csv(&csv).unwrap();
        let [DeviceEntry::Valid(a), DeviceEntry::Valid(b)] = &entries[..] else { panic!("{entries:?}") };
        assert!(a.onboarded && a.intune && !a.config_mgr && !a.co_managed);
        assert_eq!(a.installed_kbs, [crate::prereq::Kb::new(4493441), crate::prereq::Kb::new(4516071)]);
        assert_eq!(a.tags, ["a", "b"]);
        assert_eq!(a.os_version.as_deref(), Some("10.0.16299"));
        assert_eq!(b.os_version, None);
        assert!(b.installed_kbs.is_empty() && b.tags.is_empty() && b.co_managed);
    }

    #[test]
    fn header_names_are_forgiving_and_semicolons_work() {
        let csv = "ID;Onboarded;OS;OS Version;Installed KBs;Intune;Config Mgr;Security Recommendations;Tags;Co-managed\n\
                   pc-1;yes;Windows 10;1809;KB4516077;yes;no;1;x;no\n";
        let entries = devices_from_csv(csv).unwrap();
        assert!(matches!(&entries[0], DeviceEntry::Valid(d) if d.id == "pc-1"));
        // Optional columns may be left out.
        let entries = devices_from_csv("id,onboarded,os,intune,configMgr,securityRecommendations,coManaged\nm,yes,macOS,yes,no,1,yes\n").unwrap();
        assert!(matches!(&entries[0], DeviceEntry::Valid(_)));
    }

    #[test]
    fn header_mistakes_fail_the_file() {
        let err = devices_from_csv("id,onboarded,os,intnue\n").unwrap_err();
        assert_eq!(err.to_string(), "line 1, column 4: unknown column `intnue`; did you mean `intune`?");
        let err = devices_from_csv("id,onboarded,os,intune,configMgr,securityRecommendations,coManaged,OS\n").unwrap_err();
        assert_eq!(err.message(), "line 1, column 8: the column `OS` appears twice");
        let err = devices_from_csv("id,onboarded,os,intune\n").unwrap_err();
        assert_eq!(err.message(), "line 1: the header has no `configMgr`, `securityRecommendations` and `coManaged` column");
        let err = devices_from_csv("\n\n").unwrap_err();
        assert!(err.message().starts_with("the CSV is empty"));
    }

    #[test]
    fn row_mistakes_name_line_and_column() {
        let csv = format!(
            "{HEADER}\n\
             pc-1,yes,Windows 10,1809,KB4516077,yes,no,1,x,no\n\
             pc-2,yes,Windows 10,1809,KB45x,yes,no,1,x,no\n\
             pc-3,yes,Windows 10,1809,,yes,no,many,x,no\n\
             pc-4,yes,Windows 10\n\
             pc\"5,yes,Windows 10,1809,,yes,no,1,x,no\n\
             pc-6,yes,Windows 10,,,yes,no,1,x,no\n\
             pc-7,yes,macOS,,,yes,no,1,,\n"
        );
        let entries = devices_from_csv(&csv).unwrap();
        let errors: Vec<String> = entries
            .iter()
            .map(|e| match e {
                DeviceEntry::Valid(_) => String::new(),
                DeviceEntry::Invalid(bad) => bad.error.message().to_owned(),
            })
            .collect();
        assert_eq!(
            errors,
            [
                "",
                "line 3, column 5: device `pc-2`: `KB45x` is not a KB id; write it as `KB4516077` or `4516077`",
                "line 4, column 8: device `pc-3`: `securityRecommendations` must be a count (a whole number, 0 or more), not the string `many`",
                "line 5: 3 fields, but the header has 10",
                "line 6, column 1: a quote inside an unquoted field; quote the whole field and double the quote",
                // Readable, so valid here; the missing Windows 10 version is for the check to report.
                "",
                "line 8, column 10: device `pc-7`: `coManaged` must be true or false, not an empty string",
            ]
        );
        let DeviceEntry::Invalid(bad) = &entries[3] else { panic!() };
        assert_eq!(bad.id.as_deref(), Some("pc-4"));
        let DeviceEntry::Invalid(bad) = &entries[2] else { panic!() };
        assert_eq!(bad.error.pointer(), Some("/securityRecommendations"));
    }

    #[test]
    fn a_fleet_from_csv_reports_lines_and_pointers() {
        let p = crate::prereq::Prerequisites::builtin().unwrap();
        let csv = format!("{HEADER}\npc-1,yes,Windows 10,1809,KB4516077,yes,no,1,x,no\npc-6,yes,Windows 10,,,yes,no,1,x,no\n");
        let entries = devices_from_csv(&csv).unwrap();
        let report = crate::prereq::fleet(&p, &entries);
        assert_eq!(report.ready, 1);
        assert_eq!(report.invalid[0].error.pointer.as_deref(), Some("/devices/1/osVersion"));
    }
}
