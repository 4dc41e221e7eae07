//! A TOML users file read line by line, for files laid out as `users add` writes them: every
//! line blank, a comment, a table header, or `key = value` on one line. Such a file can be cut
//! into its tables by looking at each line alone, and a plain value (a string without escapes,
//! a boolean, an integer, an array or inline table of those) decoded on the spot, which is about
//! ten times as fast as running toml_parser's lexer over every byte. A line it cannot read but
//! that is whole (no string or bracket left open at its end) marks its table for the slower
//! readers; a line that may go on (a multi-line string or array, anything unterminated) gives
//! up on the whole file, and the lexer's pass ([`super::scan::sections`]) cuts it instead.
//! Hand-written rather than a crate's because no TOML crate reads a file a line at a time; the
//! rules kept are TOML's for the shapes it accepts (unit tests against toml_edit).

use serde_json::{Map, Value};

use super::parse::read_user;
use super::scan::{Owner, Section, Want};
use super::User;

/// The file cut into sections, as the lexer's pass cuts it, with each single-table user that
/// `want` names read too. `None`: a line this reader does not
/// follow.
pub(super) fn sections(text: &str, want: Want) -> Option<Vec<Section>> {
    let mut out = Vec::new();
    let mut owner = Owner::Top;
    let mut start = 0;
    // Where the comments and blank lines before the next header began.
    let mut trivia_start = 0;
    // The fields of the user table being read; `None` once a line of it was not plain.
    let mut fields: Option<Map<String, Value>> = None;
    let mut pos = 0;
    let finish = |owner: &Owner, fields: Option<Map<String, Value>>| -> Option<Option<Box<User>>> {
        match (owner, fields) {
            (Owner::User(name), Some(f)) => {
                // A user the full parse would refuse: it words the error.
                Some(Some(Box::new(read_user(name, &Value::Object(f)).ok()?)))
            }
            _ => Some(None),
        }
    };
    while pos < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i);
        let next = (end + 1).min(text.len());
        let line = &text[pos..end];
        let mut r = Reader::new(line);
        r.ws();
        match r.peek() {
            None => {}
            Some(b'#') if !r.comment() => return None,
            Some(b'#') => {}
            Some(b'[') => {
                let keys = r.header()?;
                let user = finish(&owner, fields.take())?;
                out.push(Section {
                    range: start..trivia_start,
                    owner,
                    user,
                });
                start = trivia_start;
                owner = match keys.first() {
                    Some(&"users") => match keys.len() {
                        1 => Owner::Top,
                        // `[users.NAME.claims]`: the user's tables go to the slower readers.
                        _ => Owner::User(keys[1].to_string()),
                    },
                    _ => Owner::Other,
                };
                // Only the users asked for are read; the others' lines are checked as they go by.
                if keys.len() == 2 && matches!(&owner, Owner::User(n) if want.wants(n)) {
                    fields = Some(Map::new());
                }
                trivia_start = next;
            }
            Some(_) => {
                r.i = 0;
                r.keep = fields.is_some();
                match r.key_value() {
                    Some((key, value)) => {
                        if let Some(f) = &mut fields {
                            if f.contains_key(key) {
                                fields = None;
                            } else {
                                f.insert(key.to_string(), value);
                            }
                        }
                    }
                    None => {
                        // Readable by the slower readers only if the line is whole.
                        if !Reader::new(line).whole() {
                            return None;
                        }
                        fields = None;
                    }
                }
                trivia_start = next;
            }
        }
        pos = next;
    }
    let user = finish(&owner, fields.take())?;
    out.push(Section {
        range: start..text.len(),
        owner,
        user,
    });
    Some(out)
}

/// How deep arrays and inline tables nest before the line is left to toml_edit.
const DEPTH: usize = 8;

/// TOML forbids control characters other than tab in strings and comments.
fn is_control(c: u8) -> bool {
    (c < 0x20 && c != b'\t') || c == 0x7f
}

/// One line, read by byte; what it returns are slices of the line at ASCII boundaries.
struct Reader<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    /// Build the values read; without, a line is only checked (a user nobody asked for).
    keep: bool,
}

