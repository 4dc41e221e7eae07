
use builtin;
use str;

set edit:completion:arg-completer[jwtctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'jwtctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'jwtctl'= {
            cand --color 'When to use colors'
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand issue 'Sign a token: for a user of the users file (--user) or with arbitrary claims (--sub)'
            cand decode 'Show a token''s header, payload and expiry without checking its signature'
            cand verify 'Check a token''s signature and claims; the exit code tells the verdict'
            cand hash 'Hash a password with argon2id, or check a password against an argon2/bcrypt hash'
            cand users 'Manage the users file: add, passwd, remove, disable, enable, list, show, check, import, client'
            cand keygen 'Generate an HMAC secret or a key pair'
            cand jwks 'Print a JWKS document with the public halves of the given keys'
            cand jwk 'JWK utilities'
            cand key 'Key file utilities: inspect'
            cand keyset 'Edit a key set (a JWK set file) for key rotation: add, remove, list, activate'
            cand lint 'Audit tokens for weaknesses (alg none, weak or well-known secrets, missing exp, ...)'
            cand serve 'Run a local OAuth2 token server (/token, /me, JWKS, introspection) over the users file'
            cand ui 'Open a local token debugger page in the browser: decode, lint and verify without sending a token anywhere'
            cand completions 'Print a shell completion script'
            cand man 'Write man pages (jwtctl.1 and one per subcommand) into a folder'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtctl;issue'= {
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --key 'Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify), detected from the content'
            cand --secret-env 'Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one only when --secret-env is given]'
            cand --secret-file 'File holding the HMAC secret (one trailing newline is ignored)'
            cand --secret 'HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)'
            cand --passphrase-file 'File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)'
            cand --alg 'Signing algorithm (default: HS256 for secrets, the key''s own for --key); `none` makes an unsigned token, only with --insecure'
            cand --user 'Authenticate this user of the users file and issue their token'
            cand --sub 'Subject (`sub`) of a token not tied to the users file'
            cand --ttl 'Lifetime of the token (e.g. 30m, 1h 30m, 7d)'
            cand --nbf 'Not-before: the token becomes valid this long after issue (0s for now)'
            cand --iss 'Issuer (`iss`)'
            cand --aud 'Audience (`aud`); repeat for several'
            cand --jti 'Token id (`jti`); without a value, a random one'
            cand --kid 'Key id in the header; `auto` puts the key''s RFC 7638 thumbprint. With --jwks, the member of the set that signs (and its kid goes in the header)'
            cand --jwks 'Sign with a key set (a JWK set file, or a folder of key files): the member --kid, else the one `keyset list` shows as signing (the newest private key not added with --next)'
            cand --scope 'OAuth2 scope; repeat or separate with spaces. With --user it narrows the user''s scopes: each must be one they hold (exit 6 otherwise)'
            cand --claim 'Extra claim; the value is JSON when it parses as JSON, a string otherwise. Never exp, iat, nbf or token_use; with --user, never sub, iss, aud, jti, scope or a claim the users file sets'
            cand --header 'Extra header field; the value is JSON when it parses as JSON, a string otherwise. Never alg or crit; with --user, never a name --claim may not set'
            cand --refresh-ttl 'Lifetime of the refresh token'
            cand --at 'Issue as of this time (RFC 3339 or Unix seconds) instead of now'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use colors'
            cand --secret-base64 'The secret is base64 or base64url encoded; decode it before use'
            cand --no-exp 'Leave `exp` out: a token that never expires (only with --insecure)'
            cand --insecure 'Allow --alg none and --no-exp: tokens an API must refuse, made to check that it does (a warning says so on stderr and in -o json''s warnings; jwtctl verify refuses alg none, and a token without exp with --require exp)'
            cand --password-stdin 'Read the user''s password from the first line of stdin'
            cand --no-auth 'Skip the password check (for an operator who holds the signing key); --scope, --claim and --header may then go beyond what the users file grants'
            cand --refresh 'Also issue a refresh token (`token_use: "refresh"`)'
            cand --allow-weak-secret 'Sign even when the HMAC secret is shorter than the hash output'
            cand --json 'Shorthand for --output json'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;decode'= {
            cand --file 'Read many tokens, one per line (batch mode; `-` for stdin)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --fields 'Columns of --output tsv, comma-separated (e.g. line,verdict,sub,exp; --help lists them)'
            cand --summary 'Count the tokens by outcome, failed check, finding, alg, kid and iss, with the `sub` values per failure (human on stderr, or json as the last line on stdout)'
            cand --only 'Write only the tokens that passed, or only those that did not (the summary counts all)'
            cand --at 'Judge times as of this moment (RFC 3339 or Unix seconds) instead of now'
            cand --date 'Show times for people in UTC, the local zone, or at an offset (utc, local, +02:00); JSON keeps RFC 3339 UTC'
            cand --color 'When to use colors'
            cand --batch 'Treat stdin as many tokens, one per line, even if it holds just one'
            cand --extract 'Find JWT-shaped strings anywhere in each line (plain or JSON logs, quoted values, `Bearer …`, `access_token=…`), many per line, each answered with its line and column; lines without one are skipped. Reads stdin or --file as a batch'
            cand --json 'Shorthand for --output json'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;verify'= {
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --file 'Read many tokens, one per line (batch mode; `-` for stdin)'
            cand --key 'Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify), detected from the content'
            cand --secret-env 'Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one only when --secret-env is given]'
            cand --secret-file 'File holding the HMAC secret (one trailing newline is ignored)'
            cand --secret 'HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)'
            cand --passphrase-file 'File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)'
            cand --jwks 'JWKS file or https:// URL to pick the key from by the token''s `kid`'
            cand --oidc 'OpenID Connect issuer: find its JWKS through /.well-known/openid-configuration (implies --iss ISSUER unless --iss is given)'
            cand --ca-file 'PEM file of the certificate authorities trusted for --jwks URL and --oidc, instead of the bundled web roots (an issuer behind a private CA)'
            cand --alg 'Allowed algorithm; repeat for several (default: every algorithm the key allows)'
            cand --leeway 'Clock skew tolerated for exp, nbf and iat'
            cand --iss 'Required issuer'
            cand --aud 'Accepted audience; repeat for any-of. A token with an `aud` fails without it'
            cand --sub 'Required subject'
            cand --require 'Claim that must be present; repeat for several'
            cand --scope 'Scope the token must grant; repeat or separate with spaces (all must be present)'
            cand --at 'Judge the token as of this time (RFC 3339 or Unix seconds) instead of now'
            cand --date 'Show times for people in UTC, the local zone, or at an offset (utc, local, +02:00); JSON keeps RFC 3339 UTC'
            cand --token-use 'Which tokens to accept: access tokens (refresh tokens, `token_use: "refresh"`, fail), refresh tokens only, or any'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --fields 'Columns of --output tsv, comma-separated (e.g. line,verdict,sub,exp; --help lists them)'
            cand --summary 'Count the tokens by outcome, failed check, finding, alg, kid and iss, with the `sub` values per failure (human on stderr, or json as the last line on stdout)'
            cand --only 'Write only the tokens that passed, or only those that did not (the summary counts all)'
            cand --color 'When to use colors'
            cand --batch 'Treat stdin as many tokens, one per line, even if it holds just one'
            cand --extract 'Find JWT-shaped strings anywhere in each line (plain or JSON logs, quoted values, `Bearer …`, `access_token=…`), many per line, each answered with its line and column; lines without one are skipped. Reads stdin or --file as a batch'
            cand --secret-base64 'The secret is base64 or base64url encoded; decode it before use'
            cand --allow-http 'Allow fetching key sets over plain http:// (local test servers only)'
            cand --system-roots 'Trust the operating system''s certificate store for --jwks URL and --oidc, instead of the bundled web roots'
            cand --ignore-aud 'Accept a token whose `aud` is not checked (without --aud, a token naming an audience fails: RFC 7519 4.1.3)'
            cand --jws 'Check the signature only: accept a JWS whose payload is not a JWT claims set (times and claims are not judged, so claim checks cannot be combined with it)'
            cand --check-user 'Check that `sub` names an enabled user of the users file (implied by --users FILE or JWTCTL_USERS=FILE)'
            cand --json 'Shorthand for --output json'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;hash'= {
            cand --verify 'Check the password against this hash instead of making one (exit 0 match, 7 mismatch, 3 for a hash beyond the cost bounds: argon2 m<=1 GiB, t<=32, p<=16, bcrypt cost<=20)'
            cand --m-cost 'argon2 memory cost in KiB'
            cand --t-cost 'argon2 iterations'
            cand --p-cost 'argon2 parallelism (lanes)'
            cand --color 'When to use colors'
            cand --password-stdin 'Read the password from the first line of stdin'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;users'= {
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --color 'When to use colors'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a user (asks for the password, or --password-stdin)'
            cand passwd 'Set a new password for a user (always hashed with argon2id)'
            cand remove 'Remove a user'
            cand disable 'Disable a user: no tokens are issued for them, and verify --check-user fails'
            cand enable 'Enable a disabled user'
            cand list 'List users'
            cand show 'Show one user (never the hash)'
            cand check 'Authenticate a user (exit 0, or 7)'
            cand import 'Import users from a FastAPI-tutorial style JSON file (bcrypt hashes are kept)'
            cand client 'Manage OAuth2 clients (the client_credentials grant of serve): add, remove, list'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtctl;users;add'= {
            cand --scope 'Scope granted to the user; repeat or separate with spaces'
            cand --claim 'Custom claim put in the user''s tokens; the value is JSON when it parses as JSON'
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --color 'When to use colors'
            cand --password-stdin 'Read the password from the first line of stdin'
            cand --disabled 'Add the user disabled'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;users;passwd'= {
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --color 'When to use colors'
            cand --password-stdin 'Read the password from the first line of stdin'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;users;remove'= {
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --color 'When to use colors'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;users;disable'= {
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --color 'When to use colors'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;users;enable'= {
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --color 'When to use colors'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;users;list'= {
            cand -o 'Output format'
            cand --output 'Output format'
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --color 'When to use colors'
            cand --json 'Shorthand for --output json'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;users;show'= {
            cand -o 'Output format'
            cand --output 'Output format'
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --color 'When to use colors'
            cand --json 'Shorthand for --output json'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;users;check'= {
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --color 'When to use colors'
            cand --password-stdin 'Read the password from the first line of stdin'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;users;import'= {
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --color 'When to use colors'
            cand --replace 'Replace users that already exist instead of failing'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;users;client'= {
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --color 'When to use colors'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a client; its secret is generated and printed once on stdout, or read with --secret-stdin (only its argon2id hash is stored)'
            cand remove 'Remove a client'
            cand list 'List clients (never their secrets)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtctl;users;client;add'= {
            cand --scope 'Scope granted to the client; repeat or separate with spaces'
            cand --claim 'Custom claim put in the client''s tokens; the value is JSON when it parses as JSON'
            cand --ttl 'Lifetime of the client''s access tokens, instead of serve''s --ttl'
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --color 'When to use colors'
            cand --secret-stdin 'Read the secret from the first line of stdin instead of generating one'
            cand --disabled 'Add the client disabled'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;users;client;remove'= {
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --color 'When to use colors'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;users;client;list'= {
            cand -o 'Output format'
            cand --output 'Output format'
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --color 'When to use colors'
            cand --json 'Shorthand for --output json'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;users;client;help'= {
            cand add 'Add a client; its secret is generated and printed once on stdout, or read with --secret-stdin (only its argon2id hash is stored)'
            cand remove 'Remove a client'
            cand list 'List clients (never their secrets)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtctl;users;client;help;add'= {
        }
        &'jwtctl;users;client;help;remove'= {
        }
        &'jwtctl;users;client;help;list'= {
        }
        &'jwtctl;users;client;help;help'= {
        }
        &'jwtctl;users;help'= {
            cand add 'Add a user (asks for the password, or --password-stdin)'
            cand passwd 'Set a new password for a user (always hashed with argon2id)'
            cand remove 'Remove a user'
            cand disable 'Disable a user: no tokens are issued for them, and verify --check-user fails'
            cand enable 'Enable a disabled user'
            cand list 'List users'
            cand show 'Show one user (never the hash)'
            cand check 'Authenticate a user (exit 0, or 7)'
            cand import 'Import users from a FastAPI-tutorial style JSON file (bcrypt hashes are kept)'
            cand client 'Manage OAuth2 clients (the client_credentials grant of serve): add, remove, list'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtctl;users;help;add'= {
        }
        &'jwtctl;users;help;passwd'= {
        }
        &'jwtctl;users;help;remove'= {
        }
        &'jwtctl;users;help;disable'= {
        }
        &'jwtctl;users;help;enable'= {
        }
        &'jwtctl;users;help;list'= {
        }
        &'jwtctl;users;help;show'= {
        }
        &'jwtctl;users;help;check'= {
        }
        &'jwtctl;users;help;import'= {
        }
        &'jwtctl;users;help;client'= {
            cand add 'Add a client; its secret is generated and printed once on stdout, or read with --secret-stdin (only its argon2id hash is stored)'
            cand remove 'Remove a client'
            cand list 'List clients (never their secrets)'
        }
        &'jwtctl;users;help;client;add'= {
        }
        &'jwtctl;users;help;client;remove'= {
        }
        &'jwtctl;users;help;client;list'= {
        }
        &'jwtctl;users;help;help'= {
        }
        &'jwtctl;keygen'= {
            cand --alg 'Algorithm the key is for'
            cand --out 'Output prefix: PREFIX.pem and PREFIX.pub.pem (or .jwk / .pub.jwk); for HS*, the secret file'
            cand --bits 'RSA modulus size: 2048, 3072 or 4096'
            cand --format 'Key file format'
            cand --kid 'Key id to record in JWK output (default: the RFC 7638 thumbprint)'
            cand -o 'What to print on stdout once the files are written: nothing (the paths and kid go to stderr), or one JSON object with the paths, kid and alg (needs --out)'
            cand --output 'What to print on stdout once the files are written: nothing (the paths and kid go to stderr), or one JSON object with the paths, kid and alg (needs --out)'
            cand --passphrase-file 'File holding the passphrase for --encrypt (one trailing newline is ignored)'
            cand --color 'When to use colors'
            cand --force 'Overwrite existing key files'
            cand --json 'Shorthand for --output json'
            cand --encrypt 'Encrypt the private key (PKCS#8, PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC) with a passphrase from --passphrase-file, $JWTCTL_KEY_PASSPHRASE or a prompt'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;jwks'= {
            cand --kid 'Key id for each key, in order (default: RFC 7638 thumbprint)'
            cand --alg 'Algorithm to record for each key (default: what the key implies)'
            cand --color 'When to use colors'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;jwk'= {
            cand --color 'When to use colors'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand thumbprint 'Print the RFC 7638 SHA-256 thumbprint of a key'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtctl;jwk;thumbprint'= {
            cand --color 'When to use colors'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;jwk;help'= {
            cand thumbprint 'Print the RFC 7638 SHA-256 thumbprint of a key'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtctl;jwk;help;thumbprint'= {
        }
        &'jwtctl;jwk;help;help'= {
        }
        &'jwtctl;key'= {
            cand --color 'When to use colors'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand inspect 'Show what a key file holds: type, size or curve, public or private, encrypted or not, RFC 7638 thumbprint, the algorithms it can serve, and weaknesses (small RSA, ROCA, short secrets, a private key others can read)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtctl;key;inspect'= {
            cand --passphrase-file 'File holding the passphrase of encrypted keys (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal; without either, an encrypted key shows what it can)'
            cand -o 'Output format (JSON: one object per file, one per line)'
            cand --output 'Output format (JSON: one object per file, one per line)'
            cand --color 'When to use colors'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;key;help'= {
            cand inspect 'Show what a key file holds: type, size or curve, public or private, encrypted or not, RFC 7638 thumbprint, the algorithms it can serve, and weaknesses (small RSA, ROCA, short secrets, a private key others can read)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtctl;key;help;inspect'= {
        }
        &'jwtctl;key;help;help'= {
        }
        &'jwtctl;keyset'= {
            cand --color 'When to use colors'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a key (PEM, DER or JWK; public or private, possibly encrypted) with its RFC 7638 thumbprint as kid, and print the kid. Into a file whose name or mode says public, only the public half is written'
            cand remove 'Remove the key with this kid (never the key that signs, unless --force)'
            cand list 'List the keys: kid, kty, alg, use, created, private or public, and which one signs'
            cand activate 'Let a key added with --next sign (the newest private key that is not next signs)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtctl;keyset;add'= {
            cand --kid 'Key id (default: the key''s own kid, else its RFC 7638 thumbprint)'
            cand --alg 'Algorithm to record (default: what the key implies)'
            cand --passphrase-file 'File holding the passphrase of an encrypted KEY (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)'
            cand --color 'When to use colors'
            cand --next 'Publish the key without letting it sign yet (`keyset activate` does that)'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;keyset;remove'= {
            cand --color 'When to use colors'
            cand --force 'Remove it even if it is the key that signs'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;keyset;list'= {
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use colors'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;keyset;activate'= {
            cand --color 'When to use colors'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;keyset;help'= {
            cand add 'Add a key (PEM, DER or JWK; public or private, possibly encrypted) with its RFC 7638 thumbprint as kid, and print the kid. Into a file whose name or mode says public, only the public half is written'
            cand remove 'Remove the key with this kid (never the key that signs, unless --force)'
            cand list 'List the keys: kid, kty, alg, use, created, private or public, and which one signs'
            cand activate 'Let a key added with --next sign (the newest private key that is not next signs)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtctl;keyset;help;add'= {
        }
        &'jwtctl;keyset;help;remove'= {
        }
        &'jwtctl;keyset;help;list'= {
        }
        &'jwtctl;keyset;help;activate'= {
        }
        &'jwtctl;keyset;help;help'= {
        }
        &'jwtctl;lint'= {
            cand --file 'Read many tokens, one per line (batch mode; `-` for stdin)'
            cand --key 'Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify), detected from the content'
            cand --secret-env 'Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one only when --secret-env is given]'
            cand --secret-file 'File holding the HMAC secret (one trailing newline is ignored)'
            cand --secret 'HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)'
            cand --passphrase-file 'File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)'
            cand --wordlist 'Extra candidate secrets to try against HS* tokens, one per line. HS* tokens are tried against 16 well-known secrets (tutorial and framework defaults), then this list, once per group of tokens sharing alg, iss and kid: a secret found is tried first on the group''s other tokens, and a group whose first token matched nothing is not searched again'
            cand --max-lifetime 'Lifetime above which a token is reported'
            cand --fail-on 'Exit 6 when a finding at or above this severity exists'
            cand --at 'Judge times as of this moment instead of now'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --fields 'Columns of --output tsv, comma-separated (e.g. line,verdict,sub,exp; --help lists them)'
            cand --summary 'Count the tokens by outcome, failed check, finding, alg, kid and iss, with the `sub` values per failure (human on stderr, or json as the last line on stdout)'
            cand --only 'Write only the tokens that passed, or only those that did not (the summary counts all)'
            cand --color 'When to use colors'
            cand --batch 'Treat stdin as many tokens, one per line, even if it holds just one'
            cand --extract 'Find JWT-shaped strings anywhere in each line (plain or JSON logs, quoted values, `Bearer …`, `access_token=…`), many per line, each answered with its line and column; lines without one are skipped. Reads stdin or --file as a batch'
            cand --secret-base64 'The secret is base64 or base64url encoded; decode it before use'
            cand --json 'Shorthand for --output json'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;serve'= {
            cand --users 'The users file (TOML or JSON, by extension)'
            cand --users-format 'Format of the users file, when its extension does not tell'
            cand --key 'Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify), detected from the content'
            cand --secret-env 'Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one only when --secret-env is given]'
            cand --secret-file 'File holding the HMAC secret (one trailing newline is ignored)'
            cand --secret 'HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)'
            cand --passphrase-file 'File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)'
            cand --alg 'Signing algorithm (default: HS256 for secrets, the key''s own for --key)'
            cand --listen 'Address to listen on (port 0 picks a free port and prints the address)'
            cand --issuer 'Issuer URL put in tokens and the discovery document (default: http://LISTEN)'
            cand --aud 'Audience put in issued tokens'
            cand --ttl 'Access-token lifetime'
            cand --refresh-ttl 'Refresh-token lifetime'
            cand --jwks 'Key set to sign with: a JWK set file (see `jwtctl keyset`) or a folder of key files. The newest private key signs, every key verifies and is published at /.well-known/jwks.json (keep a retired key in the set until its tokens have expired); edits are picked up without a restart'
            cand --max-failed-logins 'Failed logins in a row after which a username is locked out (1 s, doubling per failure; up to 15 min at the failing address, 30 s at others)'
            cand --max-failed-logins-per-address 'Failed logins one client address may make at once, for any usernames; then one more per second'
            cand --header-timeout 'Time a client has to send a whole request head, from connecting or from the previous response'
            cand --idle-timeout 'A connection on which nothing moves for this long is closed; also the time a request body has to arrive'
            cand --max-connections 'Connections open at once; one more is answered 503 and closed'
            cand --color 'When to use colors'
            cand --secret-base64 'The secret is base64 or base64url encoded; decode it before use'
            cand --allow-weak-secret 'Sign even when the HMAC secret is shorter than the hash output'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;ui'= {
            cand --listen 'Loopback address to listen on (port 0 picks a free port)'
            cand --color 'When to use colors'
            cand --open 'Open the page in the default browser ($BROWSER, else the desktop''s opener)'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;completions'= {
            cand --color 'When to use colors'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;man'= {
            cand --out 'Folder to write the pages into'
            cand --color 'When to use colors'
            cand -q 'Print nothing but the essential value; the exit code carries the rest'
            cand --quiet 'Print nothing but the essential value; the exit code carries the rest'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'jwtctl;help'= {
            cand issue 'Sign a token: for a user of the users file (--user) or with arbitrary claims (--sub)'
            cand decode 'Show a token''s header, payload and expiry without checking its signature'
            cand verify 'Check a token''s signature and claims; the exit code tells the verdict'
            cand hash 'Hash a password with argon2id, or check a password against an argon2/bcrypt hash'
            cand users 'Manage the users file: add, passwd, remove, disable, enable, list, show, check, import, client'
            cand keygen 'Generate an HMAC secret or a key pair'
            cand jwks 'Print a JWKS document with the public halves of the given keys'
            cand jwk 'JWK utilities'
            cand key 'Key file utilities: inspect'
            cand keyset 'Edit a key set (a JWK set file) for key rotation: add, remove, list, activate'
            cand lint 'Audit tokens for weaknesses (alg none, weak or well-known secrets, missing exp, ...)'
            cand serve 'Run a local OAuth2 token server (/token, /me, JWKS, introspection) over the users file'
            cand ui 'Open a local token debugger page in the browser: decode, lint and verify without sending a token anywhere'
            cand completions 'Print a shell completion script'
            cand man 'Write man pages (jwtctl.1 and one per subcommand) into a folder'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'jwtctl;help;issue'= {
        }
        &'jwtctl;help;decode'= {
        }
        &'jwtctl;help;verify'= {
        }
        &'jwtctl;help;hash'= {
        }
        &'jwtctl;help;users'= {
            cand add 'Add a user (asks for the password, or --password-stdin)'
            cand passwd 'Set a new password for a user (always hashed with argon2id)'
            cand remove 'Remove a user'
            cand disable 'Disable a user: no tokens are issued for them, and verify --check-user fails'
            cand enable 'Enable a disabled user'
            cand list 'List users'
            cand show 'Show one user (never the hash)'
            cand check 'Authenticate a user (exit 0, or 7)'
            cand import 'Import users from a FastAPI-tutorial style JSON file (bcrypt hashes are kept)'
            cand client 'Manage OAuth2 clients (the client_credentials grant of serve): add, remove, list'
        }
        &'jwtctl;help;users;add'= {
        }
        &'jwtctl;help;users;passwd'= {
        }
        &'jwtctl;help;users;remove'= {
        }
        &'jwtctl;help;users;disable'= {
        }
        &'jwtctl;help;users;enable'= {
        }
        &'jwtctl;help;users;list'= {
        }
        &'jwtctl;help;users;show'= {
        }
        &'jwtctl;help;users;check'= {
        }
        &'jwtctl;help;users;import'= {
        }
        &'jwtctl;help;users;client'= {
            cand add 'Add a client; its secret is generated and printed once on stdout, or read with --secret-stdin (only its argon2id hash is stored)'
            cand remove 'Remove a client'
            cand list 'List clients (never their secrets)'
        }
        &'jwtctl;help;users;client;add'= {
        }
        &'jwtctl;help;users;client;remove'= {
        }
        &'jwtctl;help;users;client;list'= {
        }
        &'jwtctl;help;keygen'= {
        }
        &'jwtctl;help;jwks'= {
        }
        &'jwtctl;help;jwk'= {
            cand thumbprint 'Print the RFC 7638 SHA-256 thumbprint of a key'
        }
        &'jwtctl;help;jwk;thumbprint'= {
        }
        &'jwtctl;help;key'= {
            cand inspect 'Show what a key file holds: type, size or curve, public or private, encrypted or not, RFC 7638 thumbprint, the algorithms it can serve, and weaknesses (small RSA, ROCA, short secrets, a private key others can read)'
        }
        &'jwtctl;help;key;inspect'= {
        }
        &'jwtctl;help;keyset'= {
            cand add 'Add a key (PEM, DER or JWK; public or private, possibly encrypted) with its RFC 7638 thumbprint as kid, and print the kid. Into a file whose name or mode says public, only the public half is written'
            cand remove 'Remove the key with this kid (never the key that signs, unless --force)'
            cand list 'List the keys: kid, kty, alg, use, created, private or public, and which one signs'
            cand activate 'Let a key added with --next sign (the newest private key that is not next signs)'
        }
        &'jwtctl;help;keyset;add'= {
        }
        &'jwtctl;help;keyset;remove'= {
        }
        &'jwtctl;help;keyset;list'= {
        }
        &'jwtctl;help;keyset;activate'= {
        }
        &'jwtctl;help;lint'= {
        }
        &'jwtctl;help;serve'= {
        }
        &'jwtctl;help;ui'= {
        }
        &'jwtctl;help;completions'= {
        }
        &'jwtctl;help;man'= {
        }
        &'jwtctl;help;help'= {
        }
    ]
    $completions[$command]
}
