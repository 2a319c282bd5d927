//! serve's HTTP/1.1 server on the standard library, bounded whatever its clients do.
//!
//! - Threads are fixed: one accepts, one reads request heads, [`WORKERS`] answer and
//!   [`WAITERS`] answer requests that may wait (the page's long poll for a rebuild), so
//!   waiting polls never hold a worker that files need. A poll that finds every waiter
//!   busy is answered at once.
//! - A connection is read without a thread of its own: the reader holds up to
//!   [`PENDING`] connections still sending their head (the oldest is dropped beyond),
//!   reads whatever has arrived and gives up on a head not complete within
//!   [`HEAD_TIMEOUT`] of the connection — a client that sends nothing, or half a request,
//!   or a byte a second, holds nothing but its slot for a few seconds. Whole requests
//!   wait in a queue of [`QUEUE`] for a worker; beyond, they get 503 at once.
//! - Heads are parsed as HTTP/1.1 says: lines end in CRLF or LF, header names are
//!   tokens compared without case, folded lines are refused, and exactly one `Host`
//!   header is required, naming `127.0.0.1` or `localhost` (with a port or not): a web
//!   page elsewhere cannot read the drafts through a host name it points at 127.0.0.1
//!   (DNS rebinding). `GET` and `HEAD` only; every response closes its connection.

use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Threads that answer requests.
pub(super) const WORKERS: usize = 8;
/// Threads that answer requests that may wait (long polls), each waiting for one.
pub(super) const WAITERS: usize = 16;
/// Whole requests waiting for a worker; beyond, 503.
pub(super) const QUEUE: usize = 64;
/// Connections still sending their request head; beyond, the oldest is dropped.
pub(super) const PENDING: usize = 256;
/// A request head must have arrived whole this long after the connection was accepted.
pub(super) const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// Writing a response to a client that does not read it gives up after this.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest request head read.
const MAX_HEAD: usize = 16 * 1024;
/// How long the reader sleeps between looks at connections that sent nothing new: it
/// starts short (a head usually arrives just after its connection) and doubles.
const FIRST_PAUSE: Duration = Duration::from_millis(1);
const LONGEST_PAUSE: Duration = Duration::from_millis(50);

/// What the server answers: the site being served.
pub(super) trait App: Send + Sync + 'static {
    /// Whether answering a `GET` of `target` may wait for something (a long poll).
    fn waits(&self, target: &str) -> bool;
    /// The response to a `GET` of `target`; `may_wait` is false when every waiter is
    /// busy, and the answer must not wait.
    fn get(&self, target: &str, may_wait: bool) -> Response;
}

/// A response to write.
#[derive(Debug)]
pub(super) struct Response {
    pub status: u16,
    pub reason: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    pub head_only: bool,
}

impl Response {
    pub(super) fn new(
        status: u16,
        reason: &'static str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Response {
        Response {
            status,
            reason,
            headers: vec![("Content-Type", content_type.to_string())],
            body,
            head_only: false,
        }
    }

    pub(super) fn text(status: u16, reason: &'static str, body: &str) -> Response {
        Response::new(
            status,
            reason,
            "text/plain; charset=utf-8",
            body.as_bytes().to_vec(),
        )
    }

    pub(super) fn bytes(&self) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, self.reason);
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str(&format!(
            "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        let mut bytes = out.into_bytes();
        if !self.head_only {
            bytes.extend_from_slice(&self.body);
        }
        bytes
    }
}

/// A request head that parsed and passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Request {
    pub target: String,
    pub head_only: bool,
}

/// A connection whose head is complete, for a worker: its request, or the error to send.
struct Job {
    stream: TcpStream,
    request: Result<Request, Response>,
}

/// Connections accepted and not yet seen by the reader.
#[derive(Default)]
struct Accepted {
    new: Mutex<Vec<(TcpStream, Instant)>>,
    arrived: Condvar,
}

