//! The decoders users run today, timed over the same pages: PHP's
//! `json_decode($body, true)` (what uCoz's helper does with an answer) and
//! Python's `json.loads`, each in its own process (`bench/peers/`), best of
//! several rounds.

use std::path::Path;
use std::process::Command;

/// A peer: the interpreter and the script that times it.
#[derive(Debug, Clone, Copy)]
pub struct Peer {
    /// What the report calls it.
    pub name: &'static str,
    /// The interpreter on `PATH`.
    pub program: &'static str,
    /// The script under `bench/peers/`.
    pub script: &'static str,
}

/// PHP's `json_decode` and Python's `json.loads`.
pub const ALL: [Peer; 2] = [
    Peer {
        name: "PHP json_decode",
        program: "php",
        script: "json_decode.php",
    },
    Peer {
        name: "Python json.loads",
        program: "python3",
        script: "json_loads.py",
    },
];

/// Rounds per page; the best is kept.
const ROUNDS: &str = "7";

impl Peer {
    /// Whether the interpreter runs here.
    pub fn available(&self) -> bool {
        Command::new(self.program)
            .arg("--version")
            .output()
            .is_ok_and(|output| output.status.success())
    }

    /// The interpreter's name and version, for the report.
    pub fn version(&self) -> Option<String> {
        let output = Command::new(self.program).arg("--version").output().ok()?;
        // `PHP 8.2.31 (cli) (built: …)` and `Python 3.11.7`: the name and number.
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        let words: Vec<&str> = text.split_whitespace().take(2).collect();
        (!words.is_empty()).then(|| words.join(" "))
    }

    /// Nanoseconds per decode of the file `page`, best of the rounds.
    pub fn time_ns(&self, page: &Path) -> Result<f64, String> {
        let script = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("peers")
            .join(self.script);
        let output = Command::new(self.program)
            .arg(&script)
            .arg(page)
            .arg(ROUNDS)
            .output()
            .map_err(|e| format!("{}: {e}", self.program))?;
        if !output.status.success() {
            return Err(format!(
                "{} failed: {}",
                self.name,
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
        String::from_utf8_lossy(&output.stdout)
            .trim()
            .parse()
            .map_err(|e| format!("{}: not a time: {e}", self.name))
    }
}
