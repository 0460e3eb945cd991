//! NumPy's published test vectors (numpy/random/tests/data/*.csv): each generator seeded from
//! `SeedSequence(seed)` must produce the listed 1000 raw words.

use numoxide_random::{BitGenerator, Mt19937, Pcg64, Pcg64Dxsm, Philox, SeedSequence, Sfc64};

/// The seed and the words of one CSV file.
fn read_vectors(name: &str) -> (u128, Vec<u64>) {
    let path = format!("{}/tests/data/{name}.csv", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("test data is committed");
    let mut lines = text.lines();
    let parse = |field: &str| {
        let field = field.trim();
        let hex = field.strip_prefix("0x").expect("hex values");
        u128::from_str_radix(hex, 16).expect("valid hex")
    };
    let seed_line = lines.next().expect("a seed line");
    let seed = parse(seed_line.split(',').nth(1).expect("seed value"));
    let words = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| parse(l.split(',').nth(1).expect("value")) as u64)
        .collect();
    (seed, words)
}

fn check<G: BitGenerator>(name: &str, make: impl Fn(&SeedSequence) -> G, raw: fn(&mut G) -> u64) {
    let (seed, expected) = read_vectors(name);
    let mut g = make(&SeedSequence::from_int(seed));
    let got: Vec<u64> = (0..expected.len()).map(|_| raw(&mut g)).collect();
    let first_bad = got.iter().zip(&expected).position(|(g, e)| g != e);
    assert_eq!(first_bad, None, "{name}: first mismatch at this index");
}

#[test]
fn mt19937_matches_numpy_vectors() {
    for name in ["mt19937-testset-1", "mt19937-testset-2"] {
        check(name, Mt19937::from_seed_sequence, |g| {
            u64::from(g.next_u32())
        });
    }
}

#[test]
fn pcg64_matches_numpy_vectors() {
    for name in ["pcg64-testset-1", "pcg64-testset-2"] {
        check(name, Pcg64::from_seed_sequence, Pcg64::next_u64);
    }
}

#[test]
fn pcg64dxsm_matches_numpy_vectors() {
    for name in ["pcg64dxsm-testset-1", "pcg64dxsm-testset-2"] {
        check(name, Pcg64Dxsm::from_seed_sequence, Pcg64Dxsm::next_u64);
    }
}

#[test]
fn philox_matches_numpy_vectors() {
    for name in ["philox-testset-1", "philox-testset-2"] {
        check(
            name,
            |s| Philox::from_seed_sequence(s, [0; 4]),
            Philox::next_u64,
        );
    }
}

#[test]
fn sfc64_matches_numpy_vectors() {
    for name in ["sfc64-testset-1", "sfc64-testset-2"] {
        check(name, Sfc64::from_seed_sequence, Sfc64::next_u64);
    }
}
