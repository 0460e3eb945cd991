//! The SVD of the bidiagonal matrix: plane rotations (`dlartg`, `dlasr`,
//! `drot`), the 2x2 problems (`dlas2`, `dlasv2`), the implicit QR iteration
//! (`dbdsqr`) and the sorts of `dlasdq`/`dbdsdc`.

use super::{Square, EPS, SAFE_MIN};

/// Plane rotation `[c s; -s c] (f, g)^T = (r, 0)^T` (LAPACK 3.10+ `dlartg`).
///
/// `c >= 0` and `r` carries the sign of `f`; when `f == 0`, `c = 0` and
/// `s = sign(g)`. (Older LAPACK chose signs differently; OpenBLAS 0.3.2x/0.3.3x
/// bundles this version.)
pub(super) fn givens(f: f64, g: f64) -> (f64, f64, f64) {
    let safe_max = 1.0 / SAFE_MIN;
    let rt_min = SAFE_MIN.sqrt();
    let rt_max = (safe_max / 2.0).sqrt();
    let (f1, g1) = (f.abs(), g.abs());
    if g == 0.0 {
        (1.0, 0.0, f)
    } else if f == 0.0 {
        (0.0, 1.0_f64.copysign(g), g1)
    } else if f1 > rt_min && f1 < rt_max && g1 > rt_min && g1 < rt_max {
        let d = (f * f + g * g).sqrt();
        let r = d.copysign(f);
        (f1 / d, g / r, r)
    } else {
        let scale = safe_max.min(SAFE_MIN.max(f1).max(g1));
        let (fs, gs) = (f / scale, g / scale);
        let d = (fs * fs + gs * gs).sqrt();
        let r = d.copysign(f);
        (fs.abs() / d, gs / r, r * scale)
    }
}

/// Smaller singular value of the upper triangular 2x2 `[f g; 0 h]`
/// (LAPACK `dlas2`), used as the shift.
fn smaller_singular_value_2x2(f: f64, g: f64, h: f64) -> f64 {
    let (fa, ga, ha) = (f.abs(), g.abs(), h.abs());
    let fhmn = fa.min(ha);
    let fhmx = fa.max(ha);
    if fhmn == 0.0 {
        0.0
    } else if ga < fhmx {
        let as_ = 1.0 + fhmn / fhmx;
        let at = (fhmx - fhmn) / fhmx;
        let au = (ga / fhmx) * (ga / fhmx);
        let c = 2.0 / ((as_ * as_ + au).sqrt() + (at * at + au).sqrt());
        fhmn * c
    } else {
        let au = fhmx / ga;
        if au == 0.0 {
            (fhmn * fhmx) / ga
        } else {
            let as_ = 1.0 + fhmn / fhmx;
            let at = (fhmx - fhmn) / fhmx;
            let c = 1.0
                / ((1.0 + (as_ * au) * (as_ * au)).sqrt() + (1.0 + (at * au) * (at * au)).sqrt());
            let s = (fhmn * c) * au;
            s + s
        }
    }
}

/// Signed SVD of the upper triangular 2x2 `[f g; 0 h]` (LAPACK `dlasv2`).
struct Svd2x2 {
    /// Singular value of smaller magnitude (may be negative).
    sig_min: f64,
    /// Singular value of larger magnitude (may be negative).
    sig_max: f64,
    /// Right rotation `(cos, sin)`.
    right: (f64, f64),
    /// Left rotation `(cos, sin)`.
    left: (f64, f64),
}

