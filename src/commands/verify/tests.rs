//! Batch verification reads a token in place or parses it: both ways judge and write alike.

use super::*;
use crate::alg::Alg;
use crate::keys::{Key, Material, Secret, Usage};
use crate::token::b64url;
use proptest::prelude::*;

const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

fn key() -> Key {
    Key {
        material: Material::Secret(Secret::new(SECRET.to_vec()).unwrap()),
        kid: None,
        usage: Usage::default(),
        source: "tést \"key\" \u{7}".into(),
    }
}

fn sign(header: &str, claims: &str) -> String {
    let input = format!(
        "{}.{}",
        b64url(header.as_bytes()),
        b64url(claims.as_bytes())
    );
    let sig = key().signer(Alg::HS256, false).unwrap();
    let sig = sig.sign(input.as_bytes()).unwrap();
    format!("{input}.{}", b64url(&sig))
}

fn policies() -> Vec<Policy> {
    vec![
        Policy::default(),
        Policy {
            iss: Some("me".into()),
            aud: vec!["api".into()],
            sub: Some("ann".into()),
            require: vec!["exp".into(), "jti".into(), "x".into()],
            scopes: vec!["read".into()],
            token_use: Some(TokenUse::Access),
            leeway: 30,
            ..Policy::default()
        },
        Policy {
            ignore_aud: true,
            token_use: Some(TokenUse::Refresh),
            ..Policy::default()
        },
        Policy {
            jws_only: true,
            algs: vec![Alg::HS384],
            ..Policy::default()
        },
    ]
}

/// Checks a token both ways: when it can be read in place, the report line, the exit code,
/// the `sub` and `exp` of the human line are those of the parsed token. True when it could.
fn same_both_ways(text: &str) -> bool {
    // One scratch for every token a test reads, as a batch thread has: what it keeps from
    // one token must not leak into the next.
    thread_local! {
        static KEPT: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
    }
    KEPT.with_borrow_mut(|scratch| judged_alike(text, scratch))
}

fn judged_alike(text: &str, scratch: &mut Scratch) -> bool {
    let keys = KeySet::single(key());
    let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    let Some(view) = TokenView::parse(text, scratch) else {
        return false;
    };
    let token = Token::parse(text).expect("read in place, so it parses");
    for policy in policies() {
        let full = checks::verify(&token, &keys, &policy, now);
        let lean = checks::verify(&view, &keys, &policy, now);
        assert_eq!(full.exit_code(), lean.exit_code(), "{text}");
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write_report_line(&mut a, &token, &full, 7);
        write_view_line(&mut b, &view, &lean, 7);
        assert_eq!(
            String::from_utf8_lossy(&a),
            String::from_utf8_lossy(&b),
            "{text}"
        );
        let mut c = Vec::new();
        write_json(&mut c, &Outcome::new(&view, &lean));
        b.clear();
        Outcome::new(&view, &lean).write(&mut b);
        assert_eq!(String::from_utf8_lossy(&c), String::from_utf8_lossy(&b));
        assert_eq!(sub_text(token.claims()), sub_text(view.claims()));
        assert_eq!(exp_text(token.claims()), exp_text(view.claims()));
    }
    true
}

