//! bench/sieve.py: count the primes below 8,000,000.

fn primes_below(n: usize) -> usize {
    let mut flags = vec![true; n];
    flags[0] = false;
    flags[1] = false;
    let mut i = 2;
    while i * i < n {
        if flags[i] {
            for j in (i * i..n).step_by(i) {
                flags[j] = false;
            }
        }
        i += 1;
    }
    flags.iter().filter(|&&f| f).count()
}

fn main() {
    let n = std::hint::black_box(8_000_000);
    println!("{}", primes_below(n));
}
