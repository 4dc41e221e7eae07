//! The command-line surface: clap derive types only. Behaviour lives in `commands/`.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

use crate::alg::Alg;
use crate::checks::TokenUse;
use crate::warning::Level;

// Macros rather than consts so `concat!` can join the tables into the long help at compile time.
macro_rules! exit_code_table {
    () => {
        "Exit codes:
  0  success / token valid
  1  runtime error (I/O, unreadable key or users file)
  2  usage error
  3  malformed token (or a JWS that is not a JWT, without --jws)
     also a JWE, and a kid, typ, cty, sub or jti that is not a string
  4  signature, key or algorithm mismatch
  5  expired or not yet valid
     also iat in the future beyond --leeway
  6  claim check failed (iss, aud, sub, scope, required claim, token use, user)
     also a token with an aud but no --aud, a refresh token without --token-use,
     and issue --user --scope asking for a scope the user does not hold
  7  authentication failed (unknown user, wrong password, disabled);
     wrong passphrase for an encrypted private key
  8  no such user in the users file
  9  user already exists in the users file
 10  users file missing
130 interrupted (Ctrl-C during a batch; the counts so far are printed)
When several checks fail the most fundamental one decides: 3, then 4, 5, 6.
A batch exits with the worst outcome over its tokens, 3 when it holds no token; when stdout
closes early (| head) jwtctl stops quietly and the code covers the answers written."
    };
}

macro_rules! env_table {
    () => {
        "Environment:
  JWTCTL_SECRET          HMAC secret (the default of --secret-env)
  JWTCTL_USERS           users file (as --users; empty counts as unset)
  JWTCTL_KEY_PASSPHRASE  passphrase of an encrypted private key
  JWTCTL_CACHE_DIR       cache of remote key sets (default $XDG_CACHE_HOME/jwtctl or ~/.cache/jwtctl)
  JWTCTL_CA_FILE         certificate authorities for remote key sets (the default of --ca-file)
  NO_COLOR               disable colored output"
    };
}

macro_rules! verify_examples {
    () => {
        "Examples:
  jwtctl verify \"$TOKEN\"
  jwtctl verify --alg RS256 --key public.pem --iss https://auth.example --aud api \"$TOKEN\"
  jwtctl verify --file tokens.txt -q || echo 'some tokens failed'
  jwtctl verify --file tokens.txt --summary json | jq .failed_checks"
    };
}

#[derive(Debug, Parser)]
#[command(
    name = "jwtctl",
    version,
    about = "Hash passwords, keep users, issue, decode and verify JWT bearer tokens",
    long_about = "jwtctl is a toolkit for APIs that use the OAuth2 password flow and JWT bearer \
tokens: it hashes passwords (argon2id, verifies bcrypt), keeps users in a TOML or JSON file, \
issues tokens for them, and decodes and verifies tokens with exit codes a script can branch on.",
    after_help = env_table!(),
    after_long_help = concat!(exit_code_table!(), "\n\n", env_table!()),
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// When to use colors
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print nothing but the essential value; the exit code carries the rest
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// The users file (TOML or JSON, by extension)
    ///
    /// JWTCTL_USERS=FILE means the same as --users FILE (which wins when both are given; an
    /// empty JWTCTL_USERS counts as unset); named either way, verify also checks the token's
    /// user (--check-user)
    #[arg(
        long,
        env = USERS_ENV,
        default_value = "users.toml",
        value_name = "FILE",
        value_hint = ValueHint::FilePath,
        value_parser = users_path()
    )]
    pub users: PathBuf,

    /// Format of the users file, when its extension does not tell
    #[arg(long = "users-format", value_enum, value_name = "FORMAT")]
    pub users_format: Option<UsersFormat>,
}

/// `--users` and `--users-format` for the commands that read the users file (issue, verify,
/// serve, users): given there, or before the subcommand, the one nearest the end wins.
#[derive(Debug, Args, Clone)]
pub struct UsersFileArgs {
    /// The users file (TOML or JSON, by extension)
    ///
    /// JWTCTL_USERS=FILE means the same as --users FILE (which wins when both are given; an
    /// empty JWTCTL_USERS counts as unset); named either way, verify also checks the token's
    /// user (--check-user)
    #[arg(
        long,
        global = true,
        env = USERS_ENV,
        default_value = "users.toml",
        value_name = "FILE",
        value_hint = ValueHint::FilePath,
        value_parser = users_path()
    )]
    pub users: PathBuf,

    /// Format of the users file, when its extension does not tell
    #[arg(
        long = "users-format",
        global = true,
        value_enum,
        value_name = "FORMAT"
    )]
    pub users_format: Option<UsersFormat>,
}

/// The variable that names the users file when `--users` is not typed.
pub const USERS_ENV: &str = "JWTCTL_USERS";

/// `--users` values: any path, the empty one included, which clap's path parser would refuse
/// with an error naming `--users` even when the empty value came from `JWTCTL_USERS`.
fn users_path() -> impl clap::builder::TypedValueParser<Value = PathBuf> {
    clap::builder::OsStringValueParser::new().map(PathBuf::from)
}

/// The users file the command line asks for, resolved once for every command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsersFile {
    pub path: PathBuf,
    pub format: Option<UsersFormat>,
    /// Named by `--users` or `JWTCTL_USERS`, not the default (`verify` then checks the user).
    pub given: bool,
}

/// `./users.toml`, named by nobody.
impl Default for UsersFile {
    fn default() -> Self {
        UsersFile {
            path: PathBuf::from("users.toml"),
            format: None,
            given: false,
        }
    }
}

