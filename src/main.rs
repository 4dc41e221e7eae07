fn main() {
    std::process::exit(jwtctl::main_exit_code());
}
