//! The SQLite database: opened (created if missing), migrated, seeded from
//! the demo tenant on first start, and the reads and writes of the API.
//!
//! The demo's records (initiatives, metrics, recommendations, criticality
//! levels and rules, devices, users) keep the JSON shapes of
//! `www/data/*.json`, one row each, so the pages read the same shapes from
//! the API as from the static files; a write changes one field of one record
//! with SQLite's `json_set`. Every write and its decision-log entry are one
//! transaction.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};

use super::error::ApiError;
use super::StartError;
use crate::Decision;

/// Schema versions, applied in order; `PRAGMA user_version` says how many ran.
const MIGRATIONS: &[&str] = &[
    "CREATE TABLE records (
        kind TEXT NOT NULL, id TEXT NOT NULL, parent TEXT, position INTEGER NOT NULL, doc TEXT NOT NULL,
        PRIMARY KEY (kind, id)
     );
     CREATE TABLE decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        who TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
        allowed INTEGER NOT NULL, reason_code TEXT NOT NULL, reason TEXT NOT NULL
     );
     CREATE TABLE tvm_exceptions (
        id INTEGER PRIMARY KEY AUTOINCREMENT, recommendation TEXT NOT NULL, justification TEXT NOT NULL,
        expires TEXT NOT NULL, created_by TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
     );
     CREATE TABLE remediation_requests (
        id INTEGER PRIMARY KEY AUTOINCREMENT, recommendation TEXT NOT NULL, due TEXT NOT NULL,
        priority TEXT NOT NULL, notes TEXT NOT NULL, created_by TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
     );",
];

/// The kinds of demo records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Initiative,
    Metric,
    Recommendation,
    Level,
    Rule,
    Device,
    User,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Initiative => "initiative",
            Kind::Metric => "metric",
            Kind::Recommendation => "recommendation",
            Kind::Level => "level",
            Kind::Rule => "rule",
            Kind::Device => "device",
            Kind::User => "user",
        }
    }

    /// The word for messages ("no recommendation `x`").
    pub(crate) fn noun(self) -> &'static str {
        match self {
            Kind::Level => "criticality level",
            Kind::Rule => "criticality rule",
            other => other.as_str(),
        }
    }
}

/// The database, shared by the request handlers. SQLite serialises writers
/// anyway; one connection behind a mutex keeps that explicit.
#[derive(Clone)]
pub(crate) struct Store {
    conn: Arc<Mutex<Connection>>,
}

impl Store {
    /// Open (creating it and its folder if needed), migrate, and seed from
    /// `data_dir` (the demo's `www/data/`) when the database is new.
    pub(crate) fn open(path: &Path, data_dir: &Path) -> Result<Store, StartError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StartError(format!("cannot create `{}`: {e}", dir.display())))?;
        }
        let db_error = |e: rusqlite::Error| StartError(format!("database `{}`: {e}", path.display()));
        let mut conn = Connection::open(path).map_err(db_error)?;
        durable(&conn).map_err(db_error)?;
        conn.pragma_update(None, "foreign_keys", true).map_err(db_error)?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(db_error)?;
        migrate(&mut conn).map_err(db_error)?;
        let empty: bool = conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM records)", [], |r| r.get(0)).map_err(db_error)?;
        if empty {
            seed(&mut conn, data_dir)?;
        }
        Ok(Store { conn: Arc::new(Mutex::new(conn)) })
    }

    /// Run `f` on the connection off the async threads.
    pub(crate) async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().map_err(|_| ApiError::Internal("the database lock is poisoned".into()))?;
            f(&mut guard)
        })
        .await
        .map_err(|e| ApiError::Internal(format!("a database task failed: {e}")))?
    }
}

/// The journal settings, chosen so that a write the API acknowledged is on
/// disk when the answer leaves.
///
/// - `journal_mode=WAL`: a commit appends to the write-ahead log and never
///   rewrites the database file in place, so a process killed at any instant
///   (`kill -9`, a crash) leaves the file consistent and every committed
///   transaction in the log, replayed on the next open; readers do not block
///   the writer.
/// - `synchronous=FULL`: the log is fsynced at every commit, before the
///   handler answers. With WAL, `NORMAL` would already survive a process kill
///   (the bytes are in the OS cache), but not a power cut or kernel crash,
///   which could lose the last acknowledged writes. Writes here are an
///   administrator's clicks, not a hot path (`/api/check` never writes), so
///   one fsync each is cheap, and it is set here rather than left to the
///   build's default.
fn durable(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")
}

fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let done: usize = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Fill an empty database with the demo tenant, in one transaction.
fn seed(conn: &mut Connection, data_dir: &Path) -> Result<(), StartError> {
    let read = |name: &str| -> Result<Value, StartError> {
        let path = data_dir.join(name);
        let text = std::fs::read_to_string(&path).map_err(|e| StartError(format!("cannot read `{}`: {e}", path.display())))?;
        serde_json::from_str(&text).map_err(|e| StartError(format!("`{}` is not valid JSON: {e}", path.display())))
    };
    let list = |value: &Value, what: &str| -> Result<Vec<Value>, StartError> {
        value.as_array().cloned().ok_or_else(|| StartError(format!("the demo's {what} are not a list")))
    };
    let initiatives = read("initiatives.json")?;
    let criticality = read("criticality.json")?;
    let (devices, users) = (read("devices.json")?, read("users.json")?);
    let db_error = |e: rusqlite::Error| StartError(format!("seeding the database: {e}"));
    let tx = conn.transaction().map_err(db_error)?;
    for (pos, mut initiative) in list(&initiatives, "initiatives")?.into_iter().enumerate() {
        let id = record_id(&initiative)?;
        for (key, kind) in [("metrics", Kind::Metric), ("recommendations", Kind::Recommendation)] {
            let children = initiative.as_object_mut().and_then(|o| o.remove(key)).unwrap_or(Value::Array(Vec::new()));
            for (i, child) in list(&children, key)?.into_iter().enumerate() {
                insert(&tx, kind, &record_id(&child)?, Some(&id), i, &child).map_err(db_error)?;
            }
        }
        insert(&tx, Kind::Initiative, &id, None, pos, &initiative).map_err(db_error)?;
    }
    for (key, kind) in [("levels", Kind::Level), ("rules", Kind::Rule)] {
        for (i, item) in list(criticality.get(key).unwrap_or(&Value::Null), key)?.into_iter().enumerate() {
            insert(&tx, kind, &record_id(&item)?, None, i, &item).map_err(db_error)?;
        }
    }
    for (value, kind, what) in [(&devices, Kind::Device, "devices"), (&users, Kind::User, "users")] {
        for (i, item) in list(value, what)?.into_iter().enumerate() {
            insert(&tx, kind, &record_id(&item)?, None, i, &item).map_err(db_error)?;
        }
    }
    tx.commit().map_err(db_error)
}

fn record_id(value: &Value) -> Result<String, StartError> {
    value
        .get("id")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| StartError(format!("a demo record has no string `id`: {value}")))
}

fn insert(tx: &Connection, kind: Kind, id: &str, parent: Option<&str>, position: usize, doc: &Value) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO records (kind, id, parent, position, doc) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![kind.as_str(), id, parent, position, doc.to_string()],
    )?;
    Ok(())
}

/// The records of a kind, in order, with their parent ids.
pub(crate) fn records(conn: &Connection, kind: Kind) -> Result<Vec<(Option<String>, Value)>, ApiError> {
    let mut stmt = conn.prepare_cached("SELECT parent, doc FROM records WHERE kind = ?1 ORDER BY position, id")?;
    let rows = stmt.query_map([kind.as_str()], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (parent, doc) = row?;
        let doc = serde_json::from_str(&doc).map_err(|e| ApiError::Internal(format!("a stored record is not JSON: {e}")))?;
        out.push((parent, doc));
    }
    Ok(out)
}

/// The documents of a kind, in order.
pub(crate) fn documents(conn: &Connection, kind: Kind) -> Result<Vec<Value>, ApiError> {
    Ok(records(conn, kind)?.into_iter().map(|(_, doc)| doc).collect())
}

/// The initiatives with their metrics and recommendations, as `initiatives.json`.
pub(crate) fn initiatives(conn: &Connection) -> Result<Value, ApiError> {
    let metrics = records(conn, Kind::Metric)?;
    let recommendations = records(conn, Kind::Recommendation)?;
    let children = |all: &[(Option<String>, Value)], id: &str| -> Value {
        all.iter().filter(|(p, _)| p.as_deref() == Some(id)).map(|(_, d)| d.clone()).collect()
    };
    let mut out = Vec::new();
    for mut initiative in documents(conn, Kind::Initiative)? {
        let id = initiative.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
        if let Some(obj) = initiative.as_object_mut() {
            obj.insert("metrics".into(), children(&metrics, &id));
            obj.insert("recommendations".into(), children(&recommendations, &id));
        }
        out.push(initiative);
    }
    Ok(Value::Array(out))
}

/// One record's document.
pub(crate) fn get(conn: &Connection, kind: Kind, id: &str) -> Result<Value, ApiError> {
    let doc: Option<String> = conn
        .query_row("SELECT doc FROM records WHERE kind = ?1 AND id = ?2", params![kind.as_str(), id], |r| r.get(0))
        .optional()?;
    let doc = doc.ok_or_else(|| ApiError::NotFound(format!("no {} `{}`", kind.noun(), crate::suggest::clip(id))))?;
    serde_json::from_str(&doc).map_err(|e| ApiError::Internal(format!("a stored record is not JSON: {e}")))
}

