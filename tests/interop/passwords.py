"""Password hashes made and checked by Python's argon2-cffi and bcrypt, for tests/cli/hash.rs.

The password is always read from stdin (one line, newline stripped), never from argv.

    passwords.py argon2 [VARIANT VERSION]  print an argon2 hash: argon2-cffi's PasswordHasher
                                           defaults, or VARIANT (i, d, id) at VERSION (16, 19)
                                           with small costs
    passwords.py bcrypt PREFIX             print a bcrypt hash with prefix 2a, 2b or 2y, cost 4
    passwords.py argon2-verify HASH        exit 0 when the password matches HASH, 1 when not
"""

import sys

import bcrypt
from argon2 import PasswordHasher, exceptions
from argon2.low_level import Type, hash_secret

VARIANTS = {"i": Type.I, "d": Type.D, "id": Type.ID}


def main(argv):
    password = sys.stdin.buffer.readline().rstrip(b"\r\n")
    command = argv[1]
    if command == "argon2" and len(argv) == 2:
        print(PasswordHasher().hash(password))
    elif command == "argon2":
        variant, version = VARIANTS[argv[2]], int(argv[3])
        salt = bcrypt.gensalt()[7:23]  # 16 random characters, as good as any salt here
        raw = hash_secret(password, salt, 2, 256, 1, 32, variant, version=version)
        print(raw.decode())
    elif command == "bcrypt":
        prefix = argv[2]
        # bcrypt makes 2a and 2b; 2y is PHP's name for the same algorithm as 2b, which is how
        # passlib produces it too.
        made = bcrypt.hashpw(password, bcrypt.gensalt(4, prefix=b"2a" if prefix == "2a" else b"2b"))
        print("$" + prefix + made.decode()[3:])
    elif command == "argon2-verify":
        try:
            PasswordHasher().verify(argv[2], password)
        except exceptions.VerifyMismatchError:
            return 1
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
