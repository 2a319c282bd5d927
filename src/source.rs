//! Text files as the program reads them: opened never through a symbolic link, decoded
//! as UTF-8 with a clear error, a byte-order mark removed, CRLF line endings accepted,
//! and byte offsets turned into the 1-based line and column numbers that diagnostics
//! show.

use std::io::Read;
use std::path::Path;

/// Makes `options` refuse a symbolic link as the last component of the path opened
/// (`O_NOFOLLOW`: the open fails with `ELOOP`; on Windows the link itself is opened,
/// which the callers then refuse as not a regular file).
pub fn no_follow(options: &mut std::fs::OpenOptions) -> &mut std::fs::OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;
        options.custom_flags(FILE_FLAG_OPEN_REPARSE_POINT);
    }
    options
}

/// The bytes of the regular file at `path`, never through a symbolic link: a link is
/// an error, and so is anything but a regular file (a FIFO would block the read).
pub fn read_no_follow(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    no_follow(&mut options);
    // Opening a FIFO for reading waits for a writer; non-blocking, it returns at once
    // and is refused below (regular files ignore the flag).
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let mut file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.file_type().is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
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

    /// Reads and decodes the file at `path`, never through a symbolic link.
    pub fn read(path: &Path) -> std::io::Result<Result<TextFile, NotUtf8>> {
        Ok(TextFile::decode(read_no_follow(path)?))
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
