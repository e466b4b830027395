//! Writing answers: JSON, pretty on a terminal and one line in a pipe, or
//! the server's bytes as sent.

use std::io::{IsTerminal, Write};

use crate::fail::Fail;

/// Standard output, written through [`Fail`]: a reader that went away
/// (`| head`) ends the command quietly.
pub(crate) struct Output {
    out: std::io::StdoutLock<'static>,
    pretty: bool,
}

impl Output {
    pub(crate) fn stdout() -> Output {
        let stdout = std::io::stdout();
        let pretty = stdout.is_terminal();
        Output {
            out: stdout.lock(),
            pretty,
        }
    }

    /// `value` as JSON: pretty on a terminal, one line otherwise.
    pub(crate) fn json(&mut self, value: &impl serde::Serialize) -> Result<(), Fail> {
        if self.pretty {
            serde_json::to_writer_pretty(&mut self.out, value).map_err(from_json)?;
            self.end_line()
        } else {
            self.json_line(value)
        }
    }

    /// `value` as one line of JSON, whatever stdout is.
    pub(crate) fn json_line(&mut self, value: &impl serde::Serialize) -> Result<(), Fail> {
        serde_json::to_writer(&mut self.out, value).map_err(from_json)?;
        self.end_line()
    }

    /// `bytes` exactly as given.
    pub(crate) fn bytes(&mut self, bytes: &[u8]) -> Result<(), Fail> {
        self.out.write_all(bytes).map_err(from_io)?;
        self.out.flush().map_err(from_io)
    }

    /// `text` and a line break.
    pub(crate) fn text(&mut self, text: &str) -> Result<(), Fail> {
        self.out.write_all(text.as_bytes()).map_err(from_io)?;
        self.end_line()
    }

    fn end_line(&mut self) -> Result<(), Fail> {
        self.out.write_all(b"\n").map_err(from_io)?;
        self.out.flush().map_err(from_io)
    }
}

fn from_io(error: std::io::Error) -> Fail {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        Fail::Closed
    } else {
        Fail::Output(error)
    }
}

fn from_json(error: serde_json::Error) -> Fail {
    match error.io_error_kind() {
        Some(kind) => from_io(std::io::Error::from(kind)),
        // An answer the library made that will not serialise: a bug here or
        // there, told as such rather than printed half.
        None => Fail::Output(std::io::Error::other(error)),
    }
}
