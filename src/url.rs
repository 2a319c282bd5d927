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
}
