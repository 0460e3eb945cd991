//! The composite functions of numpy.linalg: matrix_power, multi_dot, matrix_transpose,
//! tensorinv, tensorsolve, matrix_rank, pinv, lstsq and cond.

use crate::batch::{batch_shape, from_matrices, map_matrices};
use crate::decomp::{collect, hermitian_eigen, svd, EIGENVALUES_FAILED};
use crate::lu::{inv, inverse_or_nan, solve, with_compute_type};
use crate::matmul::{cast, matmul};
use crate::norm::{norm, NormOrder};
use crate::ops::{binary, max, unary};
use crate::products::dot;
use crate::types::{check_square, common_type, Scalar};
use faer::linalg::matmul::matmul as faer_matmul;
use faer::{Accum, Mat, MatRef, Par, Side};
use numoxide::ufunc::{BinaryOp, UnaryOp};
use numoxide::{DType, Error, NdArray, Order, Result};

fn dims(shape: &[usize]) -> Vec<isize> {
    shape.iter().map(|&d| d as isize).collect()
}

/// NumPy's `_assert_2d`: exactly two axes.
fn check_exactly_2d(a: &NdArray) -> Result<()> {
    if a.ndim() != 2 {
        return Err(Error::LinAlg(format!(
            "{}-dimensional array given. Array must be two-dimensional",
            a.ndim()
        )));
    }
    Ok(())
}

/// NumPy's `matrix_power`: repeated squaring with matmul; negative powers invert first.
pub fn matrix_power(a: &NdArray, n: i64) -> Result<NdArray> {
    check_square(a)?;
    if n == 0 {
        let out = NdArray::zeros(a.shape(), a.dtype(), Order::C)?;
        let m = a.shape()[a.ndim() - 1];
        let eye = numoxide::create::eye(m as isize, None, 0, a.dtype(), Order::C)?;
        out.assign(&eye)?;
        return Ok(out);
    }
    let base = if n < 0 { inv(a)? } else { a.clone() };
    let mut n = n.unsigned_abs();
    let mut square: Option<NdArray> = None;
    let mut result: Option<NdArray> = None;
    while n > 0 {
        let z = match square {
            None => base.clone(),
            Some(z) => matmul(&z, &z, None)?,
        };
        if n % 2 == 1 {
            result = Some(match result {
                None => z.clone(),
                Some(r) => matmul(&r, &z, None)?,
            });
        }
        square = Some(z);
        n /= 2;
    }
    Ok(result.unwrap_or(base))
}

/// NumPy's `multi_dot`: the chain of `dot`s in the cheapest order (1-d ends allowed).
pub fn multi_dot(arrays: &[NdArray]) -> Result<NdArray> {
    let n = arrays.len();
    if n < 2 {
        return Err(Error::value("Expecting at least two arrays."));
    }
    if n == 2 {
        return dot(&arrays[0], &arrays[1]);
    }
    let (first_1d, last_1d) = (arrays[0].ndim() == 1, arrays[n - 1].ndim() == 1);
    let mut mats = arrays.to_vec();
    if first_1d {
        mats[0] = mats[0].expand_dims(&[0])?;
    }
    if last_1d {
        mats[n - 1] = mats[n - 1].expand_dims(&[1])?;
    }
    for m in &mats {
        check_exactly_2d(m)?;
    }
    // p[i] x p[i+1] is the shape of matrix i.
    let mut p: Vec<usize> = mats.iter().map(|m| m.shape()[0]).collect();
    p.push(mats[n - 1].shape()[1]);
    let split = chain_order(&p);
    let result = chain_product(&mats, &split, 0, n - 1)?;
    match (first_1d, last_1d) {
        (true, true) => result.reshape(&[], Order::C),
        (true, false) | (false, true) => Ok(result.ravel(Order::C)),
        _ => Ok(result),
    }
}

/// The matrix-chain dynamic program: `split[i][j]` is where the product i..=j splits.
fn chain_order(p: &[usize]) -> Vec<Vec<usize>> {
    let n = p.len() - 1;
    let mut cost = vec![vec![0usize; n]; n];
    let mut split = vec![vec![0usize; n]; n];
    for len in 1..n {
        for i in 0..n - len {
            let j = i + len;
            cost[i][j] = usize::MAX;
            for k in i..j {
                let q = cost[i][k] + cost[k + 1][j] + p[i] * p[k + 1] * p[j + 1];
                if q < cost[i][j] {
                    cost[i][j] = q;
                    split[i][j] = k;
                }
            }
        }
    }
    split
}

fn chain_product(mats: &[NdArray], split: &[Vec<usize>], i: usize, j: usize) -> Result<NdArray> {
    if i == j {
        return Ok(mats[i].clone());
    }
    let k = split[i][j];
    dot(
        &chain_product(mats, split, i, k)?,
        &chain_product(mats, split, k + 1, j)?,
    )
}

