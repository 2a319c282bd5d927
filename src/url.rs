//! URL policy: which link and image targets may be written into a page, and which a
//! translation may change (`[links] localizable`). Used by the content checks, the
//! translation checks and the renderers alike.

use url::{Host, Url};

/// The URL schemes a page may link to; a target with any other scheme (`javascript:`,
/// `vbscript:`, `file:`, `data:` but for images …) is never written. Relative URLs and
/// fragments have no scheme and are always allowed. The one list: the Markdown checks
/// and renderers ask [`is_unsafe_url`], and the sanitiser of authored HTML is set up
/// from it ([`crate::render::html::sanitize`]).
pub(crate) const SCHEMES: &[&str] = &[
    "http", "https", "mailto", "tel", "sms", "ftp", "ftps", "geo", "irc", "ircs", "xmpp", "webcal",
    "news", "nntp", "magnet", "sip",
];

/// The scheme of `url` as a browser reads it — spaces and controls around it and tabs
/// and line breaks inside it ignored, case folded — or `None` for a relative URL.
pub(crate) fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Whether `url` may not be written into a page: its scheme is not one of [`SCHEMES`]
/// (an image may also be a raster `data:image/…`; an SVG can hold script).
pub(crate) fn is_unsafe_url(url: &str, image: bool) -> bool {
    let Some(scheme) = scheme(url) else {
        return false;
    };
    if SCHEMES.contains(&scheme.as_str()) {
        return false;
    }
    if scheme == "data" && image {
        let lowered: String = url
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .flat_map(char::to_lowercase)
            .collect();
        return !lowered.starts_with("data:image/") || lowered.starts_with("data:image/svg");
    }
    true
}

/// A `[links] localizable` pattern (`https://*.wikipedia.org/wiki/`), parsed by the `url`
/// crate as a browser parses a URL. It matches a link target, parsed the same way, when
///
/// - the schemes are the same (`http` or `https`);
/// - the hosts have as many labels and each label matches: a `*` in a pattern's label
///   stands for one or more letters, digits or `-` (never a `.`, and nothing else a host
///   may hold), everything else is compared as the URL standard writes hosts (lowercase,
///   IDNA-mapped, percent-decoded, so `%65n` and `EN` are `en`);
/// - the ports are the same (a scheme's default port is no port);
/// - the target has no user name or password (`https://en.wikipedia.org@evil.example/`
///   goes to `evil.example`, and a user name before the right host is refused too);
/// - the target's path starts with the pattern's, in which `*` stands for any run of
///   characters but `/`. Query and fragment are the target's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkPattern {
    /// As written in `fluentpress.toml`.
    pub text: String,
    scheme: String,
    /// The host's labels, as the URL standard writes them.
    labels: Vec<String>,
    port: Option<u16>,
    /// The path, as the URL standard writes it (percent-encoded, dot segments resolved).
    path: String,
}

/// The characters a `*` of a host pattern stands for: those of a DNS label.
fn is_label_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'
}

