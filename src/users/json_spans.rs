//! A large JSON users file read as spans: serde_json checks the syntax of the whole file and
//! hands each user back as the raw text of its value (`RawValue`, borrowed, not parsed), so a
//! read parses only the users it needs (every one, on all cores, for a list) and an edit
//! rewrites only its user's bytes. serde_json tells no positions otherwise; a `RawValue`'s text
//! is a slice of the input, and where it starts is its position.

use std::collections::HashSet;
use std::ops::Range;

use rayon::prelude::*;
use serde::de::{MapAccess, Visitor};
use serde::Deserializer as _;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::parse::{read_root, read_user, Doc};
use super::User;
use crate::token::{parse_strict_text, StrictValue};

/// Where the users of a JSON users file are.
pub(super) struct Layout {
    /// The file's `upgrade_hashes`.
    pub(super) upgrade: bool,
    /// The bytes of the `users` object, when there is one.
    users: Option<Range<usize>>,
    /// Each user: its name and the bytes of its value, in file order.
    entries: Vec<(String, Range<usize>)>,
}

/// Where `raw`, a value borrowed from `text`, is in it.
fn span(text: &str, raw: &RawValue) -> Range<usize> {
    let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
    start..start + raw.get().len()
}

/// The layout of `text`, a JSON object with a `users` object of users. `None` when the file
/// does not parse, gives a key twice, or has a top level the full parse would refuse: the
/// full parse then words the error.
pub(super) fn layout(text: &str) -> Option<Layout> {
    struct Root<'t> {
        text: &'t str,
        users: Option<Range<usize>>,
    }
    struct Users<'t> {
        text: &'t str,
        entries: Vec<(String, Range<usize>)>,
    }

    impl<'de> Visitor<'de> for &mut Root<'de> {
        type Value = Map<String, Value>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut root = Map::new();
            while let Some(key) = map.next_key::<String>()? {
                if root.contains_key(&key) || (key == "users" && self.users.is_some()) {
                    return Err(serde::de::Error::custom("a key twice"));
                }
                if key == "users" {
                    let raw: &'de RawValue = map.next_value()?;
                    self.users = Some(span(self.text, raw));
                } else {
                    // Kept for read_root's checks; strict, as the full parse reads them.
                    root.insert(key, map.next_value::<StrictValue>()?.0);
                }
            }
            Ok(root)
        }
    }
    impl<'de> Visitor<'de> for &mut Users<'de> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object of users")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut names = HashSet::new();
            while let Some(name) = map.next_key::<String>()? {
                let raw: &'de RawValue = map.next_value()?;
                if !names.insert(name.clone()) {
                    return Err(serde::de::Error::custom("a user twice"));
                }
                self.entries.push((name, span(self.text, raw)));
            }
            Ok(())
        }
    }

    let mut root = Root { text, users: None };
    let mut de = serde_json::Deserializer::from_str(text);
    let settings = de.deserialize_map(&mut root).ok()?;
    de.end().ok()?;
    let (_, upgrade) = read_root(&settings).ok()?;
    let mut users = Users {
        text,
        entries: Vec::new(),
    };
    if let Some(at) = &root.users {
        // Not an object (or null): the full parse says what users must be.
        serde_json::Deserializer::from_str(&text[at.clone()])
            .deserialize_map(&mut users)
            .ok()?;
    }
    Some(Layout {
        upgrade,
        users: root.users,
        entries: users.entries,
    })
}

/// The user whose value is `text[range]`, parsed strictly as the full parse parses it.
fn user_at(text: &str, name: &str, range: &Range<usize>) -> Option<User> {
    read_user(name, &parse_strict_text(&text[range.clone()]).ok()?).ok()
}

/// The user `name` (or none) and `upgrade_hashes`; the other users are not parsed.
pub(super) fn one_user(text: &str, name: &str) -> Option<(Vec<User>, bool)> {
    let layout = layout(text)?;
    let users = match layout.entries.iter().find(|(n, _)| n == name) {
        Some((n, range)) => vec![user_at(text, n, range)?],
        None => Vec::new(),
    };
    Some((users, layout.upgrade))
}

