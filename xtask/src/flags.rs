//! Command-line flags, parsed by hand to keep xtask's dependencies few.

pub(crate) const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  conformance [--api qnits|saplab|ucoz]
      Check every citation of docs/quirks.md against ../shared/seeds/ (where
      it exists); run the conformance suites; print and write
      (target/conformance/) the endpoint x check table and the quirk table;
      fail on any gap or citation that does not hold.
  conformance --live qnits|saplab|ucoz [--allow-writes] [--save-fixtures]
      Call every safe endpoint of a real shop named in environment variables
      (see the README), report unknown fields (target/conformance/live-API.md);
      --allow-writes also creates, changes and removes objects of its own;
      --save-fixtures adds the scrubbed answers to fixtures/API/live/.
  bench
      Run the benchmarks (criterion, a counting allocator, callgrind where
      valgrind is installed) and print each ratio beside its target; write
      target/bench/report.md and target/bench/scaling.svg.
  fuzz [--seconds N | --seeds-only]
      Run every cargo-fuzz target of fuzz/ for N seconds each (default 60),
      seeded from fixtures/; print executions, coverage and crashes and write
      target/fuzz/report.md. --seeds-only runs each target over its seeds
      once (deterministic, for CI). Needs a nightly toolchain (skipped
      without one).
  mutants [--shard K/N] [--list | --report]
      Mutation testing (cargo-mutants, installed when missing) of
      shop-apis-core's wire and encode modules, ucoz-proto's oauth and
      shop-apis-adapter's retry and call, judged by the conformance tests and
      the protocol and adapter crates' own; counts per module and every
      mutant not caught to target/mutants/shard-K-of-N/report.md (--report
      renders it again). Hours in all: --shard K/N runs one Nth.
  emulate [--addr ADDR] [--tls]
      Run the emulator of every API in the foreground (default 127.0.0.1:8080);
      print each API's base URL and credentials; serve until Ctrl-C. --tls
      serves HTTPS only, with a certificate authority made at start whose
      certificate is written to a file; its path is printed.
  help
      Show this text.";

/// The APIs `--api` accepts.
pub(crate) const APIS: [&str; 3] = ["qnits", "saplab", "ucoz"];

#[derive(Debug, PartialEq)]
pub(crate) enum Command {
    Help,
    Conformance(ConformanceOptions),
    Bench,
    Fuzz {
        /// How long each target runs; `None` to run the seeds once.
        seconds: Option<u64>,
    },
    Mutants {
        /// One shard of the mutants, as `K/N`.
        shard: Option<String>,
        /// Only list the mutants.
        list: bool,
        /// Only render the report of an earlier run.
        report: bool,
    },
    Emulate {
        /// Where to listen, as `IP:PORT`; the emulator's default when `None`.
        addr: Option<String>,
        /// Whether to serve HTTPS only (`--tls`).
        tls: bool,
    },
}

#[derive(Debug, Default, PartialEq)]
pub(crate) struct ConformanceOptions {
    /// Only this API's endpoints and quirks (shared quirks always run).
    pub(crate) api: Option<String>,
    /// Against a real shop of this API instead.
    pub(crate) live: Option<String>,
    /// With `live`: also create, change and remove objects of its own.
    pub(crate) allow_writes: bool,
    /// With `live`: save the scrubbed answers as fixtures.
    pub(crate) save_fixtures: bool,
}

/// An API name given to `flag`.
fn api(value: Option<String>, flag: &str) -> Result<String, String> {
    let api = value.ok_or_else(|| format!("{flag} needs an API"))?;
    if APIS.contains(&api.as_str()) {
        Ok(api)
    } else {
        Err(format!("unknown API {api:?}; one of {APIS:?}"))
    }
}

