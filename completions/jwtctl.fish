# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_jwtctl_global_optspecs
    string join \n color= q/quiet users= users-format= h/help V/version
end

function __fish_jwtctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_jwtctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_jwtctl_using_subcommand
    set -l cmd (__fish_jwtctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c jwtctl -n "__fish_jwtctl_needs_command" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_needs_command" -l users -d 'The users file (TOML or JSON, by extension)' -r -F
complete -c jwtctl -n "__fish_jwtctl_needs_command" -l users-format -d 'Format of the users file, when its extension does not tell' -r -f -a "toml\t''
json\t''"
complete -c jwtctl -n "__fish_jwtctl_needs_command" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -f -a "issue" -d 'Sign a token: for a user of the users file (--user) or with arbitrary claims (--sub)'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -f -a "decode" -d 'Show a token\'s header, payload and expiry without checking its signature'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -f -a "verify" -d 'Check a token\'s signature and claims; the exit code tells the verdict'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -f -a "hash" -d 'Hash a password with argon2id, or check a password against an argon2/bcrypt hash'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -f -a "users" -d 'Manage the users file: add, passwd, remove, disable, enable, list, show, check, import, client'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -f -a "keygen" -d 'Generate an HMAC secret or a key pair'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -f -a "jwks" -d 'Print a JWKS document with the public halves of the given keys'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -f -a "jwk" -d 'JWK utilities'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -f -a "key" -d 'Key file utilities: inspect'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -f -a "keyset" -d 'Edit a key set (a JWK set file) for key rotation: add, remove, list, activate'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -f -a "lint" -d 'Audit tokens for weaknesses (alg none, weak or well-known secrets, missing exp, ...)'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -f -a "serve" -d 'Run a local OAuth2 token server (/token, /me, JWKS, introspection) over the users file'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -f -a "ui" -d 'Open a local token debugger page in the browser: decode, lint and verify without sending a token anywhere'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -f -a "man" -d 'Write man pages (jwtctl.1 and one per subcommand) into a folder'
complete -c jwtctl -n "__fish_jwtctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l users -d 'The users file (TOML or JSON, by extension)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l users-format -d 'Format of the users file, when its extension does not tell' -r -f -a "toml\t''
json\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l key -d 'Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify), detected from the content' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l secret-env -d 'Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one only when --secret-env is given]' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l secret-file -d 'File holding the HMAC secret (one trailing newline is ignored)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l secret -d 'HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l passphrase-file -d 'File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l alg -d 'Signing algorithm (default: HS256 for secrets, the key\'s own for --key); `none` makes an unsigned token, only with --insecure' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
EdDSA\t''
none\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l user -d 'Authenticate this user of the users file and issue their token' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l sub -d 'Subject (`sub`) of a token not tied to the users file' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l ttl -d 'Lifetime of the token (e.g. 30m, 1h 30m, 7d)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l nbf -d 'Not-before: the token becomes valid this long after issue (0s for now)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l iss -d 'Issuer (`iss`)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l aud -d 'Audience (`aud`); repeat for several' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l jti -d 'Token id (`jti`); without a value, a random one' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l kid -d 'Key id in the header; `auto` puts the key\'s RFC 7638 thumbprint. With --jwks, the member of the set that signs (and its kid goes in the header)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l jwks -d 'Sign with a key set (a JWK set file, or a folder of key files): the member --kid, else the one `keyset list` shows as signing (the newest private key not added with --next)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l scope -d 'OAuth2 scope; repeat or separate with spaces. With --user it narrows the user\'s scopes: each must be one they hold (exit 6 otherwise)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l claim -d 'Extra claim; the value is JSON when it parses as JSON, a string otherwise. Never exp, iat, nbf or token_use; with --user, never sub, iss, aud, jti, scope or a claim the users file sets' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l header -d 'Extra header field; the value is JSON when it parses as JSON, a string otherwise. Never alg or crit; with --user, never a name --claim may not set' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l refresh-ttl -d 'Lifetime of the refresh token' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l at -d 'Issue as of this time (RFC 3339 or Unix seconds) instead of now' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -s o -l output -d 'Output format' -r -f -a "token\t'The bare token'
json\t'Token, header, claims and expiry as one JSON object'
oauth2\t'An OAuth2 token response: access_token, token_type, expires_in'"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l secret-base64 -d 'The secret is base64 or base64url encoded; decode it before use'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l no-exp -d 'Leave `exp` out: a token that never expires (only with --insecure)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l insecure -d 'Allow --alg none and --no-exp: tokens an API must refuse, made to check that it does (a warning says so on stderr and in -o json\'s warnings; jwtctl verify refuses alg none, and a token without exp with --require exp)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l password-stdin -d 'Read the user\'s password from the first line of stdin'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l no-auth -d 'Skip the password check (for an operator who holds the signing key); --scope, --claim and --header may then go beyond what the users file grants'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l refresh -d 'Also issue a refresh token (`token_use: "refresh"`)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l allow-weak-secret -d 'Sign even when the HMAC secret is shorter than the hash output'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -l json -d 'Shorthand for --output json'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand issue" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand decode" -l file -d 'Read many tokens, one per line (batch mode; `-` for stdin)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand decode" -s o -l output -d 'Output format' -r -f -a "human\t'For a person: aligned blocks for one token, one line per token for --file/--batch'
json\t'One JSON object per input token, on one line, whatever the number of tokens'
tsv\t'Tab-separated values for spreadsheets and cut/sort/awk: a header line, then one row per input token, whatever the number of tokens (columns: --fields)'"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand decode" -l fields -d 'Columns of --output tsv, comma-separated (e.g. line,verdict,sub,exp; --help lists them)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand decode" -l summary -d 'Count the tokens by outcome, failed check, finding, alg, kid and iss, with the `sub` values per failure (human on stderr, or json as the last line on stdout)' -r -f -a "human\t'Counts for a person, on stderr'
json\t'One JSON object (`"kind": "summary"`), the last line on stdout'"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand decode" -l only -d 'Write only the tokens that passed, or only those that did not (the summary counts all)' -r -f -a "valid\t'Tokens whose own exit code is 0'
invalid\t'Tokens whose own exit code is not 0, malformed lines included'"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand decode" -l at -d 'Judge times as of this moment (RFC 3339 or Unix seconds) instead of now' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand decode" -l date -d 'Show times for people in UTC, the local zone, or at an offset (utc, local, +02:00); JSON keeps RFC 3339 UTC' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand decode" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand decode" -l batch -d 'Treat stdin as many tokens, one per line, even if it holds just one'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand decode" -l extract -d 'Find JWT-shaped strings anywhere in each line (plain or JSON logs, quoted values, `Bearer …`, `access_token=…`), many per line, each answered with its line and column; lines without one are skipped. Reads stdin or --file as a batch'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand decode" -l json -d 'Shorthand for --output json'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand decode" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand decode" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand decode" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l users -d 'The users file (TOML or JSON, by extension)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l users-format -d 'Format of the users file, when its extension does not tell' -r -f -a "toml\t''
json\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l file -d 'Read many tokens, one per line (batch mode; `-` for stdin)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l key -d 'Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify), detected from the content' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l secret-env -d 'Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one only when --secret-env is given]' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l secret-file -d 'File holding the HMAC secret (one trailing newline is ignored)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l secret -d 'HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l passphrase-file -d 'File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l jwks -d 'JWKS file or https:// URL to pick the key from by the token\'s `kid`' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l oidc -d 'OpenID Connect issuer: find its JWKS through /.well-known/openid-configuration (implies --iss ISSUER unless --iss is given)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l ca-file -d 'PEM file of the certificate authorities trusted for --jwks URL and --oidc, instead of the bundled web roots (an issuer behind a private CA)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l alg -d 'Allowed algorithm; repeat for several (default: every algorithm the key allows)' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
EdDSA\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l leeway -d 'Clock skew tolerated for exp, nbf and iat' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l iss -d 'Required issuer' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l aud -d 'Accepted audience; repeat for any-of. A token with an `aud` fails without it' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l sub -d 'Required subject' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l require -d 'Claim that must be present; repeat for several' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l scope -d 'Scope the token must grant; repeat or separate with spaces (all must be present)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l at -d 'Judge the token as of this time (RFC 3339 or Unix seconds) instead of now' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l date -d 'Show times for people in UTC, the local zone, or at an offset (utc, local, +02:00); JSON keeps RFC 3339 UTC' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l token-use -d 'Which tokens to accept: access tokens (refresh tokens, `token_use: "refresh"`, fail), refresh tokens only, or any' -r -f -a "access\t''
refresh\t''
any\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -s o -l output -d 'Output format' -r -f -a "human\t'For a person: aligned blocks for one token, one line per token for --file/--batch'
json\t'One JSON object per input token, on one line, whatever the number of tokens'
tsv\t'Tab-separated values for spreadsheets and cut/sort/awk: a header line, then one row per input token, whatever the number of tokens (columns: --fields)'"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l fields -d 'Columns of --output tsv, comma-separated (e.g. line,verdict,sub,exp; --help lists them)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l summary -d 'Count the tokens by outcome, failed check, finding, alg, kid and iss, with the `sub` values per failure (human on stderr, or json as the last line on stdout)' -r -f -a "human\t'Counts for a person, on stderr'
json\t'One JSON object (`"kind": "summary"`), the last line on stdout'"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l only -d 'Write only the tokens that passed, or only those that did not (the summary counts all)' -r -f -a "valid\t'Tokens whose own exit code is 0'
invalid\t'Tokens whose own exit code is not 0, malformed lines included'"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l batch -d 'Treat stdin as many tokens, one per line, even if it holds just one'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l extract -d 'Find JWT-shaped strings anywhere in each line (plain or JSON logs, quoted values, `Bearer …`, `access_token=…`), many per line, each answered with its line and column; lines without one are skipped. Reads stdin or --file as a batch'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l secret-base64 -d 'The secret is base64 or base64url encoded; decode it before use'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l allow-http -d 'Allow fetching key sets over plain http:// (local test servers only)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l system-roots -d 'Trust the operating system\'s certificate store for --jwks URL and --oidc, instead of the bundled web roots'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l ignore-aud -d 'Accept a token whose `aud` is not checked (without --aud, a token naming an audience fails: RFC 7519 4.1.3)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l jws -d 'Check the signature only: accept a JWS whose payload is not a JWT claims set (times and claims are not judged, so claim checks cannot be combined with it)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l check-user -d 'Check that `sub` names an enabled user of the users file (implied by --users FILE or JWTCTL_USERS=FILE)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -l json -d 'Shorthand for --output json'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand verify" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand hash" -l verify -d 'Check the password against this hash instead of making one (exit 0 match, 7 mismatch, 3 for a hash beyond the cost bounds: argon2 m<=1 GiB, t<=32, p<=16, bcrypt cost<=20)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand hash" -l m-cost -d 'argon2 memory cost in KiB' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand hash" -l t-cost -d 'argon2 iterations' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand hash" -l p-cost -d 'argon2 parallelism (lanes)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand hash" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand hash" -l password-stdin -d 'Read the password from the first line of stdin'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand hash" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand hash" -s h -l help -d 'Print help'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand hash" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -l users -d 'The users file (TOML or JSON, by extension)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -l users-format -d 'Format of the users file, when its extension does not tell' -r -f -a "toml\t''
json\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -f -a "add" -d 'Add a user (asks for the password, or --password-stdin)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -f -a "passwd" -d 'Set a new password for a user (always hashed with argon2id)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -f -a "remove" -d 'Remove a user'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -f -a "disable" -d 'Disable a user: no tokens are issued for them, and verify --check-user fails'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -f -a "enable" -d 'Enable a disabled user'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -f -a "list" -d 'List users'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -f -a "show" -d 'Show one user (never the hash)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -f -a "check" -d 'Authenticate a user (exit 0, or 7)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -f -a "import" -d 'Import users from a FastAPI-tutorial style JSON file (bcrypt hashes are kept)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -f -a "client" -d 'Manage OAuth2 clients (the client_credentials grant of serve): add, remove, list'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and not __fish_seen_subcommand_from add passwd remove disable enable list show check import client help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from add" -l scope -d 'Scope granted to the user; repeat or separate with spaces' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from add" -l claim -d 'Custom claim put in the user\'s tokens; the value is JSON when it parses as JSON' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from add" -l users -d 'The users file (TOML or JSON, by extension)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from add" -l users-format -d 'Format of the users file, when its extension does not tell' -r -f -a "toml\t''
json\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from add" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from add" -l password-stdin -d 'Read the password from the first line of stdin'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from add" -l disabled -d 'Add the user disabled'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from passwd" -l users -d 'The users file (TOML or JSON, by extension)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from passwd" -l users-format -d 'Format of the users file, when its extension does not tell' -r -f -a "toml\t''
json\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from passwd" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from passwd" -l password-stdin -d 'Read the password from the first line of stdin'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from passwd" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from passwd" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from passwd" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from remove" -l users -d 'The users file (TOML or JSON, by extension)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from remove" -l users-format -d 'Format of the users file, when its extension does not tell' -r -f -a "toml\t''
json\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from remove" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from disable" -l users -d 'The users file (TOML or JSON, by extension)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from disable" -l users-format -d 'Format of the users file, when its extension does not tell' -r -f -a "toml\t''
json\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from disable" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from enable" -l users -d 'The users file (TOML or JSON, by extension)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from enable" -l users-format -d 'Format of the users file, when its extension does not tell' -r -f -a "toml\t''
json\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from enable" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from enable" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "human\t'For a person: aligned blocks for one token, one line per token for --file/--batch'
json\t'One JSON object per input token, on one line, whatever the number of tokens'"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from list" -l users -d 'The users file (TOML or JSON, by extension)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from list" -l users-format -d 'Format of the users file, when its extension does not tell' -r -f -a "toml\t''
json\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from list" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from list" -l json -d 'Shorthand for --output json'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format' -r -f -a "human\t'For a person: aligned blocks for one token, one line per token for --file/--batch'
json\t'One JSON object per input token, on one line, whatever the number of tokens'"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from show" -l users -d 'The users file (TOML or JSON, by extension)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from show" -l users-format -d 'Format of the users file, when its extension does not tell' -r -f -a "toml\t''
json\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from show" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from show" -l json -d 'Shorthand for --output json'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from check" -l users -d 'The users file (TOML or JSON, by extension)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from check" -l users-format -d 'Format of the users file, when its extension does not tell' -r -f -a "toml\t''
json\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from check" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from check" -l password-stdin -d 'Read the password from the first line of stdin'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from import" -l users -d 'The users file (TOML or JSON, by extension)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from import" -l users-format -d 'Format of the users file, when its extension does not tell' -r -f -a "toml\t''
json\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from import" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from import" -l replace -d 'Replace users that already exist instead of failing'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from client" -l users -d 'The users file (TOML or JSON, by extension)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from client" -l users-format -d 'Format of the users file, when its extension does not tell' -r -f -a "toml\t''
json\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from client" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from client" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from client" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from client" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from client" -f -a "add" -d 'Add a client; its secret is generated and printed once on stdout, or read with --secret-stdin (only its argon2id hash is stored)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from client" -f -a "remove" -d 'Remove a client'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from client" -f -a "list" -d 'List clients (never their secrets)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from client" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a user (asks for the password, or --password-stdin)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "passwd" -d 'Set a new password for a user (always hashed with argon2id)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a user'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Disable a user: no tokens are issued for them, and verify --check-user fails'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Enable a disabled user'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "list" -d 'List users'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one user (never the hash)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "check" -d 'Authenticate a user (exit 0, or 7)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import users from a FastAPI-tutorial style JSON file (bcrypt hashes are kept)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "client" -d 'Manage OAuth2 clients (the client_credentials grant of serve): add, remove, list'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keygen" -l alg -d 'Algorithm the key is for' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
EdDSA\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keygen" -l out -d 'Output prefix: PREFIX.pem and PREFIX.pub.pem (or .jwk / .pub.jwk); for HS*, the secret file' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keygen" -l bits -d 'RSA modulus size: 2048, 3072 or 4096' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keygen" -l format -d 'Key file format' -r -f -a "pem\t''
jwk\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keygen" -l kid -d 'Key id to record in JWK output (default: the RFC 7638 thumbprint)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keygen" -s o -l output -d 'What to print on stdout once the files are written: nothing (the paths and kid go to stderr), or one JSON object with the paths, kid and alg (needs --out)' -r -f -a "text\t'Notes on stderr only'
json\t'`{"schema", "kind": "keygen", "alg", "kid", "format", "private", "public"}` on stdout'"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keygen" -l passphrase-file -d 'File holding the passphrase for --encrypt (one trailing newline is ignored)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keygen" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keygen" -l force -d 'Overwrite existing key files'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keygen" -l json -d 'Shorthand for --output json'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keygen" -l encrypt -d 'Encrypt the private key (PKCS#8, PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC) with a passphrase from --passphrase-file, $JWTCTL_KEY_PASSPHRASE or a prompt'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keygen" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keygen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keygen" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwks" -l kid -d 'Key id for each key, in order (default: RFC 7638 thumbprint)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwks" -l alg -d 'Algorithm to record for each key (default: what the key implies)' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
EdDSA\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwks" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwks" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwks" -s h -l help -d 'Print help'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwks" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwk; and not __fish_seen_subcommand_from thumbprint help" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwk; and not __fish_seen_subcommand_from thumbprint help" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwk; and not __fish_seen_subcommand_from thumbprint help" -s h -l help -d 'Print help'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwk; and not __fish_seen_subcommand_from thumbprint help" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwk; and not __fish_seen_subcommand_from thumbprint help" -f -a "thumbprint" -d 'Print the RFC 7638 SHA-256 thumbprint of a key'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwk; and not __fish_seen_subcommand_from thumbprint help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwk; and __fish_seen_subcommand_from thumbprint" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwk; and __fish_seen_subcommand_from thumbprint" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwk; and __fish_seen_subcommand_from thumbprint" -s h -l help -d 'Print help'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwk; and __fish_seen_subcommand_from thumbprint" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwk; and __fish_seen_subcommand_from help" -f -a "thumbprint" -d 'Print the RFC 7638 SHA-256 thumbprint of a key'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand jwk; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand key; and not __fish_seen_subcommand_from inspect help" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand key; and not __fish_seen_subcommand_from inspect help" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand key; and not __fish_seen_subcommand_from inspect help" -s h -l help -d 'Print help'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand key; and not __fish_seen_subcommand_from inspect help" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand key; and not __fish_seen_subcommand_from inspect help" -f -a "inspect" -d 'Show what a key file holds: type, size or curve, public or private, encrypted or not, RFC 7638 thumbprint, the algorithms it can serve, and weaknesses (small RSA, ROCA, short secrets, a private key others can read)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand key; and not __fish_seen_subcommand_from inspect help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand key; and __fish_seen_subcommand_from inspect" -l passphrase-file -d 'File holding the passphrase of encrypted keys (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal; without either, an encrypted key shows what it can)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand key; and __fish_seen_subcommand_from inspect" -s o -l output -d 'Output format (JSON: one object per file, one per line)' -r -f -a "human\t'For a person: aligned blocks for one token, one line per token for --file/--batch'
json\t'One JSON object per input token, on one line, whatever the number of tokens'"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand key; and __fish_seen_subcommand_from inspect" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand key; and __fish_seen_subcommand_from inspect" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand key; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand key; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show what a key file holds: type, size or curve, public or private, encrypted or not, RFC 7638 thumbprint, the algorithms it can serve, and weaknesses (small RSA, ROCA, short secrets, a private key others can read)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and not __fish_seen_subcommand_from add remove list activate help" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and not __fish_seen_subcommand_from add remove list activate help" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and not __fish_seen_subcommand_from add remove list activate help" -s h -l help -d 'Print help'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and not __fish_seen_subcommand_from add remove list activate help" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and not __fish_seen_subcommand_from add remove list activate help" -f -a "add" -d 'Add a key (PEM, DER or JWK; public or private, possibly encrypted) with its RFC 7638 thumbprint as kid, and print the kid. Into a file whose name or mode says public, only the public half is written'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and not __fish_seen_subcommand_from add remove list activate help" -f -a "remove" -d 'Remove the key with this kid (never the key that signs, unless --force)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and not __fish_seen_subcommand_from add remove list activate help" -f -a "list" -d 'List the keys: kid, kty, alg, use, created, private or public, and which one signs'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and not __fish_seen_subcommand_from add remove list activate help" -f -a "activate" -d 'Let a key added with --next sign (the newest private key that is not next signs)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and not __fish_seen_subcommand_from add remove list activate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from add" -l kid -d 'Key id (default: the key\'s own kid, else its RFC 7638 thumbprint)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from add" -l alg -d 'Algorithm to record (default: what the key implies)' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
EdDSA\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from add" -l passphrase-file -d 'File holding the passphrase of an encrypted KEY (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from add" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from add" -l next -d 'Publish the key without letting it sign yet (`keyset activate` does that)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from remove" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from remove" -l force -d 'Remove it even if it is the key that signs'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "human\t'For a person: aligned blocks for one token, one line per token for --file/--batch'
json\t'One JSON object per input token, on one line, whatever the number of tokens'"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from list" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from activate" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from activate" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from activate" -s h -l help -d 'Print help'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from activate" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a key (PEM, DER or JWK; public or private, possibly encrypted) with its RFC 7638 thumbprint as kid, and print the kid. Into a file whose name or mode says public, only the public half is written'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove the key with this kid (never the key that signs, unless --force)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the keys: kid, kty, alg, use, created, private or public, and which one signs'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from help" -f -a "activate" -d 'Let a key added with --next sign (the newest private key that is not next signs)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand keyset; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l file -d 'Read many tokens, one per line (batch mode; `-` for stdin)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l key -d 'Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify), detected from the content' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l secret-env -d 'Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one only when --secret-env is given]' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l secret-file -d 'File holding the HMAC secret (one trailing newline is ignored)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l secret -d 'HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l passphrase-file -d 'File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l wordlist -d 'Extra candidate secrets to try against HS* tokens, one per line. HS* tokens are tried against 16 well-known secrets (tutorial and framework defaults), then this list, once per group of tokens sharing alg, iss and kid: a secret found is tried first on the group\'s other tokens, and a group whose first token matched nothing is not searched again' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l max-lifetime -d 'Lifetime above which a token is reported' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l fail-on -d 'Exit 6 when a finding at or above this severity exists' -r -f -a "info\t''
low\t''
medium\t''
high\t''
critical\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l at -d 'Judge times as of this moment instead of now' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -s o -l output -d 'Output format' -r -f -a "human\t'For a person: aligned blocks for one token, one line per token for --file/--batch'
json\t'One JSON object per input token, on one line, whatever the number of tokens'
tsv\t'Tab-separated values for spreadsheets and cut/sort/awk: a header line, then one row per input token, whatever the number of tokens (columns: --fields)'"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l fields -d 'Columns of --output tsv, comma-separated (e.g. line,verdict,sub,exp; --help lists them)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l summary -d 'Count the tokens by outcome, failed check, finding, alg, kid and iss, with the `sub` values per failure (human on stderr, or json as the last line on stdout)' -r -f -a "human\t'Counts for a person, on stderr'
json\t'One JSON object (`"kind": "summary"`), the last line on stdout'"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l only -d 'Write only the tokens that passed, or only those that did not (the summary counts all)' -r -f -a "valid\t'Tokens whose own exit code is 0'
invalid\t'Tokens whose own exit code is not 0, malformed lines included'"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l batch -d 'Treat stdin as many tokens, one per line, even if it holds just one'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l extract -d 'Find JWT-shaped strings anywhere in each line (plain or JSON logs, quoted values, `Bearer …`, `access_token=…`), many per line, each answered with its line and column; lines without one are skipped. Reads stdin or --file as a batch'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l secret-base64 -d 'The secret is base64 or base64url encoded; decode it before use'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -l json -d 'Shorthand for --output json'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand lint" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l users -d 'The users file (TOML or JSON, by extension)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l users-format -d 'Format of the users file, when its extension does not tell' -r -f -a "toml\t''
json\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l key -d 'Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify), detected from the content' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l secret-env -d 'Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one only when --secret-env is given]' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l secret-file -d 'File holding the HMAC secret (one trailing newline is ignored)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l secret -d 'HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l passphrase-file -d 'File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l alg -d 'Signing algorithm (default: HS256 for secrets, the key\'s own for --key)' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
ES512\t''
EdDSA\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l listen -d 'Address to listen on (port 0 picks a free port and prints the address)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l issuer -d 'Issuer URL put in tokens and the discovery document (default: http://LISTEN)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l aud -d 'Audience put in issued tokens' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l ttl -d 'Access-token lifetime' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l refresh-ttl -d 'Refresh-token lifetime' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l jwks -d 'Key set to sign with: a JWK set file (see `jwtctl keyset`) or a folder of key files. The newest private key signs, every key verifies and is published at /.well-known/jwks.json (keep a retired key in the set until its tokens have expired); edits are picked up without a restart' -r -F
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l max-failed-logins -d 'Failed logins in a row after which a username is locked out (1 s, doubling per failure; up to 15 min at the failing address, 30 s at others)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l max-failed-logins-per-address -d 'Failed logins one client address may make at once, for any usernames; then one more per second' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l header-timeout -d 'Time a client has to send a whole request head, from connecting or from the previous response' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l idle-timeout -d 'A connection on which nothing moves for this long is closed; also the time a request body has to arrive' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l max-connections -d 'Connections open at once; one more is answered 503 and closed' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l secret-base64 -d 'The secret is base64 or base64url encoded; decode it before use'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -l allow-weak-secret -d 'Sign even when the HMAC secret is shorter than the hash output'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand serve" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand ui" -l listen -d 'Loopback address to listen on (port 0 picks a free port)' -r
complete -c jwtctl -n "__fish_jwtctl_using_subcommand ui" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand ui" -l open -d 'Open the page in the default browser ($BROWSER, else the desktop\'s opener)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand ui" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand ui" -s h -l help -d 'Print help'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand ui" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand completions" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand completions" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand man" -l out -d 'Folder to write the pages into' -r -f -a "(__fish_complete_directories)"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand man" -l color -d 'When to use colors' -r -f -a "auto\t''
always\t''
never\t''"
complete -c jwtctl -n "__fish_jwtctl_using_subcommand man" -s q -l quiet -d 'Print nothing but the essential value; the exit code carries the rest'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand man" -s h -l help -d 'Print help'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand man" -s V -l version -d 'Print version'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and not __fish_seen_subcommand_from issue decode verify hash users keygen jwks jwk key keyset lint serve ui completions man help" -f -a "issue" -d 'Sign a token: for a user of the users file (--user) or with arbitrary claims (--sub)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and not __fish_seen_subcommand_from issue decode verify hash users keygen jwks jwk key keyset lint serve ui completions man help" -f -a "decode" -d 'Show a token\'s header, payload and expiry without checking its signature'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and not __fish_seen_subcommand_from issue decode verify hash users keygen jwks jwk key keyset lint serve ui completions man help" -f -a "verify" -d 'Check a token\'s signature and claims; the exit code tells the verdict'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and not __fish_seen_subcommand_from issue decode verify hash users keygen jwks jwk key keyset lint serve ui completions man help" -f -a "hash" -d 'Hash a password with argon2id, or check a password against an argon2/bcrypt hash'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and not __fish_seen_subcommand_from issue decode verify hash users keygen jwks jwk key keyset lint serve ui completions man help" -f -a "users" -d 'Manage the users file: add, passwd, remove, disable, enable, list, show, check, import, client'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and not __fish_seen_subcommand_from issue decode verify hash users keygen jwks jwk key keyset lint serve ui completions man help" -f -a "keygen" -d 'Generate an HMAC secret or a key pair'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and not __fish_seen_subcommand_from issue decode verify hash users keygen jwks jwk key keyset lint serve ui completions man help" -f -a "jwks" -d 'Print a JWKS document with the public halves of the given keys'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and not __fish_seen_subcommand_from issue decode verify hash users keygen jwks jwk key keyset lint serve ui completions man help" -f -a "jwk" -d 'JWK utilities'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and not __fish_seen_subcommand_from issue decode verify hash users keygen jwks jwk key keyset lint serve ui completions man help" -f -a "key" -d 'Key file utilities: inspect'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and not __fish_seen_subcommand_from issue decode verify hash users keygen jwks jwk key keyset lint serve ui completions man help" -f -a "keyset" -d 'Edit a key set (a JWK set file) for key rotation: add, remove, list, activate'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and not __fish_seen_subcommand_from issue decode verify hash users keygen jwks jwk key keyset lint serve ui completions man help" -f -a "lint" -d 'Audit tokens for weaknesses (alg none, weak or well-known secrets, missing exp, ...)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and not __fish_seen_subcommand_from issue decode verify hash users keygen jwks jwk key keyset lint serve ui completions man help" -f -a "serve" -d 'Run a local OAuth2 token server (/token, /me, JWKS, introspection) over the users file'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and not __fish_seen_subcommand_from issue decode verify hash users keygen jwks jwk key keyset lint serve ui completions man help" -f -a "ui" -d 'Open a local token debugger page in the browser: decode, lint and verify without sending a token anywhere'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and not __fish_seen_subcommand_from issue decode verify hash users keygen jwks jwk key keyset lint serve ui completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and not __fish_seen_subcommand_from issue decode verify hash users keygen jwks jwk key keyset lint serve ui completions man help" -f -a "man" -d 'Write man pages (jwtctl.1 and one per subcommand) into a folder'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and not __fish_seen_subcommand_from issue decode verify hash users keygen jwks jwk key keyset lint serve ui completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "add" -d 'Add a user (asks for the password, or --password-stdin)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "passwd" -d 'Set a new password for a user (always hashed with argon2id)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "remove" -d 'Remove a user'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "disable" -d 'Disable a user: no tokens are issued for them, and verify --check-user fails'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "enable" -d 'Enable a disabled user'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "list" -d 'List users'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "show" -d 'Show one user (never the hash)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "check" -d 'Authenticate a user (exit 0, or 7)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "import" -d 'Import users from a FastAPI-tutorial style JSON file (bcrypt hashes are kept)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "client" -d 'Manage OAuth2 clients (the client_credentials grant of serve): add, remove, list'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and __fish_seen_subcommand_from jwk" -f -a "thumbprint" -d 'Print the RFC 7638 SHA-256 thumbprint of a key'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and __fish_seen_subcommand_from key" -f -a "inspect" -d 'Show what a key file holds: type, size or curve, public or private, encrypted or not, RFC 7638 thumbprint, the algorithms it can serve, and weaknesses (small RSA, ROCA, short secrets, a private key others can read)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and __fish_seen_subcommand_from keyset" -f -a "add" -d 'Add a key (PEM, DER or JWK; public or private, possibly encrypted) with its RFC 7638 thumbprint as kid, and print the kid. Into a file whose name or mode says public, only the public half is written'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and __fish_seen_subcommand_from keyset" -f -a "remove" -d 'Remove the key with this kid (never the key that signs, unless --force)'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and __fish_seen_subcommand_from keyset" -f -a "list" -d 'List the keys: kid, kty, alg, use, created, private or public, and which one signs'
complete -c jwtctl -n "__fish_jwtctl_using_subcommand help; and __fish_seen_subcommand_from keyset" -f -a "activate" -d 'Let a key added with --next sign (the newest private key that is not next signs)'