/// The last `--users` typed (after the subcommand, or before it), else a non-empty
/// `JWTCTL_USERS`, else `./users.toml`; the flag and the variable mean the same.
pub fn users_file(m: &clap::ArgMatches) -> Result<UsersFile, crate::error::Failure> {
    let mut typed_path = None;
    let mut format = None;
    for matches in levels(m) {
        if typed(matches, "users") {
            if let Ok(Some(p)) = matches.try_get_one::<PathBuf>("users") {
                typed_path = Some(p.clone());
            }
        }
        if typed(matches, "users_format") {
            if let Ok(Some(f)) = matches.try_get_one::<UsersFormat>("users_format") {
                format = Some(*f);
            }
        }
    }
    let from_env = std::env::var_os(USERS_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let (path, given) = match (typed_path, from_env) {
        (Some(p), _) if p.as_os_str().is_empty() => {
            return Err(
                crate::error::Failure::usage("--users is empty").hint(format!(
                    "name the users file, or leave --users out to use ${USERS_ENV} or ./users.toml"
                )),
            )
        }
        (Some(p), _) | (None, Some(p)) => (p, true),
        (None, None) => {
            return Ok(UsersFile {
                format,
                ..UsersFile::default()
            })
        }
    };
    Ok(UsersFile {
        path,
        format,
        given,
    })
}

/// Curve names people type for the algorithm that uses the curve (README speaks of Ed25519 and
/// P-256 keys).
const ALG_ALIASES: [(&str, Alg); 4] = [
    ("P-256", Alg::ES256),
    ("P-384", Alg::ES384),
    ("P-521", Alg::ES512),
    ("Ed25519", Alg::EdDSA),
];

/// `--alg` values: the core's algorithms by their JWS names (the core knows nothing of clap),
/// in any case (each `--alg` is `ignore_case`) and with the curve names as aliases. Token
/// headers are matched exactly by the core, as RFC 7518 requires; this is only what is typed.
fn alg_value() -> impl clap::builder::TypedValueParser<Value = Alg> {
    let values = Alg::ALL.map(|a| {
        ALG_ALIASES.iter().filter(|(_, b)| *b == a).fold(
            clap::builder::PossibleValue::new(a.name()),
            |v, (alias, _)| v.alias(alias),
        )
    });
    clap::builder::PossibleValuesParser::new(values).map(|typed| alg_named(&typed))
}

/// What `issue --alg` may ask for: an algorithm, or no signature at all (`none`, for negative
/// tests, behind --insecure). Kept out of `Alg`, which cannot represent `none` on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueAlg {
    Signed(Alg),
    Unsigned,
}

/// `issue --alg` values: those of `--alg`, and `none`.
fn issue_alg_value() -> impl clap::builder::TypedValueParser<Value = IssueAlg> {
    let signed = Alg::ALL.map(|a| {
        ALG_ALIASES.iter().filter(|(_, b)| *b == a).fold(
            clap::builder::PossibleValue::new(a.name()),
            |v, (alias, _)| v.alias(alias),
        )
    });
    let values = signed
        .into_iter()
        .chain([clap::builder::PossibleValue::new("none")]);
    clap::builder::PossibleValuesParser::new(values).map(|typed| {
        if typed.eq_ignore_ascii_case("none") {
            IssueAlg::Unsigned
        } else {
            IssueAlg::Signed(alg_named(&typed))
        }
    })
}

/// The algorithm a listed name or alias stands for, in any case.
fn alg_named(typed: &str) -> Alg {
    let named = |name: &str| name.eq_ignore_ascii_case(typed);
    Alg::ALL
        .into_iter()
        .find(|a| named(a.name()))
        .or_else(|| ALG_ALIASES.iter().find(|(n, _)| named(n)).map(|(_, a)| *a))
        .expect("only listed names pass")
}

/// `--token-use` values.
fn token_use_value() -> impl clap::builder::TypedValueParser<Value = AcceptedUse> {
    clap::builder::PossibleValuesParser::new(["access", "refresh", "any"]).map(|s| {
        AcceptedUse(match s.as_str() {
            "refresh" => Some(TokenUse::Refresh),
            "any" => None,
            _ => Some(TokenUse::Access),
        })
    })
}

/// `verify --token-use`: the use a token must have, or `None` for any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcceptedUse(pub Option<TokenUse>);

/// `--fail-on` values: the warning levels by name.
fn level_value() -> impl clap::builder::TypedValueParser<Value = Level> {
    clap::builder::PossibleValuesParser::new(Level::ALL.map(Level::name)).map(|s| {
        *Level::ALL
            .iter()
            .find(|l| l.name() == s)
            .expect("only listed names pass")
    })
}

/// The matches of the command and of each subcommand below it.
fn levels(m: &clap::ArgMatches) -> impl Iterator<Item = &clap::ArgMatches> {
    std::iter::successors(Some(m), |m| m.subcommand().map(|(_, sub)| sub))
}

/// Whether the argument exists at this level and was typed on the command line (asking for an
/// argument a level does not define is a programming error clap panics on).
fn typed(m: &clap::ArgMatches, id: &str) -> bool {
    m.ids().any(|i| i.as_str() == id)
        && m.value_source(id) == Some(clap::parser::ValueSource::CommandLine)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UsersFormat {
    Toml,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign a token: for a user of the users file (--user) or with arbitrary claims (--sub)
    #[command(after_help = ISSUE_EXAMPLES)]
    Issue(IssueArgs),

    /// Show a token's header, payload and expiry without checking its signature
    #[command(after_help = DECODE_EXAMPLES)]
    Decode(DecodeArgs),

    /// Check a token's signature and claims; the exit code tells the verdict
    #[command(
        after_help = verify_examples!(),
        after_long_help = concat!(verify_examples!(), "\n\n", exit_code_table!())
    )]
    Verify(VerifyArgs),

    /// Hash a password with argon2id, or check a password against an argon2/bcrypt hash
    #[command(after_help = HASH_EXAMPLES)]
    Hash(HashArgs),

    /// Manage the users file: add, passwd, remove, disable, enable, list, show, check, import,
    /// client
    Users(UsersArgs),

    /// Generate an HMAC secret or a key pair
    #[command(after_help = KEYGEN_EXAMPLES)]
    Keygen(KeygenArgs),

    /// Print a JWKS document with the public halves of the given keys
    #[command(after_help = JWKS_EXAMPLES)]
    Jwks(JwksArgs),

    /// JWK utilities
    #[command(subcommand)]
    Jwk(JwkCommand),

    /// Key file utilities: inspect
    #[command(subcommand)]
    Key(KeyCommand),

    /// Edit a key set (a JWK set file) for key rotation: add, remove, list, activate
    #[command(subcommand)]
    Keyset(KeysetCommand),

    /// Audit tokens for weaknesses (alg none, weak or well-known secrets, missing exp, ...)
    #[command(after_help = LINT_EXAMPLES)]
    Lint(LintArgs),

    /// Run a local OAuth2 token server (/token, /me, JWKS, introspection) over the users file
    #[command(after_help = SERVE_EXAMPLES)]
    Serve(ServeArgs),

    /// Open a local token debugger page in the browser: decode, lint and verify without
    /// sending a token anywhere
    #[command(after_help = UI_EXAMPLES)]
    Ui(UiArgs),

    /// Print a shell completion script
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),

    /// Write man pages (jwtctl.1 and one per subcommand) into a folder
    #[command(after_help = "Examples:
  jwtctl man --out ~/.local/share/man/man1 && man jwtctl-verify
  jwtctl man --out /tmp/jwtctl-man && man -l /tmp/jwtctl-man/jwtctl.1")]
    Man(ManArgs),
}