impl LinkPattern {
    /// Reads a pattern: an absolute http(s) URL with a host and a path, and no user
    /// name, query or fragment.
    pub fn parse(pattern: &str) -> Result<LinkPattern, String> {
        let Some((scheme, rest)) = pattern.split_once("://") else {
            return Err(format!(
                "\"{pattern}\" is not an absolute URL such as \"https://*.wikipedia.org/\""
            ));
        };
        if scheme != "https" && scheme != "http" {
            return Err(format!("\"{pattern}\" is not an http(s) URL"));
        }
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        if host.is_empty() || host == "*" {
            return Err(format!(
                "\"{pattern}\" must name a site (a host such as *.wikipedia.org)"
            ));
        }
        if !rest[host.len()..].starts_with('/') {
            return Err(format!(
                "\"{pattern}\" must end its host with `/` (\"{scheme}://{host}/\")"
            ));
        }
        let url = Url::parse(pattern).map_err(|e| format!("\"{pattern}\" is not a URL: {e}"))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(format!("\"{pattern}\" must not name a user (`user@`)"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!(
                "\"{pattern}\" must end with its path (no `?` query or `#` fragment)"
            ));
        }
        let Some(Host::Domain(domain)) = url.host() else {
            return Err(format!(
                "\"{pattern}\" must name its host by a domain name, not an IP address"
            ));
        };
        let labels: Vec<String> = domain.split('.').map(str::to_string).collect();
        for label in &labels {
            let starred = label.contains('*');
            if label.is_empty()
                || !label.bytes().all(|b| is_label_byte(b) || b == b'*')
                || (starred && label.starts_with("xn--"))
            {
                return Err(format!(
                    "\"{pattern}\": the host label \"{label}\" may hold only letters, digits, `-` and `*`"
                ));
            }
        }
        if labels.iter().all(|l| l.contains('*')) {
            return Err(format!(
                "\"{pattern}\" must name a site (a host such as *.wikipedia.org)"
            ));
        }
        Ok(LinkPattern {
            text: pattern.to_string(),
            scheme: url.scheme().to_string(),
            labels,
            port: url.port_or_known_default(),
            path: url.path().to_string(),
        })
    }

    /// Whether `url` is within the pattern (see [`LinkPattern`]).
    pub fn matches(&self, url: &Url) -> bool {
        url.scheme() == self.scheme
            && url.username().is_empty()
            && url.password().is_none()
            && url.port_or_known_default() == self.port
            && matches!(url.host(), Some(Host::Domain(host)) if self.host_matches(host))
            && path_matches(&self.path, url.path())
    }

    fn host_matches(&self, host: &str) -> bool {
        let mut got = host.split('.');
        for want in &self.labels {
            let Some(label) = got.next() else {
                return false;
            };
            let fits = if want.contains('*') {
                // A star never stands for a character outside a DNS label, and the
                // pattern's own characters are all label characters: a label with any
                // other character (`_`, `!`, `*`) cannot match.
                label.bytes().all(is_label_byte) && glob(want, label, 1, true)
            } else {
                want == label
            };
            if !fits {
                return false;
            }
        }
        got.next().is_none()
    }
}

/// Whether the path `got` starts with what `pattern` (a path with `*` for any run of
/// characters but `/`) describes. A star never crosses a `/`, so the two are compared
/// segment by segment: every segment of the pattern but its last matches a whole
/// segment, the last one the start of its segment.
fn path_matches(pattern: &str, got: &str) -> bool {
    let mut got = got.split('/');
    let mut want = pattern.split('/').peekable();
    while let Some(w) = want.next() {
        let Some(g) = got.next() else {
            return false;
        };
        let last = want.peek().is_none();
        if !glob(w, g, 0, !last) {
            return false;
        }
    }
    true
}

/// Whether `text` matches `pattern`, in which each `*` stands for at least `star_min`
/// characters (any), as a whole (`whole`) or as a prefix.
///
/// Linear in `text`: the pattern's literal pieces (between stars) are placed from left
/// to right, each at its leftmost place after the previous one, and never moved again.
/// That is enough, because a piece placed further left only leaves more room for the
/// pieces after it (a star takes whatever lies between). Each piece is found by
/// `str::find` (the two-way algorithm: linear in the text searched plus the piece), and
/// each search starts where the previous piece ended, so the text is scanned once per
/// pattern, whatever the number of stars: no backtracking, unlike matching a star by
/// trying every length in turn.
fn glob(pattern: &str, text: &str, star_min: usize, whole: bool) -> bool {
    let mut pieces = pattern.split('*');
    let first = pieces.next().unwrap_or("");
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let mut pieces = pieces.peekable();
    if pieces.peek().is_none() {
        // No star at all.
        return !whole || rest.is_empty();
    }
    while let Some(piece) = pieces.next() {
        // The star before this piece takes at least `star_min` characters.
        let Some(after_star) = rest.get(star_min..) else {
            return false;
        };
        if pieces.peek().is_none() && whole {
            // The last piece ends the text.
            return after_star.len() >= piece.len() && after_star.ends_with(piece);
        }
        let Some(at) = after_star.find(piece) else {
            return false;
        };
        rest = &after_star[at + piece.len()..];
    }
    true
}