/// Every user, parsed on all cores.
pub(super) fn all_users(text: &str) -> Option<(Vec<User>, bool)> {
    let layout = layout(text)?;
    let users = layout
        .entries
        .par_iter()
        .map(|(name, range)| user_at(text, name, range))
        .collect::<Option<Vec<User>>>()?;
    Some((users, layout.upgrade))
}

/// Where an edit of one user of a large JSON file goes.
pub(super) struct Part {
    name: String,
    /// The bytes of the `users` object.
    users: Range<usize>,
    /// The bytes of the user's value, when it exists.
    at: Option<Range<usize>>,
    /// Where the user's key starts, and where the next user's key starts (if any).
    key: usize,
    next_key: Option<usize>,
    /// The end of the previous user's value (if any).
    previous_end: Option<usize>,
    /// The end of the last user's value.
    last_end: usize,
    /// How many users the file has, for the check of the result.
    count: usize,
}

/// Past JSON whitespace and at most one comma: from the end of a value (or the opening brace)
/// to the next key.
fn next_key_at(text: &str, from: usize) -> usize {
    let ws = |s: &str| s.len() - s.trim_start_matches([' ', '\t', '\n', '\r']).len();
    let mut at = from + ws(&text[from..]);
    if text[at..].starts_with(',') {
        at += 1;
        at += ws(&text[at..]);
    }
    at
}

/// For an edit of user `name`: a document of that user alone (every user of the file parsed
/// and checked first, so a file the full parse refuses is refused as before) and where it goes.
/// `None`: edit the whole document instead (a file without users, one that does not parse).
pub(super) fn user_part(text: &str, name: &str) -> Option<(Doc, Part)> {
    let layout = layout(text)?;
    let users = layout.users.clone()?;
    let last_end = layout.entries.last()?.1.end;
    layout
        .entries
        .par_iter()
        .map(|(n, range)| user_at(text, n, range).map(|_| ()))
        .collect::<Option<Vec<()>>>()?;
    let i = layout.entries.iter().position(|(n, _)| n == name);
    let mut one = Map::new();
    if let Some(i) = i {
        let (n, r) = &layout.entries[i];
        one.insert(n.clone(), parse_strict_text(&text[r.clone()]).ok()?);
    }
    let mut root = Map::new();
    root.insert("users".into(), Value::Object(one));
    let at = i.map(|i| layout.entries[i].1.clone());
    let previous_end = i
        .and_then(|i| i.checked_sub(1))
        .map(|p| layout.entries[p].1.end);
    let part = Part {
        name: name.to_string(),
        key: next_key_at(text, previous_end.unwrap_or(users.start + 1)),
        next_key: at
            .as_ref()
            .filter(|a| a.end != last_end)
            .map(|a| next_key_at(text, a.end)),
        users,
        at,
        previous_end,
        last_end,
        count: layout.entries.len(),
    };
    Some((Doc::Json(root), part))
}

