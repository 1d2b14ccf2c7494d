//! `cfc`: the command line of the child-friendly commune evaluation engine ([`cfc::cli`]).

#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    cfc::cli::main()
}
