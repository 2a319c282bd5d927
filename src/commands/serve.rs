//! `fluentpress serve`: builds the site, serves the output directory on 127.0.0.1 and,
//! after each saved edit in `content/`, `locales/` or `fluentpress.toml`, re-renders
//! only the (locale × page) editions the edit affects, writing each changed file
//! atomically into the served directory.
//!
//! - Watching: the system reports changes under `content/`, `locales/` and the site root
//!   (notify, debounced by 50 ms); each report makes the watcher compare the files'
//!   modification times, sizes and inodes with the last look, so only what really
//!   changed is re-rendered. `--poll` (or a system that cannot watch) looks every 200 ms
//!   instead: network and container mounts often deliver no change reports.
//! - The HTTP server ([`http`]) is the standard library's `TcpListener` with a fixed
//!   set of threads, timeouts on heads that do not arrive, `GET` and `HEAD` of files
//!   only, `Connection: close`. It listens on 127.0.0.1 only and answers only requests
//!   with one `Host` header naming `127.0.0.1` or `localhost`.
//! - Problems are shown where the translator looks: lint's errors of the edition being
//!   viewed (and a site that no longer loads) are put at the top of each HTML page in
//!   the response — never in the files — and the page reloads itself after a rebuild.
//! - A save re-renders the editions whose inputs changed and those the new facts say
//!   they affect ([`plan`]), then the site stage over the kept facts ([`state`]); an
//!   edit that changes the shape of the site (pages added or removed, an edition's name,
//!   the configuration, files beside the pages) rebuilds everything with the normal
//!   build, which swaps the output directory whole.

mod http;
mod plan;
mod state;
mod watch;

pub use state::{Notes, Session};

use crate::error::{Error, Result};
use crate::project::{CONTENT_DIR, LOCALES_DIR, Project};
use http::Response;
use maud::html;
use state::Shared;
use std::io::Write;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    /// 0: the system chooses a free port.
    pub port: u16,
    /// Look at the files every [`POLL_INTERVAL`] instead of waiting for change reports.
    pub poll: bool,
    /// `-q`: errors only (the URL is still the first line on stdout).
    pub quiet: bool,
}

/// How often the watched files are looked at.
pub const POLL_INTERVAL: Duration = Duration::from_millis(200);

/// The address the injected script asks for the build generation, to reload after a rebuild.
pub const VERSION_PATH: &str = "/__fluentpress/version";

/// How long a version request with `?after=` waits for a rebuild before it answers.
const LONG_POLL: Duration = Duration::from_secs(8);

/// The most errors listed at the top of a page.
const MAX_LISTED: usize = 50;

/// Builds, serves and watches until the process is stopped (Ctrl-C).
pub fn serve(opts: &ServeOptions) -> Result<()> {
    // Problems that no edit can fix stop the command before it starts; otherwise the
    // site loaded here is the one the first build renders.
    let first = match Project::load(&opts.root) {
        Err(e @ Error::Usage(_)) => return Err(e),
        other => other,
    };
    crate::output::check_outside(&opts.out, &crate::commands::build::source_dirs(&opts.root))?;
    crate::output::check(&opts.out)?;
    let listener =
        TcpListener::bind((Ipv4Addr::LOCALHOST, opts.port)).map_err(|e| Error::Listen {
            port: opts.port,
            source: e,
        })?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::io("127.0.0.1", e))?
        .port();
    let shared = Arc::new(Shared::new(&opts.out));
    let mut session = Session::with_shared(&opts.root, Arc::clone(&shared), opts.quiet);
    session.apply_loaded(first, None);

    println!("http://127.0.0.1:{port}/");
    let _ = std::io::stdout().flush();
    if !opts.quiet {
        eprintln!(
            "serving {} at http://127.0.0.1:{port}/ ; watching {CONTENT_DIR}/, {LOCALES_DIR}/ and fluentpress.toml; Ctrl-C stops",
            opts.out.display()
        );
    }
    let server = Arc::clone(&shared);
    std::thread::spawn(move || http::run(listener, Arc::new(Served(server))));
    let reports = if opts.poll {
        None
    } else {
        match watch::watch(&opts.root) {
            Ok(reports) => Some(reports),
            Err(e) => {
                if !opts.quiet {
                    eprintln!(
                        "serve: the system cannot report file changes here ({e}); looking every {} ms instead",
                        POLL_INTERVAL.as_millis()
                    );
                }
                None
            }
        }
    };
    match reports {
        Some((reports, _debouncer)) => {
            // Each batch of reports (editor saves write several files) is one look.
            while reports.recv().is_ok() {
                while reports.try_recv().is_ok() {}
                session.look();
            }
            Ok(())
        }
        None => loop {
            std::thread::sleep(POLL_INTERVAL);
            session.look();
        },
    }
}

// ---------------------------------------------------------------------------------------
// HTTP

/// The output directory and the notes, as the HTTP server answers them.
struct Served(Arc<Shared>);

impl http::App for Served {
    fn waits(&self, target: &str) -> bool {
        long_poll_after(target).is_some()
    }

