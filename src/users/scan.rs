//! The table headers of a TOML users file, found in one pass of the lexer toml_edit itself uses
//! (so strings, comments and brackets are read exactly as a full parse reads them), without
//! building the document: a file of 100,000 users is about 3.5 million tokens, and toml_edit's
//! editable document of it about 450 MB. Reads then parse the top of the file and the tables of
//! the user they need; edits rewrite only those bytes.

use std::ops::Range;
use std::path::Path;

use rayon::prelude::*;
use toml_parser::lexer::TokenKind;
use toml_parser::Source;

use super::parse::{parse_users, read_root, toml_table_to_json, Doc};
use super::{json_spans, lines, quick};
use super::{Format, User};

/// Whose keys a stretch of the file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Owner {
    /// The top level and `[users]` itself: settings, and users written inline or as dotted keys.
    Top,
    /// `[users.NAME]` and the tables below it (`[users.NAME.claims]`).
    User(String),
    /// Any other table (`[other]`): jwtctl does not read it.
    Other,
}

/// Which users [`sections`] reads on the way, when it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Want<'a> {
    All,
    One(&'a str),
    Nobody,
}

impl Want<'_> {
    pub(super) fn wants(self, name: &str) -> bool {
        match self {
            Want::All => true,
            Want::One(n) => n == name,
            Want::Nobody => false,
        }
    }
}

/// A stretch of the file from the comments and blank lines above a header (toml_edit keeps
/// them with the table that follows) to the same point before the next header.
#[derive(Debug, Clone)]
pub(super) struct Section {
    pub(super) range: Range<usize>,
    pub(super) owner: Owner,
    /// The user of a `[users.NAME]` table, when [`lines::sections`] could read it on the way.
    pub(super) user: Option<Box<User>>,
}

/// The file cut into sections, in file order, line by line when it is laid out as `users add`
/// writes it ([`lines::sections`], which also reads the user `want` names, or every one), else
/// by the lexer. `None` for layouts the fast paths leave to the full parse: arrays of tables
/// under `users`, and headers that do not lex cleanly.
pub(super) fn sections(text: &str, want: Want) -> Option<Vec<Section>> {
    // Carriage returns and a byte-order mark are TOML's business, not the line reader's.
    if !text.contains('\r') && !text.starts_with('\u{feff}') {
        if let Some(sections) = lines::sections(text, want) {
            return Some(sections);
        }
    }
    sections_and_end(text).map(|(s, _)| s)
}

/// [`sections`], and where the comments and blank lines at the end of the file begin: the
/// place a new table goes.
pub(super) fn sections_and_end(text: &str) -> Option<(Vec<Section>, usize)> {
    let source = Source::new(text);
    let mut tokens = source.lex().peekable();
    let mut out = Vec::new();
    let mut owner = Owner::Top;
    let mut start = 0;
    // Open brackets and braces of the value being read: a newline inside them ends nothing.
    let mut depth = 0usize;
    let mut at_line_start = true;
    let mut line_has_content = false;
    // Where the comments and blank lines before a header would begin.
    let mut trivia_start = 0;
    while let Some(token) = tokens.next() {
        match token.kind() {
            TokenKind::Eof => break,
            TokenKind::Newline => {
                if depth == 0 {
                    at_line_start = true;
                    if line_has_content {
                        trivia_start = token.span().end();
                        line_has_content = false;
                    }
                }
            }
            TokenKind::Whitespace | TokenKind::Comment => {}
            TokenKind::LeftSquareBracket if depth == 0 && at_line_start => {
                out.push(Section {
                    range: start..trivia_start,
                    owner,
                    user: None,
                });
                start = trivia_start;
                let array = tokens
                    .next_if(|t| t.kind() == TokenKind::LeftSquareBracket)
                    .is_some();
                let mut keys: Vec<String> = Vec::new();
                loop {
                    let t = tokens.next()?;
                    match t.kind() {
                        TokenKind::RightSquareBracket => break,
                        TokenKind::Whitespace | TokenKind::Dot => {}
                        TokenKind::Atom => keys.push(text[t.span().start()..t.span().end()].into()),
                        TokenKind::BasicString | TokenKind::LiteralString => {
                            let span = t.span();
                            let raw = toml_parser::Raw::new_unchecked(
                                &text[span.start()..span.end()],
                                t.kind().encoding(),
                                span,
                            );
                            let mut key = std::borrow::Cow::Borrowed("");
                            let mut error = None;
                            raw.decode_key(&mut key, &mut error);
                            if error.is_some() {
                                return None;
                            }
                            keys.push(key.into_owned());
                        }
                        _ => return None,
                    }
                }
                if array && tokens.next()?.kind() != TokenKind::RightSquareBracket {
                    return None;
                }
                owner = match keys.first().map(String::as_str) {
                    Some("users") if array => return None,
                    Some("users") => match keys.get(1) {
                        None => Owner::Top,
                        Some(name) => Owner::User(name.clone()),
                    },
                    _ => Owner::Other,
                };
                at_line_start = false;
                line_has_content = true;
            }
            kind => {
                if matches!(
                    kind,
                    TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket
                ) {
                    depth += 1;
                } else if matches!(
                    kind,
                    TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket
                ) {
                    depth = depth.saturating_sub(1);
                }
                at_line_start = false;
                line_has_content = true;
            }
        }
    }
    if line_has_content {
        trivia_start = text.len();
    }
    out.push(Section {
        range: start..text.len(),
        owner,
        user: None,
    });
    Some((out, trivia_start))
}