/// Set fields of one record; the record as it is now. 404 when it does not exist.
pub(crate) fn set(tx: &Connection, kind: Kind, id: &str, fields: &[(&str, Value)]) -> Result<Value, ApiError> {
    let mut doc = get(tx, kind, id)?;
    if let Some(obj) = doc.as_object_mut() {
        for (name, value) in fields {
            obj.insert((*name).to_owned(), value.clone());
        }
    }
    tx.execute(
        "UPDATE records SET doc = ?3 WHERE kind = ?1 AND id = ?2",
        params![kind.as_str(), id, doc.to_string()],
    )?;
    Ok(doc)
}

/// Add a record at the end of its kind.
pub(crate) fn append(tx: &Connection, kind: Kind, id: &str, doc: &Value) -> Result<(), ApiError> {
    let next: usize = tx.query_row(
        "SELECT COALESCE(MAX(position) + 1, 0) FROM records WHERE kind = ?1",
        [kind.as_str()],
        |r| r.get(0),
    )?;
    insert(tx, kind, id, None, next, doc)?;
    Ok(())
}

/// Record a decision made on a write endpoint.
pub(crate) fn log_decision(tx: &Connection, who: &str, target: &str, decision: &Decision) -> Result<(), ApiError> {
    tx.execute(
        "INSERT INTO decisions (who, action, target, allowed, reason_code, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![who, decision.action, target, decision.allowed, decision.reason.code.as_str(), decision.reason.message],
    )?;
    Ok(())
}

/// A page of the decision log, newest first.
pub(crate) fn audit(conn: &Connection, limit: u32, offset: u64) -> Result<Value, ApiError> {
    let total: u64 = conn.query_row("SELECT COUNT(*) FROM decisions", [], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, who, action, target, allowed, reason_code, reason FROM decisions
         ORDER BY id DESC LIMIT ?1 OFFSET ?2",
    )?;
    let rows = stmt.query_map(params![limit, offset], |r| {
        let mut entry = Map::new();
        entry.insert("id".into(), r.get::<_, i64>(0)?.into());
        entry.insert("at".into(), r.get::<_, String>(1)?.into());
        entry.insert("who".into(), r.get::<_, String>(2)?.into());
        entry.insert("action".into(), r.get::<_, String>(3)?.into());
        entry.insert("target".into(), r.get::<_, String>(4)?.into());
        entry.insert("allowed".into(), r.get::<_, bool>(5)?.into());
        let reason = serde_json::json!({ "code": r.get::<_, String>(6)?, "message": r.get::<_, String>(7)? });
        entry.insert("reason".into(), reason);
        Ok(Value::Object(entry))
    })?;
    let entries = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let next = offset + entries.len() as u64;
    Ok(serde_json::json!({
        "entries": entries, "total": total, "limit": limit, "offset": offset,
        "nextOffset": if next < total { Some(next) } else { None },
    }))
}

/// The listing of TVM exceptions.
pub(crate) const EXCEPTIONS: &str = "SELECT id, recommendation, justification, expires,
    created_by AS createdBy, created_at AS createdAt FROM tvm_exceptions ORDER BY id";
/// The listing of remediation requests.
pub(crate) const REMEDIATION_REQUESTS: &str = "SELECT id, recommendation, due, priority, notes,
    created_by AS createdBy, created_at AS createdAt FROM remediation_requests ORDER BY id";

/// The rows of a listing query as JSON objects keyed by column name.
pub(crate) fn rows(conn: &Connection, sql: &str) -> Result<Value, ApiError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let names: Vec<String> = stmt.column_names().into_iter().map(str::to_owned).collect();
    let rows = stmt.query_map([], |r| {
        let mut obj = Map::new();
        for (i, name) in names.iter().enumerate() {
            let value = match r.get_ref(i)? {
                rusqlite::types::ValueRef::Integer(n) => Value::from(n),
                rusqlite::types::ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
                _ => Value::Null,
            };
            obj.insert(name.clone(), value);
        }
        Ok(Value::Object(obj))
    })?;
    Ok(Value::Array(rows.collect::<rusqlite::Result<Vec<_>>>()?))
}

/// Insert a row of named values into a table.
pub(crate) fn insert_row(conn: &Connection, table: &str, values: &[(&str, &str)]) -> Result<i64, ApiError> {
    let columns: Vec<&str> = values.iter().map(|(c, _)| *c).collect();
    let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
    let sql = format!("INSERT INTO {table} ({}) VALUES ({})", columns.join(", "), marks.join(", "));
    conn.execute(&sql, rusqlite::params_from_iter(values.iter().map(|(_, v)| *v)))?;
    Ok(conn.last_insert_rowid())
}

impl Store {
    /// The criticality level ids, in order (fixed for the demo tenant).
    pub(crate) fn levels(&self) -> Result<Vec<String>, StartError> {
        let conn = self.conn.lock().map_err(|_| StartError("the database lock is poisoned".into()))?;
        let docs = documents(&conn, Kind::Level).map_err(|e| StartError(format!("reading the levels: {e:?}")))?;
        Ok(docs.iter().filter_map(|d| d.get("id").and_then(Value::as_str)).map(str::to_owned).collect())
    }
}