/// Serves `app` on `listener` until the process ends; the calling thread accepts.
pub(super) fn run(listener: TcpListener, app: Arc<dyn App>) {
    let accepted = Arc::new(Accepted::default());
    let (jobs, queue) = sync_channel::<Job>(QUEUE);
    // Capacity 0: a waiting request is handed over only to a waiter that is free.
    let (waits, waiting) = sync_channel::<(TcpStream, Request)>(0);
    let queue = Arc::new(Mutex::new(queue));
    let waiting = Arc::new(Mutex::new(waiting));
    for _ in 0..WORKERS {
        let (queue, waits, app) = (Arc::clone(&queue), waits.clone(), Arc::clone(&app));
        std::thread::spawn(move || work(&queue, &waits, app.as_ref()));
    }
    for _ in 0..WAITERS {
        let (waiting, app) = (Arc::clone(&waiting), Arc::clone(&app));
        std::thread::spawn(move || wait(&waiting, app.as_ref()));
    }
    let reader = Arc::clone(&accepted);
    std::thread::spawn(move || read_heads(&reader, &jobs));
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                if stream.set_nonblocking(true).is_err() {
                    continue;
                }
                let mut new = accepted.new.lock().unwrap_or_else(|e| e.into_inner());
                new.push((stream, Instant::now()));
                accepted.arrived.notify_one();
            }
            Err(e) => {
                eprintln!("serve: a connection failed: {e}");
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

/// A connection whose head is being read.
struct Reading {
    stream: TcpStream,
    head: Vec<u8>,
    deadline: Instant,
}

/// What one look at a connection found.
enum Look {
    /// Nothing new arrived; keep it.
    Nothing,
    /// Some bytes arrived, not the whole head yet.
    More,
    /// The head is complete (or too large): hand it on.
    Done(Result<Request, Response>),
    /// Closed, failed or timed out: drop it.
    Gone,
}

/// The reader: looks at every connection still sending its head, without blocking.
fn read_heads(accepted: &Accepted, jobs: &SyncSender<Job>) {
    let mut reading: Vec<Reading> = Vec::new();
    let mut pause = FIRST_PAUSE;
    loop {
        {
            let mut new = accepted.new.lock().unwrap_or_else(|e| e.into_inner());
            if reading.is_empty() {
                while new.is_empty() {
                    new = accepted
                        .arrived
                        .wait(new)
                        .unwrap_or_else(|e| e.into_inner());
                }
            } else if new.is_empty() {
                new = accepted
                    .arrived
                    .wait_timeout(new, pause)
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
            if !new.is_empty() {
                pause = FIRST_PAUSE;
            }
            reading.extend(new.drain(..).map(|(stream, at)| Reading {
                stream,
                head: Vec::new(),
                deadline: at + HEAD_TIMEOUT,
            }));
        }
        if reading.len() > PENDING {
            // The oldest are the likeliest to be idle; dropping closes them.
            reading.drain(..reading.len() - PENDING);
        }
        let now = Instant::now();
        let mut progress = false;
        let mut done = Vec::new();
        let mut kept = Vec::with_capacity(reading.len());
        for mut r in reading.drain(..) {
            match look(&mut r, now) {
                Look::Nothing => kept.push(r),
                Look::More => {
                    progress = true;
                    kept.push(r);
                }
                Look::Done(request) => {
                    progress = true;
                    done.push((r.stream, request));
                }
                Look::Gone => {}
            }
        }
        reading = kept;
        for (stream, request) in done {
            match jobs.try_send(Job { stream, request }) {
                Ok(()) => {}
                Err(TrySendError::Full(job) | TrySendError::Disconnected(job)) => {
                    // A fresh connection's send buffer takes this whole; if not, drop it.
                    let busy = Response::text(503, "Service Unavailable", "the server is busy\n");
                    let _ = (&job.stream).write_all(&busy.bytes());
                }
            }
        }
        pause = if progress {
            FIRST_PAUSE
        } else {
            (pause * 2).min(LONGEST_PAUSE)
        };
    }
}

/// Reads what has arrived on `r`.
fn look(r: &mut Reading, now: Instant) -> Look {
    let mut buf = [0u8; 4096];
    let mut got = false;
    loop {
        match r.stream.read(&mut buf) {
            Ok(0) => return Look::Gone,
            Ok(n) => {
                got = true;
                let searched = r.head.len().saturating_sub(2);
                r.head.extend_from_slice(&buf[..n]);
                if let Some(end) = head_end(&r.head, searched) {
                    return Look::Done(parse(&r.head[..end]));
                }
                if r.head.len() > MAX_HEAD {
                    return Look::Done(Err(Response::text(
                        431,
                        "Request Header Fields Too Large",
                        "the request is too large\n",
                    )));
                }
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => break,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return Look::Gone,
        }
    }
    if now >= r.deadline {
        Look::Gone
    } else if got {
        Look::More
    } else {
        Look::Nothing
    }
}

/// Where the head ends (before its empty line: `\n\n` or `\n\r\n`), searching from `from`.
fn head_end(bytes: &[u8], from: usize) -> Option<usize> {
    (from..bytes.len()).find_map(|i| {
        if bytes[i] != b'\n' {
            return None;
        }
        match bytes.get(i + 1..) {
            Some([b'\n', ..]) | Some([b'\r', b'\n', ..]) => Some(i + 1),
            _ => None,
        }
    })
}

/// A worker: answers whole requests, handing those that may wait to a free waiter.
fn work(queue: &Mutex<Receiver<Job>>, waits: &SyncSender<(TcpStream, Request)>, app: &dyn App) {
    loop {
        let job = {
            let queue = queue.lock().unwrap_or_else(|e| e.into_inner());
            queue.recv()
        };
        let Ok(Job { stream, request }) = job else {
            return;
        };
        let (stream, response) = match request {
            Err(response) => (stream, response),
            Ok(request) if app.waits(&request.target) => match waits.try_send((stream, request)) {
                Ok(()) => continue,
                Err(TrySendError::Full((stream, request)))
                | Err(TrySendError::Disconnected((stream, request))) => {
                    let response = answer(app, &request, false);
                    (stream, response)
                }
            },
            Ok(request) => {
                let response = answer(app, &request, true);
                (stream, response)
            }
        };
        send(stream, &response);
    }
}

/// A waiter: answers one request that may wait at a time.
fn wait(waiting: &Mutex<Receiver<(TcpStream, Request)>>, app: &dyn App) {
    loop {
        let next = {
            let waiting = waiting.lock().unwrap_or_else(|e| e.into_inner());
            waiting.recv()
        };
        let Ok((stream, request)) = next else {
            return;
        };
        let response = answer(app, &request, true);
        send(stream, &response);
    }
}

fn answer(app: &dyn App, request: &Request, may_wait: bool) -> Response {
    let mut response = app.get(&request.target, may_wait);
    response.head_only = request.head_only;
    response
}

fn send(mut stream: TcpStream, response: &Response) {
    if stream.set_nonblocking(false).is_err()
        || stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_err()
    {
        return;
    }
    let _ = stream.write_all(&response.bytes());
    let _ = stream.flush();
}

/// The request a head (request line and header lines, without the empty line) asks
/// for, or the error response it gets.
pub(super) fn parse(head: &[u8]) -> Result<Request, Response> {
    let bad = |why: &str| Response::text(400, "Bad Request", &format!("{why}\n"));
    let head = String::from_utf8_lossy(head);
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request = lines.next().unwrap_or("");
    let mut parts = request.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad("malformed request line"));
    };
    if method.is_empty() || target.is_empty() || !version.starts_with("HTTP/") {
        return Err(bad("malformed request line"));
    }
    if !version.starts_with("HTTP/1.") {
        return Err(Response::text(
            505,
            "HTTP Version Not Supported",
            "HTTP/1.x only\n",
        ));
    }
    if head
        .split('\n')
        .any(|l| l.strip_suffix('\r').unwrap_or(l).contains('\r'))
    {
        return Err(bad("a carriage return inside a line"));
    }
    let mut hosts = Vec::new();
    for line in lines.filter(|l| !l.is_empty()) {
        if line.starts_with([' ', '\t']) {
            return Err(bad("folded header lines are not accepted"));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(bad("a header line without a colon"));
        };
        if name.is_empty() || !name.bytes().all(is_token) {
            return Err(bad("a header name that is not a token"));
        }
        if name.eq_ignore_ascii_case("host") {
            hosts.push(value.trim_matches([' ', '\t']));
        }
    }
    let host = match hosts.as_slice() {
        [host] => *host,
        [] => return Err(bad("a Host header is required")),
        _ => return Err(bad("more than one Host header")),
    };
    if !local_host(host) {
        return Err(Response::text(
            403,
            "Forbidden",
            "this server answers only http://127.0.0.1 and http://localhost\n",
        ));
    }
    let head_only = match method {
        "GET" => false,
        "HEAD" => true,
        _ => {
            let mut r = Response::text(405, "Method Not Allowed", "GET and HEAD only\n");
            r.headers.push(("Allow", "GET, HEAD".into()));
            return Err(r);
        }
    };
    Ok(Request {
        target: target.to_string(),
        head_only,
    })
}

/// A token character of RFC 9110 (what a header name is made of).
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// `127.0.0.1` or `localhost`, with a port of digits or none.
fn local_host(value: &str) -> bool {
    let (host, port) = match value.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (value, None),
    };
    let port_ok =
        port.is_none_or(|p| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    port_ok && (host == "127.0.0.1" || host.eq_ignore_ascii_case("localhost"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(head: &str) -> u16 {
        match parse(head.as_bytes()) {
            Ok(_) => 200,
            Err(r) => r.status,
        }
    }

    #[test]
    fn heads_are_parsed_as_http_1_1_says() {
        assert_eq!(status("GET / HTTP/1.1\r\nHost: 127.0.0.1:8080"), 200);
        assert_eq!(status("GET / HTTP/1.1\nHost: localhost"), 200);
        assert_eq!(
            status("GET / HTTP/1.1\nhOsT:\tLocalHost:1\r\nAccept: */*"),
            200
        );
        assert_eq!(status("HEAD / HTTP/1.0\r\nHost: 127.0.0.1"), 200);
        assert!(
            parse(b"HEAD /a HTTP/1.1\nHost: localhost")
                .unwrap()
                .head_only
        );
        // Host: exactly one, and local.
        assert_eq!(status("GET / HTTP/1.1\r\nAccept: */*"), 400);
        assert_eq!(
            status("GET / HTTP/1.1\nHost: localhost\nHost: localhost"),
            400
        );
        assert_eq!(status("GET / HTTP/1.1\nHost: evil.example"), 403);
        assert_eq!(status("GET / HTTP/1.1\nHost: localhost.evil.example"), 403);
        assert_eq!(status("GET / HTTP/1.1\nHost: 127.0.0.1.nip.io:80"), 403);
        assert_eq!(status("GET / HTTP/1.1\nHost: localhost:"), 403);
        assert_eq!(status("GET / HTTP/1.1\nHost: localhost:80:80"), 403);
        assert_eq!(status("GET / HTTP/1.1\nHost: [::1]:80"), 403);
        assert_eq!(status("GET / HTTP/1.1\nHost: "), 403);
        // A Host header smuggled past a line-end check is not a Host header.
        assert_eq!(status("GET / HTTP/1.1\nX: a\rHost: localhost"), 400);
        assert_eq!(status("GET /\r HTTP/1.1\nHost: localhost"), 400);
        assert_eq!(status("GET / HTTP/1.1\nHost : localhost"), 400);
        assert_eq!(status("GET / HTTP/1.1\nHost: localhost\n folded"), 400);
        assert_eq!(status("GET / HTTP/1.1\nno colon"), 400);
        assert_eq!(status("GET /  HTTP/1.1\nHost: localhost"), 400);
        assert_eq!(status("GET / HTTP/2\nHost: localhost"), 505);
        assert_eq!(status("POST / HTTP/1.1\nHost: localhost"), 405);
    }

    #[test]
    fn a_head_ends_at_its_first_empty_line_whatever_the_line_ends() {
        assert_eq!(
            head_end(b"GET / HTTP/1.1\r\nHost: a\r\n\r\nbody", 0),
            Some(25)
        );
        assert_eq!(head_end(b"GET / HTTP/1.1\nHost: a\n\n", 0), Some(23));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\n\r\n", 0), Some(24));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\r\n", 0), None);
    }
}