/// Files smaller than this are always parsed whole, as they always were: the pieces only pay
/// off on large files, and small ones keep every check of the whole file.
pub(super) const LARGE: usize = 256 * 1024;

/// Users per chunk read in parallel.
const CHUNK: usize = 4096;

/// The users named `name` (one, or none) and the file's `upgrade_hashes`, from the top of the
/// file and that user's own tables only. `None`: leave it to the full parse (which then also
/// words any error exactly as before).
pub(super) fn one_user(format: Format, text: &str, name: &str) -> Option<(Vec<User>, bool)> {
    match format {
        Format::Toml => {
            let mut sections = sections(text, Want::One(name))?;
            let mut mine = sections
                .iter_mut()
                .filter(|s| matches!(&s.owner, Owner::User(n) if n == name));
            if let (Some(only), None) = (mine.next(), mine.next()) {
                if let Some(user) = only.user.take().map(|u| *u) {
                    let top: String = sections
                        .iter()
                        .filter(|s| s.owner == Owner::Top)
                        .map(|s| &text[s.range.clone()])
                        .collect();
                    if let Some(upgrade) = top_settings(&top, true) {
                        return Some((vec![user], upgrade));
                    }
                }
            }
            let mut part = String::new();
            for s in &sections {
                let wanted = match &s.owner {
                    Owner::Top => true,
                    Owner::User(n) => n == name,
                    Owner::Other => false,
                };
                if wanted {
                    part.push_str(&text[s.range.clone()]);
                }
            }
            let (mut users, upgrade) = parse_users(Path::new(""), Format::Toml, &part).ok()?;
            users.retain(|u| u.name == name);
            Some((users, upgrade))
        }
        Format::Json => json_spans::one_user(text, name),
    }
}

/// Every user and `upgrade_hashes`, without the editable document: TOML in pieces of whole user
/// tables parsed on all cores, JSON one user at a time. `None`: leave it to the full parse.
pub(super) fn all_users(format: Format, text: &str) -> Option<(Vec<User>, bool)> {
    match format {
        Format::Toml => toml_users(text, &mut sections(text, Want::All)?),
        Format::Json => json_spans::all_users(text),
    }
}

