//! The `fluentpress` binary: everything is in the library; this only maps the outcome
//! to the process exit code.

fn main() -> std::process::ExitCode {
    fluentpress::cli::main()
}
