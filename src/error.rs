//! Typed errors of the library. The CLI edge (`cli.rs`) adds context with `anyhow`
//! and maps them to exit codes; nothing here prints or exits.

use std::path::PathBuf;

/// Errors that stop a command before it can do its work.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Config {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{0}")]
    Usage(String),
    #[error(
        "cannot listen on 127.0.0.1:{port}: {source}; another program (or another `fluentpress serve`) may be using the port: try `--port 0` for any free port"
    )]
    Listen {
        port: u16,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: refusing to write there: {reason}")]
    UnsafeOutput { path: PathBuf, reason: String },
    #[error(
        "the build had {errors} lint {} and --strict was given; the previous output was kept", if *errors == 1 { "error" } else { "errors" }
    )]
    Strict { errors: usize },
    #[error(
        "{count} {} could not be loaded (see the messages above); the previous output was kept", if *count == 1 { "file" } else { "files" }
    )]
    LoadFailed { count: usize },
    /// A page read when the site was loaded could not be read again by its page task
    /// (changed or removed meanwhile); the messages say which and why.
    #[error(
        "{}\na page could not be read again during the build (was it changed or removed meanwhile?); the previous output was kept", .0.join("\n")
    )]
    PageUnreadable(Vec<String>),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The process exit code this error stands for (see the README: 1 findings, 2 usage or I/O).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Strict { .. } => 1,
            _ => 2,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
