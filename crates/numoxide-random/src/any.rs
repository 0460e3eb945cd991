//! One value that is any of NumPy's bit generators, and the macro that turns it into a
//! concrete generator type once per call.

use crate::{Mt19937, Pcg64, Pcg64Dxsm, Philox, Sfc64};

/// Any of NumPy's bit generators, as held by a `Generator` or a `RandomState`.
#[derive(Clone, Debug)]
pub enum AnyBitGenerator {
    /// `MT19937`.
    Mt19937(Box<Mt19937>),
    /// `PCG64`.
    Pcg64(Pcg64),
    /// `PCG64DXSM`.
    Pcg64Dxsm(Pcg64Dxsm),
    /// `Philox`.
    Philox(Philox),
    /// `SFC64`.
    Sfc64(Sfc64),
}

impl AnyBitGenerator {
    /// NumPy's class name of the generator (the `bit_generator` entry of its state dict).
    pub fn name(&self) -> &'static str {
        match self {
            Self::Mt19937(_) => "MT19937",
            Self::Pcg64(_) => "PCG64",
            Self::Pcg64Dxsm(_) => "PCG64DXSM",
            Self::Philox(_) => "Philox",
            Self::Sfc64(_) => "SFC64",
        }
    }

    /// One raw output as `random_raw` reports it: MT19937's 32-bit word, the others' 64-bit
    /// words.
    pub fn next_raw(&mut self) -> u64 {
        use crate::BitGenerator;
        match self {
            Self::Mt19937(g) => u64::from(g.next_u32()),
            other => crate::with_bit_generator!(other, g => g.next_u64()),
        }
    }
}

/// Runs `body` with `$g` bound to `&mut` the concrete generator inside an
/// [`AnyBitGenerator`]: the match happens once, and `body` is compiled for each generator
/// type, so fill loops inside it call the generator directly.
///
/// ```
/// use numoxide_random::{with_bit_generator, AnyBitGenerator, BitGenerator, Pcg64, SeedSequence};
/// let mut any = AnyBitGenerator::Pcg64(Pcg64::from_seed_sequence(&SeedSequence::from_int(0)));
/// let total: f64 = with_bit_generator!(&mut any, g => (0..4).map(|_| g.next_f64()).sum());
/// assert!(total < 4.0);
/// ```
#[macro_export]
macro_rules! with_bit_generator {
    ($any:expr, $g:ident => $body:expr) => {
        match $any {
            $crate::AnyBitGenerator::Mt19937(boxed) => {
                let $g: &mut $crate::Mt19937 = &mut **boxed;
                $body
            }
            $crate::AnyBitGenerator::Pcg64($g) => $body,
            $crate::AnyBitGenerator::Pcg64Dxsm($g) => $body,
            $crate::AnyBitGenerator::Philox($g) => $body,
            $crate::AnyBitGenerator::Sfc64($g) => $body,
        }
    };
}

impl crate::BitGenerator for AnyBitGenerator {
    fn next_u64(&mut self) -> u64 {
        with_bit_generator!(self, g => g.next_u64())
    }

    fn next_u32(&mut self) -> u32 {
        with_bit_generator!(self, g => g.next_u32())
    }

    fn next_f64(&mut self) -> f64 {
        with_bit_generator!(self, g => g.next_f64())
    }

    fn next_f32(&mut self) -> f32 {
        with_bit_generator!(self, g => g.next_f32())
    }
}