/// Whether a link target is within one of the site's localizable patterns. A target
/// that does not parse as an absolute URL is in none.
pub(crate) fn is_localizable(patterns: &[LinkPattern], target: &str) -> bool {
    if patterns.is_empty() || is_unsafe_url(target, false) {
        return false;
    }
    match Url::parse(target) {
        Ok(url) => patterns.iter().any(|p| p.matches(&url)),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_urls() {
        assert!(is_unsafe_url("javascript:alert(1)", false));
        assert!(is_unsafe_url(" JaVa\tScript:alert(1)", false));
        assert!(is_unsafe_url("vbscript:x", false));
        assert!(is_unsafe_url("data:text/html,<script>", false));
        assert!(is_unsafe_url("data:image/png;base64,AAA", false));
        assert!(!is_unsafe_url("data:image/png;base64,AAA", true));
        assert!(is_unsafe_url("data:image/svg+xml,<svg onload=x>", true));
        assert!(!is_unsafe_url("https://www.unhcr.org/", false));
        assert!(!is_unsafe_url("other-page.md", false));
        // One allow-list: `file:` and unknown schemes are refused as in authored HTML.
        assert!(is_unsafe_url("file:///etc/passwd", false));
        assert!(is_unsafe_url("FiLe:x", true));
        assert!(is_unsafe_url("\u{1}java\tscript:alert(1)", false));
        assert!(!is_unsafe_url("mailto:a@b.org", false));
        assert!(!is_unsafe_url("tel:+1-555", false));
        assert!(!is_unsafe_url("#top", false));
        assert!(!is_unsafe_url("../a/b.md#c", false));
    }

    fn matches(pattern: &str, url: &str) -> bool {
        is_localizable(&[LinkPattern::parse(pattern).unwrap()], url)
    }

    #[test]
    fn localizable_patterns() {
        let p = "https://*.wikipedia.org/";
        assert!(matches(
            p,
            "https://ko.wikipedia.org/wiki/%EB%B6%81%ED%95%9C"
        ));
        assert!(matches(p, "HTTPS://en.Wikipedia.org/wiki/North_Korea"));
        assert!(matches(p, "https://zh-yue.wikipedia.org/"));
        // The star never crosses a `/` or a `.`, and the host must end where the pattern says.
        assert!(!matches(p, "https://evil.example/.wikipedia.org/"));
        assert!(!matches(p, "https://ko.wikipedia.org.evil.example/"));
        assert!(!matches(p, "https://a.b.wikipedia.org/"));
        assert!(!matches(p, "https://.wikipedia.org/"));
        assert!(!matches(p, "http://ko.wikipedia.org/"));
        assert!(!matches(p, "javascript:alert(1)//.wikipedia.org/"));
        assert!(!matches(p, "//ko.wikipedia.org/"));
        assert!(!matches(p, "wiki/page.md"));
        for bad in [
            "*.wikipedia.org/",
            "ftp://x/",
            "https://*/",
            "https://*.*/",
            "https://example.org",
            "https://a_b.example/",
            "https://user@example.org/",
            "https://example.org/?q",
            "https://example.org/#f",
            "https://127.0.0.1/",
        ] {
            assert!(LinkPattern::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_star_in_a_host_is_letters_digits_and_hyphens_only() {
        let p = "https://*.wikipedia.org/";
        // What a browser would fetch from another host, each written so that a star
        // matching any character would have let it through.
        for evil in [
            "https://evil.example?.wikipedia.org/",
            "https://evil.example#.wikipedia.org/",
            "https://evil.example\\.wikipedia.org/",
            "https://en.wikipedia.org@evil.example/",
            "https://en.wikipedia.org:x@evil.example/",
            "https://evil.example:443@x.wikipedia.org/",
            "https://evil_example.wikipedia.org/",
            "https://ev!l.wikipedia.org/",
        ] {
            assert!(!matches(p, evil), "{evil}");
        }
        // A user name before the right host, and another port, are refused too.
        assert!(!matches(p, "https://me@ko.wikipedia.org/"));
        assert!(!matches(p, "https://ko.wikipedia.org:8443/"));
        // The default port is no port; hosts compare as the URL standard writes them.
        assert!(matches(p, "https://ko.wikipedia.org:443/"));
        assert!(matches(p, "https://%6bo.wikipedia.org/"));
        assert!(matches(p, "https://KO.WIKIPEDIA.ORG/"));
        assert!(matches(p, "https://ko\u{3002}wikipedia\u{3002}org/"));
        // An internationalised name is its punycode: the star sees `xn--…`.
        assert!(matches("https://*.example/", "https://bücher.example/"));
        assert!(!matches("https://b*r.example/", "https://bücher.example/"));
        assert!(matches(
            "https://xn--bcher-kva.example/",
            "https://bücher.example/x"
        ));
        // Several stars in a label, each standing for at least one character.
        let p = "https://a*b*c.example/";
        assert!(matches(p, "https://axbyc.example/"));
        assert!(matches(p, "https://a-b-b-c.example/"));
        assert!(!matches(p, "https://abc.example/"));
        assert!(!matches(p, "https://axbc.example/"));
    }

    #[test]
    fn paths_match_segment_by_segment() {
        let p = "https://*.wikipedia.org/wiki/";
        assert!(matches(p, "https://ko.wikipedia.org/wiki/North_Korea"));
        assert!(matches(p, "https://ko.wikipedia.org/wiki/"));
        assert!(!matches(p, "https://ko.wikipedia.org/wiki"));
        assert!(!matches(p, "https://ko.wikipedia.org/w/index.php"));
        // Dot segments are resolved before matching, as the browser resolves them.
        assert!(!matches(p, "https://ko.wikipedia.org/wiki/../w/x"));
        let p = "https://example.org/docs/*/guide";
        assert!(matches(p, "https://example.org/docs/ko/guide"));
        assert!(matches(p, "https://example.org/docs/ko/guide-2?x#y"));
        assert!(matches(p, "https://example.org/docs//guide"));
        assert!(!matches(p, "https://example.org/docs/ko/x/guide"));
        assert!(!matches(p, "https://example.org/docs/ko"));
    }

    #[test]
    fn matching_is_linear_in_the_length_of_the_url() {
        // Three stars against a 4,000-character label: trying every length of every star
        // in turn is cubic here (tens of seconds); placing each piece once is not. The
        // test checks the answers; that it finishes at all is the point.
        let host = "a".repeat(4000);
        let p = LinkPattern::parse("https://*a*a*b.example/").unwrap();
        let url = Url::parse(&format!("https://{host}.example/")).unwrap();
        assert!(!p.matches(&url));
        let url = Url::parse(&format!("https://{host}b.example/")).unwrap();
        assert!(p.matches(&url));
        let p = LinkPattern::parse("https://example.org/*a*a*b").unwrap();
        let url = Url::parse(&format!("https://example.org/{host}")).unwrap();
        assert!(!p.matches(&url));
        let url = Url::parse(&format!("https://example.org/{host}b/rest")).unwrap();
        assert!(p.matches(&url));
    }

    #[test]
    fn globs() {
        assert!(glob("a*c", "abc", 1, true));
        assert!(!glob("a*c", "ac", 1, true));
        assert!(glob("a*c", "ac", 0, true));
        assert!(glob("a*c", "acxc", 1, true));
        assert!(glob("*", "x", 1, true));
        assert!(!glob("*", "", 1, true));
        assert!(glob("ab", "abc", 0, false));
        assert!(!glob("ab", "abc", 0, true));
        assert!(glob("a*", "a", 0, false));
        assert!(glob("a*b", "axxbyy", 0, false));
        assert!(!glob("a*b", "axxyy", 0, false));
        // The last piece overlapping the one before it is not counted twice.
        assert!(!glob("*ab*ba", "aba", 0, true));
        assert!(glob("*ab*ba", "abba", 0, true));
    }
}