fn svd_2x2(f: f64, g: f64, h: f64) -> Svd2x2 {
    let sign1 = |x: f64| 1.0_f64.copysign(x);
    let (mut ft, mut fa, mut ht, mut ha) = (f, f.abs(), h, h.abs());
    // Which entry has the largest magnitude: 1 = f, 2 = g, 3 = h.
    let mut pmax = 1;
    let swap = ha > fa;
    if swap {
        pmax = 3;
        std::mem::swap(&mut ft, &mut ht);
        std::mem::swap(&mut fa, &mut ha);
    }
    let (gt, ga) = (g, g.abs());
    let (mut ssmin, mut ssmax);
    let (mut clt, mut crt, mut slt, mut srt);
    if ga == 0.0 {
        ssmin = ha;
        ssmax = fa;
        (clt, crt, slt, srt) = (1.0, 1.0, 0.0, 0.0);
    } else {
        let mut g_small = true;
        // Placeholders; every path below assigns them.
        (ssmin, ssmax, clt, crt, slt, srt) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        if ga > fa {
            pmax = 2;
            if fa / ga < EPS {
                // g dominates so much that the rotations are trivial.
                g_small = false;
                ssmax = ga;
                ssmin = if ha > 1.0 {
                    fa / (ga / ha)
                } else {
                    (fa / ga) * ha
                };
                clt = 1.0;
                slt = ht / gt;
                srt = 1.0;
                crt = ft / gt;
            }
        }
        if g_small {
            let dd = fa - ha;
            let mut l = if dd == fa { 1.0 } else { dd / fa };
            let m = gt / ft;
            let mut t = 2.0 - l;
            let mm = m * m;
            let tt = t * t;
            let s = (tt + mm).sqrt();
            let r = if l == 0.0 {
                m.abs()
            } else {
                (l * l + mm).sqrt()
            };
            let a = 0.5 * (s + r);
            ssmin = ha / a;
            ssmax = fa * a;
            if mm == 0.0 {
                t = if l == 0.0 {
                    2.0_f64.copysign(ft) * sign1(gt)
                } else {
                    gt / dd.copysign(ft) + m / t
                };
            } else {
                t = (m / (s + t) + m / (r + l)) * (1.0 + a);
            }
            l = (t * t + 4.0).sqrt();
            crt = 2.0 / l;
            srt = t / l;
            clt = (crt + srt * m) / a;
            slt = (ht / ft) * srt / a;
        }
    }
    let (csl, snl, csr, snr) = if swap {
        (srt, crt, slt, clt)
    } else {
        (clt, slt, crt, srt)
    };
    let tsign = match pmax {
        1 => sign1(csr) * sign1(csl) * sign1(f),
        2 => sign1(snr) * sign1(csl) * sign1(g),
        _ => sign1(snr) * sign1(snl) * sign1(h),
    };
    ssmax = ssmax.copysign(tsign);
    ssmin = ssmin.copysign(tsign * sign1(f) * sign1(h));
    Svd2x2 {
        sig_min: ssmin,
        sig_max: ssmax,
        right: (csr, snr),
        left: (csl, snl),
    }
}

/// Which lines of a matrix a rotation sequence combines.
#[derive(Clone, Copy)]
enum Lines {
    Rows,
    Cols,
}

/// Applies the rotation sequence `rots` to consecutive pairs of rows or columns
/// `(first + j, first + j + 1)` of `a` (LAPACK `dlasr` with 'L' or 'R', 'V');
/// `forward` selects the order in which the rotations are applied.
fn rotate(a: &mut Square, lines: Lines, first: usize, rots: &[(f64, f64)], forward: bool) {
    let at = |line: usize, k: usize| match lines {
        Lines::Rows => (line, k),
        Lines::Cols => (k, line),
    };
    let mut apply = |j: usize| {
        let (c, s) = rots[j];
        if c != 1.0 || s != 0.0 {
            for k in 0..a.n {
                let (p0, p1) = (at(first + j, k), at(first + j + 1, k));
                let t = a.get(p1.0, p1.1);
                let x = a.get(p0.0, p0.1);
                a.set(p1.0, p1.1, c * t - s * x);
                a.set(p0.0, p0.1, s * t + c * x);
            }
        }
    };
    if forward {
        (0..rots.len()).for_each(&mut apply);
    } else {
        (0..rots.len()).rev().for_each(&mut apply);
    }
}

/// Rotates the pair of rows `(i, j)` of `vt`: `x <- c x + s y`,
/// `y <- c y - s x` (BLAS `drot`).
fn rot_row_pair(a: &mut Square, i: usize, j: usize, (c, s): (f64, f64)) {
    for col in 0..a.n {
        let (x, y) = (a.get(i, col), a.get(j, col));
        a.set(i, col, c.mul_add(x, s * y));
        a.set(j, col, c.mul_add(y, -(s * x)));
    }
}

