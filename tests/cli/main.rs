//! Integration tests: one binary, one module per area, each running the real `jwtctl`.

mod support;

mod core;
mod keys;
mod lint;
