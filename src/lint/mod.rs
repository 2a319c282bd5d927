//! Lint: the checks that stop broken, missing or unsafe translations before they ship.

pub mod rules;