/// The array API's `matrix_transpose`: the last two axes swapped (a view).
pub fn matrix_transpose(x: &NdArray) -> Result<NdArray> {
    if x.ndim() < 2 {
        return Err(Error::value(format!(
            "Input array must be at least 2-dimensional, but it is {}",
            x.ndim()
        )));
    }
    x.swapaxes(-1, -2)
}

/// NumPy's `tensorinv`: the inverse of `a` seen as a matrix of its first `ind` axes by the
/// rest.
pub fn tensorinv(a: &NdArray, ind: usize) -> Result<NdArray> {
    if ind == 0 {
        return Err(Error::value("Invalid ind argument."));
    }
    let ind = ind.min(a.ndim());
    let (rows, cols) = (&a.shape()[..ind], &a.shape()[ind..]);
    let prod: usize = cols.iter().product();
    let matrix = a.reshape(&[prod as isize, -1], Order::C)?;
    let shape: Vec<usize> = cols.iter().chain(rows).copied().collect();
    inv(&matrix)?.reshape(&dims(&shape), Order::C)
}

/// NumPy's `tensorsolve`: x with `tensordot(a, x, x.ndim) == b`; `axes` of `a` move last.
pub fn tensorsolve(a: &NdArray, b: &NdArray, axes: Option<&[isize]>) -> Result<NdArray> {
    let an = a.ndim();
    let a = match axes {
        None => a.clone(),
        Some(axes) => {
            let mut all: Vec<isize> = (0..an as isize).collect();
            for &k in axes {
                let k = if k < 0 { k + an as isize } else { k };
                let pos = all
                    .iter()
                    .position(|&x| x == k)
                    .ok_or_else(|| Error::value("list.remove(x): x not in list"))?;
                all.remove(pos);
                all.push(k);
            }
            a.transpose(Some(&all))?
        }
    };
    let old: Vec<usize> = a.shape()[an.saturating_sub(an - b.ndim().min(an))..].to_vec();
    let old = if b.ndim() == 0 {
        a.shape().to_vec()
    } else {
        old
    };
    let prod: usize = old.iter().product();
    if Some(a.size()) != prod.checked_mul(prod) {
        return Err(Error::LinAlg(
            "Input arrays must satisfy the requirement prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])".into(),
        ));
    }
    let matrix = a.reshape(&[prod as isize, prod as isize], Order::C)?;
    let x = solve(&matrix, &b.ravel(Order::C))?;
    x.reshape(&dims(&old), Order::C)
}

/// NumPy's `matrix_rank`: singular values above `tol` (or `rtol` times the largest, by
/// default `max(m, n) * eps` times it); `hermitian` takes them as |eigvalsh|.
pub fn matrix_rank(
    a: &NdArray,
    tol: Option<f64>,
    rtol: Option<f64>,
    hermitian: bool,
) -> Result<NdArray> {
    if a.ndim() < 2 {
        let any = a.to_vec::<bool>().into_iter().any(|v| v);
        return NdArray::from_vec(vec![any as i64], &[]);
    }
    let (s, _) = svd(a, false, false, hermitian)?;
    let k = s.shape()[s.ndim() - 1];
    let eps = if s.dtype() == DType::Float32 {
        f32::EPSILON as f64
    } else {
        f64::EPSILON
    };
    let (m, n) = (a.shape()[a.ndim() - 2], a.shape()[a.ndim() - 1]);
    let rtol = rtol.unwrap_or(m.max(n) as f64 * eps);
    let values = s.to_vec::<f64>();
    let count: usize = batch_shape(a).iter().product();
    // Matrices without singular values (k == 0) have rank 0.
    let ranks: Vec<i64> = (0..count)
        .map(|b| &values[b * k..(b + 1) * k])
        .map(|sv| {
            let cutoff = match tol {
                Some(t) => t,
                None => sv.iter().cloned().fold(f64::NEG_INFINITY, f64::max) * rtol,
            };
            sv.iter().filter(|&&x| x > cutoff).count() as i64
        })
        .collect();
    NdArray::from_vec(ranks, batch_shape(a))
}

/// `left diag(scales) right^H`: a pseudo-inverse from its factors.
fn scaled_product<T: Scalar>(left: MatRef<'_, T>, scales: &[f64], right: MatRef<'_, T>) -> Mat<T> {
    let scaled = Mat::from_fn(left.nrows(), scales.len(), |i, j| {
        left[(i, j)].scale(scales[j])
    });
    let mut out = Mat::zeros(left.nrows(), right.nrows());
    faer_matmul(
        out.as_mut(),
        Accum::Replace,
        scaled.as_ref(),
        right.adjoint(),
        T::from_real(1.0),
        Par::Seq,
    );
    out
}

