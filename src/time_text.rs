//! Times as people read them: "in 29m", "3h 5m ago", "2026-11-28 01:23:45 UTC".

/// "in 29m", "3h 5m ago", "now": the two largest units, truncated.
pub fn relative(delta_secs: i64) -> String {
    if delta_secs == 0 {
        return "now".into();
    }
    let mut out = String::with_capacity(16);
    if delta_secs > 0 {
        out.push_str("in ");
    }
    push_span(&mut out, delta_secs.unsigned_abs());
    if delta_secs < 0 {
        out.push_str(" ago");
    }
    out
}

/// A length of time in the two largest units: "29m", "1h 30m", "2d 4h", "45s".
pub fn span_text(secs: u64) -> String {
    let mut out = String::with_capacity(8);
    push_span(&mut out, secs);
    out
}

/// [`span_text`] into a string (batch output words an expiry per expired token).
fn push_span(out: &mut String, secs: u64) {
    use std::fmt::Write;
    const UNITS: [(u64, &str); 5] = [
        (365 * 86400, "y"),
        (86400, "d"),
        (3600, "h"),
        (60, "m"),
        (1, "s"),
    ];
    let mut parts = 0;
    let mut rest = secs;
    for (size, name) in UNITS {
        if rest >= size {
            if parts > 0 {
                out.push(' ');
            }
            let _ = write!(out, "{}{name}", rest / size);
            rest %= size;
            parts += 1;
        } else if parts > 0 {
            // Keep units adjacent: "1h 0m" reads oddly, "1h" is enough.
            break;
        }
        if parts == 2 {
            break;
        }
    }
    if parts == 0 {
        out.push_str("0s");
    }
}

/// A Unix time as UTC text, e.g. `2026-11-28 01:23:45 UTC`.
pub fn utc(secs: i64) -> String {
    if let Some(text) = civil(secs, ' ', " UTC") {
        return text;
    }
    match jiff::Timestamp::from_second(secs) {
        Ok(t) => t.strftime("%Y-%m-%d %H:%M:%S UTC").to_string(),
        Err(_) => format!("{secs} (out of range)"),
    }
}

/// Where times meant for people are shown: UTC (the default), the system's zone, or a fixed
/// offset (`--date local`, `--date +02:00`). Times in JSON stay RFC 3339 UTC whatever is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Utc,
    Local,
    Fixed(jiff::tz::Offset),
}

static ZONE: std::sync::OnceLock<Zone> = std::sync::OnceLock::new();

/// Chooses the zone of [`shown`] for the rest of the run (a flag of the command being run).
pub fn show_in(zone: Zone) {
    let _ = ZONE.set(zone);
}

/// `utc`, `local`, or an offset such as `+02:00`, `-0530` or `+2` (any case).
pub fn parse_zone(text: &str) -> Result<Zone, String> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("utc") || t == "Z" || t == "z" {
        return Ok(Zone::Utc);
    }
    if t.eq_ignore_ascii_case("local") {
        return Ok(Zone::Local);
    }
    let bad = || format!("\"{text}\" is not utc, local or an offset such as +02:00 or -05:30");
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'+') => (1, &t[1..]),
        Some(b'-') => (-1, &t[1..]),
        _ => return Err(bad()),
    };
    let (hours, minutes) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    let number = |s: &str, max: i32| {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())
            .flatten()
            .filter(|n| *n <= max)
    };
    let (h, m) = number(hours, 23).zip(number(minutes, 59)).ok_or_else(bad)?;
    jiff::tz::Offset::from_seconds(sign * (h * 3600 + m * 60))
        .map(Zone::Fixed)
        .map_err(|_| bad())
}

