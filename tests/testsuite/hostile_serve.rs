//! `serve` against hostile and careless clients: connections that send nothing or half a
//! request, many waiting long polls, and heads that bend HTTP/1.1's rules. The server
//! keeps a fixed number of threads, drops what does not arrive, keeps answering files,
//! and answers only a request with one `Host` naming this machine.

use super::support::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `fluentpress serve` on a copy of the shipped site, stopped when dropped.
struct Serve {
    child: Child,
    port: u16,
    _site: Site,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    fn start() -> Serve {
        let site = Site::shipped();
        let mut child = Command::new(env!("CARGO_BIN_EXE_fluentpress"))
            .args(["serve", "--port", "0"])
            .current_dir(site.path())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(out).lines();
            let _ = tx.send(lines.next().and_then(Result::ok));
            for _ in lines {}
        });
        let url = rx
            .recv_timeout(Duration::from_secs(120))
            .ok()
            .flatten()
            .expect("serve printed no URL");
        let port = url
            .strip_prefix("http://127.0.0.1:")
            .and_then(|r| r.strip_suffix('/'))
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("not a loopback URL: {url:?}"));
        Serve {
            child,
            port,
            _site: site,
        }
    }

    fn connect(&self) -> TcpStream {
        TcpStream::connect(("127.0.0.1", self.port)).unwrap()
    }

    /// Sends `raw` and reads the whole response (the server closes each connection),
    /// giving up after `within`; `None` when nothing came back in time.
    fn send(&self, raw: &str, within: Duration) -> Option<String> {
        let mut stream = self.connect();
        stream.write_all(raw.as_bytes()).unwrap();
        read_all(&mut stream, within)
    }

    fn status(&self, raw: &str) -> u16 {
        let reply = self
            .send(raw, Duration::from_secs(20))
            .unwrap_or_else(|| panic!("no answer to {raw:?}"));
        status_of(&reply)
    }

    /// The number of threads of the serve process (Linux).
    fn threads(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/task", self.child.id()))
            .unwrap()
            .count()
    }
}

/// Reads until the peer closes, for at most `within`; `None` on a timeout.
fn read_all(stream: &mut TcpStream, within: Duration) -> Option<String> {
    let deadline = Instant::now() + within;
    let mut bytes = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        stream
            .set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .unwrap();
        match stream.read(&mut buf) {
            Ok(0) => return Some(String::from_utf8_lossy(&bytes).into_owned()),
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return None;
            }
            // Reset by the server: closed.
            Err(_) => return Some(String::from_utf8_lossy(&bytes).into_owned()),
        }
    }
}

fn status_of(reply: &str) -> u16 {
    reply
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {reply:?}"))
}

fn get(path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
}

#[cfg(target_os = "linux")]
#[test]
fn half_open_connections_start_no_threads_and_delay_no_request() {
    let serve = Serve::start();
    assert_eq!(serve.status(&get("/")), 200);
    let before = serve.threads();
    // 500 connections: half send nothing, half send half a request.
    let mut held = Vec::new();
    for i in 0..500 {
        let mut stream = serve.connect();
        if i % 2 == 1 {
            stream
                .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .unwrap();
        }
        held.push(stream);
    }
    std::thread::sleep(Duration::from_millis(500));
    let during = serve.threads();
    assert!(
        during <= before + 2,
        "500 half-open connections took {before} threads to {during}"
    );
    // A whole request is answered at once, not after the half-open ones time out.
    let started = Instant::now();
    let reply = serve
        .send(&get("/"), Duration::from_secs(3))
        .expect("no answer within 3 s while 500 connections hang");
    assert_eq!(status_of(&reply), 200, "{reply}");
    assert!(started.elapsed() < Duration::from_secs(3));
    drop(held);
}

