//! The compiled form of a policy: its document in a compact binary encoding,
//! for modules that answer permission questions without reading JSON
//! policies (the npm entry `exposure-gate/runtime`, in the spirit of OPA's
//! policies compiled ahead of time for its WebAssembly evaluator).
//!
//! It holds the document, not the engine's indices: a reader decodes the
//! document and runs the same [`compile`](super::compile) as for JSON, so
//! a compiled policy is checked exactly as its JSON would be, and a damaged
//! one is an `invalid-policy` error, never a half-read gate. The built-in
//! policy ships in this form too ([`BUILTIN_COMPILED`]), so every module
//! loads it without parsing JSON.
//!
//! Layout (format 1): the bytes `EGPC`, the format number, then the
//! document's fields in declaration order. Numbers and lengths are unsigned
//! LEB128; a string is its byte length and its UTF-8; a list is its length
//! and its items; `bool` and the action kind are one byte; an optional string
//! is a byte 0 (absent) or 1 and the string. Nothing may follow the last
//! field. A policy with its own prerequisite tables has no compiled form: the
//! form holds the permission part only, over the built-in tables.

use super::compile::index;
use super::{ActionDef, ActionKind, GrantDef, Policy, PolicyDocument, PolicyPrerequisites, RoleDef, TvmPermissionDef, TvmRoleDef};
use crate::error::{Error, ErrorCode, Result};

/// The first four bytes of every compiled policy.
const MAGIC: &[u8; 4] = b"EGPC";

/// The layout this library writes and reads.
pub const COMPILED_FORMAT: u8 = 1;

/// The built-in policy in compiled form: what `Gate::builtin()` loads.
/// `policy/builtin.compiled` is written from `policy/builtin.json` by
/// `exposure-gate compile --policy policy/builtin.json --out policy/builtin.compiled`,
/// and a test fails if it does not match.
pub const BUILTIN_COMPILED: &[u8] = include_bytes!("../../policy/builtin.compiled");

/// The compiled form of `doc`, or an `invalid-policy` error when `doc` has
/// prerequisite tables of its own, which the form does not hold.
pub(crate) fn encode(doc: &PolicyDocument) -> Result<Vec<u8>> {
    if doc.prerequisites.is_some() {
        return Err(Error::new(
            ErrorCode::InvalidPolicy,
            "a policy with its own prerequisite tables has no compiled form (it holds the permission part only, \
             over the built-in tables); load it as JSON with `Gate.fromPolicy`",
        )
        .at("/prerequisites"));
    }
    let mut w = Writer(MAGIC.to_vec());
    w.0.push(COMPILED_FORMAT);
    w.number(doc.version);
    w.string(&doc.name);
    w.list(&doc.sources, |w, s| w.string(s));
    w.list(&doc.roles, |w, r| {
        w.string(&r.id);
        w.string(&r.name);
        w.list(&r.template_ids, |w, t| w.string(t));
        w.0.push(u8::from(r.read_only));
        w.string(&r.description);
    });
    w.list(&doc.actions, |w, a| {
        w.string(&a.id);
        w.string(&a.label);
        w.0.push(match a.kind {
            ActionKind::Read => 0,
            ActionKind::Write => 1,
            ActionKind::Personal => 2,
        });
        w.0.push(u8::from(a.scoped));
        match &a.tvm_permission {
            None => w.0.push(0),
            Some(p) => {
                w.0.push(1);
                w.string(p);
            }
        }
        w.string(&a.source);
    });
    w.list(&doc.grants, |w, g| {
        w.string(&g.role);
        w.list(&g.actions, |w, a| w.string(a));
    });
    w.list(&doc.tvm_permissions, |w, p| {
        w.string(&p.id);
        w.string(&p.name);
        w.string(&p.group);
        w.string(&p.description);
    });
    w.list(&doc.tvm_roles, |w, r| {
        w.string(&r.id);
        w.string(&r.name);
        w.list(&r.permissions, |w, p| w.string(p));
    });
    Ok(w.0)
}

/// The policy in `bytes`: decoded, then checked and indexed by the same
/// [`index`] as a JSON document, on the built-in prerequisite tables.
pub(crate) fn load(bytes: &[u8]) -> Result<Policy> {
    index(decode(bytes)?, |_, _| Ok(PolicyPrerequisites::Builtin))
}

