//! Text files as the program reads them: decoded as UTF-8 with a clear error, a byte-order
//! mark removed, CRLF line endings accepted, and byte offsets turned into the 1-based
//! line and column numbers that diagnostics show.

use std::path::Path;

/// How a text file was written, beyond its text: a rewrite writes it back the same way
/// (CRLF in, CRLF out; a byte-order mark kept), so a translator's diff shows only the
/// lines that changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextStyle {
    pub bom: bool,
    pub crlf: bool,
}

impl TextStyle {
    /// A new file: LF line ends, no byte-order mark.
    pub const NEW: TextStyle = TextStyle {
        bom: false,
        crlf: false,
    };

    /// `text` (LF line ends, as the program holds every text) as bytes in this style.
    pub fn encode(self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() + text.len() / 32 + 3);
        if self.bom {
            out.extend_from_slice("\u{feff}".as_bytes());
        }
        if self.crlf {
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    out.extend_from_slice(b"\r\n");
                }
                out.extend_from_slice(line.strip_suffix('\r').unwrap_or(line).as_bytes());
            }
        } else {
            out.extend_from_slice(text.as_bytes());
        }
        out
    }
}

/// A decoded text file and what decoding it noticed.
#[derive(Debug, Clone)]
pub struct TextFile {
    pub text: String,
    pub had_bom: bool,
    pub had_crlf: bool,
}

/// Why bytes are not a usable text file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUtf8 {
    pub line: usize,
    pub column: usize,
}

impl TextFile {
    pub fn decode(bytes: Vec<u8>) -> Result<TextFile, NotUtf8> {
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let prefix = String::from_utf8_lossy(&bytes[..valid]);
                let line = prefix.matches('\n').count() + 1;
                let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                return Err(NotUtf8 { line, column });
            }
        };
        let (text, had_bom) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest.to_string(), true),
            None => (text, false),
        };
        let had_crlf = text.contains("\r\n");
        let text = if had_crlf {
            text.replace("\r\n", "\n")
        } else {
            text
        };
        Ok(TextFile {
            text,
            had_bom,
            had_crlf,
        })
    }

    /// How the file was written.
    pub fn style(&self) -> TextStyle {
        TextStyle {
            bom: self.had_bom,
            crlf: self.had_crlf,
        }
    }

    pub fn read(path: &Path) -> std::io::Result<Result<TextFile, NotUtf8>> {
        Ok(TextFile::decode(std::fs::read(path)?))
    }
}

/// Maps byte offsets of a text to 1-based (line, column); columns count characters.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, column)
    }

    /// Byte range of the 1-based line `line`, without its newline.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(text.len());
        let end = self.starts.get(line).map_or(text.len(), |&next| next - 1);
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_and_crlf() {
        let f = TextFile::decode(b"\xef\xbb\xbfa\r\nb".to_vec()).unwrap();
        assert_eq!(f.text, "a\nb");
        assert!(f.had_bom && f.had_crlf);
    }

    #[test]
    fn reports_where_utf8_breaks() {
        let err = TextFile::decode(b"ok\nab\xffc".to_vec()).unwrap_err();
        assert_eq!(err, NotUtf8 { line: 2, column: 3 });
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "ab\n한국어x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), (2, 4));
        assert_eq!(&text[idx.line_range(text, 2)], "한국어x");
    }
}
