//! The ziggurat samplers of NumPy's `Generator` (Marsaglia and Tsang, with NumPy's tables and
//! bit layout), and the inversion exponentials selected by `method='inv'`.

use super::ziggurat_tables::*;
use crate::BitGenerator;

/// A standard normal double: one 64-bit word splits into 8 bits of layer index, a sign bit and
/// 52 bits of magnitude.
#[inline]
pub fn standard_normal<B: BitGenerator + ?Sized>(g: &mut B) -> f64 {
    loop {
        let word = g.next_u64();
        let idx = (word & 0xff) as usize;
        let r = word >> 8;
        let rabs = (r >> 1) & 0x000f_ffff_ffff_ffff;
        let magnitude = rabs as f64 * WI_DOUBLE[idx];
        let x = if r & 1 == 1 { -magnitude } else { magnitude };
        if rabs < KI_DOUBLE[idx] {
            return x;
        }
        if idx == 0 {
            return normal_tail(g, (rabs >> 8) & 1 == 1);
        }
        let y = (FI_DOUBLE[idx - 1] - FI_DOUBLE[idx]) * g.next_f64() + FI_DOUBLE[idx];
        if y < (-0.5 * x * x).exp() {
            return x;
        }
    }
}

/// The base layer's tail beyond `r`, by Marsaglia's exponential rejection (1 - U avoids log 0).
#[cold]
fn normal_tail<B: BitGenerator + ?Sized>(g: &mut B, negative: bool) -> f64 {
    loop {
        let xx = -ZIGGURAT_NOR_INV_R * (-g.next_f64()).ln_1p();
        let yy = -(-g.next_f64()).ln_1p();
        if yy + yy > xx * xx {
            let v = ZIGGURAT_NOR_R + xx;
            return if negative { -v } else { v };
        }
    }
}

/// A standard normal float32 from one 32-bit word (8 index bits, a sign bit, 23 bits).
#[inline]
pub fn standard_normal_f32<B: BitGenerator + ?Sized>(g: &mut B) -> f32 {
    loop {
        let r = g.next_u32();
        let idx = (r & 0xff) as usize;
        let rabs = (r >> 9) & 0x007f_ffff;
        let magnitude = rabs as f32 * WI_FLOAT[idx];
        let x = if (r >> 8) & 1 == 1 {
            -magnitude
        } else {
            magnitude
        };
        if rabs < KI_FLOAT[idx] {
            return x;
        }
        if idx == 0 {
            loop {
                let xx = -ZIGGURAT_NOR_INV_R_F * (-g.next_f32()).ln_1p();
                let yy = -(-g.next_f32()).ln_1p();
                if yy + yy > xx * xx {
                    let v = ZIGGURAT_NOR_R_F + xx;
                    return if (rabs >> 8) & 1 == 1 { -v } else { v };
                }
            }
        }
        let y = (FI_FLOAT[idx - 1] - FI_FLOAT[idx]) * g.next_f32() + FI_FLOAT[idx];
        // NumPy compares in double: its `exp(-0.5 * x * x)` promotes the float.
        let xd = f64::from(x);
        if f64::from(y) < (-0.5 * xd * xd).exp() {
            return x;
        }
    }
}

/// A standard exponential double: 3 bits dropped, 8 bits of layer index, 53 bits of magnitude.
#[inline]
pub fn standard_exponential<B: BitGenerator + ?Sized>(g: &mut B) -> f64 {
    loop {
        let ri = g.next_u64() >> 3;
        let idx = (ri & 0xff) as usize;
        let ri = ri >> 8;
        let x = ri as f64 * WE_DOUBLE[idx];
        if ri < KE_DOUBLE[idx] {
            return x;
        }
        if idx == 0 {
            return ZIGGURAT_EXP_R - (-g.next_f64()).ln_1p();
        }
        if (FE_DOUBLE[idx - 1] - FE_DOUBLE[idx]) * g.next_f64() + FE_DOUBLE[idx] < (-x).exp() {
            return x;
        }
        // NumPy starts over with a fresh word (a tail call); the loop does the same.
    }
}

/// A standard exponential float32: 1 bit dropped, 8 bits of layer index, 23 bits of magnitude.
#[inline]
pub fn standard_exponential_f32<B: BitGenerator + ?Sized>(g: &mut B) -> f32 {
    loop {
        let ri = g.next_u32() >> 1;
        let idx = (ri & 0xff) as usize;
        let ri = ri >> 8;
        let x = ri as f32 * WE_FLOAT[idx];
        if ri < KE_FLOAT[idx] {
            return x;
        }
        if idx == 0 {
            return ZIGGURAT_EXP_R_F - (-g.next_f32()).ln_1p();
        }
        if (FE_FLOAT[idx - 1] - FE_FLOAT[idx]) * g.next_f32() + FE_FLOAT[idx] < (-x).exp() {
            return x;
        }
    }
}

/// `standard_exponential(method='inv')`: -log(1 - U).
#[inline]
pub fn standard_exponential_inv<B: BitGenerator + ?Sized>(g: &mut B) -> f64 {
    -(-g.next_f64()).ln_1p()
}

/// `standard_exponential(method='inv', dtype=float32)`: -log(1 - U) of a float32 uniform,
/// computed in double (NumPy calls the double `log1p`) and rounded to float32.
#[inline]
pub fn standard_exponential_inv_f32<B: BitGenerator + ?Sized>(g: &mut B) -> f32 {
    -(-f64::from(g.next_f32())).ln_1p() as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distributions::test_support::Counter;

    #[test]
    fn normal_consumes_one_word_on_the_fast_path() {
        // Layer 255 with a small magnitude is accepted at once.
        let mut g = Counter::new(vec![0xff | (1 << 9)]);
        let x = standard_normal(&mut g);
        assert_eq!(g.words_used(), 1);
        assert_eq!(x, WI_DOUBLE[255]);
    }

    #[test]
    fn exponential_fast_path_scales_the_magnitude() {
        let word = ((5u64 << 8) | 200) << 3;
        let mut g = Counter::new(vec![word]);
        assert_eq!(standard_exponential(&mut g), 5.0 * WE_DOUBLE[200]);
        assert_eq!(g.words_used(), 1);
    }
}