/// `1 / x` for the `values` above `cutoff`, 0 for the rest (NaN included).
fn inverses_above(values: impl Iterator<Item = f64>, cutoff: f64) -> Vec<f64> {
    values
        .map(|x| if x.abs() > cutoff { 1.0 / x } else { 0.0 })
        .collect()
}

/// The largest |x| of `values` (NaN ignored, -inf for none).
fn largest_modulus(values: &[f64]) -> f64 {
    values
        .iter()
        .map(|x| x.abs())
        .fold(f64::NEG_INFINITY, f64::max)
}

/// `V diag(1 / s) U^H` over singular values above `rcond` times the largest, per matrix.
fn svd_pseudoinverse<T: Scalar>(a: MatRef<'_, T>, rcond: f64) -> Option<Mat<T>> {
    let svd = a.thin_svd().ok()?;
    let k = a.nrows().min(a.ncols());
    let s: Vec<f64> = (0..k).map(|i| svd.S().column_vector()[i].real()).collect();
    let inverses = inverses_above(s.iter().copied(), rcond * largest_modulus(&s));
    Some(scaled_product(svd.V(), &inverses, svd.U()))
}

/// `V diag(1 / w) V^H` over the eigenvalues with |w| above `rcond` times the largest |w|:
/// the pseudo-inverse of the Hermitian matrix that `a`'s lower triangle defines. NumPy's
/// `pinv(hermitian=True)` composes its SVD of conj(a), which is that same matrix.
fn eigen_pseudoinverse<T: Scalar>(a: MatRef<'_, T>, rcond: f64, par: Par) -> Option<Mat<T>> {
    let (w, v) = hermitian_eigen(a, Side::Lower, true, par)?;
    let inverses = inverses_above(w.iter().copied(), rcond * largest_modulus(&w));
    let v = v?;
    Some(scaled_product(v.as_ref(), &inverses, v.as_ref()))
}

/// NumPy's `pinv`: the Moore-Penrose pseudo-inverse through the SVD, or through eigh of
/// the lower triangle when `hermitian` (square input only, as NumPy's eigh requires).
pub fn pinv(a: &NdArray, rcond: f64, hermitian: bool) -> Result<NdArray> {
    crate::types::check_2d(a)?;
    let types = common_type(&[a])?;
    let (m, n) = (a.shape()[a.ndim() - 2], a.shape()[a.ndim() - 1]);
    let batch = batch_shape(a);
    if m == 0 || n == 0 {
        let mut shape = batch.to_vec();
        shape.extend([n, m]);
        return NdArray::zeros(&shape, a.dtype(), Order::C);
    }
    if hermitian {
        check_square(a)?;
    }
    let x = cast(a, types.compute);
    with_compute_type!(types.compute, T => {
        let results = map_matrices::<T, _>(&x, |_, mat, par| {
            if hermitian {
                eigen_pseudoinverse(mat, rcond, par)
            } else {
                svd_pseudoinverse(mat, rcond)
            }
        });
        let error = if hermitian { EIGENVALUES_FAILED } else { "SVD did not converge" };
        let results = collect(results, error)?;
        Ok(cast(&from_matrices(&results, batch, n, m)?, types.result))
    })
}

/// What `lstsq` returns: solution, residual sums of squares, rank, singular values.
pub struct Lstsq {
    pub x: NdArray,
    pub residuals: NdArray,
    pub rank: i32,
    pub singular_values: NdArray,
}