impl<'a> Reader<'a> {
    fn new(s: &'a str) -> Reader<'a> {
        Reader {
            s,
            b: s.as_bytes(),
            i: 0,
            keep: false,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        let yes = self.peek() == Some(c);
        self.i += usize::from(yes);
        yes
    }

    /// `# ...` to the end of the line, without control characters.
    fn comment(&mut self) -> bool {
        let ok = self.b[self.i..].iter().all(|&c| !is_control(c));
        self.i = self.b.len();
        ok
    }

    /// Whitespace, then a comment or nothing, to the end of the line.
    fn line_end(&mut self) -> bool {
        self.ws();
        match self.peek() {
            None => true,
            Some(b'#') => self.comment(),
            Some(_) => false,
        }
    }

    /// The text of `"..."` (no escapes) or `'...'`, the opening quote at `self.i`; not a
    /// multi-line string.
    fn string(&mut self) -> Option<&'a str> {
        let quote = self.peek()?;
        let start = self.i + 1;
        let len = memchr::memchr(quote, &self.b[start..])?;
        if len == 0 && self.b.get(start + 1) == Some(&quote) {
            return None; // `""` followed by a quote opens a multi-line string
        }
        let body = &self.b[start..start + len];
        if body
            .iter()
            .any(|&c| is_control(c) || (quote == b'"' && c == b'\\'))
        {
            return None;
        }
        self.i = start + len + 1;
        Some(&self.s[start..start + len])
    }

    fn key(&mut self) -> Option<&'a str> {
        match self.peek()? {
            b'"' | b'\'' => self.string(),
            _ => {
                let start = self.i;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
                {
                    self.i += 1;
                }
                (self.i > start).then(|| &self.s[start..self.i])
            }
        }
    }

