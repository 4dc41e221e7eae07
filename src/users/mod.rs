//! The users file.

mod parse;

pub use parse::*;