/// NumPy's `lstsq`: the minimum-norm least-squares solution through the SVD (as gelsd),
/// singular values at most `rcond` times the largest counting as zero (`rcond` None:
/// machine epsilon times max(m, n)).
pub fn lstsq(a: &NdArray, b: &NdArray, rcond: Option<f64>) -> Result<Lstsq> {
    let vector = b.ndim() == 1;
    let b2 = if vector {
        b.expand_dims(&[1])?
    } else {
        b.clone()
    };
    check_exactly_2d(a)?;
    check_exactly_2d(&b2)?;
    let (m, n) = (a.shape()[0], a.shape()[1]);
    let (m2, nrhs) = (b2.shape()[0], b2.shape()[1]);
    if m != m2 {
        return Err(Error::LinAlg("Incompatible dimensions".into()));
    }
    let types = common_type(&[a, b])?;
    let rcond = rcond.unwrap_or(f64::EPSILON * m.max(n) as f64);
    let k = m.min(n);
    let (x, s, rank, resid) = with_compute_type!(types.compute, T => {
        let (av, bv) = (cast(a, types.compute), cast(&b2, types.compute));
        let am = map_matrices::<T, _>(&av, |_, mat, _| mat.to_owned()).remove(0);
        let bm = map_matrices::<T, _>(&bv, |_, mat, _| mat.to_owned()).remove(0);
        let (s, x) = if k == 0 {
            (vec![], Mat::<T>::zeros(n, nrhs))
        } else {
            let svd = am.thin_svd().map_err(|_| Error::LinAlg("SVD did not converge in Linear Least Squares".into()))?;
            let s: Vec<f64> = (0..k).map(|i| svd.S().column_vector()[i].real()).collect();
            let cutoff = rcond * s[0];
            // x = V diag(1/s) U^H b over the kept singular values.
            let mut ub = Mat::<T>::zeros(k, nrhs);
            faer_matmul(ub.as_mut(), Accum::Replace, svd.U().adjoint(), bm.as_ref(), T::from_real(1.0), Par::Seq);
            for i in 0..k {
                let f = if s[i] > cutoff { 1.0 / s[i] } else { 0.0 };
                for j in 0..nrhs {
                    ub[(i, j)] = ub[(i, j)].scale(f);
                }
            }
            let mut x = Mat::<T>::zeros(n, nrhs);
            faer_matmul(x.as_mut(), Accum::Replace, svd.V(), ub.as_ref(), T::from_real(1.0), Par::Seq);
            (s, x)
        };
        let rank = s.iter().filter(|&&v| v > rcond * s.first().copied().unwrap_or(0.0)).count();
        let resid: Vec<f64> = if rank == n && m > n {
            let mut r = bm.clone();
            faer_matmul(r.as_mut(), Accum::Add, am.as_ref(), x.as_ref(), T::from_real(-1.0), Par::Seq);
            (0..nrhs).map(|j| (0..m).map(|i| r[(i, j)].modulus().powi(2)).sum()).collect()
        } else {
            vec![]
        };
        (from_matrices(&[x], &[], n, nrhs)?, s, rank, resid)
    });
    let x = cast(&x, types.result);
    let x = if vector {
        x.reshape(&[n as isize], Order::C)?
    } else {
        x
    };
    let real = types.real_result();
    Ok(Lstsq {
        x,
        residuals: cast(&NdArray::from_vec(resid.clone(), &[resid.len()])?, real),
        rank: rank as i32,
        singular_values: cast(&NdArray::from_vec(s.clone(), &[s.len()])?, real),
    })
}

/// NumPy's `cond`: the ratio of extreme singular values (p None, 2, -2), else
/// `norm(x, p) * norm(inv(x), p)`; NaN results become inf unless `x` held NaN.
pub fn cond(x: &NdArray, p: &NormOrder) -> Result<NdArray> {
    crate::types::check_2d(x)?;
    let (m, n) = (x.shape()[x.ndim() - 2], x.shape()[x.ndim() - 1]);
    if x.size() == 0 && m * n == 0 {
        return Err(Error::LinAlg("cond is not defined on empty arrays".into()));
    }
    let r = match p {
        NormOrder::Default | NormOrder::Number(2.0) | NormOrder::Number(-2.0) => {
            let (s, _) = svd(x, false, false, false)?;
            let k = s.shape()[s.ndim() - 1];
            let values = s.to_vec::<f64>();
            let ratios: Vec<f64> = values
                .chunks(k)
                .map(|sv| {
                    if *p == NormOrder::Number(-2.0) {
                        sv[k - 1] / sv[0]
                    } else {
                        sv[0] / sv[k - 1]
                    }
                })
                .collect();
            cast(&NdArray::from_vec(ratios, batch_shape(x))?, s.dtype())
        }
        _ => {
            check_square(x)?;
            let types = common_type(&[x])?;
            let inverse = inverse_or_nan(x)?;
            let product = binary(
                BinaryOp::Multiply,
                &norm(x, p, Some(&[-2, -1]), false)?,
                &norm(&inverse, p, Some(&[-2, -1]), false)?,
            )?;
            cast(&product, types.result.real())
        }
    };
    // NaN from a singular matrix reads as infinite condition, unless x itself holds NaN.
    let x_has_nan = unary(UnaryOp::IsNan, x)?;
    let x_has_nan = max(&x_has_nan, &[-2, -1], false)?.to_vec::<bool>();
    let values = r.to_vec::<f64>();
    let fixed: Vec<f64> = values
        .iter()
        .zip(x_has_nan)
        .map(|(&v, nan_in)| {
            if v.is_nan() && !nan_in {
                f64::INFINITY
            } else {
                v
            }
        })
        .collect();
    Ok(cast(&NdArray::from_vec(fixed, r.shape())?, r.dtype()))
}