/// The file with the user of `part` as `doc` holds it after the edit, laid out as the whole
/// document is written (`to_string_pretty`, users two levels deep); every other byte is kept.
/// The result is parsed again (syntax and names only, which is quick) before it is returned.
/// `None`: the caller edits the whole document instead.
pub(super) fn splice(text: &str, part: &Part, doc: &Doc) -> Option<String> {
    let Doc::Json(root) = doc else { return None };
    let users = root.get("users")?.as_object()?;
    if users.keys().any(|n| *n != part.name) {
        return None;
    }
    let pretty = |v: &Value| -> Option<String> {
        Some(
            serde_json::to_string_pretty(v)
                .ok()?
                .replace('\n', "\n    "),
        )
    };
    let (out, count) = match (users.get(&part.name), &part.at) {
        (Some(v), Some(at)) => (
            [&text[..at.start], &pretty(v)?, &text[at.end..]].concat(),
            part.count,
        ),
        (None, Some(at)) => {
            let out = match (part.previous_end, part.next_key) {
                // `,\n    "name": {...}` goes, from the end of the value before it.
                (Some(end), _) => [&text[..end], &text[at.end..]].concat(),
                // The first of several: from its key to the next key.
                (None, Some(next)) => [&text[..part.key], &text[next..]].concat(),
                // The only one: `{}` is left, as an empty map is written.
                (None, None) => [&text[..=part.users.start], &text[part.users.end - 1..]].concat(),
            };
            (out, part.count - 1)
        }
        // A new user goes last, as a map insert puts it.
        (Some(v), None) => {
            let key = serde_json::to_string(&part.name).ok()?;
            let (head, tail) = text.split_at(part.last_end);
            (
                [head, ",\n    ", &key, ": ", &pretty(v)?, tail].concat(),
                part.count + 1,
            )
        }
        (None, None) => return Some(text.to_string()),
    };
    let again = layout(&out)?;
    let present = again.entries.iter().any(|(n, _)| *n == part.name);
    (again.entries.len() == count && present == users.contains_key(&part.name)).then_some(out)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::users::parse::parse;
    use crate::users::Format;

    fn file(names: &[&str]) -> String {
        let users: Map<String, Value> = names
            .iter()
            .map(|n| {
                let user = serde_json::json!({
                    "full_name": format!("Ms \"{n}\""), "password_hash": "$2b$04$x",
                    "scopes": ["a", "b"], "disabled": false, "claims": { "role": "x" }
                });
                (n.to_string(), user)
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&serde_json::json!({
            "upgrade_hashes": true, "users": users, "other": [1, { "k": "v" }]
        }))
        .unwrap();
        text.push('\n');
        text
    }

    /// Each edit through [`user_part`] and [`splice`] writes what editing the whole document
    /// writes, for the first, a middle, the last and the only user, and a new one.
    #[test]
    fn edits_of_one_user_write_what_whole_document_edits_write() {
        type Edit = Box<dyn Fn(&mut Doc, &str) -> bool>;
        let edits: Vec<Edit> = vec![
            Box::new(|d, n| d.set_field(n, "disabled", &Value::Bool(true)).unwrap()),
            Box::new(|d, n| d.set_field(n, "new", &Value::from("x\ny")).unwrap()),
            Box::new(|d, n| d.remove_user(n)),
            Box::new(|d, n| {
                let new = !d.has_user(n);
                if new {
                    d.insert_user(&User::new(n, "$2b$04$y")).unwrap();
                }
                new
            }),
        ];
        let many = file(&["first", "mid\"dle", "last"]);
        let one = file(&["only"]);
        for (text, name) in [
            (&many, "first"),
            (&many, "mid\"dle"),
            (&many, "last"),
            (&many, "newbie"),
            (&one, "only"),
        ] {
            for (i, edit) in edits.iter().enumerate() {
                let mut whole = parse(Path::new("u.json"), Format::Json, text)
                    .ok()
                    .unwrap()
                    .doc;
                edit(&mut whole, name);
                let (mut part, place) = user_part(text, name).unwrap();
                edit(&mut part, name);
                assert_eq!(
                    splice(text, &place, &part).as_deref(),
                    Some(whole.render().as_str()),
                    "edit {i} of {name}"
                );
            }
        }
    }

    #[test]
    fn reads_find_what_the_full_parse_finds() {
        let text = file(&["a", "b\u{e9}", "c"]);
        let full = parse(Path::new("u.json"), Format::Json, &text)
            .ok()
            .unwrap();
        assert_eq!(
            all_users(&text),
            Some((full.users.clone(), full.upgrade_hashes))
        );
        assert_eq!(
            one_user(&text, "c"),
            Some((vec![full.users[2].clone()], true))
        );
        assert_eq!(one_user(&text, "z"), Some((vec![], true)));
        for bad in [
            text.replacen("\"a\": {", "\"c\": {", 1),
            text.replacen("\"disabled\": false", "\"disabled\": 1", 1),
            text.replacen("\"claims\": {", "\"claims\": {\"role\": 1, ", 1),
            text.replacen("\"upgrade_hashes\": true", "\"upgrade_hashes\": 2", 1),
            text.replacen("\"other\"", "\"users\"", 1),
            text.replacen("\"k\": \"v\"", "\"k\": 1, \"k\": 2", 1),
            text.replacen(']', "", 1),
        ] {
            assert!(all_users(&bad).is_none(), "{bad}");
            assert!(parse(Path::new("u.json"), Format::Json, &bad).is_err());
        }
    }
}