const ISSUE_EXAMPLES: &str = "\
Examples:
  export JWTCTL_SECRET=$(jwtctl keygen --alg HS256)
  jwtctl issue --sub alice --scope 'items:read items:write' --ttl 15m
  printf 'secret\\n' | jwtctl issue --user alice --password-stdin --output oauth2
  jwtctl issue --jwks signing.jwks.json --sub svc --ttl 5m   # the set's signing key and kid";

const DECODE_EXAMPLES: &str = "\
Examples:
  jwtctl decode \"$TOKEN\"
  curl -s localhost:8000/token -d ... | jq -r .access_token | jwtctl decode
  jwtctl decode --output json - < token.txt | jq .payload
  jwtctl decode --extract --file access.log --json > tokens.jsonl";

const HASH_EXAMPLES: &str = "\
Examples:
  jwtctl hash
  printf 'secret\\n' | jwtctl hash --password-stdin
  printf 'secret\\n' | jwtctl hash --password-stdin --verify \\
    '$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW'";

const KEYGEN_EXAMPLES: &str = "\
Examples:
  jwtctl keygen --alg HS256 > secret.txt
  jwtctl keygen --alg ES256 --out keys/signing
  jwtctl keygen --alg RS256 --bits 3072 --out rsa --format jwk
  JWTCTL_KEY_PASSPHRASE=... jwtctl keygen --alg ES256 --encrypt --out keys/protected";

const JWKS_EXAMPLES: &str = "\
Examples:
  jwtctl jwks signing.pub.pem > jwks.json
  jwtctl jwks --kid 2026-11-rsa --kid 2026-11-ec rsa.pub.pem ec.pub.pem";

const LINT_EXAMPLES: &str = "\
Examples:
  jwtctl lint \"$TOKEN\"
  jwtctl lint --wordlist rockyou.txt --fail-on high \"$TOKEN\"
  jwtctl lint --file tokens.txt --output json";

const SERVE_EXAMPLES: &str = "\
Examples:
  JWTCTL_SECRET=$(jwtctl keygen --alg HS256) jwtctl serve --users examples/users.toml
  jwtctl serve --alg RS256 --key rsa.pem --listen 127.0.0.1:0
  jwtctl serve --jwks signing.jwks.json   # rotate with `jwtctl keyset`, no restart
  curl -s -d 'grant_type=password&username=alice&password=secret' localhost:8000/token
  curl -s -u \"billing:$SECRET\" -d grant_type=client_credentials localhost:8000/token";

const UI_EXAMPLES: &str = "\
Examples:
  jwtctl ui --open
  jwtctl ui --listen 127.0.0.1:8080
  jwtctl serve --users users.toml    # the same page at http://127.0.0.1:8000/ui/

The page only talks to this process, which listens on loopback; tokens and keys pasted
into it never leave the machine and are never logged or stored.";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  jwtctl completions bash > ~/.local/share/bash-completion/completions/jwtctl
  jwtctl completions zsh > ~/.zfunc/_jwtctl
  jwtctl completions fish > ~/.config/fish/completions/jwtctl.fish
  jwtctl completions nushell > ~/.config/nushell/jwtctl.nu   # then `source jwtctl.nu` in config.nu";

/// Where a signing or verifying key comes from.
#[derive(Debug, Args, Clone, Default)]
pub struct KeyArgs {
    /// Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify),
    /// detected from the content
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, help_heading = "Keys",
          conflicts_with_all = ["secret_file", "secret", "secret_env"])]
    pub key: Option<PathBuf>,

    /// Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one
    /// only when --secret-env is given]
    #[arg(long, value_name = "VAR", help_heading = "Keys")]
    pub secret_env: Option<String>,

    /// File holding the HMAC secret (one trailing newline is ignored)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, help_heading = "Keys",
          conflicts_with_all = ["secret", "secret_env"])]
    pub secret_file: Option<PathBuf>,

    /// HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)
    #[arg(
        long,
        value_name = "SECRET",
        help_heading = "Keys",
        conflicts_with = "secret_env"
    )]
    pub secret: Option<crate::keys::SecretArg>,

    /// The secret is base64 or base64url encoded; decode it before use
    #[arg(long, help_heading = "Keys")]
    pub secret_base64: bool,

    /// File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE,
    /// else a prompt on a terminal)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, help_heading = "Keys")]
    pub passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IssueOutput {
    /// The bare token
    Token,
    /// Token, header, claims and expiry as one JSON object
    Json,
    /// An OAuth2 token response: access_token, token_type, expires_in
    Oauth2,
}

#[derive(Debug, Args)]
pub struct IssueArgs {
    /// Where the users file is (read through `users_file`, which also sees a `--users` given
    /// before the subcommand)
    #[command(flatten)]
    pub users_file: UsersFileArgs,

    #[command(flatten)]
    pub key: KeyArgs,

    /// Signing algorithm (default: HS256 for secrets, the key's own for --key); `none` makes an
    /// unsigned token, only with --insecure
    #[arg(long, value_name = "ALG", ignore_case = true, value_parser = issue_alg_value())]
    pub alg: Option<IssueAlg>,

    /// Leave `exp` out: a token that never expires (only with --insecure)
    #[arg(long, conflicts_with = "ttl")]
    pub no_exp: bool,

    /// Allow --alg none and --no-exp: tokens an API must refuse, made to check that it does
    /// (a warning says so on stderr and in -o json's warnings; jwtctl verify refuses alg none,
    /// and a token without exp with --require exp)
    #[arg(long)]
    pub insecure: bool,

    /// Authenticate this user of the users file and issue their token
    #[arg(long, value_name = "NAME", conflicts_with = "sub")]
    pub user: Option<String>,

    /// Subject (`sub`) of a token not tied to the users file
    #[arg(long, value_name = "SUB")]
    pub sub: Option<String>,

    /// Read the user's password from the first line of stdin
    #[arg(long, requires = "user")]
    pub password_stdin: bool,

    /// Skip the password check (for an operator who holds the signing key); --scope, --claim
    /// and --header may then go beyond what the users file grants
    #[arg(long, requires = "user")]
    pub no_auth: bool,

    /// Lifetime of the token (e.g. 30m, 1h 30m, 7d)
    #[arg(long, default_value = "30m", value_name = "DURATION", value_parser = crate::claims::parse_ttl)]
    pub ttl: std::time::Duration,

