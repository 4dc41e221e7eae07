//! Claim sets and the values people type for them: durations, times, `K=V` pairs.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use jiff::Timestamp;
use serde_json::{Map, Value};

/// A JSON object the checks read members of: a parsed map, or a token's decoded bytes read in
/// place ([`crate::token::Members`]), so batch mode needs no map per token.
pub trait Object {
    fn member(&self, name: &str) -> Option<Member<'_>>;
}

impl Object for Map<String, Value> {
    fn member(&self, name: &str) -> Option<Member<'_>> {
        self.get(name).map(Member::Parsed)
    }
}

/// One member's value: parsed, or its JSON text as the token carries it (already checked as
/// strictly as a parsed one).
#[derive(Debug, Clone, Copy)]
pub enum Member<'a> {
    Parsed(&'a Value),
    Raw(&'a str),
}

impl<'a> Member<'a> {
    /// The value, parsed when it was not: a small cost paid only on the paths that need the
    /// whole value (messages, arrays).
    pub fn value(self) -> Cow<'a, Value> {
        match self {
            Member::Parsed(v) => Cow::Borrowed(v),
            // Checked when the object was read, so it parses.
            Member::Raw(r) => Cow::Owned(serde_json::from_str(r).unwrap_or(Value::Null)),
        }
    }

    pub fn as_str(self) -> Option<Cow<'a, str>> {
        match self {
            Member::Parsed(v) => v.as_str().map(Cow::Borrowed),
            Member::Raw(text) => {
                let inner = text.strip_prefix('"')?.strip_suffix('"')?;
                if inner.contains('\\') {
                    serde_json::from_str::<String>(text).ok().map(Cow::Owned)
                } else {
                    Some(Cow::Borrowed(inner))
                }
            }
        }
    }

    pub fn is_string(self) -> bool {
        match self {
            Member::Parsed(v) => v.is_string(),
            Member::Raw(r) => r.starts_with('"'),
        }
    }

    pub fn is_null(self) -> bool {
        match self {
            Member::Parsed(v) => v.is_null(),
            Member::Raw(r) => r == "null",
        }
    }

    /// [`numeric_date`] of the value.
    pub fn numeric_date(self) -> Option<f64> {
        match self {
            Member::Parsed(v) => numeric_date(v),
            // Numbers parse without allocating; anything else is no NumericDate.
            Member::Raw(r) if r.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => {
                numeric_date(&self.value())
            }
            Member::Raw(_) => None,
        }
    }
}

/// The value as compact JSON, as messages quote it.
impl fmt::Display for Member<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value().fmt(f)
    }
}

/// Parses a duration in jiff's friendly format ("30m", "1h 30m", "7d", "2 weeks"): days are 24
/// hours, a year 365.25 days and a month 30.44 days, as the humantime crate counted them.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    if t.starts_with('-') {
        return Err(format!("{s:?} is negative; durations count forward"));
    }
    if t.chars().all(|c| c.is_ascii_digit()) && !t.is_empty() {
        return Err(format!("{s:?} has no unit; write e.g. {t}s or {t}m"));
    }
    let bad =
        |e: &dyn std::fmt::Display| format!("{s:?} is not a duration ({e}); e.g. 30m, 1h 30m, 7d");
    let span: jiff::Span = t.parse().map_err(|e| bad(&e))?;
    const YEAR: i64 = 31_557_600;
    const MONTH: i64 = 2_630_016;
    let calendar = jiff::SignedDuration::from_secs(
        i64::from(span.get_years()) * YEAR + i64::from(span.get_months()) * MONTH,
    );
    let rest = span
        .years(0)
        .months(0)
        .to_duration(jiff::SpanRelativeTo::days_are_24_hours())
        .map_err(|e| bad(&e))?;
    let total = rest
        .checked_add(calendar)
        .ok_or_else(|| bad(&"it is too long"))?;
    Duration::try_from(total).map_err(|e| bad(&e))
}

/// A token lifetime: a duration above zero. A token that is born expired helps nobody.
pub fn parse_ttl(s: &str) -> Result<Duration, String> {
    let d = parse_duration(s)?;
    if d.is_zero() {
        return Err("a lifetime of zero makes a token that is already expired".into());
    }
    if d.as_secs() > 100 * 365 * 24 * 3600 {
        return Err("a lifetime over 100 years is not a lifetime".into());
    }
    Ok(d)
}

/// Parses a moment: RFC 3339 (`2026-01-02T03:04:05Z`) or Unix seconds.
pub fn parse_time(s: &str) -> Result<Timestamp, String> {
    let t = s.trim();
    if let Ok(secs) = t.parse::<i64>() {
        return Timestamp::from_second(secs).map_err(|e| format!("{s:?} is out of range ({e})"));
    }
    t.parse::<Timestamp>().map_err(|_| {
        format!("{s:?} is not a time; use RFC 3339 (2026-01-02T03:04:05Z) or Unix seconds")
    })
}

/// Parses `K=V`; V is JSON when it parses as JSON, a string otherwise (`role=admin` and
/// `roles=["a","b"]` both do what they look like).
pub fn parse_pair(s: &str) -> Result<(String, Value), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("{s:?} is not K=V"))?;
    if k.is_empty() {
        return Err(format!("{s:?} has an empty name"));
    }
    let value = serde_json::from_str(v).unwrap_or_else(|_| Value::String(v.to_string()));
    Ok((k.to_string(), value))
}

/// Splits repeated and space-separated scope arguments into one deduplicated, ordered list.
pub fn split_scopes<S: AsRef<str>>(args: &[S]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in args.iter().flat_map(|a| a.as_ref().split_whitespace()) {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    }
    out
}

