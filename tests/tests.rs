//! The integration tests: one binary, a module per feature (see `testsuite/`), each
//! building fixture sites in temporary directories and running the real `fluentpress`.

mod testsuite;