    /// Not-before: the token becomes valid this long after issue (0s for now)
    #[arg(long, value_name = "DURATION", value_parser = crate::claims::parse_duration)]
    pub nbf: Option<std::time::Duration>,

    /// Issuer (`iss`)
    #[arg(long, value_name = "ISS")]
    pub iss: Option<String>,

    /// Audience (`aud`); repeat for several
    #[arg(long, value_name = "AUD")]
    pub aud: Vec<String>,

    /// Token id (`jti`); without a value, a random one
    #[arg(long, value_name = "ID", num_args = 0..=1, default_missing_value = "")]
    pub jti: Option<String>,

    /// Key id in the header; `auto` puts the key's RFC 7638 thumbprint. With --jwks, the member
    /// of the set that signs (and its kid goes in the header)
    // Thumbprints are base64url: one in 64 starts with '-', and is still a value.
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,

    /// Sign with a key set (a JWK set file, or a folder of key files): the member --kid, else
    /// the one `keyset list` shows as signing (the newest private key not added with --next)
    #[arg(long, value_name = "SET", value_hint = ValueHint::AnyPath, help_heading = "Keys",
          conflicts_with_all = ["key", "secret_file", "secret", "secret_env"])]
    pub jwks: Option<PathBuf>,

    /// OAuth2 scope; repeat or separate with spaces. With --user it narrows the user's scopes:
    /// each must be one they hold (exit 6 otherwise)
    #[arg(long, value_name = "SCOPE")]
    pub scope: Vec<String>,

    /// Extra claim; the value is JSON when it parses as JSON, a string otherwise. Never exp,
    /// iat, nbf or token_use; with --user, never sub, iss, aud, jti, scope or a claim the users
    /// file sets
    #[arg(long, value_name = "K=V")]
    pub claim: Vec<String>,

    /// Extra header field; the value is JSON when it parses as JSON, a string otherwise. Never
    /// alg or crit; with --user, never a name --claim may not set
    #[arg(long, value_name = "K=V")]
    pub header: Vec<String>,

    /// Also issue a refresh token (`token_use: "refresh"`)
    #[arg(long)]
    pub refresh: bool,

    /// Lifetime of the refresh token
    #[arg(long, default_value = "7d", value_name = "DURATION", value_parser = crate::claims::parse_ttl)]
    pub refresh_ttl: std::time::Duration,

    /// Sign even when the HMAC secret is shorter than the hash output
    #[arg(long)]
    pub allow_weak_secret: bool,

    /// Issue as of this time (RFC 3339 or Unix seconds) instead of now
    #[arg(long, value_name = "TIME", value_parser = crate::claims::parse_time)]
    pub at: Option<jiff::Timestamp>,

    /// Output format
    #[arg(long, short = 'o', value_enum, default_value_t = IssueOutput::Token)]
    pub output: IssueOutput,

    /// Shorthand for --output json
    #[arg(long, conflicts_with = "output")]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportOutput {
    /// For a person: aligned blocks for one token, one line per token for --file/--batch
    Human,
    /// One JSON object per input token, on one line, whatever the number of tokens
    Json,
}

/// `--output` of the commands that answer for each token (verify, decode, lint).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TokenOutput {
    /// For a person: aligned blocks for one token, one line per token for --file/--batch
    Human,
    /// One JSON object per input token, on one line, whatever the number of tokens
    Json,
    /// Tab-separated values for spreadsheets and cut/sort/awk: a header line, then one row per
    /// input token, whatever the number of tokens (columns: --fields)
    Tsv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Counts for a person, on stderr
    Human,
    /// One JSON object (`"kind": "summary"`), the last line on stdout
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Only {
    /// Tokens whose own exit code is 0
    Valid,
    /// Tokens whose own exit code is not 0, malformed lines included
    Invalid,
}

/// How `verify`, `decode` and `lint` report: per token, and for the whole input.
#[derive(Debug, Args, Clone)]
pub struct ReportArgs {
    /// Output format
    #[arg(long, short = 'o', value_enum, default_value_t = TokenOutput::Human)]
    pub output: TokenOutput,

    /// Columns of --output tsv, comma-separated (e.g. line,verdict,sub,exp; --help lists them)
    ///
    /// The fields: line, column (with --extract), verdict
    /// (verify: valid, invalid; decode: decoded; lint: ok, flagged; malformed), exit_code, alg,
    /// kid, typ, iss, sub, aud, jti, scope, iat, nbf, exp (RFC 3339 UTC), expires_in and
    /// lifetime (exp - iat) in seconds, failed (verify's failed checks), error (the first
    /// failure, or why a line holds no token), findings (warning or finding ids), level (the
    /// most severe), header.NAME and payload.NAME (any header field or claim). A string is
    /// written as it is, any other value as compact JSON, a missing one as an empty cell;
    /// \ tab newline CR are escaped as \\ \t \n \r and other control characters as \u{XXXX}.
    /// [default: verify line,verdict,exit_code,failed,alg,kid,iss,sub,exp,error; decode
    /// line,verdict,alg,kid,iss,sub,iat,exp,findings,error; lint
    /// line,verdict,level,findings,alg,kid,iss,sub,error; with --extract, column follows line]
    #[arg(
        long,
        value_name = "FIELDS",
        value_delimiter = ',',
        value_parser = crate::commands::tsv::parse_field
    )]
    pub fields: Vec<crate::commands::tsv::Field>,

    /// Shorthand for --output json
    #[arg(long, conflicts_with = "output")]
    pub json: bool,

    /// Count the tokens by outcome, failed check, finding, alg, kid and iss, with the `sub`
    /// values per failure (human on stderr, or json as the last line on stdout)
    #[arg(long, value_enum, value_name = "FORMAT", num_args = 0..=1, default_missing_value = "human")]
    pub summary: Option<SummaryFormat>,

    /// Write only the tokens that passed, or only those that did not (the summary counts all)
    #[arg(long, value_enum, value_name = "WHICH")]
    pub only: Option<Only>,
}

/// Where tokens come from: one argument, `-`, piped stdin, or a file of many.
#[derive(Debug, Args, Clone)]
pub struct TokenInput {
    /// The token; `-` or nothing reads stdin (a `Bearer ` prefix is accepted)
    #[arg(value_name = "TOKEN")]
    pub token: Option<String>,

    /// Read many tokens, one per line (batch mode; `-` for stdin)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, conflicts_with = "token")]
    pub file: Option<PathBuf>,

