//! The `fluentpress` binary: everything is in the library; this only maps the outcome
//! to the process exit code.

fn main() -> std::process::ExitCode {
    fluentpress::main()
}

// Rendering allocates many small strings on every thread; mimalloc is faster at that
// than the system allocator and keeps less memory in per-thread arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
