//! The transform against NumPy's results (hashes from `tools/gen_mvn_tests.py`, rebuilt here
//! from the same inputs) and its semantics: errors, checks, factors.

use super::oracle_cases::{PRODUCTS, TRANSFORMS};
use super::*;
use crate::blas_order::{numpy_dot, numpy_matmul_transposed};

/// `n` floats in `[-0.5, 0.5)` from splitmix64 (the generator script's `stream`).
fn stream(seed: u64, n: usize) -> Vec<f64> {
    (1..=n as u64)
        .map(|i| {
            let x = seed.wrapping_add(0x9E37_79B9_7F4A_7C15_u64.wrapping_mul(i));
            let mut z = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            (z >> 11) as f64 * 2f64.powi(-53) - 0.5
        })
        .collect()
}

fn fnv1a(values: &[f64]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for v in values {
        for byte in v.to_le_bytes() {
            h = (h ^ u64::from(byte)).wrapping_mul(0x100_0000_01B3);
        }
    }
    h
}

/// The script's covariances (entries exact, so both sides hold the same matrix).
fn covariance(kind: &str, n: usize, seed: u64) -> Vec<f64> {
    let u = stream(seed, n * n);
    let round8 = |v: f64| (v * 8.0).round_ties_even();
    (0..n * n)
        .map(|p| {
            let (i, j) = (p / n, p % n);
            let off = if i > j { u[i * n + j] } else { u[j * n + i] };
            match kind {
                "dominant" if i == j => n as f64 + u[p].abs(),
                "rank1" => {
                    let v = stream(seed, n);
                    round8(v[i]) * round8(v[j])
                }
                "diag" if i == j => round8(stream(seed, n)[i]).powi(2),
                "diag" => 0.0,
                _ if i == j => u[p],
                _ => off,
            }
        })
        .collect()
}

#[test]
fn products_round_as_numpy_blas() {
    for &(m, n, seed, dot_hash, matmul_hash) in PRODUCTS {
        let x = stream(seed, m * n);
        let b: Vec<f64> = stream(seed + 1, n * n).iter().map(|v| v * 3.0).collect();
        assert_eq!(fnv1a(&numpy_dot(&x, m, &b, n)), dot_hash, "dot m={m} n={n}");
        let got = numpy_matmul_transposed(&x, m, &b, n);
        assert_eq!(fnv1a(&got), matmul_hash, "matmul m={m} n={n}");
    }
}

#[test]
fn samples_are_numpys() {
    for &(kind, n, m, seed, legacy, svd, cholesky) in TRANSFORMS {
        let cov = covariance(kind, n, seed);
        let z: Vec<f64> = stream(seed + 1, m * n).iter().map(|v| v * 6.0).collect();
        let mean: Vec<f64> = stream(seed + 2, n).iter().map(|v| v * 10.0).collect();
        let run = |recipe| multivariate_normal_transform(&z, &mean, &cov, recipe, "warn", 1e-8);
        let case = format!("{kind} n={n} m={m}");
        let got = run(MvnRecipe::Legacy).unwrap();
        assert_eq!(
            (fnv1a(&got.values), got.psd),
            (legacy.0, Some(legacy.1)),
            "legacy {case}"
        );
        let got = run(MvnRecipe::Generator(CovFactorization::Svd)).unwrap();
        assert_eq!(
            (fnv1a(&got.values), got.psd),
            (svd.0, Some(svd.1)),
            "svd {case}"
        );
        let got = run(MvnRecipe::Generator(CovFactorization::Cholesky));
        match cholesky {
            Some(hash) => assert_eq!(fnv1a(&got.unwrap().values), hash, "cholesky {case}"),
            None => assert_eq!(
                got.unwrap_err(),
                Error::LinAlg("Matrix is not positive definite".into())
            ),
        }
    }
}

const IDENTITY2: [f64; 4] = [1.0, 0.0, 0.0, 1.0];
const INDEFINITE2: [f64; 4] = [1.0, 2.0, 2.0, 1.0];

fn generator(method: CovFactorization) -> MvnRecipe {
    MvnRecipe::Generator(method)
}

#[test]
fn shape_checks_in_numpys_order() {
    assert_eq!(multivariate_normal_size(&[3], &[3, 3]), Ok(3));
    let err = |m: &[usize], c: &[usize]| multivariate_normal_size(m, c).unwrap_err().to_string();
    assert_eq!(err(&[], &[1, 1]), "mean must be 1 dimensional");
    assert_eq!(err(&[1, 2], &[2]), "mean must be 1 dimensional");
    assert_eq!(err(&[2], &[2]), "cov must be 2 dimensional and square");
    assert_eq!(err(&[2], &[2, 3]), "cov must be 2 dimensional and square");
    assert_eq!(err(&[3], &[2, 2]), "mean and cov must have same length");
    assert_eq!(
        CovFactorization::parse("qr").unwrap_err().to_string(),
        "method must be one of {'eigh', 'svd', 'cholesky'}"
    );
}

