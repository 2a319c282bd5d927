//! URL policy: which link and image targets may be written into a page. Used by the
//! content checks, the translation checks and the renderers alike.

/// URL schemes never written into a page.
pub fn is_unsafe_url(url: &str, image: bool) -> bool {
    let lowered: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    if lowered.starts_with("javascript:") || lowered.starts_with("vbscript:") {
        return true;
    }
    if lowered.starts_with("data:") {
        return !(image
            && lowered.starts_with("data:image/")
            && !lowered.starts_with("data:image/svg"));
    }
    false
}

/// Checks a `[links] localizable` pattern: an absolute http(s) URL prefix in which `*`
/// stands for any run of characters but `/` (`https://*.wikipedia.org/`).
pub fn check_localizable_pattern(pattern: &str) -> Result<(), String> {
    let Some((scheme, rest)) = pattern.split_once("://") else {
        return Err(format!(
            "\"{pattern}\" is not an absolute URL such as \"https://*.wikipedia.org/\""
        ));
    };
    if scheme != "https" && scheme != "http" {
        return Err(format!("\"{pattern}\" is not an http(s) URL"));
    }
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || host == "*" {
        return Err(format!(
            "\"{pattern}\" must name a site (a host such as *.wikipedia.org)"
        ));
    }
    if !rest.contains('/') {
        return Err(format!(
            "\"{pattern}\" must end its host with `/` (\"{pattern}/\")"
        ));
    }
    Ok(())
}

/// Whether `url` starts with something `pattern` matches (`*`: any run of characters
/// other than `/`), compared case-insensitively in the scheme and host.
pub fn matches_localizable(pattern: &str, url: &str) -> bool {
    fn prefix_match(p: &[u8], u: &[u8]) -> bool {
        match p.split_first() {
            None => true,
            Some((b'*', rest)) => {
                // The star takes as few characters as it must, never a `/`.
                let mut i = 0;
                loop {
                    if prefix_match(rest, &u[i..]) {
                        return true;
                    }
                    if i >= u.len() || u[i] == b'/' {
                        return false;
                    }
                    i += 1;
                }
            }
            Some((c, rest)) => u
                .split_first()
                .is_some_and(|(d, u)| c.eq_ignore_ascii_case(d) && prefix_match(rest, u)),
        }
    }
    !is_unsafe_url(url, false) && prefix_match(pattern.as_bytes(), url.as_bytes())
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
    }

    #[test]
    fn localizable_patterns() {
        let p = "https://*.wikipedia.org/";
        assert!(check_localizable_pattern(p).is_ok());
        assert!(matches_localizable(
            p,
            "https://ko.wikipedia.org/wiki/%EB%B6%81%ED%95%9C"
        ));
        assert!(matches_localizable(
            p,
            "HTTPS://en.Wikipedia.org/wiki/North_Korea"
        ));
        // The star never crosses a `/`, and the host must end where the pattern says.
        assert!(!matches_localizable(
            p,
            "https://evil.example/.wikipedia.org/"
        ));
        assert!(!matches_localizable(
            p,
            "https://ko.wikipedia.org.evil.example/"
        ));
        assert!(!matches_localizable(p, "http://ko.wikipedia.org/"));
        assert!(!matches_localizable(
            p,
            "javascript:alert(1)//.wikipedia.org/"
        ));
        for bad in [
            "*.wikipedia.org/",
            "ftp://x/",
            "https://*/",
            "https://example.org",
        ] {
            assert!(check_localizable_pattern(bad).is_err(), "{bad}");
        }
    }
}