/// Column counterpart of [`rot_row_pair`].
fn rot_col_pair(a: &mut Square, i: usize, j: usize, (c, s): (f64, f64)) {
    for row in 0..a.n {
        let (x, y) = (a.get(row, i), a.get(row, j));
        a.set(row, i, c.mul_add(x, s * y));
        a.set(row, j, c.mul_add(y, -(s * x)));
    }
}

/// SVD of the upper bidiagonal matrix with diagonal `d` and superdiagonal
/// `e` by implicit QR iteration (LAPACK `dbdsqr`, relative accuracy mode),
/// accumulating left rotations into the columns of `u` and right rotations
/// into the rows of `vt`.
///
/// On success `d` holds the singular values in non-increasing order and
/// `true` is returned; `false` means the iteration limit was exceeded.
pub(super) fn bidiagonal_qr(d: &mut [f64], e: &mut [f64], vt: &mut Square, u: &mut Square) -> bool {
    const MAX_ITER_FACTOR: usize = 6;
    let n = d.len();
    let nf = n as f64;

    // Relative tolerance: eps^(-1/8) clamped to [10, 100] times eps.
    let tol = 10.0_f64.max(100.0_f64.min(EPS.powf(-0.125))) * EPS;

    // Lower bound on the smallest singular value, for the absolute threshold
    // below which off-diagonal entries are treated as zero.
    let mut smin_est = d[0].abs();
    if smin_est != 0.0 {
        let mut mu = smin_est;
        for i in 1..n {
            mu = d[i].abs() * (mu / (mu + e[i - 1].abs()));
            smin_est = smin_est.min(mu);
            if smin_est == 0.0 {
                break;
            }
        }
    }
    smin_est /= nf.sqrt();
    let thresh = (tol * smin_est).max(MAX_ITER_FACTOR as f64 * (nf * (nf * SAFE_MIN)));

    let max_sweeps = MAX_ITER_FACTOR * n;
    let mut sweeps = 0;
    let mut iter: isize = -1;
    // Block bounds of the previous iteration (1-based lower end), used to
    // decide when a new block starts and the chase direction is re-chosen.
    let mut old_lo1: isize = -1;
    let mut old_m: isize = -1;
    let mut top_down = true;
    let mut rot_r = vec![(0.0, 0.0); n];
    let mut rot_l = vec![(0.0, 0.0); n];

    // d[..m] is the part that has not converged yet.
    let mut m = n;
    'outer: while m > 1 {
        if iter >= n as isize {
            iter -= n as isize;
            sweeps += 1;
            if sweeps >= max_sweeps {
                return false;
            }
        }

        // Find the bottom unreduced block d[lo..m].
        let mut smax = d[m - 1].abs();
        let mut lo = 0;
        for k in (0..m - 1).rev() {
            let (abss, abse) = (d[k].abs(), e[k].abs());
            if abse <= thresh {
                e[k] = 0.0;
                if k == m - 2 {
                    // Bottom singular value converged.
                    m -= 1;
                    continue 'outer;
                }
                lo = k + 1;
                break;
            }
            smax = smax.max(abss).max(abse);
        }

        if lo == m - 2 {
            // 2x2 block: solve it directly.
            let r = svd_2x2(d[m - 2], e[m - 2], d[m - 1]);
            d[m - 2] = r.sig_max;
            e[m - 2] = 0.0;
            d[m - 1] = r.sig_min;
            rot_row_pair(vt, m - 2, m - 1, r.right);
            rot_col_pair(u, m - 2, m - 1, r.left);
            m -= 2;
            continue;
        }

        // On a new block, chase the bulge from the larger end of the diagonal.
        if (lo as isize + 1) > old_m || (m as isize) < old_lo1 {
            top_down = d[lo].abs() >= d[m - 1].abs();
        }

        // Convergence tests; the recurrence also estimates the smallest
        // singular value of the block.
        let smin;
        if top_down {
            if e[m - 2].abs() <= tol * d[m - 1].abs() {
                e[m - 2] = 0.0;
                continue;
            }
            let mut mu = d[lo].abs();
            let mut s = mu;
            for k in lo..m - 1 {
                if e[k].abs() <= tol * mu {
                    e[k] = 0.0;
                    continue 'outer;
                }
                mu = d[k + 1].abs() * (mu / (mu + e[k].abs()));
                s = s.min(mu);
            }
            smin = s;
        } else {
            if e[lo].abs() <= tol * d[lo].abs() {
                e[lo] = 0.0;
                continue;
            }
            let mut mu = d[m - 1].abs();
            let mut s = mu;
            for k in (lo..m - 1).rev() {
                if e[k].abs() <= tol * mu {
                    e[k] = 0.0;
                    continue 'outer;
                }
                mu = d[k].abs() * (mu / (mu + e[k].abs()));
                s = s.min(mu);
            }
            smin = s;
        }
        old_lo1 = lo as isize + 1;
        old_m = m as isize;

        // Shift: zero if a shift could spoil relative accuracy, otherwise the
        // smaller singular value of the trailing (or leading) 2x2 block.
        let mut shift = 0.0;
        let zero_shift = nf * tol * (smin / smax) <= EPS.max(0.01 * tol);
        if !zero_shift {
            let sll;
            if top_down {
                sll = d[lo].abs();
                shift = smaller_singular_value_2x2(d[m - 2], e[m - 2], d[m - 1]);
            } else {
                sll = d[m - 1].abs();
                shift = smaller_singular_value_2x2(d[lo], e[lo], d[lo + 1]);
            }
            if sll > 0.0 && (shift / sll) * (shift / sll) < EPS {
                shift = 0.0;
            }
        }

        iter += (m - lo - 1) as isize;
        let len = m - lo - 1;

        if shift == 0.0 {
            if top_down {
                let (mut cs, mut old_cs, mut old_sn) = (1.0, 1.0, 0.0);
                for k in lo..m - 1 {
                    let (c, s, r) = givens(d[k] * cs, e[k]);
                    cs = c;
                    if k > lo {
                        e[k - 1] = old_sn * r;
                    }
                    let (oc, os, dk) = givens(old_cs * r, d[k + 1] * s);
                    (old_cs, old_sn, d[k]) = (oc, os, dk);
                    rot_r[k - lo] = (c, s);
                    rot_l[k - lo] = (oc, os);
                }
                let h = d[m - 1] * cs;
                d[m - 1] = h * old_cs;
                e[m - 2] = h * old_sn;
                rotate(vt, Lines::Rows, lo, &rot_r[..len], true);
                rotate(u, Lines::Cols, lo, &rot_l[..len], true);
                if e[m - 2].abs() <= thresh {
                    e[m - 2] = 0.0;
                }
            } else {
                let (mut cs, mut old_cs, mut old_sn) = (1.0, 1.0, 0.0);
                for k in (lo + 1..m).rev() {
                    let (c, s, r) = givens(d[k] * cs, e[k - 1]);
                    cs = c;
                    if k < m - 1 {
                        e[k] = old_sn * r;
                    }
                    let (oc, os, dk) = givens(old_cs * r, d[k - 1] * s);
                    (old_cs, old_sn, d[k]) = (oc, os, dk);
                    rot_r[k - lo - 1] = (c, -s);
                    rot_l[k - lo - 1] = (oc, -os);
                }
                let h = d[lo] * cs;
                d[lo] = h * old_cs;
                e[lo] = h * old_sn;
                rotate(vt, Lines::Rows, lo, &rot_l[..len], false);
                rotate(u, Lines::Cols, lo, &rot_r[..len], false);
                if e[lo].abs() <= thresh {
                    e[lo] = 0.0;
                }
            }
        } else if top_down {
            let mut f = (d[lo].abs() - shift) * (1.0_f64.copysign(d[lo]) + shift / d[lo]);
            let mut g = e[lo];
            for k in lo..m - 1 {
                let (cosr, sinr, r) = givens(f, g);
                if k > lo {
                    e[k - 1] = r;
                }
                f = cosr * d[k] + sinr * e[k];
                e[k] = cosr * e[k] - sinr * d[k];
                g = sinr * d[k + 1];
                d[k + 1] *= cosr;
                let (cosl, sinl, r) = givens(f, g);
                d[k] = r;
                f = cosl * e[k] + sinl * d[k + 1];
                d[k + 1] = cosl * d[k + 1] - sinl * e[k];
                if k < m - 2 {
                    g = sinl * e[k + 1];
                    e[k + 1] *= cosl;
                }
                rot_r[k - lo] = (cosr, sinr);
                rot_l[k - lo] = (cosl, sinl);
            }
            e[m - 2] = f;
            rotate(vt, Lines::Rows, lo, &rot_r[..len], true);
            rotate(u, Lines::Cols, lo, &rot_l[..len], true);
            if e[m - 2].abs() <= thresh {
                e[m - 2] = 0.0;
            }
        } else {
            let mut f = (d[m - 1].abs() - shift) * (1.0_f64.copysign(d[m - 1]) + shift / d[m - 1]);
            let mut g = e[m - 2];
            for k in (lo + 1..m).rev() {
                let (cosr, sinr, r) = givens(f, g);
                if k < m - 1 {
                    e[k] = r;
                }
                f = cosr * d[k] + sinr * e[k - 1];
                e[k - 1] = cosr * e[k - 1] - sinr * d[k];
                g = sinr * d[k - 1];
                d[k - 1] *= cosr;
                let (cosl, sinl, r) = givens(f, g);
                d[k] = r;
                f = cosl * e[k - 1] + sinl * d[k - 1];
                d[k - 1] = cosl * d[k - 1] - sinl * e[k - 1];
                if k > lo + 1 {
                    g = sinl * e[k - 2];
                    e[k - 2] *= cosl;
                }
                rot_r[k - lo - 1] = (cosr, -sinr);
                rot_l[k - lo - 1] = (cosl, -sinl);
            }
            e[lo] = f;
            if e[lo].abs() <= thresh {
                e[lo] = 0.0;
            }
            rotate(vt, Lines::Rows, lo, &rot_l[..len], false);
            rotate(u, Lines::Cols, lo, &rot_r[..len], false);
        }
    }

    // Make the singular values non-negative; the sign goes into VT.
    for (i, di) in d.iter_mut().enumerate() {
        if *di < 0.0 {
            *di = -*di;
            for col in 0..vt.n {
                vt.set(i, col, -vt.get(i, col));
            }
        }
    }

    // Sort descending: repeatedly move the (last) smallest entry of the
    // unsorted prefix to its end, one swap per position.
    for i in 0..n - 1 {
        let end = n - 1 - i;
        let mut isub = 0;
        let mut smallest = d[0];
        for (j, &dj) in d.iter().enumerate().take(end + 1).skip(1) {
            if dj <= smallest {
                isub = j;
                smallest = dj;
            }
        }
        if isub != end {
            d[isub] = d[end];
            d[end] = smallest;
            vt.swap_rows(isub, end);
            u.swap_cols(isub, end);
        }
    }
    true
}

/// Selection sort of `d` (with the matching columns of `u` and rows of `vt`)
/// where `better(candidate, current)` decides whether a later entry replaces
/// the current pick; the first best entry wins ties, as in LAPACK.
pub(super) fn selection_sort(
    d: &mut [f64],
    u: &mut Square,
    vt: &mut Square,
    better: impl Fn(f64, f64) -> bool,
) {
    let n = d.len();
    for i in 0..n {
        let mut pick = i;
        let mut best = d[i];
        for (j, &dj) in d.iter().enumerate().skip(i + 1) {
            if better(dj, best) {
                pick = j;
                best = dj;
            }
        }
        if pick != i {
            d[pick] = d[i];
            d[i] = best;
            u.swap_cols(i, pick);
            vt.swap_rows(i, pick);
        }
    }
}
