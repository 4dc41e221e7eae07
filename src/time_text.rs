//! Times as people read them: "in 29m", "3h 5m ago", "2026-11-28 01:23:45 UTC".

/// "in 29m", "3h 5m ago", "now": the two largest units, truncated.
pub fn relative(delta_secs: i64) -> String {
    if delta_secs == 0 {
        return "now".into();
    }
    let span = span_text(delta_secs.unsigned_abs());
    if delta_secs > 0 {
        format!("in {span}")
    } else {
        format!("{span} ago")
    }
}

/// A length of time in the two largest units: "29m", "1h 30m", "2d 4h", "45s".
pub fn span_text(secs: u64) -> String {
    const UNITS: [(u64, &str); 5] = [
        (365 * 86400, "y"),
        (86400, "d"),
        (3600, "h"),
        (60, "m"),
        (1, "s"),
    ];
    let mut parts = Vec::new();
    let mut rest = secs;
    for (size, name) in UNITS {
        if rest >= size {
            parts.push(format!("{}{name}", rest / size));
            rest %= size;
        } else if !parts.is_empty() {
            // Keep units adjacent: "1h 0m" reads oddly, "1h" is enough.
            break;
        }
        if parts.len() == 2 {
            break;
        }
    }
    if parts.is_empty() {
        "0s".into()
    } else {
        parts.join(" ")
    }
}

/// A Unix time as UTC text, e.g. `2026-11-28 01:23:45 UTC`.
pub fn utc(secs: i64) -> String {
    match jiff::Timestamp::from_second(secs) {
        Ok(t) => t.strftime("%Y-%m-%d %H:%M:%S UTC").to_string(),
        Err(_) => format!("{secs} (out of range)"),
    }
}

/// A Unix time as RFC 3339 in UTC, e.g. `2026-11-28T01:23:45Z`: the form of every time in JSON.
pub fn rfc3339(secs: i64) -> String {
    match jiff::Timestamp::from_second(secs) {
        Ok(t) => t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        Err(_) => format!("{secs} (out of range)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_times_read_naturally() {
        assert_eq!(relative(29 * 60 + 5), "in 29m 5s");
        assert_eq!(relative(-3 * 3600 - 60), "3h 1m ago");
        assert_eq!(relative(-3 * 3600), "3h ago");
        assert_eq!(relative(90000), "in 1d 1h");
        assert_eq!(relative(0), "now");
    }
}
