//! Integration tests: one binary, one module per area, each running the real `jwtctl`.

mod support;

mod advice;
mod attacks;
mod batch;
mod clients;
mod contract;
mod core;
mod differential;
mod docs;
mod encrypted;
mod examples;
mod fastapi;
mod faults;
mod hash;
mod hygiene;
mod inspect;
mod interop;
mod keyfiles;
mod keys;
mod keyset;
mod layout;
mod lint;
mod serve;
mod strict;
mod tls_roots;
mod tsv;
mod ui;
mod users;
mod vectors;
