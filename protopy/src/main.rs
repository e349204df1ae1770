fn main() {
    std::process::exit(protopy::cli::main());
}
