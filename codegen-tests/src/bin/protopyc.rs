//! protopyc's command line, built by this package for its end-to-end tests.
fn main() {
    std::process::exit(protopyc::cli::main());
}