    fn get(&self, target: &str, may_wait: bool) -> Response {
        respond_get(target, &self.0, may_wait)
    }
}

/// The generation `N` of a version request `?after=N` (a long poll).
fn long_poll_after(target: &str) -> Option<u64> {
    let (path, query) = target.split_once('?')?;
    (path == VERSION_PATH)
        .then(|| query.strip_prefix("after="))
        .flatten()
        .and_then(|n| n.parse().ok())
}

/// The answer to a `GET` of `target`; a long poll waits only if `may_wait`.
fn respond_get(target: &str, shared: &Shared, may_wait: bool) -> Response {
    let raw_path = target.split(['?', '#']).next().unwrap_or("");
    if raw_path == VERSION_PATH {
        // `?after=N`: the open page already has generation N, so the answer waits
        // (long polling) until a rebuild changes it, or a few seconds pass; the page
        // reloads as soon as the rebuild is done instead of at its next poll.
        let after = long_poll_after(target).filter(|_| may_wait);
        let (lock, changed) = &shared.bumped;
        let deadline = Instant::now() + LONG_POLL;
        let mut guard = lock.lock().unwrap_or_else(|e| e.into_inner());
        while after == Some(shared.generation.load(Ordering::SeqCst)) {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                break;
            };
            guard = changed
                .wait_timeout(guard, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        drop(guard);
        return Response::text(
            200,
            "OK",
            &shared.generation.load(Ordering::SeqCst).to_string(),
        );
    }
    let rel = match url_path(raw_path) {
        Ok(rel) => rel,
        Err(UrlProblem::Bad) => {
            return Response::text(
                400,
                "Bad Request",
                "a path with `..`, `.` or an undecodable part is refused\n",
            );
        }
        Err(UrlProblem::Hidden) => return not_found(shared, raw_path),
    };
    let _swap = shared.swap.read().unwrap_or_else(|e| e.into_inner());
    let mut path = shared.out.clone();
    for part in rel.split('/').filter(|p| !p.is_empty()) {
        path.push(part);
    }
    if path.is_dir() {
        if !raw_path.ends_with('/') {
            let mut r = Response::text(301, "Moved Permanently", "moved\n");
            r.headers.push(("Location", format!("{raw_path}/")));
            return r;
        }
        path.push("index.html");
    }
    // Never outside the output directory (the build writes no symbolic links).
    let inside = match (
        std::fs::canonicalize(&path),
        std::fs::canonicalize(&shared.out),
    ) {
        (Ok(file), Ok(out)) => file.starts_with(out),
        _ => false,
    };
    if !inside || !path.is_file() {
        return not_found(shared, raw_path);
    }
    let Ok(body) = std::fs::read(&path) else {
        return not_found(shared, raw_path);
    };
    let content_type = content_type(&path);
    if content_type.starts_with("text/html") {
        let html = String::from_utf8_lossy(&body);
        let notes = shared
            .notes
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let body = inject(&html, alert(&notes, locale_of(&rel, &notes)).as_deref());
        return Response::new(200, "OK", content_type, body.into_bytes());
    }
    Response::new(200, "OK", content_type, body)
}

#[derive(Debug, PartialEq, Eq)]
enum UrlProblem {
    /// `..`, `.`, a backslash, NUL or bad percent-encoding.
    Bad,
    /// A hidden file (the output marker, temporary files).
    Hidden,
}

/// The decoded path of a request target, checked part by part.
fn url_path(raw: &str) -> std::result::Result<String, UrlProblem> {
    if !raw.starts_with('/') {
        return Err(UrlProblem::Bad);
    }
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = raw.get(i + 1..i + 3).ok_or(UrlProblem::Bad)?;
            decoded.push(u8::from_str_radix(hex, 16).map_err(|_| UrlProblem::Bad)?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(decoded).map_err(|_| UrlProblem::Bad)?;
    for part in decoded.split('/') {
        if part == "." || part == ".." || part.contains(['\\', '\0']) {
            return Err(UrlProblem::Bad);
        }
    }
    if decoded.split('/').any(|p| p.starts_with('.')) {
        return Err(UrlProblem::Hidden);
    }
    Ok(decoded)
}

fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// The locale whose errors a page at `rel` shows: its edition's, or the source's at the top.
fn locale_of<'n>(rel: &str, notes: &'n Notes) -> &'n str {
    let rel = rel.trim_start_matches('/');
    match rel.split_once('/') {
        Some((first, _)) => notes.locales.get(first).unwrap_or(&notes.source),
        None => &notes.source,
    }
}

