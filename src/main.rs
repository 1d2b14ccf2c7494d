//! `cfc`: the command line of the child-friendly commune evaluation engine.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