#[test]
fn tokens_read_in_place_are_judged_and_written_as_parsed_ones() {
    let h = r#"{"alg":"HS256","typ":"JWT"}"#;
    let taken = [
        (
            h,
            r#"{"sub":"ann","iat":1799999000,"exp":1800000600,"scope":"read write"}"#,
        ),
        (
            h,
            r#"{"sub":"ann","exp":1700000000,"nbf":1900000000.5,"iat":1.9e9}"#,
        ),
        (
            h,
            r#"{"exp":"tomorrow","nbf":null,"iat":true,"sub":5,"jti":[1]}"#,
        ),
        (
            h,
            r#"{"iss":"me","aud":["api","x"],"x":null,"scp":["read"]}"#,
        ),
        (
            h,
            r#"{"iss":"you","aud":"web","token_use":"refresh","exp":1e308}"#,
        ),
        (
            h,
            r#"{"aud":[],"sub":"a\u00e9\n\"b","iss":"m\u0065","scope":"r\u0065ad"}"#,
        ),
        (h, r#"{"aud":[1,"api"],"exp":-1e308,"sub":"🦀","iss":7}"#),
        (h, r#" { "sub" : "ann" , "exp" : 18000006E-1 } "#),
        (
            h,
            r#"{"sub":"\u001b[31mred","exp":12345678901234567890123}"#,
        ),
        (h, "{}"),
        (r#"{"alg":"HS256","kid":7,"typ":["x"],"cty":null}"#, "{}"),
        (r#"{"alg":"HS256","crit":["exp"],"jku":"x","x5c":[]}"#, "{}"),
        (r#"{"alg":"none"}"#, r#"{"sub":"ann"}"#),
        (r#"{"alg":"XS256","kid":"k1"}"#, r#"{"sub":"ann"}"#),
    ];
    for (header, claims) in taken {
        assert!(same_both_ways(&sign(header, claims)), "{header} {claims}");
    }
    // What is not read in place: each goes the parsed way, which words its errors.
    let left = [
        (h, r#"{"sub":"ann","sub":"bob"}"#),
        (h, r#"{"s\u0075b":"ann","sub":"bob"}"#),
        (h, r#"{"exp":1e400}"#),
        (h, r#"{"sub":"\ud800"}"#),
        (h, r#"{"act":{"sub":"a","sub":"b"}}"#),
        (h, r#"{"aud":[["a"]]}"#),
        (h, r#"{"realm_access":{"roles":["a"]}}"#),
        (h, "[1]"),
        (h, "{\"sub\":\"ann\"}\r\n"),
        (h, "not json"),
        (h, "{\"a\":1} x"),
        (r#"{"alg":"HS\u0032\u0035\u0036"}"#, "{}"),
        (r#"{"alg":"HS256","kid":"k\u0031"}"#, "{}"),
        ("{\"alg\":\"HS256\",\r\n \"typ\":\"JWT\"}", "{}"),
        (r#"{"typ":"JWT"}"#, "{}"),
    ];
    for (header, claims) in left {
        assert!(!same_both_ways(&sign(header, claims)), "{header} {claims}");
    }
    let many: Vec<String> = (0..=crate::token::MAX_MEMBERS)
        .map(|i| format!("\"c{i}\":{i}"))
        .collect();
    assert!(!same_both_ways(&sign(
        h,
        &format!("{{{}}}", many.join(","))
    )));
    for text in [
        "",
        "a.b",
        "a.b.c.d",
        "e30.e30.",
        "e30.e30.***",
        "eyJ.e30.e30",
        ".e30.",
        "..",
    ] {
        assert!(!same_both_ways(text), "{text}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn any_claims_set_is_judged_alike_both_ways(
        members in proptest::collection::vec((
            prop_oneof![
                Just("sub"), Just("iss"), Just("aud"), Just("exp"), Just("nbf"), Just("iat"),
                Just("jti"), Just("scope"), Just("scp"), Just("scopes"), Just("token_use"),
                Just("x"), Just("s\\u0075b"),
            ],
            prop_oneof![
                Just("\"ann\"".to_string()), Just("\"me\"".to_string()),
                Just("\"api\"".to_string()), Just("\"refresh\"".to_string()),
                Just("\"read write\"".to_string()), Just("null".to_string()),
                Just("true".to_string()), Just("[\"read\",\"api\"]".to_string()),
                Just("[]".to_string()), Just("{\"a\":1}".to_string()),
                Just("\"\\u00e9\\t\"".to_string()), Just("1e999".to_string()),
                any::<i64>().prop_map(|n| n.to_string()),
                (1_799_990_000i64..1_800_010_000).prop_map(|n| n.to_string()),
                any::<f64>().prop_map(|f| format!("{f:e}")),
            ],
        ), 0..8),
    ) {
        let claims: Vec<String> =
            members.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        same_both_ways(&sign(r#"{"alg":"HS256"}"#, &format!("{{{}}}", claims.join(","))));
    }
}
