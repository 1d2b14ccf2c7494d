//! `cfc`: the command line of the child-friendly commune evaluation engine.

#![forbid(unsafe_code)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
