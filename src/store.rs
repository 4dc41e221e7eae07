//! The users file. (Being written: see issue 3.)

use std::path::Path;

use serde_json::{Map, Value};

use crate::cli::UsersFormat;

#[derive(Debug, Clone)]
pub struct User {
    pub name: String,
    pub password_hash: String,
    pub scopes: Vec<String>,
    pub claims: Map<String, Value>,
    pub disabled: bool,
}

pub struct Users {
    pub users: Vec<User>,
}

impl Users {
    pub fn load(_path: &Path, _format: Option<UsersFormat>) -> anyhow::Result<Users> {
        anyhow::bail!("the users file is not implemented yet")
    }

    pub fn check_subject(&self, _claims: &Map<String, Value>) -> Option<String> {
        None
    }
}
