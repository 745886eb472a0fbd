//! Every size limit of the library, in one place.
//!
//! Whatever the input, the gate answers or refuses with a clear error, in
//! time and memory proportional to the input at worst. Where input has a
//! natural bound (a tenant has a handful of roles; no id is 10 MB long), the
//! library refuses what is past it early and says so in the error message,
//! rather than working through it: a policy of 100,000 roles or a subject
//! with 100,000 device groups is a mistake or an attack, never a real
//! question. The limits are far above anything real and are part of the
//! documented behaviour (SECURITY.md lists them).
//!
//! | limit | value | past it |
//! | --- | --- | --- |
//! | [`POLICY_ENTRIES`] roles, actions, grants, TVM options, TVM roles in a policy | 1024 each | `invalid-policy` |
//! | [`ID_CHARS`] chars of an id defined by a policy | 64 | `invalid-policy` |
//! | [`SUBJECT_ENTRIES`] roles, TVM roles, TVM options, device groups in a subject | 1024 each | `invalid-subject` |
//! | [`GROUP_NAME_CHARS`] chars of a device-group name | 256 | `invalid-subject` |
//! | [`USER_AGENT_BYTES`] of a user agent that are read | 1024 | the rest is ignored |
//! | [`WORKLOADS`] workloads in a policy's licence tables | 64 | `invalid-policy` |
//! | [`UPDATES_PER_RELEASE`] mandatory updates of one Windows 10 release | 32 | `invalid-policy` |
//! | [`ECHO_CHARS`] chars of a bad value quoted in a message | 80 | cut, with `…` |
//! | [`COMPARE_CHARS`] chars of a value compared for "did you mean" | 128 | no suggestion |
//!
//! From JavaScript, values are also refused before they are read when they
//! nest deeper than their documented shape can ([`depth`]); cyclic values
//! are refused the same way. JSON text may nest at most 128 levels.
//!
//! A fleet has no device limit: it is read and judged in one linear pass
//! each bad device listed, not
//! fatal. Only the skins bound the size of the whole input (the server's
//! body limit).

/// How many roles, actions, grants, TVM permission options or TVM roles a
/// policy may define. Real policies hold a handful.
pub const POLICY_ENTRIES: usize = 1024;

/// The longest id (in chars, all ASCII) that a policy may define.
pub const ID_CHARS: usize = 64;

/// How many roles, TVM roles, TVM permission options or device groups one
/// subject may list. Entra ID has about a hundred built-in roles.
pub const SUBJECT_ENTRIES: usize = 1024;

/// The longest device-group name (in chars) a subject may list: names are
/// quoted in decisions, so they must stay readable.
pub const GROUP_NAME_CHARS: usize = 256;

/// How much of a user agent is read. Real ones are a few hundred bytes; the
/// tokens that identify a browser come first.
pub const USER_AGENT_BYTES: usize = 1024;

/// How many workloads the licence tables may name, so that a licence's
/// workloads fit in a `u64`.
pub const WORKLOADS: usize = 64;

/// How many mandatory updates one Windows 10 release may list, so that the
/// ones a device misses fit in a `u32`.
pub const UPDATES_PER_RELEASE: usize = 32;

/// How many chars of a bad value an error message quotes, so that a
/// megabyte-long id does not become a megabyte-long message.
pub const ECHO_CHARS: usize = 80;

/// Values longer than this are not compared for suggestions (no id is that
/// long, and the comparison is quadratic).
pub const COMPARE_CHARS: usize = 128;

/// How deeply arrays and objects may nest: in a JS value, per argument, the
/// depth of the documented shape (deeper values are refused before they are
/// copied); in JSON text, [`TEXT`](depth::TEXT).
pub mod depth {
    /// A policy: document -> prerequisites -> licenses -> licence -> workloads.
    pub const POLICY: usize = 5;
    /// A subject: subject -> roles.
    pub const SUBJECT: usize = 2;
    /// Licensing input: input -> licenses.
    pub const LICENSING: usize = 2;
    /// Workspace input: input -> assignments -> assignment -> roles.
    pub const WORKSPACE: usize = 4;
    /// JSON text, whatever it holds: arrays and objects nested deeper are
    /// refused by the parser before it recurses further (unknown fields may
    /// hold anything, so this is not the documented shape's depth).
    pub const TEXT: usize = 128;
}