/// Every user of a TOML file cut into `sections`: the top parsed alone, each user's tables
/// read from the parser's events when they have the layout `users add` writes
/// ([`quick::user`]), with toml_edit otherwise; in chunks on all cores. `None` when a user's
/// tables are not together, when the top holds users, or when anything does not parse.
fn toml_users(text: &str, sections: &mut [Section]) -> Option<(Vec<User>, bool)> {
    let mut top = String::new();
    // Each user: its first section, the bytes of its tables, and whether that is one table.
    let mut groups: Vec<(usize, Range<usize>, bool)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut last: Option<&str> = None;
    for (i, s) in sections.iter().enumerate() {
        match &s.owner {
            // Other tables are parsed with the top: jwtctl reads nothing there, but a file
            // that does not parse is refused as a whole.
            Owner::Top | Owner::Other => top.push_str(&text[s.range.clone()]),
            Owner::User(n) if last == Some(n.as_str()) => {
                let group = groups.last_mut()?;
                group.1.end = s.range.end;
                group.2 = false;
            }
            Owner::User(n) => {
                // One user's tables must sit together to be read together.
                if !seen.insert(n.as_str()) {
                    return None;
                }
                groups.push((i, s.range.clone(), true));
            }
        }
        last = match &s.owner {
            Owner::User(n) => Some(n.as_str()),
            _ => None,
        };
    }
    let upgrade = top_settings(&top, !groups.is_empty())?;
    // Users the line reader read already; the others are read here, on all cores.
    let mut read: Vec<Option<User>> = groups
        .iter()
        .map(|(i, _, single)| sections[*i].user.take().filter(|_| *single).map(|u| *u))
        .collect();
    let sections = &*sections;
    let complete = groups
        .par_chunks(CHUNK)
        .zip(read.par_chunks_mut(CHUNK))
        .all(|(chunk, read)| {
            let mut tokens = Vec::new();
            chunk.iter().zip(read).all(|((i, range, single), user)| {
                if user.is_some() {
                    return true;
                }
                let Owner::User(name) = &sections[*i].owner else {
                    return false;
                };
                let part = &text[range.clone()];
                *user = match single
                    .then(|| quick::user(part, name, &mut tokens))
                    .flatten()
                {
                    Some(u) => Some(u),
                    None => toml_user(part, name),
                };
                user.is_some()
            })
        });
    if !complete {
        return None;
    }
    Some((read.into_iter().flatten().collect(), upgrade))
}

/// The file's `upgrade_hashes`, from its top and its tables that are not users'. `None` when
/// that does not parse, holds users itself (users written inline or as dotted keys under
/// `[users]` could also have tables of their own further down), or, with `user_tables`, makes
/// `users` something other than a table: the full parse sorts those out.
fn top_settings(top: &str, user_tables: bool) -> Option<bool> {
    let doc = toml_edit::Document::parse(top).ok()?;
    if user_tables && doc.get("users").is_some_and(|u| !u.is_table()) {
        return None;
    }
    let (users, upgrade) = read_root(&toml_table_to_json(doc.as_table())).ok()?;
    users.is_empty().then_some(upgrade)
}

/// The one user of `part` (its tables) through toml_edit: for layouts [`quick::user`] leaves.
fn toml_user(part: &str, name: &str) -> Option<User> {
    let (users, _) = parse_users(Path::new(""), Format::Toml, part).ok()?;
    let [user] = <[User; 1]>::try_from(users).ok()?;
    (user.name == name).then_some(user)
}

/// Where an edit of one user goes in a large file.
pub(super) enum Place {
    /// The bytes of the user's TOML tables (an empty range where a new user goes).
    Toml(Range<usize>),
    Json(json_spans::Part),
}

/// For an edit of one user of a large file: that user alone as an editable document, and where
/// it goes in the file. The whole file is read first, so an edit refuses a file it could not
/// read, as before. `None`: edit the whole document instead.
pub(super) fn user_part(format: Format, text: &str, name: &str) -> Option<(Doc, Place)> {
    if text.len() < LARGE {
        return None;
    }
    // OAuth2 clients are kept outside the users' tables, and an edit must see them (a new
    // user's name may be a client's): a file that may have any is edited whole.
    if memchr::memmem::find(text.as_bytes(), b"clients").is_some() {
        return None;
    }
    if format == Format::Json {
        let (doc, part) = json_spans::user_part(text, name)?;
        return Some((doc, Place::Json(part)));
    }
    let mut sections = sections(text, Want::All)?;
    toml_users(text, &mut sections)?;
    let mut range: Option<Range<usize>> = None;
    for s in sections
        .iter()
        .filter(|s| matches!(&s.owner, Owner::User(n) if n == name))
    {
        match &mut range {
            None => range = Some(s.range.clone()),
            Some(r) if r.end == s.range.start => r.end = s.range.end,
            // toml_users has refused tables of one user apart from each other.
            Some(_) => return None,
        }
    }
    // A new user goes where toml_edit puts a new table of `users`: after the last one.
    let after_users = sections
        .iter()
        .rev()
        .find(|s| matches!(s.owner, Owner::User(_)))
        .map(|s| s.range.end);
    let range = match range {
        Some(r) => r,
        None => after_users.map(|at| at..at)?,
    };
    let doc = text[range.clone()].parse::<toml_edit::DocumentMut>().ok()?;
    Some((Doc::Toml(doc), Place::Toml(range)))
}

