fn main() {
    std::process::exit(protopyc::cli::main());
}