    /// Treat stdin as many tokens, one per line, even if it holds just one
    #[arg(long, conflicts_with = "file")]
    pub batch: bool,

    /// Find JWT-shaped strings anywhere in each line (plain or JSON logs, quoted values,
    /// `Bearer …`, `access_token=…`), many per line, each answered with its line and column;
    /// lines without one are skipped. Reads stdin or --file as a batch
    #[arg(long, conflicts_with = "token")]
    pub extract: bool,
}

#[derive(Debug, Args)]
pub struct DecodeArgs {
    #[command(flatten)]
    pub input: TokenInput,

    #[command(flatten)]
    pub report: ReportArgs,

    /// Judge times as of this moment (RFC 3339 or Unix seconds) instead of now
    #[arg(long, value_name = "TIME", value_parser = crate::claims::parse_time)]
    pub at: Option<jiff::Timestamp>,

    /// Show times for people in UTC, the local zone, or at an offset (utc, local, +02:00);
    /// JSON keeps RFC 3339 UTC
    #[arg(long, value_name = "ZONE", default_value = "utc", value_parser = crate::time_text::parse_zone)]
    pub date: crate::time_text::Zone,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Where the users file is (read through `users_file`, which also sees a `--users` given
    /// before the subcommand)
    #[command(flatten)]
    pub users_file: UsersFileArgs,

    #[command(flatten)]
    pub input: TokenInput,

    #[command(flatten)]
    pub key: KeyArgs,

    /// JWKS file or https:// URL to pick the key from by the token's `kid`
    #[arg(long, value_name = "FILE|URL", value_hint = ValueHint::FilePath, help_heading = "Keys",
          conflicts_with_all = ["key", "secret_file", "secret", "secret_env"])]
    pub jwks: Option<String>,

    /// OpenID Connect issuer: find its JWKS through /.well-known/openid-configuration
    /// (implies --iss ISSUER unless --iss is given)
    #[arg(
        long,
        value_name = "ISSUER_URL",
        conflicts_with_all = ["jwks", "key", "secret_file", "secret", "secret_env"],
        help_heading = "Keys"
    )]
    pub oidc: Option<String>,

    /// Allow fetching key sets over plain http:// (local test servers only)
    #[arg(long, help_heading = "Keys")]
    pub allow_http: bool,

    /// PEM file of the certificate authorities trusted for --jwks URL and --oidc, instead of the
    /// bundled web roots (an issuer behind a private CA)
    #[arg(long, value_name = "FILE", env = "JWTCTL_CA_FILE", value_hint = ValueHint::FilePath,
          help_heading = "Keys", conflicts_with = "system_roots")]
    pub ca_file: Option<PathBuf>,

    /// Trust the operating system's certificate store for --jwks URL and --oidc, instead of the
    /// bundled web roots
    #[arg(long, help_heading = "Keys")]
    pub system_roots: bool,

    /// Allowed algorithm; repeat for several (default: every algorithm the key allows)
    #[arg(long, value_name = "ALG", ignore_case = true, help_heading = "Keys", value_parser = alg_value())]
    pub alg: Vec<Alg>,

    /// Clock skew tolerated for exp, nbf and iat
    #[arg(long, default_value = "10s", value_name = "DURATION", value_parser = crate::claims::parse_duration)]
    pub leeway: std::time::Duration,

    /// Required issuer
    #[arg(long, value_name = "ISS")]
    pub iss: Option<String>,

    /// Accepted audience; repeat for any-of. A token with an `aud` fails without it
    #[arg(long, value_name = "AUD")]
    pub aud: Vec<String>,

    /// Accept a token whose `aud` is not checked (without --aud, a token naming an audience
    /// fails: RFC 7519 4.1.3)
    #[arg(long, conflicts_with = "aud")]
    pub ignore_aud: bool,

    /// Required subject
    #[arg(long, value_name = "SUB")]
    pub sub: Option<String>,

    /// Claim that must be present; repeat for several
    #[arg(long, value_name = "CLAIM")]
    pub require: Vec<String>,

    /// Scope the token must grant; repeat or separate with spaces (all must be present)
    #[arg(long, value_name = "SCOPE")]
    pub scope: Vec<String>,

    /// Judge the token as of this time (RFC 3339 or Unix seconds) instead of now
    #[arg(long, value_name = "TIME", value_parser = crate::claims::parse_time)]
    pub at: Option<jiff::Timestamp>,

    /// Show times for people in UTC, the local zone, or at an offset (utc, local, +02:00);
    /// JSON keeps RFC 3339 UTC
    #[arg(long, value_name = "ZONE", default_value = "utc", value_parser = crate::time_text::parse_zone)]
    pub date: crate::time_text::Zone,

    /// Check the signature only: accept a JWS whose payload is not a JWT claims set
    /// (times and claims are not judged, so claim checks cannot be combined with it)
    #[arg(long, conflicts_with_all = ["iss", "aud", "sub", "require", "scope", "token_use", "check_user", "oidc"])]
    pub jws: bool,

    /// Which tokens to accept: access tokens (refresh tokens, `token_use: "refresh"`, fail),
    /// refresh tokens only, or any
    #[arg(long, value_name = "USE", default_value = "access", value_parser = token_use_value())]
    pub token_use: AcceptedUse,

    /// Check that `sub` names an enabled user of the users file (implied by --users FILE or
    /// JWTCTL_USERS=FILE)
    #[arg(long)]
    pub check_user: bool,

    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Debug, Args)]
pub struct HashArgs {
    /// Check the password against this hash instead of making one (exit 0 match, 7 mismatch,
    /// 3 for a hash beyond the cost bounds: argon2 m<=1 GiB, t<=32, p<=16, bcrypt cost<=20)
    #[arg(long, value_name = "HASH")]
    pub verify: Option<String>,

    /// Read the password from the first line of stdin
    #[arg(long)]
    pub password_stdin: bool,

    /// argon2 memory cost in KiB
    #[arg(long, default_value_t = crate::hashing::DEFAULT_M_COST, value_name = "KIB")]
    pub m_cost: u32,

    /// argon2 iterations
    #[arg(long, default_value_t = crate::hashing::DEFAULT_T_COST, value_name = "N")]
    pub t_cost: u32,

    /// argon2 parallelism (lanes)
    #[arg(long, default_value_t = crate::hashing::DEFAULT_P_COST, value_name = "N")]
    pub p_cost: u32,
}

#[derive(Debug, Args)]
#[command(subcommand_required = true, arg_required_else_help = true)]
pub struct UsersArgs {
    /// Where the users file is (read through `users_file`, which also sees a `--users` given
    /// before the subcommand)
    #[command(flatten)]
    pub users_file: UsersFileArgs,

