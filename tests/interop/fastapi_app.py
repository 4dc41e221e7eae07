"""The FastAPI security tutorial's app ("OAuth2 with Password (and hashing), Bearer with JWT
tokens"), as the APIs jwtctl serves tokens for are written.

Configured from the environment, so one file serves the interop tests and the benchmark:
  JWT_SECRET      HS256 secret (the tutorial's setup), or
  JWKS_URL        a JWK set to fetch once at start-up (jwtctl serve's /.well-known/jwks.json)
  JWT_ALGORITHM   default HS256 (RS256 etc. with JWKS_URL)
  JWT_ISSUER      required `iss`, when set
  KNOWN_USERS     comma-separated names /me accepts besides the tutorial's johndoe
  USERS_DB        a JSON file in the shape of fake_users_db (bcrypt hashes), added to it: the
                  app's user store, as `jwtctl users import` reads it

Run: JWT_SECRET=... uvicorn --app-dir tests/interop fastapi_app:app --port 8001
"""

import json
import os
import urllib.request
from datetime import datetime, timedelta, timezone
from typing import Annotated, Union

import bcrypt
from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from jose import JWTError, jwt
from pydantic import BaseModel

ALGORITHM = os.environ.get("JWT_ALGORITHM", "HS256")
ISSUER = os.environ.get("JWT_ISSUER")
ACCESS_TOKEN_EXPIRE_MINUTES = 30

if os.environ.get("JWKS_URL"):
    with urllib.request.urlopen(os.environ["JWKS_URL"], timeout=10) as r:
        VERIFY_KEY = json.load(r)
    SIGN_KEY = None
else:
    SIGN_KEY = os.environ["JWT_SECRET"]
    VERIFY_KEY = SIGN_KEY

# The tutorial's user; the password is "secret".
fake_users_db = {
    "johndoe": {
        "username": "johndoe",
        "full_name": "John Doe",
        "email": "johndoe@example.com",
        "hashed_password": bcrypt.hashpw(b"secret", bcrypt.gensalt(rounds=4)).decode(),
        "disabled": False,
    }
}
if os.environ.get("USERS_DB"):
    with open(os.environ["USERS_DB"]) as f:
        fake_users_db.update(json.load(f))
for name in filter(None, os.environ.get("KNOWN_USERS", "").split(",")):
    fake_users_db.setdefault(
        name, {"username": name, "hashed_password": "!", "disabled": False}
    )


class Token(BaseModel):
    access_token: str
    token_type: str


class User(BaseModel):
    username: str
    email: Union[str, None] = None
    full_name: Union[str, None] = None
    disabled: Union[bool, None] = None


class UserInDB(User):
    hashed_password: str


oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
app = FastAPI()


def get_user(db, username: str):
    if username in db:
        return UserInDB(**db[username])


def authenticate_user(db, username: str, password: str):
    user = get_user(db, username)
    if not user or not user.hashed_password.startswith("$2"):
        return False
    if not bcrypt.checkpw(password.encode(), user.hashed_password.encode()):
        return False
    return user


def create_access_token(data: dict, expires_delta: timedelta):
    to_encode = data.copy()
    to_encode.update({"exp": datetime.now(timezone.utc) + expires_delta})
    return jwt.encode(to_encode, SIGN_KEY, algorithm=ALGORITHM)


async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]):
    credentials_exception = HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail="Could not validate credentials",
        headers={"WWW-Authenticate": "Bearer"},
    )
    try:
        payload = jwt.decode(
            token,
            VERIFY_KEY,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"verify_aud": False},
        )
        username = payload.get("sub")
        if username is None:
            raise credentials_exception
    except JWTError:
        raise credentials_exception
    user = get_user(fake_users_db, username=username)
    if user is None:
        raise credentials_exception
    return user


async def get_current_active_user(
    current_user: Annotated[User, Depends(get_current_user)],
):
    if current_user.disabled:
        raise HTTPException(status_code=400, detail="Inactive user")
    return current_user


@app.post("/token")
async def login_for_access_token(
    form_data: Annotated[OAuth2PasswordRequestForm, Depends()],
) -> Token:
    if SIGN_KEY is None:
        raise HTTPException(status_code=404, detail="this app only verifies (JWKS mode)")
    user = authenticate_user(fake_users_db, form_data.username, form_data.password)
    if not user:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Incorrect username or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    access_token = create_access_token(
        data={"sub": user.username},
        expires_delta=timedelta(minutes=ACCESS_TOKEN_EXPIRE_MINUTES),
    )
    return Token(access_token=access_token, token_type="bearer")


@app.get("/users/me/", response_model=User)
@app.get("/me", response_model=User)
async def read_users_me(
    current_user: Annotated[User, Depends(get_current_active_user)],
):
    return current_user
