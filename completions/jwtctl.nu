module completions {

  def "nu-complete jwtctl color" [] {
    [ "auto" "always" "never" ]
  }

  def "nu-complete jwtctl users_format" [] {
    [ "toml" "json" ]
  }

  # Hash passwords, keep users, issue, decode and verify JWT bearer tokens
  export extern jwtctl [
    --color: string@"nu-complete jwtctl color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl users_format" # Format of the users file, when its extension does not tell
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
  ]

  def "nu-complete jwtctl issue users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl issue alg" [] {
    [ "HS256" "HS384" "HS512" "RS256" "RS384" "RS512" "PS256" "PS384" "PS512" "ES256" "ES384" "ES512" "EdDSA" "none" ]
  }

  def "nu-complete jwtctl issue output" [] {
    [ "token" "json" "oauth2" ]
  }

  def "nu-complete jwtctl issue color" [] {
    [ "auto" "always" "never" ]
  }

  # Sign a token: for a user of the users file (--user) or with arbitrary claims (--sub)
  export extern "jwtctl issue" [
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl issue users_format" # Format of the users file, when its extension does not tell
    --key: path               # Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify), detected from the content
    --secret-env: string      # Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one only when --secret-env is given]
    --secret-file: path       # File holding the HMAC secret (one trailing newline is ignored)
    --secret: string          # HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)
    --secret-base64           # The secret is base64 or base64url encoded; decode it before use
    --passphrase-file: path   # File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)
    --alg: string@"nu-complete jwtctl issue alg" # Signing algorithm (default: HS256 for secrets, the key's own for --key); `none` makes an unsigned token, only with --insecure
    --no-exp                  # Leave `exp` out: a token that never expires (only with --insecure)
    --insecure                # Allow --alg none and --no-exp: tokens an API must refuse, made to check that it does (a warning says so on stderr and in -o json's warnings; jwtctl verify refuses alg none, and a token without exp with --require exp)
    --user: string            # Authenticate this user of the users file and issue their token
    --sub: string             # Subject (`sub`) of a token not tied to the users file
    --password-stdin          # Read the user's password from the first line of stdin
    --no-auth                 # Skip the password check (for an operator who holds the signing key); --scope, --claim and --header may then go beyond what the users file grants
    --ttl: string             # Lifetime of the token (e.g. 30m, 1h 30m, 7d)
    --nbf: string             # Not-before: the token becomes valid this long after issue (0s for now)
    --iss: string             # Issuer (`iss`)
    --aud: string             # Audience (`aud`); repeat for several
    --jti: string             # Token id (`jti`); without a value, a random one
    --kid: string             # Key id in the header; `auto` puts the key's RFC 7638 thumbprint. With --jwks, the member of the set that signs (and its kid goes in the header)
    --jwks: path              # Sign with a key set (a JWK set file, or a folder of key files): the member --kid, else the one `keyset list` shows as signing (the newest private key not added with --next)
    --scope: string           # OAuth2 scope; repeat or separate with spaces. With --user it narrows the user's scopes: each must be one they hold (exit 6 otherwise)
    --claim: string           # Extra claim; the value is JSON when it parses as JSON, a string otherwise. Never exp, iat, nbf or token_use; with --user, never sub, iss, aud, jti, scope or a claim the users file sets
    --header: string          # Extra header field; the value is JSON when it parses as JSON, a string otherwise. Never alg or crit; with --user, never a name --claim may not set
    --refresh                 # Also issue a refresh token (`token_use: "refresh"`)
    --refresh-ttl: string     # Lifetime of the refresh token
    --allow-weak-secret       # Sign even when the HMAC secret is shorter than the hash output
    --at: string              # Issue as of this time (RFC 3339 or Unix seconds) instead of now
    --output(-o): string@"nu-complete jwtctl issue output" # Output format
    --json                    # Shorthand for --output json
    --color: string@"nu-complete jwtctl issue color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
  ]

  def "nu-complete jwtctl decode output" [] {
    [ "human" "json" "tsv" ]
  }

  def "nu-complete jwtctl decode summary" [] {
    [ "human" "json" ]
  }

  def "nu-complete jwtctl decode only" [] {
    [ "valid" "invalid" ]
  }

  def "nu-complete jwtctl decode color" [] {
    [ "auto" "always" "never" ]
  }

  # Show a token's header, payload and expiry without checking its signature
  export extern "jwtctl decode" [
    --file: path              # Read many tokens, one per line (batch mode; `-` for stdin)
    --batch                   # Treat stdin as many tokens, one per line, even if it holds just one
    --extract                 # Find JWT-shaped strings anywhere in each line (plain or JSON logs, quoted values, `Bearer …`, `access_token=…`), many per line, each answered with its line and column; lines without one are skipped. Reads stdin or --file as a batch
    --output(-o): string@"nu-complete jwtctl decode output" # Output format
    --fields: string          # Columns of --output tsv, comma-separated (e.g. line,verdict,sub,exp; --help lists them)
    --json                    # Shorthand for --output json
    --summary: string@"nu-complete jwtctl decode summary" # Count the tokens by outcome, failed check, finding, alg, kid and iss, with the `sub` values per failure (human on stderr, or json as the last line on stdout)
    --only: string@"nu-complete jwtctl decode only" # Write only the tokens that passed, or only those that did not (the summary counts all)
    --at: string              # Judge times as of this moment (RFC 3339 or Unix seconds) instead of now
    --date: string            # Show times for people in UTC, the local zone, or at an offset (utc, local, +02:00); JSON keeps RFC 3339 UTC
    --color: string@"nu-complete jwtctl decode color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
    token?: string            # The token; `-` or nothing reads stdin (a `Bearer ` prefix is accepted)
  ]

  def "nu-complete jwtctl verify users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl verify alg" [] {
    [ "HS256" "HS384" "HS512" "RS256" "RS384" "RS512" "PS256" "PS384" "PS512" "ES256" "ES384" "ES512" "EdDSA" ]
  }

  def "nu-complete jwtctl verify token_use" [] {
    [ "access" "refresh" "any" ]
  }

  def "nu-complete jwtctl verify output" [] {
    [ "human" "json" "tsv" ]
  }

  def "nu-complete jwtctl verify summary" [] {
    [ "human" "json" ]
  }

  def "nu-complete jwtctl verify only" [] {
    [ "valid" "invalid" ]
  }

  def "nu-complete jwtctl verify color" [] {
    [ "auto" "always" "never" ]
  }

  # Check a token's signature and claims; the exit code tells the verdict
  export extern "jwtctl verify" [
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl verify users_format" # Format of the users file, when its extension does not tell
    --file: path              # Read many tokens, one per line (batch mode; `-` for stdin)
    --batch                   # Treat stdin as many tokens, one per line, even if it holds just one
    --extract                 # Find JWT-shaped strings anywhere in each line (plain or JSON logs, quoted values, `Bearer …`, `access_token=…`), many per line, each answered with its line and column; lines without one are skipped. Reads stdin or --file as a batch
    --key: path               # Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify), detected from the content
    --secret-env: string      # Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one only when --secret-env is given]
    --secret-file: path       # File holding the HMAC secret (one trailing newline is ignored)
    --secret: string          # HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)
    --secret-base64           # The secret is base64 or base64url encoded; decode it before use
    --passphrase-file: path   # File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)
    --jwks: path              # JWKS file or https:// URL to pick the key from by the token's `kid`
    --oidc: string            # OpenID Connect issuer: find its JWKS through /.well-known/openid-configuration (implies --iss ISSUER unless --iss is given)
    --allow-http              # Allow fetching key sets over plain http:// (local test servers only)
    --ca-file: path           # PEM file of the certificate authorities trusted for --jwks URL and --oidc, instead of the bundled web roots (an issuer behind a private CA)
    --system-roots            # Trust the operating system's certificate store for --jwks URL and --oidc, instead of the bundled web roots
    --alg: string@"nu-complete jwtctl verify alg" # Allowed algorithm; repeat for several (default: every algorithm the key allows)
    --leeway: string          # Clock skew tolerated for exp, nbf and iat
    --iss: string             # Required issuer
    --aud: string             # Accepted audience; repeat for any-of. A token with an `aud` fails without it
    --ignore-aud              # Accept a token whose `aud` is not checked (without --aud, a token naming an audience fails: RFC 7519 4.1.3)
    --sub: string             # Required subject
    --require: string         # Claim that must be present; repeat for several
    --scope: string           # Scope the token must grant; repeat or separate with spaces (all must be present)
    --at: string              # Judge the token as of this time (RFC 3339 or Unix seconds) instead of now
    --date: string            # Show times for people in UTC, the local zone, or at an offset (utc, local, +02:00); JSON keeps RFC 3339 UTC
    --jws                     # Check the signature only: accept a JWS whose payload is not a JWT claims set (times and claims are not judged, so claim checks cannot be combined with it)
    --token-use: string@"nu-complete jwtctl verify token_use" # Which tokens to accept: access tokens (refresh tokens, `token_use: "refresh"`, fail), refresh tokens only, or any
    --check-user              # Check that `sub` names an enabled user of the users file (implied by --users FILE or JWTCTL_USERS=FILE)
    --output(-o): string@"nu-complete jwtctl verify output" # Output format
    --fields: string          # Columns of --output tsv, comma-separated (e.g. line,verdict,sub,exp; --help lists them)
    --json                    # Shorthand for --output json
    --summary: string@"nu-complete jwtctl verify summary" # Count the tokens by outcome, failed check, finding, alg, kid and iss, with the `sub` values per failure (human on stderr, or json as the last line on stdout)
    --only: string@"nu-complete jwtctl verify only" # Write only the tokens that passed, or only those that did not (the summary counts all)
    --color: string@"nu-complete jwtctl verify color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
    token?: string            # The token; `-` or nothing reads stdin (a `Bearer ` prefix is accepted)
  ]

  def "nu-complete jwtctl hash color" [] {
    [ "auto" "always" "never" ]
  }

  # Hash a password with argon2id, or check a password against an argon2/bcrypt hash
  export extern "jwtctl hash" [
    --verify: string          # Check the password against this hash instead of making one (exit 0 match, 7 mismatch, 3 for a hash beyond the cost bounds: argon2 m<=1 GiB, t<=32, p<=16, bcrypt cost<=20)
    --password-stdin          # Read the password from the first line of stdin
    --m-cost: string          # argon2 memory cost in KiB
    --t-cost: string          # argon2 iterations
    --p-cost: string          # argon2 parallelism (lanes)
    --color: string@"nu-complete jwtctl hash color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help
    --version(-V)             # Print version
  ]

  def "nu-complete jwtctl users users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl users color" [] {
    [ "auto" "always" "never" ]
  }

  # Manage the users file: add, passwd, remove, disable, enable, list, show, check, import, client
  export extern "jwtctl users" [
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl users users_format" # Format of the users file, when its extension does not tell
    --color: string@"nu-complete jwtctl users color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
  ]

  def "nu-complete jwtctl users add users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl users add color" [] {
    [ "auto" "always" "never" ]
  }

  # Add a user (asks for the password, or --password-stdin)
  export extern "jwtctl users add" [
    --scope: string           # Scope granted to the user; repeat or separate with spaces
    --claim: string           # Custom claim put in the user's tokens; the value is JSON when it parses as JSON
    --password-stdin          # Read the password from the first line of stdin
    --disabled                # Add the user disabled
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl users add users_format" # Format of the users file, when its extension does not tell
    --color: string@"nu-complete jwtctl users add color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
    name: string              # User name
  ]

  def "nu-complete jwtctl users passwd users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl users passwd color" [] {
    [ "auto" "always" "never" ]
  }

  # Set a new password for a user (always hashed with argon2id)
  export extern "jwtctl users passwd" [
    --password-stdin          # Read the password from the first line of stdin
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl users passwd users_format" # Format of the users file, when its extension does not tell
    --color: string@"nu-complete jwtctl users passwd color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
    name: string              # User name
  ]

  def "nu-complete jwtctl users remove users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl users remove color" [] {
    [ "auto" "always" "never" ]
  }

  # Remove a user
  export extern "jwtctl users remove" [
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl users remove users_format" # Format of the users file, when its extension does not tell
    --color: string@"nu-complete jwtctl users remove color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
    name: string              # User name
  ]

  def "nu-complete jwtctl users disable users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl users disable color" [] {
    [ "auto" "always" "never" ]
  }

  # Disable a user: no tokens are issued for them, and verify --check-user fails
  export extern "jwtctl users disable" [
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl users disable users_format" # Format of the users file, when its extension does not tell
    --color: string@"nu-complete jwtctl users disable color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
    name: string              # User name
  ]

  def "nu-complete jwtctl users enable users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl users enable color" [] {
    [ "auto" "always" "never" ]
  }

  # Enable a disabled user
  export extern "jwtctl users enable" [
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl users enable users_format" # Format of the users file, when its extension does not tell
    --color: string@"nu-complete jwtctl users enable color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
    name: string              # User name
  ]

  def "nu-complete jwtctl users list output" [] {
    [ "human" "json" ]
  }

  def "nu-complete jwtctl users list users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl users list color" [] {
    [ "auto" "always" "never" ]
  }

  # List users
  export extern "jwtctl users list" [
    --output(-o): string@"nu-complete jwtctl users list output" # Output format
    --json                    # Shorthand for --output json
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl users list users_format" # Format of the users file, when its extension does not tell
    --color: string@"nu-complete jwtctl users list color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
  ]

  def "nu-complete jwtctl users show output" [] {
    [ "human" "json" ]
  }

  def "nu-complete jwtctl users show users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl users show color" [] {
    [ "auto" "always" "never" ]
  }

  # Show one user (never the hash)
  export extern "jwtctl users show" [
    --output(-o): string@"nu-complete jwtctl users show output" # Output format
    --json                    # Shorthand for --output json
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl users show users_format" # Format of the users file, when its extension does not tell
    --color: string@"nu-complete jwtctl users show color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
    name: string              # User name
  ]

  def "nu-complete jwtctl users check users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl users check color" [] {
    [ "auto" "always" "never" ]
  }

  # Authenticate a user (exit 0, or 7)
  export extern "jwtctl users check" [
    --password-stdin          # Read the password from the first line of stdin
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl users check users_format" # Format of the users file, when its extension does not tell
    --color: string@"nu-complete jwtctl users check color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
    name: string              # User name
  ]

  def "nu-complete jwtctl users import users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl users import color" [] {
    [ "auto" "always" "never" ]
  }

  # Import users from a FastAPI-tutorial style JSON file (bcrypt hashes are kept)
  export extern "jwtctl users import" [
    --replace                 # Replace users that already exist instead of failing
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl users import users_format" # Format of the users file, when its extension does not tell
    --color: string@"nu-complete jwtctl users import color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
    file: path                # JSON file shaped like the FastAPI tutorial's fake_users_db
  ]

  def "nu-complete jwtctl users client users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl users client color" [] {
    [ "auto" "always" "never" ]
  }

  # Manage OAuth2 clients (the client_credentials grant of serve): add, remove, list
  export extern "jwtctl users client" [
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl users client users_format" # Format of the users file, when its extension does not tell
    --color: string@"nu-complete jwtctl users client color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
  ]

  def "nu-complete jwtctl users client add users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl users client add color" [] {
    [ "auto" "always" "never" ]
  }

  # Add a client; its secret is generated and printed once on stdout, or read with --secret-stdin (only its argon2id hash is stored)
  export extern "jwtctl users client add" [
    --scope: string           # Scope granted to the client; repeat or separate with spaces
    --claim: string           # Custom claim put in the client's tokens; the value is JSON when it parses as JSON
    --secret-stdin            # Read the secret from the first line of stdin instead of generating one
    --ttl: string             # Lifetime of the client's access tokens, instead of serve's --ttl
    --disabled                # Add the client disabled
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl users client add users_format" # Format of the users file, when its extension does not tell
    --color: string@"nu-complete jwtctl users client add color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
    name: string              # Client id (the client_id at /token, and sub of its tokens)
  ]

  def "nu-complete jwtctl users client remove users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl users client remove color" [] {
    [ "auto" "always" "never" ]
  }

  # Remove a client
  export extern "jwtctl users client remove" [
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl users client remove users_format" # Format of the users file, when its extension does not tell
    --color: string@"nu-complete jwtctl users client remove color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
    name: string              # Client id
  ]

  def "nu-complete jwtctl users client list output" [] {
    [ "human" "json" ]
  }

  def "nu-complete jwtctl users client list users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl users client list color" [] {
    [ "auto" "always" "never" ]
  }

  # List clients (never their secrets)
  export extern "jwtctl users client list" [
    --output(-o): string@"nu-complete jwtctl users client list output" # Output format
    --json                    # Shorthand for --output json
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl users client list users_format" # Format of the users file, when its extension does not tell
    --color: string@"nu-complete jwtctl users client list color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "jwtctl users client help" [
  ]

  # Add a client; its secret is generated and printed once on stdout, or read with --secret-stdin (only its argon2id hash is stored)
  export extern "jwtctl users client help add" [
  ]

  # Remove a client
  export extern "jwtctl users client help remove" [
  ]

  # List clients (never their secrets)
  export extern "jwtctl users client help list" [
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "jwtctl users client help help" [
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "jwtctl users help" [
  ]

  # Add a user (asks for the password, or --password-stdin)
  export extern "jwtctl users help add" [
  ]

  # Set a new password for a user (always hashed with argon2id)
  export extern "jwtctl users help passwd" [
  ]

  # Remove a user
  export extern "jwtctl users help remove" [
  ]

  # Disable a user: no tokens are issued for them, and verify --check-user fails
  export extern "jwtctl users help disable" [
  ]

  # Enable a disabled user
  export extern "jwtctl users help enable" [
  ]

  # List users
  export extern "jwtctl users help list" [
  ]

  # Show one user (never the hash)
  export extern "jwtctl users help show" [
  ]

  # Authenticate a user (exit 0, or 7)
  export extern "jwtctl users help check" [
  ]

  # Import users from a FastAPI-tutorial style JSON file (bcrypt hashes are kept)
  export extern "jwtctl users help import" [
  ]

  # Manage OAuth2 clients (the client_credentials grant of serve): add, remove, list
  export extern "jwtctl users help client" [
  ]

  # Add a client; its secret is generated and printed once on stdout, or read with --secret-stdin (only its argon2id hash is stored)
  export extern "jwtctl users help client add" [
  ]

  # Remove a client
  export extern "jwtctl users help client remove" [
  ]

  # List clients (never their secrets)
  export extern "jwtctl users help client list" [
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "jwtctl users help help" [
  ]

  def "nu-complete jwtctl keygen alg" [] {
    [ "HS256" "HS384" "HS512" "RS256" "RS384" "RS512" "PS256" "PS384" "PS512" "ES256" "ES384" "ES512" "EdDSA" ]
  }

  def "nu-complete jwtctl keygen format" [] {
    [ "pem" "jwk" ]
  }

  def "nu-complete jwtctl keygen output" [] {
    [ "text" "json" ]
  }

  def "nu-complete jwtctl keygen color" [] {
    [ "auto" "always" "never" ]
  }

  # Generate an HMAC secret or a key pair
  export extern "jwtctl keygen" [
    --alg: string@"nu-complete jwtctl keygen alg" # Algorithm the key is for
    --out: path               # Output prefix: PREFIX.pem and PREFIX.pub.pem (or .jwk / .pub.jwk); for HS*, the secret file
    --bits: string            # RSA modulus size: 2048, 3072 or 4096
    --format: string@"nu-complete jwtctl keygen format" # Key file format
    --kid: string             # Key id to record in JWK output (default: the RFC 7638 thumbprint)
    --force                   # Overwrite existing key files
    --output(-o): string@"nu-complete jwtctl keygen output" # What to print on stdout once the files are written: nothing (the paths and kid go to stderr), or one JSON object with the paths, kid and alg (needs --out)
    --json                    # Shorthand for --output json
    --encrypt                 # Encrypt the private key (PKCS#8, PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC) with a passphrase from --passphrase-file, $JWTCTL_KEY_PASSPHRASE or a prompt
    --passphrase-file: path   # File holding the passphrase for --encrypt (one trailing newline is ignored)
    --color: string@"nu-complete jwtctl keygen color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
  ]

  def "nu-complete jwtctl jwks alg" [] {
    [ "HS256" "HS384" "HS512" "RS256" "RS384" "RS512" "PS256" "PS384" "PS512" "ES256" "ES384" "ES512" "EdDSA" ]
  }

  def "nu-complete jwtctl jwks color" [] {
    [ "auto" "always" "never" ]
  }

  # Print a JWKS document with the public halves of the given keys
  export extern "jwtctl jwks" [
    --kid: string             # Key id for each key, in order (default: RFC 7638 thumbprint)
    --alg: string@"nu-complete jwtctl jwks alg" # Algorithm to record for each key (default: what the key implies)
    --color: string@"nu-complete jwtctl jwks color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help
    --version(-V)             # Print version
    ...keys: path             # Key files (public or private keys, or X.509 certificates; only public halves are printed)
  ]

  def "nu-complete jwtctl jwk color" [] {
    [ "auto" "always" "never" ]
  }

  # JWK utilities
  export extern "jwtctl jwk" [
    --color: string@"nu-complete jwtctl jwk color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help
    --version(-V)             # Print version
  ]

  def "nu-complete jwtctl jwk thumbprint color" [] {
    [ "auto" "always" "never" ]
  }

  # Print the RFC 7638 SHA-256 thumbprint of a key
  export extern "jwtctl jwk thumbprint" [
    --color: string@"nu-complete jwtctl jwk thumbprint color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help
    --version(-V)             # Print version
    key: path                 # Key file (PEM, DER or JWK)
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "jwtctl jwk help" [
  ]

  # Print the RFC 7638 SHA-256 thumbprint of a key
  export extern "jwtctl jwk help thumbprint" [
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "jwtctl jwk help help" [
  ]

  def "nu-complete jwtctl key color" [] {
    [ "auto" "always" "never" ]
  }

  # Key file utilities: inspect
  export extern "jwtctl key" [
    --color: string@"nu-complete jwtctl key color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help
    --version(-V)             # Print version
  ]

  def "nu-complete jwtctl key inspect output" [] {
    [ "human" "json" ]
  }

  def "nu-complete jwtctl key inspect color" [] {
    [ "auto" "always" "never" ]
  }

  # Show what a key file holds: type, size or curve, public or private, encrypted or not, RFC 7638 thumbprint, the algorithms it can serve, and weaknesses (small RSA, ROCA, short secrets, a private key others can read)
  export extern "jwtctl key inspect" [
    --passphrase-file: path   # File holding the passphrase of encrypted keys (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal; without either, an encrypted key shows what it can)
    --output(-o): string@"nu-complete jwtctl key inspect output" # Output format (JSON: one object per file, one per line)
    --color: string@"nu-complete jwtctl key inspect color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
    ...files: path            # Key files: PEM, DER or JWK, possibly encrypted
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "jwtctl key help" [
  ]

  # Show what a key file holds: type, size or curve, public or private, encrypted or not, RFC 7638 thumbprint, the algorithms it can serve, and weaknesses (small RSA, ROCA, short secrets, a private key others can read)
  export extern "jwtctl key help inspect" [
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "jwtctl key help help" [
  ]

  def "nu-complete jwtctl keyset color" [] {
    [ "auto" "always" "never" ]
  }

  # Edit a key set (a JWK set file) for key rotation: add, remove, list, activate
  export extern "jwtctl keyset" [
    --color: string@"nu-complete jwtctl keyset color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help
    --version(-V)             # Print version
  ]

  def "nu-complete jwtctl keyset add alg" [] {
    [ "HS256" "HS384" "HS512" "RS256" "RS384" "RS512" "PS256" "PS384" "PS512" "ES256" "ES384" "ES512" "EdDSA" ]
  }

  def "nu-complete jwtctl keyset add color" [] {
    [ "auto" "always" "never" ]
  }

  # Add a key (PEM, DER or JWK; public or private, possibly encrypted) with its RFC 7638 thumbprint as kid, and print the kid. Into a file whose name or mode says public, only the public half is written
  export extern "jwtctl keyset add" [
    --kid: string             # Key id (default: the key's own kid, else its RFC 7638 thumbprint)
    --alg: string@"nu-complete jwtctl keyset add alg" # Algorithm to record (default: what the key implies)
    --next                    # Publish the key without letting it sign yet (`keyset activate` does that)
    --passphrase-file: path   # File holding the passphrase of an encrypted KEY (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)
    --color: string@"nu-complete jwtctl keyset add color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help
    --version(-V)             # Print version
    set: path                 # The JWK set file (created when missing: mode 0600, or 0644 when its name says public)
    key: path                 # The key to add: PEM, DER or JWK, possibly encrypted
  ]

  def "nu-complete jwtctl keyset remove color" [] {
    [ "auto" "always" "never" ]
  }

  # Remove the key with this kid (never the key that signs, unless --force)
  export extern "jwtctl keyset remove" [
    --force                   # Remove it even if it is the key that signs
    --color: string@"nu-complete jwtctl keyset remove color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help
    --version(-V)             # Print version
    set: path                 # The JWK set file
    kid: string               # Key id (a thumbprint may start with `-`, which is taken as the kid, not an option)
  ]

  def "nu-complete jwtctl keyset list output" [] {
    [ "human" "json" ]
  }

  def "nu-complete jwtctl keyset list color" [] {
    [ "auto" "always" "never" ]
  }

  # List the keys: kid, kty, alg, use, created, private or public, and which one signs
  export extern "jwtctl keyset list" [
    --output(-o): string@"nu-complete jwtctl keyset list output" # Output format
    --color: string@"nu-complete jwtctl keyset list color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
    set: path                 # The JWK set file
  ]

  def "nu-complete jwtctl keyset activate color" [] {
    [ "auto" "always" "never" ]
  }

  # Let a key added with --next sign (the newest private key that is not next signs)
  export extern "jwtctl keyset activate" [
    --color: string@"nu-complete jwtctl keyset activate color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help
    --version(-V)             # Print version
    set: path                 # The JWK set file
    kid: string               # Key id (a thumbprint may start with `-`, which is taken as the kid, not an option)
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "jwtctl keyset help" [
  ]

  # Add a key (PEM, DER or JWK; public or private, possibly encrypted) with its RFC 7638 thumbprint as kid, and print the kid. Into a file whose name or mode says public, only the public half is written
  export extern "jwtctl keyset help add" [
  ]

  # Remove the key with this kid (never the key that signs, unless --force)
  export extern "jwtctl keyset help remove" [
  ]

  # List the keys: kid, kty, alg, use, created, private or public, and which one signs
  export extern "jwtctl keyset help list" [
  ]

  # Let a key added with --next sign (the newest private key that is not next signs)
  export extern "jwtctl keyset help activate" [
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "jwtctl keyset help help" [
  ]

  def "nu-complete jwtctl lint fail_on" [] {
    [ "info" "low" "medium" "high" "critical" ]
  }

  def "nu-complete jwtctl lint output" [] {
    [ "human" "json" "tsv" ]
  }

  def "nu-complete jwtctl lint summary" [] {
    [ "human" "json" ]
  }

  def "nu-complete jwtctl lint only" [] {
    [ "valid" "invalid" ]
  }

  def "nu-complete jwtctl lint color" [] {
    [ "auto" "always" "never" ]
  }

  # Audit tokens for weaknesses (alg none, weak or well-known secrets, missing exp, ...)
  export extern "jwtctl lint" [
    --file: path              # Read many tokens, one per line (batch mode; `-` for stdin)
    --batch                   # Treat stdin as many tokens, one per line, even if it holds just one
    --extract                 # Find JWT-shaped strings anywhere in each line (plain or JSON logs, quoted values, `Bearer …`, `access_token=…`), many per line, each answered with its line and column; lines without one are skipped. Reads stdin or --file as a batch
    --key: path               # Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify), detected from the content
    --secret-env: string      # Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one only when --secret-env is given]
    --secret-file: path       # File holding the HMAC secret (one trailing newline is ignored)
    --secret: string          # HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)
    --secret-base64           # The secret is base64 or base64url encoded; decode it before use
    --passphrase-file: path   # File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)
    --wordlist: path          # Extra candidate secrets to try against HS* tokens, one per line. HS* tokens are tried against 16 well-known secrets (tutorial and framework defaults), then this list, once per group of tokens sharing alg, iss and kid: a secret found is tried first on the group's other tokens, and a group whose first token matched nothing is not searched again
    --max-lifetime: string    # Lifetime above which a token is reported
    --fail-on: string@"nu-complete jwtctl lint fail_on" # Exit 6 when a finding at or above this severity exists
    --at: string              # Judge times as of this moment instead of now
    --output(-o): string@"nu-complete jwtctl lint output" # Output format
    --fields: string          # Columns of --output tsv, comma-separated (e.g. line,verdict,sub,exp; --help lists them)
    --json                    # Shorthand for --output json
    --summary: string@"nu-complete jwtctl lint summary" # Count the tokens by outcome, failed check, finding, alg, kid and iss, with the `sub` values per failure (human on stderr, or json as the last line on stdout)
    --only: string@"nu-complete jwtctl lint only" # Write only the tokens that passed, or only those that did not (the summary counts all)
    --color: string@"nu-complete jwtctl lint color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
    token?: string            # The token; `-` or nothing reads stdin (a `Bearer ` prefix is accepted)
  ]

  def "nu-complete jwtctl serve users_format" [] {
    [ "toml" "json" ]
  }

  def "nu-complete jwtctl serve alg" [] {
    [ "HS256" "HS384" "HS512" "RS256" "RS384" "RS512" "PS256" "PS384" "PS512" "ES256" "ES384" "ES512" "EdDSA" ]
  }

  def "nu-complete jwtctl serve color" [] {
    [ "auto" "always" "never" ]
  }

  # Run a local OAuth2 token server (/token, /me, JWKS, introspection) over the users file
  export extern "jwtctl serve" [
    --users: path             # The users file (TOML or JSON, by extension)
    --users-format: string@"nu-complete jwtctl serve users_format" # Format of the users file, when its extension does not tell
    --key: path               # Key file: PEM (PKCS#1, PKCS#8, SEC1, SPKI), DER, JWK, or an X.509 certificate (to verify), detected from the content
    --secret-env: string      # Environment variable holding the HMAC secret [default: JWTCTL_SECRET; lint reads one only when --secret-env is given]
    --secret-file: path       # File holding the HMAC secret (one trailing newline is ignored)
    --secret: string          # HMAC secret on the command line (visible in `ps`; prefer --secret-env or --secret-file)
    --secret-base64           # The secret is base64 or base64url encoded; decode it before use
    --passphrase-file: path   # File holding the passphrase of an encrypted --key (default: $JWTCTL_KEY_PASSPHRASE, else a prompt on a terminal)
    --alg: string@"nu-complete jwtctl serve alg" # Signing algorithm (default: HS256 for secrets, the key's own for --key)
    --listen: string          # Address to listen on (port 0 picks a free port and prints the address)
    --issuer: string          # Issuer URL put in tokens and the discovery document (default: http://LISTEN)
    --aud: string             # Audience put in issued tokens
    --ttl: string             # Access-token lifetime
    --refresh-ttl: string     # Refresh-token lifetime
    --allow-weak-secret       # Sign even when the HMAC secret is shorter than the hash output
    --jwks: path              # Key set to sign with: a JWK set file (see `jwtctl keyset`) or a folder of key files. The newest private key signs, every key verifies and is published at /.well-known/jwks.json (keep a retired key in the set until its tokens have expired); edits are picked up without a restart
    --max-failed-logins: string # Failed logins in a row after which a username is locked out (1 s, doubling per failure; up to 15 min at the failing address, 30 s at others)
    --max-failed-logins-per-address: string # Failed logins one client address may make at once, for any usernames; then one more per second
    --header-timeout: string  # Time a client has to send a whole request head, from connecting or from the previous response
    --idle-timeout: string    # A connection on which nothing moves for this long is closed; also the time a request body has to arrive
    --max-connections: string # Connections open at once; one more is answered 503 and closed
    --color: string@"nu-complete jwtctl serve color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help (see more with '--help')
    --version(-V)             # Print version
  ]

  def "nu-complete jwtctl ui color" [] {
    [ "auto" "always" "never" ]
  }

  # Open a local token debugger page in the browser: decode, lint and verify without sending a token anywhere
  export extern "jwtctl ui" [
    --listen: string          # Loopback address to listen on (port 0 picks a free port)
    --open                    # Open the page in the default browser ($BROWSER, else the desktop's opener)
    --color: string@"nu-complete jwtctl ui color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help
    --version(-V)             # Print version
  ]

  def "nu-complete jwtctl completions shell" [] {
    [ "bash" "elvish" "fish" "nushell" "powershell" "zsh" ]
  }

  def "nu-complete jwtctl completions color" [] {
    [ "auto" "always" "never" ]
  }

  # Print a shell completion script
  export extern "jwtctl completions" [
    --color: string@"nu-complete jwtctl completions color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help
    --version(-V)             # Print version
    shell: string@"nu-complete jwtctl completions shell" # Shell to generate for
  ]

  def "nu-complete jwtctl man color" [] {
    [ "auto" "always" "never" ]
  }

  # Write man pages (jwtctl.1 and one per subcommand) into a folder
  export extern "jwtctl man" [
    --out: directory          # Folder to write the pages into
    --color: string@"nu-complete jwtctl man color" # When to use colors
    --quiet(-q)               # Print nothing but the essential value; the exit code carries the rest
    --help(-h)                # Print help
    --version(-V)             # Print version
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "jwtctl help" [
  ]

  # Sign a token: for a user of the users file (--user) or with arbitrary claims (--sub)
  export extern "jwtctl help issue" [
  ]

  # Show a token's header, payload and expiry without checking its signature
  export extern "jwtctl help decode" [
  ]

  # Check a token's signature and claims; the exit code tells the verdict
  export extern "jwtctl help verify" [
  ]

  # Hash a password with argon2id, or check a password against an argon2/bcrypt hash
  export extern "jwtctl help hash" [
  ]

  # Manage the users file: add, passwd, remove, disable, enable, list, show, check, import, client
  export extern "jwtctl help users" [
  ]

  # Add a user (asks for the password, or --password-stdin)
  export extern "jwtctl help users add" [
  ]

  # Set a new password for a user (always hashed with argon2id)
  export extern "jwtctl help users passwd" [
  ]

  # Remove a user
  export extern "jwtctl help users remove" [
  ]

  # Disable a user: no tokens are issued for them, and verify --check-user fails
  export extern "jwtctl help users disable" [
  ]

  # Enable a disabled user
  export extern "jwtctl help users enable" [
  ]

  # List users
  export extern "jwtctl help users list" [
  ]

  # Show one user (never the hash)
  export extern "jwtctl help users show" [
  ]

  # Authenticate a user (exit 0, or 7)
  export extern "jwtctl help users check" [
  ]

  # Import users from a FastAPI-tutorial style JSON file (bcrypt hashes are kept)
  export extern "jwtctl help users import" [
  ]

  # Manage OAuth2 clients (the client_credentials grant of serve): add, remove, list
  export extern "jwtctl help users client" [
  ]

  # Add a client; its secret is generated and printed once on stdout, or read with --secret-stdin (only its argon2id hash is stored)
  export extern "jwtctl help users client add" [
  ]

  # Remove a client
  export extern "jwtctl help users client remove" [
  ]

  # List clients (never their secrets)
  export extern "jwtctl help users client list" [
  ]

  # Generate an HMAC secret or a key pair
  export extern "jwtctl help keygen" [
  ]

  # Print a JWKS document with the public halves of the given keys
  export extern "jwtctl help jwks" [
  ]

  # JWK utilities
  export extern "jwtctl help jwk" [
  ]

  # Print the RFC 7638 SHA-256 thumbprint of a key
  export extern "jwtctl help jwk thumbprint" [
  ]

  # Key file utilities: inspect
  export extern "jwtctl help key" [
  ]

  # Show what a key file holds: type, size or curve, public or private, encrypted or not, RFC 7638 thumbprint, the algorithms it can serve, and weaknesses (small RSA, ROCA, short secrets, a private key others can read)
  export extern "jwtctl help key inspect" [
  ]

  # Edit a key set (a JWK set file) for key rotation: add, remove, list, activate
  export extern "jwtctl help keyset" [
  ]

  # Add a key (PEM, DER or JWK; public or private, possibly encrypted) with its RFC 7638 thumbprint as kid, and print the kid. Into a file whose name or mode says public, only the public half is written
  export extern "jwtctl help keyset add" [
  ]

  # Remove the key with this kid (never the key that signs, unless --force)
  export extern "jwtctl help keyset remove" [
  ]

  # List the keys: kid, kty, alg, use, created, private or public, and which one signs
  export extern "jwtctl help keyset list" [
  ]

  # Let a key added with --next sign (the newest private key that is not next signs)
  export extern "jwtctl help keyset activate" [
  ]

  # Audit tokens for weaknesses (alg none, weak or well-known secrets, missing exp, ...)
  export extern "jwtctl help lint" [
  ]

  # Run a local OAuth2 token server (/token, /me, JWKS, introspection) over the users file
  export extern "jwtctl help serve" [
  ]

  # Open a local token debugger page in the browser: decode, lint and verify without sending a token anywhere
  export extern "jwtctl help ui" [
  ]

  # Print a shell completion script
  export extern "jwtctl help completions" [
  ]

  # Write man pages (jwtctl.1 and one per subcommand) into a folder
  export extern "jwtctl help man" [
  ]

  # Print this message or the help of the given subcommand(s)
  export extern "jwtctl help help" [
  ]

}

export use completions *
