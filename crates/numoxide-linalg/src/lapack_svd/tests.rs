//! Properties of the SVD that hold on any machine (orthogonality, ordering,
//! reconstruction) and the sign conventions checked against NumPy.

use super::qr_sweeps::givens;
use super::reduction::householder;
use super::*;

/// Deterministic pseudo-random numbers in [-1, 1) (xorshift64*).
fn rand_matrix(n: usize, seed: u64) -> Vec<f64> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n * n)
        .map(|_| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            let bits = state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11;
            bits as f64 / (1u64 << 52) as f64 - 1.0
        })
        .collect()
}

fn matmul(a: &[f64], b: &[f64], n: usize) -> Vec<f64> {
    let mut c = vec![0.0; n * n];
    for i in 0..n {
        for k in 0..n {
            for j in 0..n {
                c[i * n + j] += a[i * n + k] * b[k * n + j];
            }
        }
    }
    c
}

fn transpose(a: &[f64], n: usize) -> Vec<f64> {
    let mut t = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            t[j * n + i] = a[i * n + j];
        }
    }
    t
}

/// Checks orthogonality, ordering and reconstruction; returns the parts.
fn check(a: &[f64], n: usize) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let Svd { u, s, vh } = svd_square(a, n).expect("svd converged");
    let scale = a
        .iter()
        .fold(0.0_f64, |m, x| m.max(x.abs()))
        .max(f64::MIN_POSITIVE);
    let tol = 50.0 * n.max(1) as f64 * f64::EPSILON;
    for q in [&u, &vh] {
        let qtq = matmul(&transpose(q, n), q, n);
        for i in 0..n {
            for j in 0..n {
                let want = if i == j { 1.0 } else { 0.0 };
                assert!((qtq[i * n + j] - want).abs() < tol, "not orthogonal");
            }
        }
    }
    assert!(s.windows(2).all(|w| w[0] >= w[1]), "not sorted: {s:?}");
    assert!(s.iter().all(|&x| x >= 0.0));
    let mut us = u.clone();
    for i in 0..n {
        for j in 0..n {
            us[i * n + j] *= s[j];
        }
    }
    let back = matmul(&us, &vh, n);
    for (x, y) in back.iter().zip(a) {
        assert!(
            (x - y).abs() <= tol * scale,
            "reconstruction error {x} vs {y}"
        );
    }
    (u, s, vh)
}

#[test]
fn empty_and_scalar() {
    let parts = |u: Vec<f64>, s: Vec<f64>, vh: Vec<f64>| Some(Svd { u, s, vh });
    assert_eq!(svd_square(&[], 0), parts(vec![], vec![], vec![]));
    // LAPACK puts the sign of a 1x1 matrix into U, not VT.
    assert_eq!(
        svd_square(&[-3.0], 1),
        parts(vec![-1.0], vec![3.0], vec![1.0])
    );
    assert_eq!(
        svd_square(&[2.5], 1),
        parts(vec![1.0], vec![2.5], vec![1.0])
    );
}

#[test]
fn identity_gives_identity() {
    for n in 1..8 {
        let a = Square::identity(n).to_row_major();
        let (u, s, vh) = check(&a, n);
        assert_eq!(u, a);
        assert_eq!(vh, a);
        assert!(s.iter().all(|&x| x == 1.0));
    }
}

#[test]
fn diagonal_is_sorted_with_signs_in_vt() {
    // diag(1, -3, 2): no reflections and no rotations happen, so the
    // result is a pure permutation; negative entries flip rows of VT.
    let a = [1.0, 0.0, 0.0, 0.0, -3.0, 0.0, 0.0, 0.0, 2.0];
    let (u, s, vh) = check(&a, 3);
    assert_eq!(s, vec![3.0, 2.0, 1.0]);
    assert_eq!(u, vec![0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0]);
    assert_eq!(vh, vec![0.0, -1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0]);
}

