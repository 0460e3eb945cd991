//! Splitting an array into views along an axis.

use crate::array::NdArray;
use crate::error::{Error, Result};
use crate::layout::AxisSlice;

/// How to split: into a number of sections, or at the listed indices (Python slice bounds:
/// negative counts from the end, out of range clips).
#[derive(Clone, Copy, Debug)]
pub enum Sections<'a> {
    Count(isize),
    Indices(&'a [isize]),
}

/// The axis length NumPy reads as `ary.shape[axis]`, with Python's tuple IndexError.
fn axis_len(a: &NdArray, axis: isize) -> Result<(usize, usize)> {
    let n = a.ndim() as isize;
    if axis < -n || axis >= n {
        return Err(Error::Index("tuple index out of range".into()));
    }
    let axis = if axis < 0 { axis + n } else { axis } as usize;
    Ok((axis, a.shape()[axis]))
}

/// NumPy's `array_split`: like `split`, but `Count(n)` need not divide the axis evenly; the
/// first `len % n` parts get one extra element. Every part is a view.
pub fn array_split(a: &NdArray, sections: Sections<'_>, axis: isize) -> Result<Vec<NdArray>> {
    let (axis, total) = axis_len(a, axis)?;
    let bounds: Vec<isize> = match sections {
        Sections::Count(n) if n <= 0 => {
            return Err(Error::value("number sections must be larger than 0."))
        }
        Sections::Count(n) => {
            let n = n as usize;
            let (each, extra) = (total / n, total % n);
            let mut bounds = Vec::new();
            // A huge count would make as many (empty) views; fail as an allocation would.
            bounds
                .try_reserve_exact(n.saturating_add(1))
                .map_err(|_| Error::Memory(format!("cannot make {n} sections")))?;
            bounds.extend((0..=n).map(|i| (i * each + i.min(extra)) as isize));
            bounds
        }
        Sections::Indices(indices) => std::iter::once(0)
            .chain(indices.iter().copied())
            .chain(std::iter::once(total as isize))
            .collect(),
    };
    Ok(bounds
        .windows(2)
        .map(|w| {
            let part = AxisSlice::resolve(Some(w[0]), Some(w[1]), 1, total);
            a.with_layout(a.layout().slice_axis(axis, part))
        })
        .collect())
}

/// NumPy's `split`: views of `a` cut into `Count(n)` equal parts or at `Indices`.
pub fn split(a: &NdArray, sections: Sections<'_>, axis: isize) -> Result<Vec<NdArray>> {
    if let Sections::Count(n) = sections {
        let (_, total) = axis_len(a, axis)?;
        if n == 0 {
            return Err(Error::ZeroDivision("integer modulo by zero".into()));
        }
        if total as i128 % n as i128 != 0 {
            return Err(Error::value(
                "array split does not result in an equal division",
            ));
        }
    }
    array_split(a, sections, axis)
}