    #[command(subcommand)]
    pub command: UsersCommand,
}

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Add a user (asks for the password, or --password-stdin)
    #[command(after_help = "Examples:
  jwtctl users add alice --scope 'items:read items:write' --claim role=admin
  printf '%s\\n' \"$PW\" | jwtctl users add bob --password-stdin --scope items:read
  jwtctl --users users.json users add carol --disabled --password-stdin < pw.txt")]
    Add(UserAddArgs),
    /// Set a new password for a user (always hashed with argon2id)
    #[command(after_help = "Examples:
  jwtctl users passwd alice
  printf '%s\\n' \"$NEW_PW\" | jwtctl users passwd alice --password-stdin")]
    Passwd(UserPasswordArgs),
    /// Remove a user
    #[command(after_help = "Examples:
  jwtctl users remove bob
  jwtctl --users /etc/api/users.toml users remove bob")]
    Remove(UserNameArg),
    /// Disable a user: no tokens are issued for them, and verify --check-user fails
    #[command(after_help = "Examples:
  jwtctl users disable bob
  jwtctl verify --users users.toml \"$BOBS_TOKEN\"   # now exits 6")]
    Disable(UserNameArg),
    /// Enable a disabled user
    #[command(after_help = "Examples:
  jwtctl users enable bob
  jwtctl users list --output json | jq -r '.users[] | select(.disabled) | .name'")]
    Enable(UserNameArg),
    /// List users
    #[command(after_help = "Examples:
  jwtctl users list
  jwtctl users list --output json | jq -r '.users[] | select(.disabled) | .name'")]
    List(UsersListArgs),
    /// Show one user (never the hash)
    #[command(after_help = "Examples:
  jwtctl users show alice
  jwtctl users show alice --output json | jq .scopes")]
    Show(UserShowArgs),
    /// Authenticate a user (exit 0, or 7)
    #[command(after_help = "Examples:
  jwtctl users check alice
  printf '%s\\n' \"$PW\" | jwtctl users check alice --password-stdin && echo ok")]
    Check(UserPasswordArgs),
    /// Import users from a FastAPI-tutorial style JSON file (bcrypt hashes are kept)
    #[command(after_help = "Examples:
  jwtctl users import fake_users_db.json
  jwtctl --users users.toml users import --replace exported.json")]
    Import(UsersImportArgs),
    /// Manage OAuth2 clients (the client_credentials grant of serve): add, remove, list
    #[command(subcommand)]
    Client(ClientCommand),
}

#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Add a client; its secret is generated and printed once on stdout, or read with
    /// --secret-stdin (only its argon2id hash is stored)
    #[command(after_help = "Examples:
  SECRET=$(jwtctl users client add billing --scope invoices:read --ttl 5m)
  printf '%s\\n' \"$SECRET\" | jwtctl users client add reports --secret-stdin --claim tenant=acme
  curl -s -u \"billing:$SECRET\" -d grant_type=client_credentials localhost:8000/token")]
    Add(ClientAddArgs),
    /// Remove a client
    #[command(after_help = "Examples:
  jwtctl users client remove billing
  jwtctl users client remove billing || [ $? -eq 8 ]   # 8: gone already")]
    Remove(ClientNameArg),
    /// List clients (never their secrets)
    #[command(after_help = "Examples:
  jwtctl users client list
  jwtctl users client list --output json | jq -r '.clients[].name'")]
    List(UsersListArgs),
}

#[derive(Debug, Args)]
pub struct ClientNameArg {
    /// Client id
    pub name: String,
}

#[derive(Debug, Args)]
pub struct ClientAddArgs {
    /// Client id (the client_id at /token, and sub of its tokens)
    pub name: String,

    /// Scope granted to the client; repeat or separate with spaces
    #[arg(long, value_name = "SCOPE")]
    pub scope: Vec<String>,

    /// Custom claim put in the client's tokens; the value is JSON when it parses as JSON
    #[arg(long, value_name = "K=V")]
    pub claim: Vec<String>,

    /// Read the secret from the first line of stdin instead of generating one
    #[arg(long)]
    pub secret_stdin: bool,

    /// Lifetime of the client's access tokens, instead of serve's --ttl
    #[arg(long, value_name = "DURATION", value_parser = crate::claims::parse_ttl)]
    pub ttl: Option<std::time::Duration>,

    /// Add the client disabled
    #[arg(long)]
    pub disabled: bool,
}

#[derive(Debug, Args)]
pub struct UserNameArg {
    /// User name
    pub name: String,
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// User name
    pub name: String,

    /// Scope granted to the user; repeat or separate with spaces
    #[arg(long, value_name = "SCOPE")]
    pub scope: Vec<String>,

    /// Custom claim put in the user's tokens; the value is JSON when it parses as JSON
    #[arg(long, value_name = "K=V")]
    pub claim: Vec<String>,

    /// Read the password from the first line of stdin
    #[arg(long)]
    pub password_stdin: bool,

    /// Add the user disabled
    #[arg(long)]
    pub disabled: bool,
}

#[derive(Debug, Args)]
pub struct UserPasswordArgs {
    /// User name
    pub name: String,

    /// Read the password from the first line of stdin
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Debug, Args)]
pub struct UsersListArgs {
    /// Output format
    #[arg(long, short = 'o', value_enum, default_value_t = ReportOutput::Human)]
    pub output: ReportOutput,

    /// Shorthand for --output json
    #[arg(long, conflicts_with = "output")]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct UserShowArgs {
    /// User name
    pub name: String,

    /// Output format
    #[arg(long, short = 'o', value_enum, default_value_t = ReportOutput::Human)]
    pub output: ReportOutput,

    /// Shorthand for --output json
    #[arg(long, conflicts_with = "output")]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct UsersImportArgs {
    /// JSON file shaped like the FastAPI tutorial's fake_users_db
    #[arg(value_hint = ValueHint::FilePath)]
    pub file: PathBuf,

    /// Replace users that already exist instead of failing
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeyFormat {
    Pem,
    Jwk,
}

#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Algorithm the key is for
    #[arg(long, value_name = "ALG", ignore_case = true, value_parser = alg_value())]
    pub alg: Alg,

    /// Output prefix: PREFIX.pem and PREFIX.pub.pem (or .jwk / .pub.jwk); for HS*, the secret file
    #[arg(long, value_name = "PREFIX", value_hint = ValueHint::FilePath)]
    pub out: Option<PathBuf>,

