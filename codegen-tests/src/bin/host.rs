//! The protopy host, built by this package for its end-to-end tests.
fn main() {
    std::process::exit(protopy::cli::main());
}
