//! Runtime choice of vector width: the crate is compiled for the x86-64 baseline (SSE2) so it
//! runs everywhere, and its compute-bound kernels are compiled again for AVX2 and AVX-512 and
//! picked by the CPU they run on. Floating-point results do not depend on the width: the
//! compiler never fuses or reorders float operations, so every width computes the same
//! sequence of IEEE operations.

/// Defines `fn $name[generics](args) -> R`, which calls the `#[inline(always)]` function
/// `$kernel` compiled for the widest vector unit this CPU has. The kernel must be
/// `#[inline(always)]` (and the closures it calls small) so that its whole body is compiled
/// inside each wide copy. Exported (hidden from the docs) for the workspace's other crates.
#[doc(hidden)]
#[macro_export]
macro_rules! multiversion {
    ($(#[$m:meta])* $vis:vis fn $name:ident[$($g:tt)*]($($a:ident: $t:ty),*) -> $r:ty = $kernel:expr;) => {
        $(#[$m])*
        $vis fn $name<$($g)*>($($a: $t),*) -> $r {
            #[cfg(target_arch = "x86_64")]
            {
                /// # Safety
                /// The CPU must have AVX-512F.
                #[target_feature(enable = "avx512f")]
                unsafe fn avx512<$($g)*>($($a: $t),*) -> $r {
                    $kernel($($a),*)
                }
                /// # Safety
                /// The CPU must have AVX2.
                #[target_feature(enable = "avx2")]
                unsafe fn avx2<$($g)*>($($a: $t),*) -> $r {
                    $kernel($($a),*)
                }
                if std::arch::is_x86_feature_detected!("avx512f") {
                    // SAFETY: the CPU has AVX-512F.
                    return unsafe { avx512($($a),*) };
                }
                if std::arch::is_x86_feature_detected!("avx2") {
                    // SAFETY: the CPU has AVX2.
                    return unsafe { avx2($($a),*) };
                }
            }
            $kernel($($a),*)
        }
    };
}
