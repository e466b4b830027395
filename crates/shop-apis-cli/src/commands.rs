//! The one shape of every API's list of commands: [`commands!`] turns a
//! list of endpoints, each with its arguments and how they make the
//! endpoint, into a clap subcommand per endpoint and the code that runs it.

/// Declares an API's commands: `enum Command for Api;` then, per endpoint,
/// its help, `one` (or `paged`, which adds `--all-pages`), the subcommand's
/// name as a variant (clap spells it in kebab case: `ListInvoices` is
/// `list-invoices`), the endpoint type, its arguments as clap fields, and
/// `=> |args| expression` making the endpoint (`?` may refuse an argument).
///
/// Each variant's name must be the endpoint's own (`Endpoint::NAME` without
/// the API), which `tests::every_command_is_named_after_its_endpoint` checks.
macro_rules! commands {
    (
        enum $enum:ident for $api:ty;
        $(
            $(#[$meta:meta])*
            $kind:ident $variant:ident($endpoint:ty) {
                $($(#[$field_meta:meta])* $field:ident: $field_type:ty,)*
            } => |$args:ident| $build:expr;
        )*
    ) => {
        /// Each endpoint's arguments, named as its command.
        pub(crate) mod arguments {
            #[allow(unused_imports)]
            use super::*;
            $(
                $crate::commands::arguments! {
                    $kind $variant { $($(#[$field_meta])* pub(crate) $field: $field_type,)* }
                }
            )*
        }

        /// One command per endpoint.
        #[derive(Debug, clap::Subcommand)]
        pub(crate) enum $enum {
            $($(#[$meta])* $variant(arguments::$variant),)*
        }

        impl $enum {
            /// The `Endpoint::NAME` of every command, in order, beside its variant's name.
            #[cfg(test)]
            pub(crate) const ENDPOINTS: &'static [(&'static str, &'static str)] = &[
                $((stringify!($variant), <$endpoint as ::shop_apis::Endpoint>::NAME),)*
            ];

            /// Makes the endpoint from the arguments and runs it on `target`.
            pub(crate) async fn run(
                self,
                target: &$crate::target::Target<$api>,
                options: &$crate::run::Options,
            ) -> ::core::result::Result<(), $crate::fail::Fail> {
                match self {
                    $($enum::$variant($args) => {
                        $crate::commands::dispatch!($kind, target, options, $args, $endpoint, $build)
                    })*
                }
            }
        }
    };
}

/// One command's arguments; a paged command's also take `--all-pages`.
macro_rules! arguments {
    (one $variant:ident { $($fields:tt)* }) => {
        #[doc = concat!("The arguments of `", stringify!($variant), "`.")]
        #[derive(Debug, clap::Args)]
        pub(crate) struct $variant {
            $($fields)*
        }
    };
    (paged $variant:ident { $($fields:tt)* }) => {
        #[doc = concat!("The arguments of `", stringify!($variant), "`.")]
        #[derive(Debug, clap::Args)]
        pub(crate) struct $variant {
            $($fields)*
            #[command(flatten)]
            pub(crate) paging: $crate::run::Paging,
        }
    };
}

/// Runs one command's endpoint: once, or page after page.
macro_rules! dispatch {
    (one, $target:ident, $options:ident, $args:ident, $endpoint:ty, $build:expr) => {{
        // Commands without arguments do not read them.
        let _ = &$args;
        let endpoint: $endpoint = $build;
        $crate::run::one($target, $options, endpoint).await
    }};
    (paged, $target:ident, $options:ident, $args:ident, $endpoint:ty, $build:expr) => {{
        let all_pages = $args.paging.all_pages;
        let endpoint: $endpoint = $build;
        if all_pages {
            $crate::run::every_page($target, $options, endpoint).await
        } else {
            $crate::run::one($target, $options, endpoint).await
        }
    }};
}

pub(crate) use {arguments, commands, dispatch};

/// Every API's commands, one line each (`ucoz list-invoices  List invoices…`),
/// for the top-level help.
pub(crate) fn list(command: &clap::Command) -> String {
    let mut lines = String::new();
    for api in command.get_subcommands() {
        for endpoint in api.get_subcommands() {
            // The first clause only, so that each stays on one line.
            let about = endpoint
                .get_about()
                .map(|about| about.to_string())
                .unwrap_or_default();
            let about = about
                .split([':', '('])
                .next()
                .unwrap_or_default()
                .trim_end();
            let name = format!("{} {}", api.get_name(), endpoint.get_name());
            lines.push_str(&format!("  {name:<34} {about}\n"));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Kebab case, as clap spells a variant: `ListInvoices` is `list-invoices`.
    fn kebab(name: &str) -> String {
        let mut out = String::new();
        for (i, c) in name.chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }

    fn all() -> Vec<(&'static str, &'static str, &'static str)> {
        let mut all = Vec::new();
        for (api, endpoints) in [
            ("qnits", crate::qnits::Command::ENDPOINTS),
            ("saplab", crate::saplab::Command::ENDPOINTS),
            ("ucoz", crate::ucoz::Command::ENDPOINTS),
        ] {
            all.extend(
                endpoints
                    .iter()
                    .map(|&(variant, name)| (api, variant, name)),
            );
        }
        all
    }

    #[test]
    fn every_command_is_named_after_its_endpoint() {
        for (api, variant, name) in all() {
            assert_eq!(name, format!("{api}.{variant}"), "{variant} runs {name}");
        }
    }

    #[test]
    fn every_endpoint_of_the_three_apis_has_one_command() {
        let all = all();
        let mut names: Vec<_> = all.iter().map(|(_, _, name)| *name).collect();
        names.sort_unstable();
        names.dedup();
        // 1 Qnits, 26 SapLab and 20 uCoz endpoints, as `conformance` counts them.
        assert_eq!(names.len(), 47, "{names:?}");
        assert_eq!(all.len(), 47);
    }

    #[test]
    fn the_help_lists_every_command() {
        let command = crate::Cli::command();
        let listed = super::list(&command);
        for (api, variant, _) in all() {
            let line = format!("  {api} {}", kebab(variant));
            assert!(
                listed.contains(&format!("{line} ")),
                "{line} missing from\n{listed}"
            );
        }
        assert_eq!(listed.lines().count(), 47);
    }

    #[test]
    fn the_arguments_are_consistent() {
        crate::Cli::command().debug_assert();
    }
}
