//! NumPy's random number streams, reproduced bit for bit and usable from Rust alone.
//!
//! A [`BitGenerator`] produces raw words; distributions turn them into values with NumPy's
//! exact algorithms. The legacy `RandomState` algorithms and the `Generator` algorithms differ
//! (polar Box-Muller against ziggurat, masked rejection against Lemire), so both families live
//! here side by side.

mod any;
pub mod bounded;
pub mod distributions;
mod half_cache;
pub mod mt19937;
mod mt19937_jump;
pub mod pcg64;
pub mod philox;
pub mod sampling;
pub mod seed_sequence;
pub mod sfc64;

pub use any::AnyBitGenerator;
pub use half_cache::HalfCache;
pub use mt19937::Mt19937;
pub use pcg64::{Pcg64, Pcg64Dxsm};
pub use philox::Philox;
pub use seed_sequence::SeedSequence;
pub use sfc64::Sfc64;

/// A source of uniformly distributed words, as NumPy's `bitgen_t` is.
///
/// Fill loops are generic over the implementor so that the choice of generator is made once
/// per call, never per drawn value.
pub trait BitGenerator {
    /// The next 64 uniformly random bits.
    fn next_u64(&mut self) -> u64;
    /// The next 32 uniformly random bits (generators with 64-bit output cache the other half,
    /// exactly as NumPy's do, so that streams stay aligned with NumPy's).
    fn next_u32(&mut self) -> u32;
    /// A double in [0, 1) with 53 random bits, by this generator's own conversion.
    fn next_f64(&mut self) -> f64;
    /// A float in [0, 1) with 24 random bits, as NumPy's `next_float`.
    fn next_f32(&mut self) -> f32 {
        (self.next_u32() >> 8) as f32 * (1.0 / 16_777_216.0)
    }
}
