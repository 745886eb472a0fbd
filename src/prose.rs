//! Words for the sentences in decisions and reports: lists joined as prose
//! ("A, B and C") and plurals. One place, so every message reads alike.

/// `a`, `a and b`, `a, b and c`: names joined for a sentence.
pub(crate) fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    join(items, "and")
}

/// `a`, `a or b`, `a, b or c`.
pub(crate) fn or_list<S: AsRef<str>>(items: &[S]) -> String {
    join(items, "or")
}

/// `word` for one, `words` for any other count.
pub(crate) fn plural(word: &str, count: usize) -> String {
    if count == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

fn join<S: AsRef<str>>(items: &[S], word: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { " " } else { ", " });
            if i + 1 == items.len() {
                out.push_str(word);
                out.push(' ');
            }
        }
        out.push_str(item.as_ref());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_for_a_sentence() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b"]), "a and b");
        assert_eq!(and_list(&["A", "B", "C"]), "A, B and C");
        assert_eq!(or_list(&["a", "b"]), "a or b");
        assert_eq!(or_list(&["a", "b", "c"]), "a, b or c");
    }

    #[test]
    fn plurals() {
        assert_eq!(plural("role", 1), "role");
        assert_eq!(plural("role", 0), "roles");
        assert_eq!(plural("role", 2), "roles");
    }
}
