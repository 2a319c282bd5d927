//! Output formats of diagnostics, one module each.