/// The file with [`user_part`]'s document, after the edit, in its place; every other byte is
/// kept, and the result is what editing the whole document writes. What was spliced in is
/// read again first (alone, which is quick). `None`: edit the whole document instead.
pub(super) fn splice(text: &str, place: &Place, doc: &Doc) -> Option<String> {
    let (Place::Toml(range), Doc::Toml(part)) = (place, doc) else {
        return match place {
            Place::Json(part) => json_spans::splice(text, part, doc),
            Place::Toml(_) => None,
        };
    };
    let rendered = part.to_string();
    // At most the one user, and nothing else, in what goes in.
    let (users, _) = parse_users(Path::new(""), Format::Toml, &rendered).ok()?;
    let names_ok = users.len() <= 1 && users.iter().all(|u| doc.has_user(&u.name));
    if !names_ok || part.iter().any(|(k, _)| k != "users") {
        return None;
    }
    // A table added at the end is set off by a blank line, as toml_edit sets off a new table.
    let gap = if range.is_empty() && range.start > 0 && !rendered.is_empty() {
        "\n"
    } else {
        ""
    };
    Some([&text[..range.start], gap, &rendered, &text[range.end..]].concat())
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value};

    use super::*;
    use crate::users::parse::parse;

    const HASH: &str = "$2b$04$abcdefghijklmnopqrstuu";

    /// A file over [`LARGE`] with what a reader of headers could trip on: headers inside
    /// multi-line strings and arrays, quoted names, sub-tables, comments, other tables.
    fn large_file() -> String {
        let mut text = String::from("# users\nupgrade_hashes = false\n\n");
        for i in 0..3000 {
            text.push_str(&format!(
                "[users.user{i}]\npassword_hash = \"{HASH}\"\nscopes = [\"a\", \"b\"]\ndisabled = false\n\n"
            ));
            if i == 10 {
                text.push_str("# a note about the next user\n");
            }
        }
        text.push_str(concat!(
            "[users.\"quoted name\"]\n",
            "password_hash = \"x\"\n",
            "bio = \"\"\"\n[users.impostor]\npassword_hash = \"y\"\n\"\"\"\n",
            "matrix = [\n[1, 2],\n[3],\n]\n",
            "\n",
            "[users.\"quoted name\".claims]\n",
            "role = \"admin\"\n",
            "\n",
            "[other]\n",
            "keep = 1\n",
            "\n",
            "# the end\n",
        ));
        text
    }

    #[test]
    fn headers_inside_strings_and_arrays_are_not_headers() {
        let text = large_file();
        let sections = sections(&text, Want::All).unwrap();
        let owners: Vec<&Owner> = sections.iter().map(|s| &s.owner).collect();
        assert!(!owners.contains(&&Owner::User("impostor".into())));
        assert_eq!(
            owners
                .iter()
                .filter(|o| ***o == Owner::User("quoted name".into()))
                .count(),
            2
        );
        // The sections cover the file, in order, and the comment above a header goes with it.
        assert_eq!(sections.first().unwrap().range.start, 0);
        assert_eq!(sections.last().unwrap().range.end, text.len());
        for pair in sections.windows(2) {
            assert_eq!(pair[0].range.end, pair[1].range.start);
        }
        let user11 = sections
            .iter()
            .find(|s| s.owner == Owner::User("user11".into()))
            .unwrap();
        assert!(text[user11.range.clone()]
            .starts_with("\n# a note about the next user\n[users.user11]"));
    }

    #[test]
    fn reads_in_pieces_find_what_the_full_parse_finds() {
        let text = large_file();
        assert!(text.len() > LARGE);
        let full = parse(Path::new("u.toml"), Format::Toml, &text)
            .ok()
            .unwrap();
        let (users, upgrade) = all_users(Format::Toml, &text).unwrap();
        assert_eq!(users, full.users);
        assert_eq!(upgrade, full.upgrade_hashes);
        for name in ["user0", "user777", "quoted name", "impostor", "nobody"] {
            let (one, _) = one_user(Format::Toml, &text, name).unwrap();
            let expected: Vec<User> = full
                .users
                .iter()
                .filter(|u| u.name == name)
                .cloned()
                .collect();
            assert_eq!(one, expected, "{name}");
        }
        let json = {
            let mut s = serde_json::to_string_pretty(&serde_json::json!({
                "upgrade_hashes": true,
                "users": full.users.iter().map(|u| (u.name.clone(), serde_json::json!({
                    "password_hash": u.password_hash, "scopes": u.scopes, "disabled": u.disabled
                }))).collect::<Map<String, Value>>(),
            }))
            .unwrap();
            s.push('\n');
            s
        };
        let full = parse(Path::new("u.json"), Format::Json, &json)
            .ok()
            .unwrap();
        assert_eq!(
            all_users(Format::Json, &json).unwrap(),
            (full.users.clone(), true)
        );
        let (one, upgrade) = one_user(Format::Json, &json, "user2999").unwrap();
        assert_eq!(
            (one.len(), one[0].name.as_str(), upgrade),
            (1, "user2999", true)
        );
    }

    #[test]
    fn files_the_pieces_cannot_read_go_to_the_full_parse() {
        let text = large_file();
        // A user's tables apart from each other.
        let apart = format!("{text}\n[users.user5.claims]\nx = 1\n");
        assert!(all_users(Format::Toml, &apart).is_none());
        // A syntax error in another user's table.
        let broken = text.replacen("scopes = [\"a\", \"b\"]", "scopes = [\"a\", ", 1);
        assert!(all_users(Format::Toml, &broken).is_none());
        assert!(user_part(Format::Toml, &broken, "user9").is_none());
        // Clients, whose names an edit of one user must see.
        let clients = format!("{text}\n[clients.user9]\nsecret_hash = \"x\"\n");
        assert!(user_part(Format::Toml, &clients, "user9").is_none());
        // Users under [users] as dotted keys.
        let dotted = format!("[users]\nzed.password_hash = \"{HASH}\"\n\n{text}");
        assert!(all_users(Format::Toml, &dotted).is_none());
    }

    /// Each edit through [`user_part`] and [`splice`] writes what editing the whole document
    /// writes.
    #[test]
    fn edits_of_one_user_write_what_whole_document_edits_write() {
        let text = large_file();
        type Edit = Box<dyn Fn(&mut Doc) -> bool>;
        let edits: Vec<(&str, Edit)> = vec![
            (
                "user3",
                Box::new(|d| {
                    d.set_field("user3", "disabled", &Value::Bool(true))
                        .unwrap()
                }),
            ),
            ("user11", Box::new(|d| d.remove_user("user11"))),
            ("quoted name", Box::new(|d| d.remove_user("quoted name"))),
            (
                "quoted name",
                Box::new(|d| {
                    d.set_field("quoted name", "password_hash", &Value::from("z"))
                        .unwrap()
                }),
            ),
            (
                "newbie",
                Box::new(|d| {
                    d.insert_user(&User::new("newbie", HASH)).unwrap();
                    true
                }),
            ),
            ("nobody", Box::new(|d| d.remove_user("nobody"))),
        ];
        for (name, edit) in edits {
            let mut whole = parse(Path::new("u.toml"), Format::Toml, &text)
                .ok()
                .unwrap()
                .doc;
            let changed = edit(&mut whole);
            let (mut part, place) = user_part(Format::Toml, &text, name).unwrap();
            assert_eq!(edit(&mut part), changed, "{name}");
            assert_eq!(
                splice(&text, &place, &part).as_deref(),
                Some(whole.render().as_str()),
                "{name}"
            );
        }
    }
}