pub(crate) fn parse(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let command = args.next().unwrap_or_else(|| "help".to_owned());
    match command.as_str() {
        "help" | "--help" | "-h" => Ok(Command::Help),
        "conformance" => {
            let mut options = ConformanceOptions::default();
            while let Some(flag) = args.next() {
                match flag.as_str() {
                    "--api" => options.api = Some(api(args.next(), "--api")?),
                    "--live" => options.live = Some(api(args.next(), "--live")?),
                    "--allow-writes" => options.allow_writes = true,
                    "--save-fixtures" => options.save_fixtures = true,
                    other => return Err(format!("unknown flag {other:?}")),
                }
            }
            if options.live.is_none() && (options.allow_writes || options.save_fixtures) {
                return Err("--allow-writes and --save-fixtures go with --live".to_owned());
            }
            if options.live.is_some() && options.api.is_some() {
                return Err("--live names the API; --api is for the emulator run".to_owned());
            }
            Ok(Command::Conformance(options))
        }
        "bench" => match args.next() {
            None => Ok(Command::Bench),
            Some(other) => Err(format!("unknown flag {other:?}")),
        },
        "fuzz" => {
            let mut seconds = Some(60);
            let (mut timed, mut seeds_only) = (false, false);
            while let Some(flag) = args.next() {
                match flag.as_str() {
                    "--seconds" => {
                        timed = true;
                        seconds = Some(
                            args.next()
                                .and_then(|v| v.parse().ok())
                                .filter(|s| *s > 0)
                                .ok_or("--seconds needs a whole number of seconds above 0")?,
                        )
                    }
                    "--seeds-only" => {
                        seeds_only = true;
                        seconds = None;
                    }
                    other => return Err(format!("unknown flag {other:?}")),
                }
            }
            if timed && seeds_only {
                return Err("--seconds and --seeds-only exclude each other".to_owned());
            }
            Ok(Command::Fuzz { seconds })
        }
        "mutants" => {
            let (mut shard, mut list, mut report) = (None, false, false);
            while let Some(flag) = args.next() {
                match flag.as_str() {
                    "--shard" => {
                        let value = args.next().ok_or("--shard needs K/N")?;
                        let valid = value.split_once('/').is_some_and(|(k, n)| {
                            matches!((k.parse::<u32>(), n.parse::<u32>()), (Ok(k), Ok(n)) if k < n)
                        });
                        if !valid {
                            return Err(format!("--shard {value:?}: K/N with K from 0 to N-1"));
                        }
                        shard = Some(value);
                    }
                    "--list" => list = true,
                    "--report" => report = true,
                    other => return Err(format!("unknown flag {other:?}")),
                }
            }
            if list && report {
                return Err("--list or --report, not both".to_owned());
            }
            Ok(Command::Mutants {
                shard,
                list,
                report,
            })
        }
        "emulate" => {
            let (mut addr, mut tls) = (None, false);
            while let Some(flag) = args.next() {
                match flag.as_str() {
                    "--addr" => addr = Some(args.next().ok_or("--addr needs a value")?),
                    "--tls" => tls = true,
                    other => return Err(format!("unknown flag {other:?}")),
                }
            }
            Ok(Command::Emulate { addr, tls })
        }
        other => Err(format!("unknown command {other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> impl Iterator<Item = String> {
        text.split_whitespace()
            .map(String::from)
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn parses_bench() {
        assert_eq!(parse(args("bench")), Ok(Command::Bench));
        assert!(parse(args("bench --fast")).is_err());
    }

    #[test]
    fn parses_conformance() {
        assert_eq!(
            parse(args("conformance --api qnits")),
            Ok(Command::Conformance(ConformanceOptions {
                api: Some("qnits".into()),
                ..ConformanceOptions::default()
            }))
        );
        assert_eq!(
            parse(args(
                "conformance --live saplab --allow-writes --save-fixtures"
            )),
            Ok(Command::Conformance(ConformanceOptions {
                live: Some("saplab".into()),
                allow_writes: true,
                save_fixtures: true,
                ..ConformanceOptions::default()
            }))
        );
        assert!(parse(args("conformance --live")).is_err());
        assert!(parse(args("conformance --allow-writes")).is_err());
        assert!(parse(args("conformance --live ucoz --api ucoz")).is_err());
        assert!(parse(args("conformance --api nope")).is_err());
        assert!(parse(args("conformance --bogus")).is_err());
        assert_eq!(parse(args("")), Ok(Command::Help));
    }

    #[test]
    fn parses_fuzz() {
        assert_eq!(parse(args("fuzz")), Ok(Command::Fuzz { seconds: Some(60) }));
        assert_eq!(
            parse(args("fuzz --seconds 5")),
            Ok(Command::Fuzz { seconds: Some(5) })
        );
        assert_eq!(
            parse(args("fuzz --seeds-only")),
            Ok(Command::Fuzz { seconds: None })
        );
        assert!(parse(args("fuzz --seeds-only --seconds 5")).is_err());
        assert!(parse(args("fuzz --seconds 0")).is_err());
        assert!(parse(args("fuzz --seconds")).is_err());
    }

    #[test]
    fn parses_mutants() {
        assert_eq!(
            parse(args("mutants --shard 2/8")),
            Ok(Command::Mutants {
                shard: Some("2/8".into()),
                list: false,
                report: false
            })
        );
        assert_eq!(
            parse(args("mutants --list")),
            Ok(Command::Mutants {
                shard: None,
                list: true,
                report: false
            })
        );
        assert!(parse(args("mutants --shard 8/8")).is_err());
        assert!(parse(args("mutants --list --report")).is_err());
        assert!(parse(args("mutants --shard two")).is_err());
    }

    #[test]
    fn parses_emulate() {
        assert_eq!(
            parse(args("emulate")),
            Ok(Command::Emulate {
                addr: None,
                tls: false
            })
        );
        assert_eq!(
            parse(args("emulate --addr 127.0.0.1:9000 --tls")),
            Ok(Command::Emulate {
                addr: Some("127.0.0.1:9000".into()),
                tls: true
            })
        );
        assert!(parse(args("emulate --addr")).is_err());
    }
}
