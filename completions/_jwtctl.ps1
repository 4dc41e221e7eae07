
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'jwtctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'jwtctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'jwtctl' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Sign a token: for a user of the users file (--user) or with arbitrary claims (--sub)')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Show a token''s header, payload and expiry without checking its signature')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a token''s signature and claims; the exit code tells the verdict')
            [CompletionResult]::new('hash', 'hash', [CompletionResultType]::ParameterValue, 'Hash a password with argon2id, or check a password against an argon2/bcrypt hash')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'Manage the users file: add, passwd, remove, disable, enable, list, show, check, import, client')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Generate an HMAC secret or a key pair')
            [CompletionResult]::new('jwks', 'jwks', [CompletionResultType]::ParameterValue, 'Print a JWKS document with the public halves of the given keys')
            [CompletionResult]::new('jwk', 'jwk', [CompletionResultType]::ParameterValue, 'JWK utilities')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Key file utilities: inspect')
            [CompletionResult]::new('keyset', 'keyset', [CompletionResultType]::ParameterValue, 'Edit a key set (a JWK set file) for key rotation: add, remove, list, activate')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Audit tokens for weaknesses (alg none, weak or well-known secrets, missing exp, ...)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local OAuth2 token server (/token, /me, JWKS, introspection) over the users file')
            [CompletionResult]::new('ui', 'ui', [CompletionResultType]::ParameterValue, 'Open a local token debugger page in the browser: decode, lint and verify without sending a token anywhere')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write man pages (jwtctl.1 and one per subcommand) into a folder')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtctl;issue' {
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify), detected from the content')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one only when --secret-env is given]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'File holding the HMAC secret (one trailing newline is ignored)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm (default: HS256 for secrets, the key''s own for --key); `none` makes an unsigned token, only with --insecure')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Authenticate this user of the users file and issue their token')
            [CompletionResult]::new('--sub', '--sub', [CompletionResultType]::ParameterName, 'Subject (`sub`) of a token not tied to the users file')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Lifetime of the token (e.g. 30m, 1h 30m, 7d)')
            [CompletionResult]::new('--nbf', '--nbf', [CompletionResultType]::ParameterName, 'Not-before: the token becomes valid this long after issue (0s for now)')
            [CompletionResult]::new('--iss', '--iss', [CompletionResultType]::ParameterName, 'Issuer (`iss`)')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Audience (`aud`); repeat for several')
            [CompletionResult]::new('--jti', '--jti', [CompletionResultType]::ParameterName, 'Token id (`jti`); without a value, a random one')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key id in the header; `auto` puts the key''s RFC 7638 thumbprint. With --jwks, the member of the set that signs (and its kid goes in the header)')
            [CompletionResult]::new('--jwks', '--jwks', [CompletionResultType]::ParameterName, 'Sign with a key set (a JWK set file, or a folder of key files): the member --kid, else the one `keyset list` shows as signing (the newest private key not added with --next)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'OAuth2 scope; repeat or separate with spaces. With --user it narrows the user''s scopes: each must be one they hold (exit 6 otherwise)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Extra claim; the value is JSON when it parses as JSON, a string otherwise. Never exp, iat, nbf or token_use; with --user, never sub, iss, aud, jti, scope or a claim the users file sets')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Extra header field; the value is JSON when it parses as JSON, a string otherwise. Never alg or crit; with --user, never a name --claim may not set')
            [CompletionResult]::new('--refresh-ttl', '--refresh-ttl', [CompletionResultType]::ParameterName, 'Lifetime of the refresh token')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Issue as of this time (RFC 3339 or Unix seconds) instead of now')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--secret-base64', '--secret-base64', [CompletionResultType]::ParameterName, 'The secret is base64 or base64url encoded; decode it before use')
            [CompletionResult]::new('--no-exp', '--no-exp', [CompletionResultType]::ParameterName, 'Leave `exp` out: a token that never expires (only with --insecure)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow --alg none and --no-exp: tokens an API must refuse, made to check that it does (a warning says so on stderr and in -o json''s warnings; jwtctl verify refuses alg none, and a token without exp with --require exp)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the user''s password from the first line of stdin')
            [CompletionResult]::new('--no-auth', '--no-auth', [CompletionResultType]::ParameterName, 'Skip the password check (for an operator who holds the signing key); --scope, --claim and --header may then go beyond what the users file grants')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Also issue a refresh token (`token_use: "refresh"`)')
            [CompletionResult]::new('--allow-weak-secret', '--allow-weak-secret', [CompletionResultType]::ParameterName, 'Sign even when the HMAC secret is shorter than the hash output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;decode' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read many tokens, one per line (batch mode; `-` for stdin)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Columns of --output tsv, comma-separated (e.g. line,verdict,sub,exp; --help lists them)')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Count the tokens by outcome, failed check, finding, alg, kid and iss, with the `sub` values per failure (human on stderr, or json as the last line on stdout)')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Write only the tokens that passed, or only those that did not (the summary counts all)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Judge times as of this moment (RFC 3339 or Unix seconds) instead of now')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Show times for people in UTC, the local zone, or at an offset (utc, local, +02:00); JSON keeps RFC 3339 UTC')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Treat stdin as many tokens, one per line, even if it holds just one')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Find JWT-shaped strings anywhere in each line (plain or JSON logs, quoted values, `Bearer …`, `access_token=…`), many per line, each answered with its line and column; lines without one are skipped. Reads stdin or --file as a batch')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;verify' {
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read many tokens, one per line (batch mode; `-` for stdin)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify), detected from the content')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one only when --secret-env is given]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'File holding the HMAC secret (one trailing newline is ignored)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)')
            [CompletionResult]::new('--jwks', '--jwks', [CompletionResultType]::ParameterName, 'JWKS file or https:// URL to pick the key from by the token''s `kid`')
            [CompletionResult]::new('--oidc', '--oidc', [CompletionResultType]::ParameterName, 'OpenID Connect issuer: find its JWKS through /.well-known/openid-configuration (implies --iss ISSUER unless --iss is given)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of the certificate authorities trusted for --jwks URL and --oidc, instead of the bundled web roots (an issuer behind a private CA)')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Allowed algorithm; repeat for several (default: every algorithm the key allows)')
            [CompletionResult]::new('--leeway', '--leeway', [CompletionResultType]::ParameterName, 'Clock skew tolerated for exp, nbf and iat')
            [CompletionResult]::new('--iss', '--iss', [CompletionResultType]::ParameterName, 'Required issuer')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Accepted audience; repeat for any-of. A token with an `aud` fails without it')
            [CompletionResult]::new('--sub', '--sub', [CompletionResultType]::ParameterName, 'Required subject')
            [CompletionResult]::new('--require', '--require', [CompletionResultType]::ParameterName, 'Claim that must be present; repeat for several')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope the token must grant; repeat or separate with spaces (all must be present)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Judge the token as of this time (RFC 3339 or Unix seconds) instead of now')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Show times for people in UTC, the local zone, or at an offset (utc, local, +02:00); JSON keeps RFC 3339 UTC')
            [CompletionResult]::new('--token-use', '--token-use', [CompletionResultType]::ParameterName, 'Which tokens to accept: access tokens (refresh tokens, `token_use: "refresh"`, fail), refresh tokens only, or any')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Columns of --output tsv, comma-separated (e.g. line,verdict,sub,exp; --help lists them)')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Count the tokens by outcome, failed check, finding, alg, kid and iss, with the `sub` values per failure (human on stderr, or json as the last line on stdout)')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Write only the tokens that passed, or only those that did not (the summary counts all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Treat stdin as many tokens, one per line, even if it holds just one')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Find JWT-shaped strings anywhere in each line (plain or JSON logs, quoted values, `Bearer …`, `access_token=…`), many per line, each answered with its line and column; lines without one are skipped. Reads stdin or --file as a batch')
            [CompletionResult]::new('--secret-base64', '--secret-base64', [CompletionResultType]::ParameterName, 'The secret is base64 or base64url encoded; decode it before use')
            [CompletionResult]::new('--allow-http', '--allow-http', [CompletionResultType]::ParameterName, 'Allow fetching key sets over plain http:// (local test servers only)')
            [CompletionResult]::new('--system-roots', '--system-roots', [CompletionResultType]::ParameterName, 'Trust the operating system''s certificate store for --jwks URL and --oidc, instead of the bundled web roots')
            [CompletionResult]::new('--ignore-aud', '--ignore-aud', [CompletionResultType]::ParameterName, 'Accept a token whose `aud` is not checked (without --aud, a token naming an audience fails: RFC 7519 4.1.3)')
            [CompletionResult]::new('--jws', '--jws', [CompletionResultType]::ParameterName, 'Check the signature only: accept a JWS whose payload is not a JWT claims set (times and claims are not judged, so claim checks cannot be combined with it)')
            [CompletionResult]::new('--check-user', '--check-user', [CompletionResultType]::ParameterName, 'Check that `sub` names an enabled user of the users file (implied by --users FILE or JWTCTL_USERS=FILE)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;hash' {
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Check the password against this hash instead of making one (exit 0 match, 7 mismatch, 3 for a hash beyond the cost bounds: argon2 m<=1 GiB, t<=32, p<=16, bcrypt cost<=20)')
            [CompletionResult]::new('--m-cost', '--m-cost', [CompletionResultType]::ParameterName, 'argon2 memory cost in KiB')
            [CompletionResult]::new('--t-cost', '--t-cost', [CompletionResultType]::ParameterName, 'argon2 iterations')
            [CompletionResult]::new('--p-cost', '--p-cost', [CompletionResultType]::ParameterName, 'argon2 parallelism (lanes)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;users' {
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a user (asks for the password, or --password-stdin)')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a new password for a user (always hashed with argon2id)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a user: no tokens are issued for them, and verify --check-user fails')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled user')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one user (never the hash)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Authenticate a user (exit 0, or 7)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import users from a FastAPI-tutorial style JSON file (bcrypt hashes are kept)')
            [CompletionResult]::new('client', 'client', [CompletionResultType]::ParameterValue, 'Manage OAuth2 clients (the client_credentials grant of serve): add, remove, list')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtctl;users;add' {
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope granted to the user; repeat or separate with spaces')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Custom claim put in the user''s tokens; the value is JSON when it parses as JSON')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin')
            [CompletionResult]::new('--disabled', '--disabled', [CompletionResultType]::ParameterName, 'Add the user disabled')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;users;passwd' {
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;users;remove' {
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;users;disable' {
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;users;enable' {
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;users;list' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;users;show' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;users;check' {
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of stdin')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;users;import' {
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Replace users that already exist instead of failing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;users;client' {
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a client; its secret is generated and printed once on stdout, or read with --secret-stdin (only its argon2id hash is stored)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a client')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List clients (never their secrets)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtctl;users;client;add' {
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope granted to the client; repeat or separate with spaces')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Custom claim put in the client''s tokens; the value is JSON when it parses as JSON')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Lifetime of the client''s access tokens, instead of serve''s --ttl')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--secret-stdin', '--secret-stdin', [CompletionResultType]::ParameterName, 'Read the secret from the first line of stdin instead of generating one')
            [CompletionResult]::new('--disabled', '--disabled', [CompletionResultType]::ParameterName, 'Add the client disabled')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;users;client;remove' {
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;users;client;list' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;users;client;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a client; its secret is generated and printed once on stdout, or read with --secret-stdin (only its argon2id hash is stored)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a client')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List clients (never their secrets)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtctl;users;client;help;add' {
            break
        }
        'jwtctl;users;client;help;remove' {
            break
        }
        'jwtctl;users;client;help;list' {
            break
        }
        'jwtctl;users;client;help;help' {
            break
        }
        'jwtctl;users;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a user (asks for the password, or --password-stdin)')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a new password for a user (always hashed with argon2id)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a user: no tokens are issued for them, and verify --check-user fails')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled user')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one user (never the hash)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Authenticate a user (exit 0, or 7)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import users from a FastAPI-tutorial style JSON file (bcrypt hashes are kept)')
            [CompletionResult]::new('client', 'client', [CompletionResultType]::ParameterValue, 'Manage OAuth2 clients (the client_credentials grant of serve): add, remove, list')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtctl;users;help;add' {
            break
        }
        'jwtctl;users;help;passwd' {
            break
        }
        'jwtctl;users;help;remove' {
            break
        }
        'jwtctl;users;help;disable' {
            break
        }
        'jwtctl;users;help;enable' {
            break
        }
        'jwtctl;users;help;list' {
            break
        }
        'jwtctl;users;help;show' {
            break
        }
        'jwtctl;users;help;check' {
            break
        }
        'jwtctl;users;help;import' {
            break
        }
        'jwtctl;users;help;client' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a client; its secret is generated and printed once on stdout, or read with --secret-stdin (only its argon2id hash is stored)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a client')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List clients (never their secrets)')
            break
        }
        'jwtctl;users;help;client;add' {
            break
        }
        'jwtctl;users;help;client;remove' {
            break
        }
        'jwtctl;users;help;client;list' {
            break
        }
        'jwtctl;users;help;help' {
            break
        }
        'jwtctl;keygen' {
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Algorithm the key is for')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Output prefix: PREFIX.pem and PREFIX.pub.pem (or .jwk / .pub.jwk); for HS*, the secret file')
            [CompletionResult]::new('--bits', '--bits', [CompletionResultType]::ParameterName, 'RSA modulus size: 2048, 3072 or 4096')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Key file format')
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key id to record in JWK output (default: the RFC 7638 thumbprint)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'What to print on stdout once the files are written: nothing (the paths and kid go to stderr), or one JSON object with the paths, kid and alg (needs --out)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'What to print on stdout once the files are written: nothing (the paths and kid go to stderr), or one JSON object with the paths, kid and alg (needs --out)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'File holding the passphrase for --encrypt (one trailing newline is ignored)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite existing key files')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('--encrypt', '--encrypt', [CompletionResultType]::ParameterName, 'Encrypt the private key (PKCS#8, PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC) with a passphrase from --passphrase-file, $JWTCTL_KEY_PASSPHRASE or a prompt')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;jwks' {
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key id for each key, in order (default: RFC 7638 thumbprint)')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Algorithm to record for each key (default: what the key implies)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;jwk' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('thumbprint', 'thumbprint', [CompletionResultType]::ParameterValue, 'Print the RFC 7638 SHA-256 thumbprint of a key')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtctl;jwk;thumbprint' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;jwk;help' {
            [CompletionResult]::new('thumbprint', 'thumbprint', [CompletionResultType]::ParameterValue, 'Print the RFC 7638 SHA-256 thumbprint of a key')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtctl;jwk;help;thumbprint' {
            break
        }
        'jwtctl;jwk;help;help' {
            break
        }
        'jwtctl;key' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show what a key file holds: type, size or curve, public or private, encrypted or not, RFC 7638 thumbprint, the algorithms it can serve, and weaknesses (small RSA, ROCA, short secrets, a private key others can read)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtctl;key;inspect' {
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'File holding the passphrase of encrypted keys (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal; without either, an encrypted key shows what it can)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format (JSON: one object per file, one per line)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format (JSON: one object per file, one per line)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;key;help' {
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show what a key file holds: type, size or curve, public or private, encrypted or not, RFC 7638 thumbprint, the algorithms it can serve, and weaknesses (small RSA, ROCA, short secrets, a private key others can read)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtctl;key;help;inspect' {
            break
        }
        'jwtctl;key;help;help' {
            break
        }
        'jwtctl;keyset' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a key (PEM, DER or JWK; public or private, possibly encrypted) with its RFC 7638 thumbprint as kid, and print the kid. Into a file whose name or mode says public, only the public half is written')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove the key with this kid (never the key that signs, unless --force)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys: kid, kty, alg, use, created, private or public, and which one signs')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Let a key added with --next sign (the newest private key that is not next signs)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtctl;keyset;add' {
            [CompletionResult]::new('--kid', '--kid', [CompletionResultType]::ParameterName, 'Key id (default: the key''s own kid, else its RFC 7638 thumbprint)')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Algorithm to record (default: what the key implies)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'File holding the passphrase of an encrypted KEY (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--next', '--next', [CompletionResultType]::ParameterName, 'Publish the key without letting it sign yet (`keyset activate` does that)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;keyset;remove' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remove it even if it is the key that signs')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;keyset;list' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;keyset;activate' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;keyset;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a key (PEM, DER or JWK; public or private, possibly encrypted) with its RFC 7638 thumbprint as kid, and print the kid. Into a file whose name or mode says public, only the public half is written')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove the key with this kid (never the key that signs, unless --force)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys: kid, kty, alg, use, created, private or public, and which one signs')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Let a key added with --next sign (the newest private key that is not next signs)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtctl;keyset;help;add' {
            break
        }
        'jwtctl;keyset;help;remove' {
            break
        }
        'jwtctl;keyset;help;list' {
            break
        }
        'jwtctl;keyset;help;activate' {
            break
        }
        'jwtctl;keyset;help;help' {
            break
        }
        'jwtctl;lint' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read many tokens, one per line (batch mode; `-` for stdin)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify), detected from the content')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one only when --secret-env is given]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'File holding the HMAC secret (one trailing newline is ignored)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)')
            [CompletionResult]::new('--wordlist', '--wordlist', [CompletionResultType]::ParameterName, 'Extra candidate secrets to try against HS* tokens, one per line. HS* tokens are tried against 16 well-known secrets (tutorial and framework defaults), then this list, once per group of tokens sharing alg, iss and kid: a secret found is tried first on the group''s other tokens, and a group whose first token matched nothing is not searched again')
            [CompletionResult]::new('--max-lifetime', '--max-lifetime', [CompletionResultType]::ParameterName, 'Lifetime above which a token is reported')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 6 when a finding at or above this severity exists')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Judge times as of this moment instead of now')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Columns of --output tsv, comma-separated (e.g. line,verdict,sub,exp; --help lists them)')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Count the tokens by outcome, failed check, finding, alg, kid and iss, with the `sub` values per failure (human on stderr, or json as the last line on stdout)')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Write only the tokens that passed, or only those that did not (the summary counts all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Treat stdin as many tokens, one per line, even if it holds just one')
            [CompletionResult]::new('--extract', '--extract', [CompletionResultType]::ParameterName, 'Find JWT-shaped strings anywhere in each line (plain or JSON logs, quoted values, `Bearer …`, `access_token=…`), many per line, each answered with its line and column; lines without one are skipped. Reads stdin or --file as a batch')
            [CompletionResult]::new('--secret-base64', '--secret-base64', [CompletionResultType]::ParameterName, 'The secret is base64 or base64url encoded; decode it before use')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --output json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;serve' {
            [CompletionResult]::new('--users', '--users', [CompletionResultType]::ParameterName, 'The users file (TOML or JSON, by extension)')
            [CompletionResult]::new('--users-format', '--users-format', [CompletionResultType]::ParameterName, 'Format of the users file, when its extension does not tell')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify), detected from the content')
            [CompletionResult]::new('--secret-env', '--secret-env', [CompletionResultType]::ParameterName, 'Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one only when --secret-env is given]')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'File holding the HMAC secret (one trailing newline is ignored)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)')
            [CompletionResult]::new('--alg', '--alg', [CompletionResultType]::ParameterName, 'Signing algorithm (default: HS256 for secrets, the key''s own for --key)')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (port 0 picks a free port and prints the address)')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Issuer URL put in tokens and the discovery document (default: http://LISTEN)')
            [CompletionResult]::new('--aud', '--aud', [CompletionResultType]::ParameterName, 'Audience put in issued tokens')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Access-token lifetime')
            [CompletionResult]::new('--refresh-ttl', '--refresh-ttl', [CompletionResultType]::ParameterName, 'Refresh-token lifetime')
            [CompletionResult]::new('--jwks', '--jwks', [CompletionResultType]::ParameterName, 'Key set to sign with: a JWK set file (see `jwtctl keyset`) or a folder of key files. The newest private key signs, every key verifies and is published at /.well-known/jwks.json (keep a retired key in the set until its tokens have expired); edits are picked up without a restart')
            [CompletionResult]::new('--max-failed-logins', '--max-failed-logins', [CompletionResultType]::ParameterName, 'Failed logins in a row after which a username is locked out (1 s, doubling per failure; up to 15 min at the failing address, 30 s at others)')
            [CompletionResult]::new('--max-failed-logins-per-address', '--max-failed-logins-per-address', [CompletionResultType]::ParameterName, 'Failed logins one client address may make at once, for any usernames; then one more per second')
            [CompletionResult]::new('--header-timeout', '--header-timeout', [CompletionResultType]::ParameterName, 'Time a client has to send a whole request head, from connecting or from the previous response')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'A connection on which nothing moves for this long is closed; also the time a request body has to arrive')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Connections open at once; one more is answered 503 and closed')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--secret-base64', '--secret-base64', [CompletionResultType]::ParameterName, 'The secret is base64 or base64url encoded; decode it before use')
            [CompletionResult]::new('--allow-weak-secret', '--allow-weak-secret', [CompletionResultType]::ParameterName, 'Sign even when the HMAC secret is shorter than the hash output')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;ui' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Loopback address to listen on (port 0 picks a free port)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('--open', '--open', [CompletionResultType]::ParameterName, 'Open the page in the default browser ($BROWSER, else the desktop''s opener)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;man' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Folder to write the pages into')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but the essential value; the exit code carries the rest')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'jwtctl;help' {
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Sign a token: for a user of the users file (--user) or with arbitrary claims (--sub)')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Show a token''s header, payload and expiry without checking its signature')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a token''s signature and claims; the exit code tells the verdict')
            [CompletionResult]::new('hash', 'hash', [CompletionResultType]::ParameterValue, 'Hash a password with argon2id, or check a password against an argon2/bcrypt hash')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'Manage the users file: add, passwd, remove, disable, enable, list, show, check, import, client')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Generate an HMAC secret or a key pair')
            [CompletionResult]::new('jwks', 'jwks', [CompletionResultType]::ParameterValue, 'Print a JWKS document with the public halves of the given keys')
            [CompletionResult]::new('jwk', 'jwk', [CompletionResultType]::ParameterValue, 'JWK utilities')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Key file utilities: inspect')
            [CompletionResult]::new('keyset', 'keyset', [CompletionResultType]::ParameterValue, 'Edit a key set (a JWK set file) for key rotation: add, remove, list, activate')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Audit tokens for weaknesses (alg none, weak or well-known secrets, missing exp, ...)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local OAuth2 token server (/token, /me, JWKS, introspection) over the users file')
            [CompletionResult]::new('ui', 'ui', [CompletionResultType]::ParameterValue, 'Open a local token debugger page in the browser: decode, lint and verify without sending a token anywhere')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write man pages (jwtctl.1 and one per subcommand) into a folder')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'jwtctl;help;issue' {
            break
        }
        'jwtctl;help;decode' {
            break
        }
        'jwtctl;help;verify' {
            break
        }
        'jwtctl;help;hash' {
            break
        }
        'jwtctl;help;users' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a user (asks for the password, or --password-stdin)')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a new password for a user (always hashed with argon2id)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable a user: no tokens are issued for them, and verify --check-user fails')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable a disabled user')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one user (never the hash)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Authenticate a user (exit 0, or 7)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import users from a FastAPI-tutorial style JSON file (bcrypt hashes are kept)')
            [CompletionResult]::new('client', 'client', [CompletionResultType]::ParameterValue, 'Manage OAuth2 clients (the client_credentials grant of serve): add, remove, list')
            break
        }
        'jwtctl;help;users;add' {
            break
        }
        'jwtctl;help;users;passwd' {
            break
        }
        'jwtctl;help;users;remove' {
            break
        }
        'jwtctl;help;users;disable' {
            break
        }
        'jwtctl;help;users;enable' {
            break
        }
        'jwtctl;help;users;list' {
            break
        }
        'jwtctl;help;users;show' {
            break
        }
        'jwtctl;help;users;check' {
            break
        }
        'jwtctl;help;users;import' {
            break
        }
        'jwtctl;help;users;client' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a client; its secret is generated and printed once on stdout, or read with --secret-stdin (only its argon2id hash is stored)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a client')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List clients (never their secrets)')
            break
        }
        'jwtctl;help;users;client;add' {
            break
        }
        'jwtctl;help;users;client;remove' {
            break
        }
        'jwtctl;help;users;client;list' {
            break
        }
        'jwtctl;help;keygen' {
            break
        }
        'jwtctl;help;jwks' {
            break
        }
        'jwtctl;help;jwk' {
            [CompletionResult]::new('thumbprint', 'thumbprint', [CompletionResultType]::ParameterValue, 'Print the RFC 7638 SHA-256 thumbprint of a key')
            break
        }
        'jwtctl;help;jwk;thumbprint' {
            break
        }
        'jwtctl;help;key' {
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show what a key file holds: type, size or curve, public or private, encrypted or not, RFC 7638 thumbprint, the algorithms it can serve, and weaknesses (small RSA, ROCA, short secrets, a private key others can read)')
            break
        }
        'jwtctl;help;key;inspect' {
            break
        }
        'jwtctl;help;keyset' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a key (PEM, DER or JWK; public or private, possibly encrypted) with its RFC 7638 thumbprint as kid, and print the kid. Into a file whose name or mode says public, only the public half is written')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove the key with this kid (never the key that signs, unless --force)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the keys: kid, kty, alg, use, created, private or public, and which one signs')
            [CompletionResult]::new('activate', 'activate', [CompletionResultType]::ParameterValue, 'Let a key added with --next sign (the newest private key that is not next signs)')
            break
        }
        'jwtctl;help;keyset;add' {
            break
        }
        'jwtctl;help;keyset;remove' {
            break
        }
        'jwtctl;help;keyset;list' {
            break
        }
        'jwtctl;help;keyset;activate' {
            break
        }
        'jwtctl;help;lint' {
            break
        }
        'jwtctl;help;serve' {
            break
        }
        'jwtctl;help;ui' {
            break
        }
        'jwtctl;help;completions' {
            break
        }
        'jwtctl;help;man' {
            break
        }
        'jwtctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