#[test]
fn a_connection_that_sends_nothing_or_trickles_is_dropped_within_seconds() {
    let serve = Serve::start();
    let mut idle = serve.connect();
    // A byte every 300 ms: each read succeeds, but the head never completes in time.
    let mut trickle = serve.connect();
    let writer = {
        let mut stream = trickle.try_clone().unwrap();
        std::thread::spawn(move || {
            let slow = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
            for byte in slow.iter().chain(std::iter::repeat(&b'a')).take(60) {
                if stream.write_all(&[*byte]).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(300));
            }
        })
    };
    let started = Instant::now();
    let idle_reply = read_all(&mut idle, Duration::from_secs(9));
    let idle_after = started.elapsed();
    let trickle_reply = read_all(&mut trickle, Duration::from_secs(9));
    let trickle_after = started.elapsed();
    assert!(
        idle_reply.is_some_and(|r| r.is_empty()),
        "an idle connection stayed open for 9 s"
    );
    assert!(
        trickle_reply.is_some(),
        "a trickling connection stayed open for 9 s"
    );
    // Not before the head timeout (5 s): a slow client on a busy machine is not cut off.
    assert!(idle_after >= Duration::from_secs(4), "{idle_after:?}");
    assert!(trickle_after >= Duration::from_secs(4), "{trickle_after:?}");
    writer.join().unwrap();
    // The server still answers.
    assert_eq!(serve.status(&get("/")), 200);
}

#[test]
fn the_host_header_is_required_single_and_local() {
    let serve = Serve::start();
    assert_eq!(serve.status("GET / HTTP/1.1\r\n\r\n"), 400);
    assert_eq!(
        serve.status("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.1\r\n\r\n"),
        400
    );
    assert_eq!(
        serve.status("GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n"),
        403
    );
    assert_eq!(
        serve.status("GET / HTTP/1.1\r\nHost: localhost.evil.example:80\r\n\r\n"),
        403
    );
    assert_eq!(
        serve.status("GET / HTTP/1.1\r\nHost: localhost:8080\r\n\r\n"),
        200
    );
    assert_eq!(
        serve.status("GET / HTTP/1.1\r\nhost: LOCALHOST\r\n\r\n"),
        200
    );
}

#[test]
fn heads_with_lf_line_ends_are_read_and_checked_alike() {
    let serve = Serve::start();
    let reply = serve
        .send(
            "GET / HTTP/1.1\nHost: 127.0.0.1\n\n",
            Duration::from_secs(20),
        )
        .expect("no answer to a head with LF line ends");
    assert_eq!(status_of(&reply), 200, "{reply}");
    assert!(reply.contains("<html"), "{reply}");
    assert_eq!(serve.status("GET / HTTP/1.1\nHost: evil.example\n\n"), 403);
    assert_eq!(serve.status("GET / HTTP/1.1\nAccept: */*\n\n"), 400);
    // A Host line hidden after a bare CR is no Host line.
    assert_eq!(
        serve.status("GET / HTTP/1.1\nX-A: b\rHost: 127.0.0.1\n\n"),
        400
    );
}

#[test]
fn waiting_long_polls_do_not_starve_file_requests() {
    let serve = Serve::start();
    let reply = serve
        .send(&get("/__fluentpress/version"), Duration::from_secs(20))
        .unwrap();
    let generation: u64 = reply
        .rsplit("\r\n\r\n")
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let poll = get(&format!("/__fluentpress/version?after={generation}"));
    // One open page waits for a rebuild, as before.
    let mut first = serve.connect();
    first.write_all(poll.as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    // Forty more pages poll at once: the waiters are few, the rest are answered at once.
    let mut polls: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut stream = serve.connect();
            stream.write_all(poll.as_bytes()).unwrap();
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    assert_eq!(serve.status(&get("/")), 200);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "a file took {:?} while long polls wait",
        started.elapsed()
    );
    let answered = polls
        .iter_mut()
        .filter_map(|s| read_all(s, Duration::from_millis(100)))
        .inspect(|r| assert_eq!(status_of(r), 200, "{r}"))
        .count();
    assert!(
        answered >= 40 - 16,
        "only {answered} of 40 polls were answered at once"
    );
    // The first poll still waits, and is answered when its 8 s are up.
    assert!(read_all(&mut first, Duration::from_millis(200)).is_none());
    let reply =
        read_all(&mut first, Duration::from_secs(12)).expect("the long poll never answered");
    assert_eq!(status_of(&reply), 200, "{reply}");
}
