//! `cfc`: the command line of the child-friendly commune evaluation engine ([`cfc::cli`]).

#![forbid(unsafe_code)]

/// With the `mimalloc` feature, the binary allocates with mimalloc (see "The allocator" in
/// `docs/performance.md` for why it is not the default).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cfc::cli::main()
}
