//! numpy.linalg and the matrix products of numoxide, on faer.
//!
//! Products of float32/64 and complex matrices run on faer's kernels, but for tiny ones (the
//! generic kernel) and, on AVX-512, small and large float32/64 ones (`direct` and `packed`,
//! our own); integer and bool products are exact; decompositions compute in float64 or
//! complex128, as NumPy's linalg does, and cast back.

mod batch;
mod blas_order;
mod core_axes;
mod cross;
mod decomp;
mod direct;
mod einsum;
mod gemv;
mod gram;
mod gufunc;
mod hermitian_svd;
mod kernel;
mod lapack_cholesky;
mod lapack_svd;
mod lu;
mod matmul;
mod misc;
mod multivariate_normal;
mod norm;
mod ops;
mod out;
mod packed;
mod products;
mod simd;
mod strided;
#[cfg(test)]
mod test_support;
mod types;

pub use core_axes::{with_core_axes, AxesItem, CoreAxes};
pub use cross::{cross, cross_is_deprecated, CROSS_2_VECTORS_DEPRECATED};
pub use decomp::{cholesky, eig, eigh, qr, svd, QrMode};
pub use einsum::{einsum, einsum_optimized, einsum_path, EinsumPath, Optimize};
pub use gufunc::{Signature, MATMUL, MATVEC, VECDOT, VECMAT};
pub use lu::{det, inv, slogdet, solve};
pub use matmul::matmul;
pub use misc::{
    cond, lstsq, matrix_power, matrix_rank, matrix_transpose, multi_dot, pinv, tensorinv,
    tensorsolve, Lstsq,
};
pub use multivariate_normal::{
    multivariate_normal_size, multivariate_normal_transform, CovFactorization, MvnRecipe,
    MvnSamples, NOT_PSD_MESSAGE,
};
pub use norm::{matrix_norm, norm, vector_norm, NormOrder};
pub use out::{write_out, OutRule};
pub use products::{dot, inner, kron, outer, tensordot, trace, vdot, VectorProduct};
