//! The float types the AVX-512 product kernels (`direct`, `packed`) handle, and the vector
//! operations those kernels are written in.

use crate::packed::Tile;
use crate::strided::Strided;

/// A float type with AVX-512 product kernels. Each kernel is generic over the element type;
/// these methods are its one entry point per type, chosen once per call.
pub(crate) trait Lanes: numoxide::Element {
    /// Elements per vector register.
    const LANES: usize;
    /// Whether this CPU runs the kernels.
    fn available() -> bool;
    /// `out = a @ b` by the direct kernel, on the calling thread.
    ///
    /// # Safety
    /// `available()` is true; `a` and `b` address in-range elements, `b.cs == 1`, and `out`
    /// holds `a.rows * b.cols` elements.
    unsafe fn direct(a: Strided<Self>, b: Strided<Self>, out: &mut [Self]);
    /// One register tile of the packed product.
    ///
    /// # Safety
    /// `available()` is true and `tile` meets `Tile`'s conditions.
    unsafe fn packed_tile(tile: &Tile<Self>);
    /// Writes element `k` of each line `r` at `dst[k * lines.len() + r]`, for `k < len`: a
    /// packed panel from lines that run along the inner index.
    ///
    /// # Safety
    /// `available()` is true; each line holds `len` contiguous elements; `dst` holds
    /// `len * lines.len()`.
    unsafe fn interleave(lines: &[*const Self], len: usize, dst: *mut Self);
}

#[cfg(target_arch = "x86_64")]
pub(crate) mod avx512 {
    use super::{Lanes, Strided, Tile};
    use std::arch::x86_64::*;

    /// One element type's 512-bit vector operations. Masks select the lanes a load or store
    /// touches; masked-off lanes are never read or written, so a row's end needs no padding.
    ///
    /// # Safety
    /// Every method needs AVX-512F; a pointer must address every lane its mask selects (the
    /// one element, for `splat`).
    pub(crate) trait Vector: Lanes {
        type V: Copy;
        /// Lane choices for `permute2`.
        type Index: Copy;
        unsafe fn zero() -> Self::V;
        unsafe fn splat(x: *const Self) -> Self::V;
        unsafe fn load(p: *const Self, mask: u16) -> Self::V;
        unsafe fn add(a: Self::V, b: Self::V) -> Self::V;
        unsafe fn mul_add(a: Self::V, b: Self::V, c: Self::V) -> Self::V;
        unsafe fn store(p: *mut Self, v: Self::V, mask: u16);
        /// The choice of lane `source(j)` for each lane `j`: lanes of `a` below `LANES`, of
        /// `b` from `LANES`.
        unsafe fn index(source: impl Fn(usize) -> usize) -> Self::Index;
        unsafe fn permute2(a: Self::V, index: Self::Index, b: Self::V) -> Self::V;
    }

    /// The mask selecting the first `lanes` lanes (at most 16).
    pub(crate) fn lane_mask(lanes: usize) -> u16 {
        ((1u32 << lanes) - 1) as u16
    }

    macro_rules! vector {
        ($t:ty, $v:ty, $lanes:expr, $mask:ty, $lane_index:ty, $zero:ident, $set1:ident,
         $load:ident, $add:ident, $fmadd:ident, $store:ident, $permute2:ident) => {
            impl Vector for $t {
                type V = $v;
                type Index = __m512i;
                #[inline]
                #[target_feature(enable = "avx512f")]
                unsafe fn zero() -> $v {
                    $zero()
                }
                #[inline]
                #[target_feature(enable = "avx512f")]
                unsafe fn splat(x: *const $t) -> $v {
                    $set1(*x)
                }
                #[inline]
                #[target_feature(enable = "avx512f")]
                unsafe fn load(p: *const $t, mask: u16) -> $v {
                    $load(mask as $mask, p)
                }
                #[inline]
                #[target_feature(enable = "avx512f")]
                unsafe fn add(a: $v, b: $v) -> $v {
                    $add(a, b)
                }
                #[inline]
                #[target_feature(enable = "avx512f")]
                unsafe fn mul_add(a: $v, b: $v, c: $v) -> $v {
                    $fmadd(a, b, c)
                }
                #[inline]
                #[target_feature(enable = "avx512f")]
                unsafe fn store(p: *mut $t, v: $v, mask: u16) {
                    $store(p, mask as $mask, v)
                }
                #[inline]
                #[target_feature(enable = "avx512f")]
                unsafe fn index(source: impl Fn(usize) -> usize) -> __m512i {
                    let lanes: [$lane_index; $lanes] = std::array::from_fn(|j| source(j) as _);
                    _mm512_loadu_si512(lanes.as_ptr().cast())
                }
                #[inline]
                #[target_feature(enable = "avx512f")]
                unsafe fn permute2(a: $v, index: __m512i, b: $v) -> $v {
                    $permute2(a, index, b)
                }
            }

            impl Lanes for $t {
                const LANES: usize = $lanes;
                fn available() -> bool {
                    std::arch::is_x86_feature_detected!("avx512f")
                }
                unsafe fn direct(a: Strided<$t>, b: Strided<$t>, out: &mut [$t]) {
                    crate::direct::avx512::columns::<$t>(a, b, out)
                }
                unsafe fn packed_tile(tile: &Tile<$t>) {
                    crate::packed::avx512::tile::<$t>(tile)
                }
                unsafe fn interleave(lines: &[*const $t], len: usize, dst: *mut $t) {
                    crate::packed::avx512::interleave::<$t>(lines, len, dst)
                }
            }
        };
    }
    vector!(
        f64,
        __m512d,
        8,
        __mmask8,
        i64,
        _mm512_setzero_pd,
        _mm512_set1_pd,
        _mm512_maskz_loadu_pd,
        _mm512_add_pd,
        _mm512_fmadd_pd,
        _mm512_mask_storeu_pd,
        _mm512_permutex2var_pd
    );
    vector!(
        f32,
        __m512,
        16,
        __mmask16,
        i32,
        _mm512_setzero_ps,
        _mm512_set1_ps,
        _mm512_maskz_loadu_ps,
        _mm512_add_ps,
        _mm512_fmadd_ps,
        _mm512_mask_storeu_ps,
        _mm512_permutex2var_ps
    );
}

#[cfg(not(target_arch = "x86_64"))]
macro_rules! unavailable {
    ($($t:ty),*) => {$(
        impl Lanes for $t {
            const LANES: usize = 1;
            fn available() -> bool {
                false
            }
            unsafe fn direct(_: Strided<$t>, _: Strided<$t>, _: &mut [$t]) {}
            unsafe fn packed_tile(_: &Tile<$t>) {}
            unsafe fn interleave(_: &[*const $t], _: usize, _: *mut $t) {}
        }
    )*};
}
#[cfg(not(target_arch = "x86_64"))]
unavailable!(f32, f64);