/// The scopes a token grants: the OAuth2 `scope` string, or a `scopes`/`scp` array.
pub fn token_scopes(claims: &(impl Object + ?Sized)) -> Vec<String> {
    for name in ["scope", "scp", "scopes"] {
        let Some(m) = claims.member(name) else {
            continue;
        };
        if let Some(s) = m.as_str() {
            return split_scopes(&[s]);
        }
        if let Value::Array(a) = &*m.value() {
            return a
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect();
        }
    }
    Vec::new()
}

/// A NumericDate claim (RFC 7519 2): a JSON number of seconds. Fractions are allowed; a string
/// such as `"tomorrow"` is not a time. Values beyond the years -9999..=9999 are clamped to
/// that range: `exp: 1e308` still means "never", and every caller can subtract two times
/// without overflow.
pub fn numeric_date(v: &Value) -> Option<f64> {
    let min = Timestamp::MIN.as_second() as f64;
    let max = Timestamp::MAX.as_second() as f64;
    v.as_f64()
        .filter(|f| f.is_finite())
        .map(|f| f.clamp(min, max))
}

pub const TIME_CLAIMS: [&str; 3] = ["iat", "nbf", "exp"];

/// Claims jwtctl sets itself in a token for a user of the users file (`issue --user`, `serve`):
/// neither the user's `claims` in that file nor `issue --claim` may set them, or a line of the
/// file or a flag could mint a token for another subject, issuer, audience, lifetime or scope.
pub const RESERVED: [&str; 9] = [
    "sub",
    "iss",
    "aud",
    "exp",
    "iat",
    "nbf",
    "jti",
    "scope",
    "token_use",
];

pub fn is_reserved(name: &str) -> bool {
    RESERVED.contains(&name)
}

/// Claims no flag may set in any token: `--ttl`, `--nbf`, `--at` and `--refresh` would lie.
pub fn is_set_by_flags(name: &str) -> bool {
    TIME_CLAIMS.contains(&name) || name == "token_use"
}

/// The scopes a user's token gets (RFC 6749 §3.3): all of `allowed` when none are asked for,
/// else exactly the ones asked for. `Err` holds the asked-for scopes that are not allowed.
pub fn grant_scopes(allowed: &[String], requested: &[String]) -> Result<Vec<String>, Vec<String>> {
    if requested.is_empty() {
        return Ok(allowed.to_vec());
    }
    let extra: Vec<String> = requested
        .iter()
        .filter(|s| !allowed.contains(s))
        .cloned()
        .collect();
    if extra.is_empty() {
        Ok(requested.to_vec())
    } else {
        Err(extra)
    }
}

/// Claims of a new token, in the order people expect to read them.
pub struct NewClaims {
    pub map: Map<String, Value>,
}

impl NewClaims {
    pub fn new(now: Timestamp, ttl: Duration) -> NewClaims {
        let iat = now.as_second();
        let mut map = Map::new();
        map.insert("iat".into(), Value::from(iat));
        map.insert(
            "exp".into(),
            Value::from(iat.saturating_add(ttl.as_secs() as i64)),
        );
        NewClaims { map }
    }

    pub fn set(&mut self, name: &str, value: Value) {
        self.map.insert(name.to_string(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30m").unwrap(), Duration::from_secs(1800));
        assert_eq!(parse_duration("1h 30m").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse_duration("1h30m").unwrap(), Duration::from_secs(5400));
        assert_eq!(
            parse_duration("7d").unwrap(),
            Duration::from_secs(7 * 86400)
        );
        assert_eq!(
            parse_duration("1y").unwrap(),
            Duration::from_secs(31_557_600)
        );
        assert!(parse_duration("-5m").is_err());
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("30").is_err());
        assert!(parse_ttl("0s").is_err());
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("1300819379").unwrap().as_second(), 1300819379);
        assert_eq!(
            parse_time("2011-03-22T18:42:59Z").unwrap().as_second(),
            1300819379
        );
        assert!(parse_time("yesterday").is_err());
    }

    #[test]
    fn pairs_are_json_or_strings() {
        assert_eq!(parse_pair("a=1").unwrap().1, Value::from(1));
        assert_eq!(parse_pair("a=x").unwrap().1, Value::from("x"));
        assert_eq!(parse_pair("a=[\"x\"]").unwrap().1, serde_json::json!(["x"]));
        assert_eq!(parse_pair("a=").unwrap().1, Value::from(""));
        assert!(parse_pair("=1").is_err());
        assert!(parse_pair("a").is_err());
    }

    #[test]
    fn numeric_dates_are_clamped_to_representable_times() {
        let max = Timestamp::MAX.as_second() as f64;
        assert_eq!(numeric_date(&serde_json::json!(1e308)), Some(max));
        assert!(numeric_date(&serde_json::json!(-1e308)).unwrap() < 0.0);
        assert_eq!(numeric_date(&serde_json::json!(1.5)), Some(1.5));
        assert_eq!(numeric_date(&serde_json::json!("tomorrow")), None);
    }

    #[test]
    fn granted_scopes_narrow_and_never_widen() {
        let held = vec!["a".to_string(), "b".to_string()];
        assert_eq!(grant_scopes(&held, &[]).unwrap(), held);
        assert_eq!(grant_scopes(&held, &["b".into()]).unwrap(), vec!["b"]);
        assert_eq!(
            grant_scopes(&held, &["b".into(), "c".into()]).unwrap_err(),
            vec!["c"]
        );
    }

    #[test]
    fn scopes_split_and_dedupe() {
        assert_eq!(split_scopes(&["a b", "b c"]), vec!["a", "b", "c"]);
    }
}