/// The block of problems put at the top of a page, if there are any.
fn alert(notes: &Notes, locale: &str) -> Option<String> {
    let mut errors: Vec<&String> = notes.errors.get("").into_iter().flatten().collect();
    if !locale.is_empty() {
        errors.extend(notes.errors.get(locale).into_iter().flatten());
    }
    if notes.fatal.is_none() && errors.is_empty() {
        return None;
    }
    let more = errors.len().saturating_sub(MAX_LISTED);
    let missing = notes.missing.get(locale).copied().unwrap_or(0);
    Some(
        html! {
            div role="alert" class="fluentpress-diagnostics" lang="en" dir="ltr"
                style="margin:0;padding:1em 1.5em;border:4px solid #b00020;background:#fff;color:#1a1a1a;font:1rem/1.5 system-ui,sans-serif" {
                @if let Some(fatal) = &notes.fatal {
                    p { strong { "fluentpress serve: the site could not be built; this is the last good output." } }
                    pre style="white-space:pre-wrap;margin:0" { (fatal) }
                }
                @if !errors.is_empty() {
                    p { strong { "fluentpress serve: lint found " (errors.len()) " error" @if errors.len() != 1 { "s" } " in this edition:" } }
                    ul {
                        @for e in errors.iter().take(MAX_LISTED) { li { (e) } }
                        @if more > 0 { li { "… and " (more) " more (`fluentpress lint` lists them all)" } }
                        @if missing > 0 {
                            li { "Besides, " (missing) " message" @if missing != 1 { "s have" } @else { " has" } " no translation yet (`fluentpress status` counts them)." }
                        }
                    }
                }
            }
        }
        .into_string(),
    )
}

/// The script that reloads the page once the output changed.
fn reload_script() -> String {
    format!(
        "<script>/* fluentpress serve: reload after a rebuild */(function(){{var seen=null;function poll(){{fetch(\"{VERSION_PATH}\"+(seen===null?\"\":\"?after=\"+seen),{{cache:\"no-store\"}}).then(function(r){{return r.text()}}).then(function(v){{if(seen!==null&&v!==seen){{location.reload();return}}seen=v;setTimeout(poll,0)}}).catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>"
    )
}

/// A served HTML page: the problems right after `<body>`, the reload script before `</body>`.
fn inject(html: &str, alert: Option<&str>) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let body_at = html.find("<body>").map(|i| i + "<body>".len());
    match (body_at, alert) {
        (Some(at), Some(alert)) => {
            out.push_str(&html[..at]);
            out.push_str(alert);
            out.push_str(&html[at..]);
        }
        (None, Some(alert)) => {
            out.push_str(alert);
            out.push_str(html);
        }
        (_, None) => out.push_str(html),
    }
    let script = reload_script();
    match out.rfind("</body>") {
        Some(at) => out.insert_str(at, &script),
        None => out.push_str(&script),
    }
    out
}

fn not_found(shared: &Shared, raw_path: &str) -> Response {
    let notes = shared
        .notes
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let page = html! {
        (maud::DOCTYPE)
        html lang="en" {
            head { meta charset="utf-8"; title { "Not found" } }
            body {
                main {
                    h1 { "Not found" }
                    p { "Nothing is published at " code { (raw_path) } ". " a href="/" { "The language editions" } }
                }
            }
        }
    }
    .into_string();
    let body = inject(&page, alert(&notes, &notes.source).as_deref());
    Response::new(
        404,
        "Not Found",
        "text/html; charset=utf-8",
        body.into_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_are_decoded_and_checked() {
        assert_eq!(
            url_path("/ko/north%20korea.html").unwrap(),
            "/ko/north korea.html"
        );
        assert_eq!(url_path("/zh-Hans/").unwrap(), "/zh-Hans/");
        for bad in [
            "/../etc/passwd",
            "/ko/%2e%2e/x",
            "/a/./b",
            "/%zz",
            "/a%5cb",
            "relative",
            "/%ff",
        ] {
            assert_eq!(url_path(bad), Err(UrlProblem::Bad), "{bad}");
        }
        assert_eq!(url_path("/.fluentpress-output"), Err(UrlProblem::Hidden));
    }

    #[test]
    fn injects_escaped_problems_after_body_and_the_script_before_its_end() {
        let notes = Notes {
            fatal: None,
            errors: [(
                "ko".to_string(),
                vec!["locales/ko/a.ftl:1:1: <b>bad</b> [syntax-error]".to_string()],
            )]
            .into(),
            missing: [("ko".to_string(), 3), ("fr".to_string(), 2)].into(),
            source: "en".into(),
            locales: ["en".to_string(), "fr".to_string(), "ko".to_string()].into(),
        };
        let html = "<html><body><p>x</p></body></html>";
        assert_eq!(locale_of("/ko/a.html", &notes), "ko");
        assert_eq!(locale_of("/index.html", &notes), "en");
        assert_eq!(locale_of("/fr/a.html", &notes), "fr");
        assert_eq!(locale_of("/files/a.html", &notes), "en");
        let out = inject(html, alert(&notes, "ko").as_deref());
        assert!(
            out.starts_with("<html><body><div role=\"alert\" class=\"fluentpress-diagnostics\""),
            "{out}"
        );
        assert!(out.contains("&lt;b&gt;bad&lt;/b&gt;"), "{out}");
        assert!(out.ends_with("</script></body></html>"), "{out}");
        assert!(out.contains("3 messages have no translation yet"), "{out}");
        assert_eq!(alert(&notes, "en"), None);
        // Untranslated messages alone are progress, not a problem to announce.
        assert_eq!(alert(&notes, "fr"), None);
    }
}
