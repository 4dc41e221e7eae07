//! One user's table of a TOML users file read straight from toml_parser's events into a
//! [`User`], without toml_edit's document: the document keeps every key's formatting and
//! comments, which a read has no use for, and costs about 20 times the time. Only the layout
//! `users add` writes is read this way (one `[users.NAME]` header; plain keys; strings,
//! booleans and arrays of them); anything else (sub-tables, dotted keys, inline tables,
//! numbers, dates, anything toml_parser reports) answers `None`, and the caller parses that
//! user with toml_edit, so the result is always what the full parse finds.

use serde_json::{Map, Value};
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::lexer::Token;
use toml_parser::parser::{parse_document, EventReceiver, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

use super::parse::read_user;
use super::User;

/// The user `name` from `text`, the section of the file that holds its only table (with the
/// comments above it). `tokens` is a buffer kept between calls.
pub(super) fn user(text: &str, name: &str, tokens: &mut Vec<Token>) -> Option<User> {
    let source = Source::new(text);
    tokens.clear();
    tokens.extend(source.lex());
    let mut reader = Reader {
        text,
        state: State::Start,
        header_keys: 0,
        key: None,
        array: None,
        fields: Map::new(),
        failed: false,
    };
    let mut error: Option<ParseError> = None;
    {
        let mut validated = ValidateWhitespace::new(&mut reader, source);
        parse_document(tokens, &mut validated, &mut error);
    }
    if error.is_some() || reader.failed || reader.state != State::Body || reader.key.is_some() {
        return None;
    }
    read_user(name, &Value::Object(reader.fields)).ok()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the header.
    Start,
    /// Inside `[users.NAME]`.
    Header,
    /// Key/value lines below the header.
    Body,
}

struct Reader<'a> {
    text: &'a str,
    state: State,
    header_keys: usize,
    /// The key whose value comes next.
    key: Option<String>,
    /// The array being read.
    array: Option<Vec<Value>>,
    fields: Map<String, Value>,
    /// Something outside the layout read here: leave the user to toml_edit.
    failed: bool,
}

impl Reader<'_> {
    fn raw(&self, span: Span, encoding: Option<Encoding>) -> Raw<'_> {
        Raw::new_unchecked(&self.text[span.start()..span.end()], encoding, span)
    }

    fn scalar_value(&self, span: Span, encoding: Option<Encoding>) -> Option<Value> {
        let mut out = String::new();
        let mut error: Option<ParseError> = None;
        let kind = self.raw(span, encoding).decode_scalar(&mut out, &mut error);
        match (error, kind) {
            (Some(_), _) => None,
            (None, ScalarKind::String) => Some(Value::String(out)),
            (None, ScalarKind::Boolean(b)) => Some(Value::Bool(b)),
            // Numbers and dates: toml_edit's conversion decides how they read.
            (None, _) => None,
        }
    }

    fn set(&mut self, value: Value) {
        match self.key.take() {
            Some(key) if !self.fields.contains_key(&key) => {
                self.fields.insert(key, value);
            }
            // A key given twice: toml_edit words the error.
            _ => self.failed = true,
        }
    }
}

impl EventReceiver for Reader<'_> {
    fn std_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if self.state == State::Start {
            self.state = State::Header;
        } else {
            self.failed = true;
        }
    }
    fn std_table_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        // `[users.NAME]` alone: `[users.NAME.claims]` is a second table of the user.
        if self.state != State::Header || self.header_keys != 2 {
            self.failed = true;
        }
        self.state = State::Body;
    }
    fn array_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.failed = true;
    }
    fn inline_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.failed = true;
        false
    }
    fn array_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        if self.array.is_some() || self.key.is_none() {
            self.failed = true;
            return false;
        }
        self.array = Some(Vec::new());
        true
    }
    fn array_close(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        match self.array.take() {
            Some(items) => self.set(Value::Array(items)),
            None => self.failed = true,
        }
    }
    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, _error: &mut dyn ErrorSink) {
        match self.state {
            State::Header => self.header_keys += 1,
            State::Body if self.key.is_none() => {
                let mut key = String::new();
                let mut error: Option<ParseError> = None;
                self.raw(span, encoding).decode_key(&mut key, &mut error);
                if error.is_some() {
                    self.failed = true;
                }
                self.key = Some(key);
            }
            _ => self.failed = true,
        }
    }
    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        // A dot between keys: in the header it is `users.NAME`, below it a dotted key.
        if self.state != State::Header {
            self.failed = true;
        }
    }
    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, _error: &mut dyn ErrorSink) {
        if self.state != State::Body || self.key.is_none() {
            self.failed = true;
            return;
        }
        match self.scalar_value(span, encoding) {
            None => self.failed = true,
            Some(v) => match &mut self.array {
                Some(items) => items.push(v),
                None => self.set(v),
            },
        }
    }
    fn error(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.failed = true;
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::users::parse::parse_users;
    use crate::users::Format;

    fn full(text: &str, name: &str) -> Option<User> {
        let (users, _) = parse_users(Path::new("u.toml"), Format::Toml, text).ok()?;
        users.into_iter().find(|u| u.name == name)
    }

    #[test]
    fn the_layout_users_add_writes_reads_as_the_full_parse_reads_it() {
        let mut tokens = Vec::new();
        for text in [
            "[users.a]\npassword_hash = \"$argon2id$x\"\nscopes = [\"a\", \"b\"]\ndisabled = false\n\n",
            "# note\n\n[users.a] # c\npassword_hash = 'lit' # c\nscopes = \"one two\"\ndisabled = true\n",
            "[users.\"a\"]\nfull_name = \"Ä \\u00e9\"\nscopes = [\n  \"x\", # c\n  'y',\n]\n",
            "[ users . 'a' ]\nbio = \"\"\"\nline\n[users.b]\n\"\"\"\nflags = [true, \"s\"]\n",
            "[users.a]\n\"quoted key\" = \"v\"\nscopes = []\n",
        ] {
            let quick = user(text, "a", &mut tokens);
            assert!(quick.is_some(), "{text}");
            assert_eq!(quick, full(text, "a"), "{text}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_full_parse() {
        let mut tokens = Vec::new();
        for text in [
            "[users.a]\nclaims = { role = \"admin\" }\n",
            "[users.a]\nclaims.role = \"admin\"\n",
            "[users.a]\nage = 3\n",
            "[users.a]\nwhen = 2024-01-01\n",
            "[users.a]\nm = [[1], [2]]\n",
            "[users.a.claims]\nrole = \"admin\"\n",
            "[users.a]\nx = \"1\"\nx = \"2\"\n",
            "[users.a]\nscopes = [\"a\"\n",
            "[users.a]\nx = \"bad \\q escape\"\n",
            "[users.a]\nx = \"1\" y = \"2\"\n",
            "[users.a]\n[users.a]\n",
            "[[users.a]]\nx = \"1\"\n",
            "[users.a]\nscopes = 3\n",
            "[users.a]\n# a comment with a \u{7f} control\n",
        ] {
            assert_eq!(user(text, "a", &mut tokens), None, "{text}");
        }
    }
}