/// The document in `bytes`, checked for shape only. Every way `bytes` can be wrong is an `invalid-policy` error that
/// names the byte where reading stopped.
fn decode(bytes: &[u8]) -> Result<PolicyDocument> {
    let mut r = Reader { bytes, pos: 0 };
    if bytes.get(..MAGIC.len()) != Some(MAGIC.as_slice()) {
        return Err(invalid("this is not a compiled exposure-gate policy (it does not start with `EGPC`)".into()));
    }
    r.pos = MAGIC.len();
    let format = r.byte()?;
    if format != COMPILED_FORMAT {
        return Err(invalid(format!(
            "compiled policy format {format} is not read by this library, which reads format {COMPILED_FORMAT}; \
             compile the policy again with this version"
        )));
    }
    let doc = PolicyDocument {
        version: r.number()?,
        name: r.string()?,
        sources: r.list(Reader::string)?,
        roles: r.list(|r| {
            Ok(RoleDef {
                id: r.string()?,
                name: r.string()?,
                template_ids: r.list(Reader::string)?,
                read_only: r.flag()?,
                description: r.string()?,
            })
        })?,
        actions: r.list(|r| {
            Ok(ActionDef {
                id: r.string()?,
                label: r.string()?,
                kind: match r.byte()? {
                    0 => ActionKind::Read,
                    1 => ActionKind::Write,
                    2 => ActionKind::Personal,
                    other => return Err(r.bad(&format!("action kind {other}"))),
                },
                scoped: r.flag()?,
                tvm_permission: if r.flag()? { Some(r.string()?) } else { None },
                source: r.string()?,
            })
        })?,
        grants: r.list(|r| Ok(GrantDef { role: r.string()?, actions: r.list(Reader::string)? }))?,
        tvm_permissions: r.list(|r| {
            Ok(TvmPermissionDef { id: r.string()?, name: r.string()?, group: r.string()?, description: r.string()? })
        })?,
        tvm_roles: r.list(|r| {
            Ok(TvmRoleDef { id: r.string()?, name: r.string()?, permissions: r.list(Reader::string)? })
        })?,
        prerequisites: None,
    };
    if r.pos != bytes.len() {
        return Err(r.bad("more bytes after the policy's end"));
    }
    Ok(doc)
}

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::InvalidPolicy, message)
}

/// The bytes being written.
struct Writer(Vec<u8>);

impl Writer {
    fn number(&mut self, mut n: u32) {
        while n >= 0x80 {
            self.0.push((n & 0x7f) as u8 | 0x80);
            n >>= 7;
        }
        self.0.push(n as u8);
    }

    fn length(&mut self, n: usize) {
        // Every list and string of a compiled document is far below 2^32:
        // compile limits their counts, and JSON text that long is not read.
        self.number(u32::try_from(n).unwrap_or(u32::MAX));
    }

    fn string(&mut self, s: &str) {
        self.length(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn list<T>(&mut self, items: &[T], mut item: impl FnMut(&mut Writer, &T)) {
        self.length(items.len());
        for t in items {
            item(self, t);
        }
    }
}

/// A cursor over the bytes being read.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    /// An error naming what was found where reading stopped.
    #[cold]
    fn bad(&self, found: &str) -> Error {
        invalid(format!("the compiled policy is damaged: {found} at byte {}", self.pos))
    }

    fn byte(&mut self) -> Result<u8> {
        let b = self.bytes.get(self.pos).copied().ok_or_else(|| self.bad("the end of the bytes"))?;
        self.pos += 1;
        Ok(b)
    }

    fn flag(&mut self) -> Result<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(self.bad(&format!("the byte {other} where 0 or 1 belongs"))),
        }
    }

    fn number(&mut self) -> Result<u32> {
        let mut n: u32 = 0;
        for shift in [0, 7, 14, 21, 28] {
            let b = self.byte()?;
            let part = u32::from(b & 0x7f);
            if shift == 28 && part > 0x0f {
                break;
            }
            n |= part << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(self.bad("a number over 32 bits"))
    }

    /// A length, which can never exceed the bytes left (each item takes at
    /// least one), so a damaged length cannot make the reader reserve memory
    /// the input does not back.
    fn length(&mut self) -> Result<usize> {
        let n = self.number()? as usize;
        if n > self.bytes.len().saturating_sub(self.pos) {
            return Err(self.bad(&format!("a length of {n}, more than the bytes left,")));
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String> {
        let n = self.length()?;
        let raw = self.bytes.get(self.pos..self.pos + n).ok_or_else(|| self.bad("the end of the bytes"))?;
        let s = std::str::from_utf8(raw).map_err(|_| self.bad("text that is not UTF-8"))?;
        self.pos += n;
        Ok(s.to_owned())
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Result<T>) -> Result<Vec<T>> {
        let n = self.length()?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(item(self)?);
        }
        Ok(items)
    }
}