    /// RSA modulus size: 2048, 3072 or 4096
    #[arg(long, default_value_t = 2048, value_parser = parse_bits)]
    pub bits: u32,

    /// Key file format
    #[arg(long, value_enum, default_value_t = KeyFormat::Pem)]
    pub format: KeyFormat,

    /// Key id to record in JWK output (default: the RFC 7638 thumbprint)
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,

    /// Overwrite existing key files
    #[arg(long)]
    pub force: bool,

    /// What to print on stdout once the files are written: nothing (the paths and kid go to
    /// stderr), or one JSON object with the paths, kid and alg (needs --out)
    #[arg(long, short = 'o', value_enum, default_value_t = KeygenOutput::Text, requires = "out")]
    pub output: KeygenOutput,

    /// Shorthand for --output json
    #[arg(long, conflicts_with = "output", requires = "out")]
    pub json: bool,

    /// Encrypt the private key (PKCS#8, PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC) with a
    /// passphrase from --passphrase-file, $JWTCTL_KEY_PASSPHRASE or a prompt
    #[arg(long)]
    pub encrypt: bool,

    /// File holding the passphrase for --encrypt (one trailing newline is ignored)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, requires = "encrypt")]
    pub passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeygenOutput {
    /// Notes on stderr only
    Text,
    /// `{"schema", "kind": "keygen", "alg", "kid", "format", "private", "public"}` on stdout
    Json,
}

fn parse_bits(s: &str) -> Result<u32, String> {
    match s {
        "2048" => Ok(2048),
        "3072" => Ok(3072),
        "4096" => Ok(4096),
        _ => Err("RSA keys are 2048, 3072 or 4096 bits".into()),
    }
}

#[derive(Debug, Args)]
pub struct JwksArgs {
    /// Key files (public or private keys, or X.509 certificates; only public halves are printed)
    #[arg(required = true, value_hint = ValueHint::FilePath)]
    pub keys: Vec<PathBuf>,

    /// Key id for each key, in order (default: RFC 7638 thumbprint)
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Vec<String>,