/// A Unix time for people, in the zone chosen with [`show_in`] (UTC unless asked):
/// `2026-11-28 01:23:45 UTC`, or `2026-11-28 03:23:45 +02:00`.
pub fn shown(secs: i64) -> String {
    let zone = ZONE.get().copied().unwrap_or(Zone::Utc);
    let tz = match zone {
        Zone::Utc => return utc(secs),
        Zone::Local => jiff::tz::TimeZone::system(),
        Zone::Fixed(offset) => jiff::tz::TimeZone::fixed(offset),
    };
    match jiff::Timestamp::from_second(secs) {
        Ok(t) => t.to_zoned(tz).strftime("%Y-%m-%d %H:%M:%S %:z").to_string(),
        Err(_) => format!("{secs} (out of range)"),
    }
}

/// A Unix time as RFC 3339 in UTC, e.g. `2026-11-28T01:23:45Z`: the form of every time in JSON.
pub fn rfc3339(secs: i64) -> String {
    if let Some(text) = civil(secs, 'T', "Z") {
        return text;
    }
    match jiff::Timestamp::from_second(secs) {
        Ok(t) => t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        Err(_) => format!("{secs} (out of range)"),
    }
}

/// `YYYY-MM-DD{sep}HH:MM:SS{suffix}` in UTC for years 1000 to 9999, as strftime's `%Y-%m-%d`
/// and `%H:%M:%S` print them, without its format parser: batch output formats one or two
/// times per token. Other years are left to strftime.
fn civil(secs: i64, sep: char, suffix: &str) -> Option<String> {
    let t = jiff::tz::Offset::UTC.to_datetime(jiff::Timestamp::from_second(secs).ok()?);
    let year = t.year();
    if !(1000..=9999).contains(&year) {
        return None;
    }
    let mut out = String::with_capacity(24);
    push2(&mut out, (year / 100) as i8);
    push2(&mut out, (year % 100) as i8);
    for (before, n) in [
        ('-', t.month()),
        ('-', t.day()),
        (sep, t.hour()),
        (':', t.minute()),
        (':', t.second()),
    ] {
        out.push(before);
        push2(&mut out, n);
    }
    out.push_str(suffix);
    Some(out)
}

fn push2(out: &mut String, n: i8) {
    out.push(char::from(b'0' + (n / 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_parse_as_typed() {
        let fixed = |s| jiff::tz::Offset::from_seconds(s).map(Zone::Fixed).unwrap();
        assert_eq!(parse_zone("UTC"), Ok(Zone::Utc));
        assert_eq!(parse_zone("Local"), Ok(Zone::Local));
        assert_eq!(parse_zone("+02:00"), Ok(fixed(7200)));
        assert_eq!(parse_zone("-0530"), Ok(fixed(-19800)));
        assert_eq!(parse_zone("+2"), Ok(fixed(7200)));
        for bad in ["", "2", "+24:00", "+02:60", "+0:0:0", "Europe/Paris", "+ab"] {
            assert!(parse_zone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn times_print_as_strftime_prints_them() {
        for secs in [
            0,
            -1,
            951_782_400,
            1_800_000_000,
            -30_610_224_000,
            -30_610_224_001,
            253_402_207_200,
            jiff::Timestamp::MIN.as_second(),
            jiff::Timestamp::MAX.as_second(),
        ] {
            let t = jiff::Timestamp::from_second(secs).unwrap();
            assert_eq!(rfc3339(secs), t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string());
            assert_eq!(utc(secs), t.strftime("%Y-%m-%d %H:%M:%S UTC").to_string());
        }
        assert_eq!(utc(1_800_000_000), "2027-01-15 08:00:00 UTC");
    }

    #[test]
    fn relative_times_read_naturally() {
        assert_eq!(relative(29 * 60 + 5), "in 29m 5s");
        assert_eq!(relative(-3 * 3600 - 60), "3h 1m ago");
        assert_eq!(relative(-3 * 3600), "3h ago");
        assert_eq!(relative(90000), "in 1d 1h");
        assert_eq!(relative(0), "now");
        assert_eq!(relative(-400 * 86400), "1y 35d ago");
        assert_eq!(span_text(0), "0s");
        assert_eq!(span_text(86400 + 59), "1d");
    }
}
