//! Text files as the program reads them: opened never through a symbolic link, decoded
//! as UTF-8 with a clear error, a byte-order mark removed, CRLF line endings accepted
//! (and written back as they were, [`TextStyle`]), and byte offsets turned into the
//! 1-based line and column numbers that diagnostics show. A [`SourceFile`] is a file's text
//! with its line index built once, shared by every diagnostic shown from it (as ruff's
//! `SourceFile`), so rendering n diagnostics of a file costs its size once, not n times.

use std::borrow::Cow;
use std::cell::OnceCell;
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

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
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

/// Characters between two marks of a [`SourceFile`]'s character index.
const CHARS_PER_MARK: usize = 64;

/// Lines up to this many bytes are searched for a column character by character.
const SHORT_LINE: usize = 4096;

/// A file's text, its line index and (built when a long line needs it) a sparse index of
/// character positions: a column in any line is found in bounded time.
#[derive(Debug, Clone)]
pub struct SourceFile<'a> {
    text: Cow<'a, str>,
    lines: LineIndex,
    /// Byte offset of every `CHARS_PER_MARK`-th character of the text.
    marks: OnceCell<Vec<usize>>,
}

/// A 1-based (line, column) found in a [`SourceFile`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located<'a> {
    /// The line, without its newline.
    pub line: &'a str,
    /// Byte offset in `line` of the column's character (`line.len()` past its end).
    pub start: usize,
    /// How many characters of `line` come before `start`.
    pub chars_before: usize,
}

impl<'a> SourceFile<'a> {
    pub fn new(text: impl Into<Cow<'a, str>>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile {
            text,
            lines,
            marks: OnceCell::new(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The 1-based line `line` without its newline (line 0 is taken as line 1, as the
    /// renderer always did); `None` past the last line.
    pub fn line(&self, line: usize) -> Option<&str> {
        let line = line.max(1);
        (line <= self.lines.starts.len())
            .then(|| &self.text[self.lines.line_range(&self.text, line)])
    }

    /// The line `line` and where its 1-based character `column` starts (column 0 is taken
    /// as 1; a column past the end is the end).
    pub fn locate(&self, line: usize, column: usize) -> Option<Located<'_>> {
        let text = self.line(line)?;
        let range = self.lines.line_range(&self.text, line.max(1));
        let wanted = column.saturating_sub(1);
        if text.len() <= SHORT_LINE {
            let (start, chars_before) = match text.char_indices().nth(wanted) {
                Some((i, _)) => (i, wanted),
                None => (text.len(), text.chars().count()),
            };
            return Some(Located {
                line: text,
                start,
                chars_before,
            });
        }
        let first = self.char_at(range.start);
        let last = self.char_at(range.end);
        let (start, chars_before) = if first + wanted >= last {
            (text.len(), last - first)
        } else {
            (self.byte_of_char(first + wanted) - range.start, wanted)
        };
        Some(Located {
            line: text,
            start,
            chars_before,
        })
    }

    fn marks(&self) -> &[usize] {
        self.marks.get_or_init(|| {
            self.text
                .char_indices()
                .step_by(CHARS_PER_MARK)
                .map(|(i, _)| i)
                .collect()
        })
    }

    /// How many characters come before byte `offset` (a character boundary).
    fn char_at(&self, offset: usize) -> usize {
        let marks = self.marks();
        let mark = marks.partition_point(|&m| m <= offset).saturating_sub(1);
        let from = marks.get(mark).copied().unwrap_or(0);
        mark * CHARS_PER_MARK + self.text[from..offset].chars().count()
    }

    /// The byte offset of character `n` (fewer than the text has).
    fn byte_of_char(&self, n: usize) -> usize {
        let from = self.marks()[n / CHARS_PER_MARK];
        self.text[from..]
            .char_indices()
            .nth(n % CHARS_PER_MARK)
            .map_or(self.text.len(), |(i, _)| from + i)
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

    /// Every (line, column) of a text with short and long lines of mixed widths is found
    /// where counting characters from the line's start finds it.
    #[test]
    fn a_source_file_locates_columns_as_counting_characters_does() {
        let long: String = "aé한\t🦀 ".repeat(2000);
        let text = format!("ab\n{long}\n\nxyz{long}é\n한");
        let file = SourceFile::new(text.as_str());
        let lines: Vec<&str> = text.split('\n').collect();
        for (n, line) in lines.iter().enumerate() {
            assert_eq!(file.line(n + 1), Some(*line));
            let count = line.chars().count();
            for column in (0..count + 3).step_by(7).chain([count, count + 1]) {
                let expected = line
                    .char_indices()
                    .nth(column.saturating_sub(1))
                    .map_or((line.len(), count), |(i, _)| (i, column.saturating_sub(1)));
                let got = file.locate(n + 1, column).unwrap();
                assert_eq!(
                    (got.start, got.chars_before),
                    expected,
                    "line {n} column {column}"
                );
                assert_eq!(got.line, *line);
            }
        }
        assert_eq!(file.line(0), Some("ab"));
        assert_eq!(file.line(lines.len() + 1), None);
        assert!(file.locate(lines.len() + 1, 1).is_none());
    }
}