    /// Algorithm to record for each key (default: what the key implies)
    #[arg(long, value_name = "ALG", ignore_case = true, value_parser = alg_value())]
    pub alg: Option<Alg>,
}

#[derive(Debug, Subcommand)]
pub enum JwkCommand {
    /// Print the RFC 7638 SHA-256 thumbprint of a key
    #[command(after_help = "Examples:
  jwtctl jwk thumbprint signing.pub.pem
  jwtctl issue --key signing.pem --kid \"$(jwtctl jwk thumbprint signing.pem)\" --sub svc")]
    Thumbprint(JwkThumbprintArgs),
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Show what a key file holds: type, size or curve, public or private, encrypted or not,
    /// RFC 7638 thumbprint, the algorithms it can serve, and weaknesses (small RSA, ROCA,
    /// short secrets, a private key others can read)
    #[command(after_help = "Examples:
  jwtctl key inspect signing.pem
  JWTCTL_KEY_PASSPHRASE=... jwtctl key inspect --output json signing.pem | jq .thumbprint
  jwtctl key inspect --output json keys/*.pem | jq -s 'map(select(.weaknesses != []))'")]
    Inspect(KeyInspectArgs),
}

#[derive(Debug, Subcommand)]
pub enum KeysetCommand {
    /// Add a key (PEM, DER or JWK; public or private, possibly encrypted) with its RFC 7638
    /// thumbprint as kid, and print the kid. Into a file whose name or mode says public, only
    /// the public half is written
    #[command(after_help = "Examples:
  jwtctl keyset add signing.jwks.json keys/2026-11.pem
  jwtctl keyset add signing.jwks.json keys/2027-05.pem --next   # published, not signing yet
  jwtctl keyset add jwks.pub.json keys/2026-11.pem              # the public half only")]
    Add(KeysetAddArgs),
    /// Remove the key with this kid (never the key that signs, unless --force)
    #[command(after_help = "Examples:
  jwtctl keyset remove signing.jwks.json \"$OLD_KID\"
  jwtctl keyset remove --force signing.jwks.json \"$COMPROMISED_KID\"   # even the signing key")]
    Remove(KeysetRemoveArgs),
    /// List the keys: kid, kty, alg, use, created, private or public, and which one signs
    #[command(after_help = "Examples:
  jwtctl keyset list signing.jwks.json
  jwtctl keyset list --output json signing.jwks.json | jq -r '.keys[]|select(.role==\"signing\").kid'")]
    List(KeysetListArgs),
    /// Let a key added with --next sign (the newest private key that is not next signs)
    #[command(after_help = "Examples:
  NEW_KID=$(jwtctl keyset add signing.jwks.json keys/2027-05.pem --next)
  jwtctl keyset activate signing.jwks.json \"$NEW_KID\"")]
    Activate(KeysetKidArgs),
}

#[derive(Debug, Args)]
pub struct KeysetAddArgs {
    /// The JWK set file (created when missing: mode 0600, or 0644 when its name says public)
    #[arg(value_name = "SET", value_hint = ValueHint::FilePath)]
    pub set: PathBuf,

    /// The key to add: PEM, DER or JWK, possibly encrypted
    #[arg(value_name = "KEY", value_hint = ValueHint::FilePath)]
    pub key: PathBuf,

    /// Key id (default: the key's own kid, else its RFC 7638 thumbprint)
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,

    /// Algorithm to record (default: what the key implies)
    #[arg(long, value_name = "ALG", ignore_case = true, value_parser = alg_value())]
    pub alg: Option<Alg>,

    /// Publish the key without letting it sign yet (`keyset activate` does that)
    #[arg(long)]
    pub next: bool,

    /// File holding the passphrase of an encrypted KEY (default: $JWTCTL_KEY_PASSPHRASE, else
    /// a prompt on a terminal)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct KeysetRemoveArgs {
    #[command(flatten)]
    pub target: KeysetKidArgs,

    /// Remove it even if it is the key that signs
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct KeysetKidArgs {
    /// The JWK set file
    #[arg(value_name = "SET", value_hint = ValueHint::FilePath)]
    pub set: PathBuf,

    /// Key id (a thumbprint may start with `-`, which is taken as the kid, not an option)
    #[arg(value_name = "KID", allow_hyphen_values = true)]
    pub kid: String,
}

#[derive(Debug, Args)]
pub struct KeysetListArgs {
    /// The JWK set file
    #[arg(value_name = "SET", value_hint = ValueHint::FilePath)]
    pub set: PathBuf,

    /// Output format
    #[arg(long, short = 'o', value_enum, default_value_t = ReportOutput::Human)]
    pub output: ReportOutput,
}

#[derive(Debug, Args)]
pub struct KeyInspectArgs {
    /// Key files: PEM, DER or JWK, possibly encrypted
    #[arg(required = true, value_hint = ValueHint::FilePath)]
    pub files: Vec<PathBuf>,

    /// File holding the passphrase of encrypted keys (default: $JWTCTL_KEY_PASSPHRASE, else a
    /// prompt on a terminal; without either, an encrypted key shows what it can)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub passphrase_file: Option<PathBuf>,

    /// Output format (JSON: one object per file, one per line)
    #[arg(long, short = 'o', value_enum, default_value_t = ReportOutput::Human)]
    pub output: ReportOutput,
}

#[derive(Debug, Args)]
pub struct JwkThumbprintArgs {
    /// Key file (PEM, DER or JWK)
    #[arg(value_hint = ValueHint::FilePath)]
    pub key: PathBuf,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    #[command(flatten)]
    pub input: TokenInput,

    /// The key material in use, to check its strength and whether it verifies the token
    #[command(flatten)]
    pub key: KeyArgs,

    /// Extra candidate secrets to try against HS* tokens, one per line. HS* tokens are tried
    /// against 16 well-known secrets (tutorial and framework defaults), then this list, once per
    /// group of tokens sharing alg, iss and kid: a secret found is tried first on the group's
    /// other tokens, and a group whose first token matched nothing is not searched again
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub wordlist: Option<PathBuf>,

    /// Lifetime above which a token is reported
    #[arg(long, default_value = "24h", value_name = "DURATION", value_parser = crate::claims::parse_duration)]
    pub max_lifetime: std::time::Duration,

    /// Exit 6 when a finding at or above this severity exists
    #[arg(long, default_value = "high", value_name = "LEVEL", value_parser = level_value())]
    pub fail_on: Level,

    /// Judge times as of this moment instead of now
    #[arg(long, value_name = "TIME", value_parser = crate::claims::parse_time)]
    pub at: Option<jiff::Timestamp>,

    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where the users file is (read through `users_file`, which also sees a `--users` given
    /// before the subcommand)
    #[command(flatten)]
    pub users_file: UsersFileArgs,

    #[command(flatten)]
    pub key: KeyArgs,

    /// Signing algorithm (default: HS256 for secrets, the key's own for --key)
    #[arg(long, value_name = "ALG", ignore_case = true, value_parser = alg_value())]
    pub alg: Option<Alg>,

    /// Address to listen on (port 0 picks a free port and prints the address)
    #[arg(long, default_value = "127.0.0.1:8000", value_name = "ADDR")]
    pub listen: String,

    /// Issuer URL put in tokens and the discovery document (default: http://LISTEN)
    #[arg(long, value_name = "URL")]
    pub issuer: Option<String>,

    /// Audience put in issued tokens
    #[arg(long, value_name = "AUD")]
    pub aud: Vec<String>,

    /// Access-token lifetime
    #[arg(long, default_value = "30m", value_name = "DURATION", value_parser = crate::claims::parse_ttl)]
    pub ttl: std::time::Duration,

    /// Refresh-token lifetime
    #[arg(long, default_value = "7d", value_name = "DURATION", value_parser = crate::claims::parse_ttl)]
    pub refresh_ttl: std::time::Duration,

    /// Sign even when the HMAC secret is shorter than the hash output
    #[arg(long)]
    pub allow_weak_secret: bool,

    /// Key set to sign with: a JWK set file (see `jwtctl keyset`) or a folder of key files. The
    /// newest private key signs, every key verifies and is published at /.well-known/jwks.json
    /// (keep a retired key in the set until its tokens have expired); edits are picked up
    /// without a restart
    #[arg(long, value_name = "SET", value_hint = ValueHint::AnyPath, help_heading = "Keys",
          conflicts_with_all = ["key", "secret_file", "secret", "secret_env"])]
    pub jwks: Option<PathBuf>,

    /// Failed logins in a row after which a username is locked out (1 s, doubling per failure;
    /// up to 15 min at the failing address, 30 s at others)
    #[arg(long, default_value_t = 5, value_name = "N", value_parser = clap::value_parser!(u32).range(1..), help_heading = "Limits")]
    pub max_failed_logins: u32,

    /// Failed logins one client address may make at once, for any usernames; then one more
    /// per second
    #[arg(long, default_value_t = 100, value_name = "N", value_parser = clap::value_parser!(u32).range(1..), help_heading = "Limits")]
    pub max_failed_logins_per_address: u32,

    /// Time a client has to send a whole request head, from connecting or from the previous
    /// response
    #[arg(long, default_value = "10s", value_name = "DURATION", value_parser = parse_timeout, help_heading = "Limits")]
    pub header_timeout: std::time::Duration,

    /// A connection on which nothing moves for this long is closed; also the time a request
    /// body has to arrive
    #[arg(long, default_value = "30s", value_name = "DURATION", value_parser = parse_timeout, help_heading = "Limits")]
    pub idle_timeout: std::time::Duration,

    /// Connections open at once; one more is answered 503 and closed
    #[arg(long, default_value_t = 256, value_name = "N", value_parser = clap::value_parser!(u32).range(1..), help_heading = "Limits")]
    pub max_connections: u32,
}

#[derive(Debug, Args)]
pub struct UiArgs {
    /// Loopback address to listen on (port 0 picks a free port)
    #[arg(long, default_value = "127.0.0.1:0", value_name = "ADDR")]
    pub listen: String,

    /// Open the page in the default browser ($BROWSER, else the desktop's opener)
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell to generate for
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The shells completions are generated for: clap_complete's five, and Nushell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Elvish,
    Fish,
    Nushell,
    Powershell,
    Zsh,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Folder to write the pages into
    #[arg(long, default_value = "man", value_hint = ValueHint::DirPath)]
    pub out: PathBuf,
}

/// `serve`'s timeout flags: a duration such as `10s` or `2m`, not zero, at most an hour.
/// Here rather than with `serve`, so the flags parse in a build without the `serve` feature.
pub fn parse_timeout(s: &str) -> Result<std::time::Duration, String> {
    let d = crate::claims::parse_duration(s)?;
    if d.is_zero() {
        return Err("a timeout of zero would close every connection at once".into());
    }
    if d.as_secs() > 3600 {
        return Err("a timeout over an hour would not protect anything".into());
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