#[test]
fn check_valid_is_validated_only_when_a_check_is_due() {
    let run = |recipe, cov: &[f64], check: &str| {
        multivariate_normal_transform(&[0.5, -1.0], &[0.0, 0.0], cov, recipe, check, 1e-8)
    };
    let bad = Error::value("check_valid must equal 'warn', 'raise', or 'ignore'");
    for recipe in [
        MvnRecipe::Legacy,
        generator(CovFactorization::Svd),
        generator(CovFactorization::Eigh),
    ] {
        assert_eq!(run(recipe, &IDENTITY2, "nope"), Err(bad.clone()));
        assert_eq!(run(recipe, &IDENTITY2, "ignore").unwrap().psd, None);
        assert_eq!(run(recipe, &IDENTITY2, "warn").unwrap().psd, Some(true));
        assert_eq!(run(recipe, &INDEFINITE2, "warn").unwrap().psd, Some(false));
        assert_eq!(
            run(recipe, &INDEFINITE2, "raise"),
            Err(Error::value(NOT_PSD_MESSAGE))
        );
    }
    // Cholesky never checks, so any check_valid passes; its factorization fails instead.
    let cholesky = generator(CovFactorization::Cholesky);
    assert_eq!(run(cholesky, &IDENTITY2, "nope").unwrap().psd, None);
    let failed = Error::LinAlg("Matrix is not positive definite".into());
    assert_eq!(run(cholesky, &INDEFINITE2, "nope"), Err(failed));
}

#[test]
fn identity_covariance_adds_the_mean() {
    let z = [0.25, -1.5, 3.0, 0.0, -0.0, 7.5];
    let mean = [10.0, -20.0];
    for recipe in [
        MvnRecipe::Legacy,
        generator(CovFactorization::Svd),
        generator(CovFactorization::Cholesky),
    ] {
        let got =
            multivariate_normal_transform(&z, &mean, &IDENTITY2, recipe, "warn", 1e-8).unwrap();
        assert_eq!(got.values, vec![10.25, -21.5, 13.0, -20.0, 10.0, -12.5]);
    }
}

#[test]
fn no_columns_is_numpys_reshape_error() {
    let got = multivariate_normal_transform(&[], &[], &[], MvnRecipe::Legacy, "warn", 1e-8);
    assert_eq!(
        got,
        Err(Error::value(
            "cannot reshape array of size 0 into shape (0)"
        ))
    );
}

#[test]
fn non_finite_covariances() {
    let run = |recipe, cov: &[f64]| {
        multivariate_normal_transform(&[0.5, -1.0], &[0.0, 0.0], cov, recipe, "warn", 1e-8)
    };
    let svd = generator(CovFactorization::Svd);
    let nan = [1.0, f64::NAN, 0.0, 1.0];
    let inf = [1.0, 0.0, f64::INFINITY, 1.0];
    let failed = Error::LinAlg("SVD did not converge".into());
    assert_eq!(run(MvnRecipe::Legacy, &nan), Err(failed.clone()));
    assert_eq!(run(svd, &nan), Err(failed));
    for recipe in [MvnRecipe::Legacy, svd] {
        let got = run(recipe, &inf).unwrap();
        assert!(got.values.iter().all(|v| v.is_nan()));
        assert_eq!(got.psd, Some(false));
    }
    // eigh and cholesky read the lower triangle: the NaN above the diagonal is not seen.
    let eigh = run(generator(CovFactorization::Eigh), &nan).unwrap();
    assert_eq!(
        (eigh.values.clone(), eigh.psd),
        (vec![0.5, -1.0], Some(true))
    );
    let eigh = run(generator(CovFactorization::Eigh), &inf).unwrap();
    assert!(eigh.values.iter().all(|v| v.is_nan()));
    let cholesky = run(generator(CovFactorization::Cholesky), &inf);
    assert_eq!(
        cholesky,
        Err(Error::LinAlg("Matrix is not positive definite".into()))
    );
}

#[test]
fn eigh_factor_reproduces_the_covariance() {
    for n in [2, 5, 13, 30] {
        let cov = covariance("dominant", n, 77 + n as u64);
        // With z = I the samples are the factor's transpose: row k is column k of F.
        let mut z = vec![0.0; n * n];
        (0..n).for_each(|k| z[k * n + k] = 1.0);
        let zero = vec![0.0; n];
        let run = |method| {
            multivariate_normal_transform(&z, &zero, &cov, generator(method), "warn", 1e-8)
        };
        for method in [
            CovFactorization::Eigh,
            CovFactorization::Svd,
            CovFactorization::Cholesky,
        ] {
            let ft = run(method).unwrap().values;
            for i in 0..n {
                for j in 0..n {
                    let back: f64 = (0..n).map(|k| ft[k * n + i] * ft[k * n + j]).sum();
                    let want = cov[i * n + j];
                    assert!((back - want).abs() < 1e-12 * n as f64, "{method:?} n={n}");
                }
            }
        }
    }
}

#[test]
fn eigh_checks_eigenvalues_against_tol() {
    // Eigenvalues 3 and -1e-9: within tol 1e-8 of zero, so the check passes and the factor
    // uses |w|.
    let d = -1e-9;
    let cov = [d, 0.0, 0.0, 3.0];
    let run = |tol| {
        let recipe = generator(CovFactorization::Eigh);
        multivariate_normal_transform(&[1.0, 1.0], &[0.0, 0.0], &cov, recipe, "warn", tol)
    };
    assert_eq!(run(1e-8).unwrap().psd, Some(true));
    assert_eq!(run(1e-10).unwrap().psd, Some(false));
    // The eigenvalues are accurate relative to the matrix's norm (3), not to themselves.
    let got = run(1e-8).unwrap().values;
    assert!((got[0].powi(2) - d.abs()).abs() < 1e-15, "{got:?}");
    assert!((got[1].abs() - 3f64.sqrt()).abs() < 1e-15, "{got:?}");
}