    /// `[a.b.c]` and what may follow it on its line; not `[[...]]`.
    fn header(&mut self) -> Option<Vec<&'a str>> {
        self.i += 1;
        if self.peek() == Some(b'[') {
            return None;
        }
        let mut keys = Vec::new();
        loop {
            self.ws();
            keys.push(self.key()?);
            self.ws();
            if !self.eat(b'.') {
                break;
            }
        }
        (self.eat(b']') && self.line_end()).then_some(keys)
    }

    /// `key = value` filling the line; `None` for anything else.
    fn key_value(&mut self) -> Option<(&'a str, Value)> {
        self.ws();
        let key = self.key()?;
        self.ws();
        if !self.eat(b'=') {
            return None;
        }
        self.ws();
        let value = self.value(0)?;
        self.line_end().then_some((key, value))
    }

    /// A string, boolean or decimal integer, or an array or inline table of those, at most
    /// [`DEPTH`] deep (deeper ones go to toml_edit, which has its own limit).
    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > DEPTH {
            return None;
        }
        match self.peek()? {
            b'"' | b'\'' => {
                let s = self.string()?;
                Some(Value::String(if self.keep {
                    s.into()
                } else {
                    String::new()
                }))
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.ws();
                    if self.eat(b']') {
                        return Some(Value::Array(items));
                    }
                    let item = self.value(depth + 1)?;
                    if self.keep {
                        items.push(item);
                    }
                    self.ws();
                    if !self.eat(b',') {
                        self.ws();
                        return self.eat(b']').then_some(Value::Array(items));
                    }
                }
            }
            b'{' => {
                self.i += 1;
                let mut table = Map::new();
                self.ws();
                if self.eat(b'}') {
                    return Some(Value::Object(table));
                }
                loop {
                    self.ws();
                    let key = self.key()?;
                    self.ws();
                    if !self.eat(b'=') {
                        return None;
                    }
                    self.ws();
                    let value = self.value(depth + 1)?;
                    if self.keep && table.insert(key.into(), value).is_some() {
                        return None;
                    }
                    self.ws();
                    if !self.eat(b',') {
                        return self.eat(b'}').then_some(Value::Object(table));
                    }
                }
            }
            _ => {
                let start = self.i;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'-')
                {
                    self.i += 1;
                }
                let word = &self.b[start..self.i];
                match word {
                    b"true" => Some(Value::Bool(true)),
                    b"false" => Some(Value::Bool(false)),
                    // Leading zeros, `+`, `_`, hex, floats and dates: toml_edit reads those.
                    [b'-', b'1'..=b'9', ..] | [b'1'..=b'9', ..] | [b'0'] => {
                        let digits = word.strip_prefix(b"-").unwrap_or(word);
                        if !digits.iter().all(u8::is_ascii_digit) {
                            return None;
                        }
                        self.s[start..self.i].parse::<i64>().ok().map(Value::from)
                    }
                    _ => None,
                }
            }
        }
    }

    /// The line leaves no string, array or inline table open: it does not go on below.
    fn whole(&mut self) -> bool {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                b'"' | b'\'' => {
                    if self.b[self.i..].starts_with(if c == b'"' { b"\"\"\"" } else { b"'''" }) {
                        return false;
                    }
                    self.i += 1;
                    loop {
                        match self.peek() {
                            None => return false,
                            Some(b'\\') if c == b'"' => self.i += 2,
                            Some(q) if q == c => break,
                            Some(_) => self.i += 1,
                        }
                    }
                }
                b'[' | b'{' => depth += 1,
                b']' | b'}' => depth = depth.saturating_sub(1),
                b'#' => break,
                _ => {}
            }
            self.i += 1;
        }
        depth == 0
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::users::parse::parse;
    use crate::users::scan::{all_users, sections_and_end};
    use crate::users::Format;

    /// What `users add` writes, and what a hand edit adds that the line reader reads or leaves
    /// to the slower readers without giving up on the file.
    fn file() -> String {
        let mut text = String::from("# users\nupgrade_hashes = true\n\n[users]\n\n");
        for i in 0..50 {
            text.push_str(&format!(
                "[users.user{i}]\npassword_hash = \"$argon2id$v=19$x\"\nscopes = [\"a\", \"b\"]\ndisabled = false\n\n"
            ));
        }
        text.push_str(concat!(
            "# a note\n",
            "[ users . \"quoted name\" ] # c\n",
            "full_name = 'Ä \"Ö\"' # c\n",
            "claims = { role = \"admin\", level = -3, tags = [\"x\", 'y'], n = {} }\n",
            "\"odd key\" = [ true , false, ]\n",
            "\n",
            "[users.floaty]\n",
            "ratio = 1.5\n",
            "scopes = [\"a\"]\n",
            "\n",
            "[users.dotted]\n",
            "claims.role = \"x\"\n",
            "\n",
            "[users.sub]\n",
            "password_hash = \"h\"\n",
            "[users.sub.claims]\n",
            "role = \"r\"\n",
            "\n",
            "[users.escaped]\n",
            "full_name = \"tab\\there\"\n",
            "when = 1979-05-27\n",
            "\n",
            "[billing]\n",
            "plan = \"pro\"\n",
            "\n",
            "# the end\n",
        ));
        text
    }

    fn owners(sections: &[Section]) -> Vec<(std::ops::Range<usize>, Owner)> {
        sections
            .iter()
            .map(|s| (s.range.clone(), s.owner.clone()))
            .collect()
    }

    #[test]
    fn cuts_the_file_where_the_lexer_cuts_it_and_reads_what_the_full_parse_reads() {
        let text = file();
        let by_lines = sections(&text, Want::All).unwrap();
        let (by_lexer, _) = sections_and_end(&text).unwrap();
        assert_eq!(owners(&by_lines), owners(&by_lexer));
        let read: Vec<&str> = by_lines
            .iter()
            .filter_map(|s| s.user.as_ref().map(|u| u.name.as_str()))
            .collect();
        // `sub` is read from its first table; toml_users leaves a user of two tables to the
        // slower readers.
        assert_eq!(read.len(), 52, "{read:?}");
        assert!(read.contains(&"quoted name"));
        let full = parse(Path::new("u.toml"), Format::Toml, &text)
            .ok()
            .unwrap();
        for s in &by_lines {
            if let Some(u) = s.user.as_deref().filter(|u| u.name != "sub") {
                assert_eq!(Some(u), full.users.iter().find(|f| f.name == u.name));
            }
        }
        assert_eq!(
            all_users(Format::Toml, &text),
            Some((full.users.clone(), true))
        );
        // Only the user asked for is read.
        let one = sections(&text, Want::One("user7")).unwrap();
        let read: Vec<&User> = one.iter().filter_map(|s| s.user.as_deref()).collect();
        assert_eq!(read, [&full.users[7]]);
    }

    #[test]
    fn lines_that_may_go_on_give_up_on_the_file() {
        let text = file();
        for tail in [
            "bio = \"\"\"\n[users.impostor]\n\"\"\"\n",
            "bio = '''\nx\n'''\n",
            "m = [\n[1],\n]\n",
            "t = { a = 1,\n b = 2 }\n",
            "s = \"unterminated\n",
            "[[users.list]]\n",
            "[users.\"a\\\"b\"]\n",
        ] {
            let broken = format!("{text}[users.last]\n{tail}");
            assert!(sections(&broken, Want::All).is_none(), "{tail}");
        }
    }

    #[test]
    fn values_read_as_toml_edit_reads_them() {
        for line in [
            "v = \"\"",
            "v = ''",
            "v = \"a'b\"",
            "v = 'a\"b'",
            "v = 0",
            "v = -12",
            "v = 9223372036854775807",
            "v = []",
            "v = [[], [\"x\"]]",
            "v = {}",
            "v = { a = { b = true } }",
            "\"\" = \"empty key\"",
            "'lit key' = \"x\"",
            "v = \"é \u{1F600}\"",
        ] {
            let text = format!("[users.a]\n{line}\n");
            let full = parse(Path::new("u.toml"), Format::Toml, &text)
                .ok()
                .unwrap();
            let quick = sections(&text, Want::All).unwrap().pop().unwrap().user;
            assert_eq!(quick.as_deref(), full.users.first(), "{line}");
        }
        for line in [
            "v = +1",
            "v = 01",
            "v = -0",
            "v = 1_000",
            "v = 0x10",
            "v = 1e3",
            "v = inf",
            "v = truex",
            "v = \"a\\nb\"",
            "v = { a = 1, }",
            "v = { a = 1, a = 2 }",
            "v = \"tab\tok\" # but then a control \u{7f}",
            "v = 1 x",
        ] {
            let text = format!("[users.a]\n{line}\n");
            if let Some(sections) = sections(&text, Want::All) {
                assert!(sections.iter().all(|s| s.user.is_none()), "{line}");
            }
        }
    }
}
