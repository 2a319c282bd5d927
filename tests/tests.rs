//! The integration tests: one binary, a module per feature (see `testsuite/`), each
//! building fixture sites in temporary directories and running the real `fluentpress`.

// A test binary has no public surface: its helpers are `pub` for the modules beside them.
#![allow(unreachable_pub)]

mod testsuite;