#[test]
fn two_by_two_symmetric_sign_convention() {
    // Sign convention verified against numpy.linalg.svd (NumPy 2.4,
    // OpenBLAS 0.3.31): [[2, 1], [1, 2]] gives
    // u = vh = [[-1, -1], [-1, 1]] / sqrt(2), s = [3, 1].
    let (u, s, vh) = check(&[2.0, 1.0, 1.0, 2.0], 2);
    let h = std::f64::consts::FRAC_1_SQRT_2;
    let want = [-h, -h, -h, h];
    for (x, y) in u
        .iter()
        .chain(vh.iter())
        .zip(want.iter().chain(want.iter()))
    {
        assert!((x - y).abs() < 1e-15, "{u:?} {vh:?}");
    }
    assert!((s[0] - 3.0).abs() < 1e-15 && (s[1] - 1.0).abs() < 1e-15);
}

#[test]
fn three_by_three_spd_sign_convention() {
    // Sign convention verified against numpy.linalg.svd (NumPy 2.4,
    // OpenBLAS 0.3.31) for [[4, 1, 0], [1, 3, 1], [0, 1, 2]]: the first
    // row of vh is negative, the second is (+, -, -), the third (+, -, +).
    let a = [4.0, 1.0, 0.0, 1.0, 3.0, 1.0, 0.0, 1.0, 2.0];
    let (_, _, vh) = check(&a, 3);
    let signs: Vec<bool> = vh.iter().map(|x| *x > 0.0).collect();
    assert_eq!(
        signs,
        vec![false, false, false, true, false, false, true, false, true]
    );
}

#[test]
fn random_general_and_spd() {
    for n in 1..=30 {
        let a = rand_matrix(n, n as u64);
        check(&a, n);
        let spd = matmul(&a, &transpose(&a, n), n);
        let (u, _, vh) = check(&spd, n);
        // For a symmetric positive definite matrix U and V coincide.
        for (x, y) in transpose(&u, n).iter().zip(&vh) {
            assert!((x - y).abs() < 1e-8, "U != V for SPD, n = {n}");
        }
    }
}

#[test]
fn rank_deficient_and_structured() {
    // Rank-1 PSD.
    let v = [1.0, -2.0, 0.5, 3.0];
    let a: Vec<f64> = (0..16).map(|k| v[k / 4] * v[k % 4]).collect();
    let (_, s, _) = check(&a, 4);
    let norm2: f64 = v.iter().map(|x| x * x).sum();
    assert!((s[0] - norm2).abs() < 1e-14 * norm2);
    assert!(s[1..].iter().all(|&x| x < 1e-14 * norm2));
    // All zeros, a zero column, a nilpotent shift matrix.
    check(&[0.0; 9], 3);
    check(&[1.0, 0.0, 2.0, 3.0, 0.0, 4.0, 5.0, 0.0, 6.0], 3);
    let (_, s, _) = check(&[0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0], 3);
    assert_eq!(s, vec![1.0, 1.0, 0.0]);
}

#[test]
fn extreme_scales() {
    for scale in [1e-300, 1e-160, 1e160, 1e300] {
        let a: Vec<f64> = rand_matrix(5, 7).iter().map(|x| x * scale).collect();
        let (_, s, _) = check(&a, 5);
        let s1 = svd_square(&rand_matrix(5, 7), 5).unwrap().s;
        for (x, y) in s.iter().zip(&s1) {
            assert!((x / scale - y).abs() < 1e-13 * s1[0]);
        }
    }
}

#[test]
fn rejects_non_finite() {
    assert!(svd_square(&[1.0, f64::NAN, 0.0, 1.0], 2).is_none());
    assert!(svd_square(&[f64::INFINITY], 1).is_none());
}

#[test]
fn givens_sign_convention() {
    // LAPACK 3.10+: r takes the sign of f, c is non-negative.
    let (c, s, r) = givens(-3.0, 4.0);
    assert_eq!((c, s, r), (0.6, -0.8, -5.0));
    assert_eq!(givens(0.0, -2.0), (0.0, -1.0, 2.0));
    assert_eq!(givens(-2.0, 0.0), (1.0, 0.0, -2.0));
}

#[test]
fn householder_sign_convention() {
    // beta has the sign opposite to alpha.
    let mut alpha = 3.0;
    let mut x = [4.0];
    let tau = householder(&mut alpha, &mut x);
    assert_eq!(alpha, -5.0);
    assert!((tau - 1.6).abs() < 1e-15);
    assert!((x[0] - 0.5).abs() < 1e-15);
}
