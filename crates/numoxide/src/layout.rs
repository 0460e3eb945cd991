//! Where an array's elements sit in its buffer: shape, byte strides and byte offset.
//!
//! A `Layout` is a small value. Every view operation (slicing, transposing, broadcasting,
//! reshaping without a copy) is a function from one layout to another.

use crate::error::{normalize_axis, shape_str, Error, Result};
use smallvec::SmallVec;

/// Axis lengths.
pub type Shape = SmallVec<[usize; 4]>;
/// Byte steps between neighbours along each axis; negative and zero are allowed.
pub type Strides = SmallVec<[isize; 4]>;

/// Memory order of a new array: row-major (C) or column-major (Fortran).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    C,
    F,
}

/// NumPy's `order=` for a new array made from another (`copy`, `astype`, `*_like`): C, F,
/// A (Fortran only when the source is Fortran- and not C-contiguous) or K (the source's own
/// axis order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LikeOrder {
    C,
    F,
    A,
    K,
}

impl From<Order> for LikeOrder {
    fn from(o: Order) -> LikeOrder {
        match o {
            Order::C => LikeOrder::C,
            Order::F => LikeOrder::F,
        }
    }
}

/// Shape, byte strides and the byte offset of element `[0, 0, ...]` in the buffer.
#[derive(Debug, PartialEq, Eq)]
pub struct Layout {
    pub shape: Shape,
    pub strides: Strides,
    pub offset: usize,
}

// Every operation clones layouts; copying the small vectors as slices costs a tenth of the
// derived element-by-element clone.
impl Clone for Layout {
    fn clone(&self) -> Self {
        Layout {
            shape: SmallVec::from_slice(&self.shape),
            strides: SmallVec::from_slice(&self.strides),
            offset: self.offset,
        }
    }
}

/// A resolved slice along one axis: `len` elements from `start`, `step` apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AxisSlice {
    pub start: usize,
    pub step: isize,
    pub len: usize,
}

impl AxisSlice {
    /// Resolves Python's `start:stop:step` against an axis of length `n`, as `slice.indices`
    /// does (bounds are clipped, never an error). `step` must not be zero.
    pub fn resolve(start: Option<isize>, stop: Option<isize>, step: isize, n: usize) -> AxisSlice {
        let n = n as isize;
        let clip = |v: isize, lo: isize, hi: isize| v.clamp(lo, hi);
        let (lo, hi) = if step > 0 { (0, n) } else { (-1, n - 1) };
        let bound = |v: Option<isize>, default: isize| match v {
            None => default,
            Some(v) if v < 0 => clip(v + n, lo, hi),
            Some(v) => clip(v, lo, hi),
        };
        let (b, e) = if step > 0 {
            (bound(start, 0), bound(stop, n))
        } else {
            (bound(start, n - 1), bound(stop, -1))
        };
        // Written so that no step, however large, overflows.
        let span = if step > 0 { e - b } else { b - e };
        let len = if span > 0 {
            (span as usize - 1) / step.unsigned_abs() + 1
        } else {
            0
        };
        AxisSlice {
            start: if len > 0 { b as usize } else { 0 },
            step,
            len,
        }
    }
}

/// Number of elements of a shape, or `None` if it overflows.
pub fn checked_size(shape: &[usize]) -> Option<usize> {
    shape.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d))
}

/// Strides of a contiguous array of `shape` in `order`.
pub fn contiguous_strides(shape: &[usize], itemsize: usize, order: Order) -> Strides {
    let mut strides: Strides = SmallVec::from_elem(0, shape.len());
    let mut step = itemsize as isize;
    let mut place = |i: usize| {
        strides[i] = step;
        step = step.saturating_mul(shape[i].max(1) as isize);
    };
    match order {
        Order::C => (0..shape.len()).rev().for_each(&mut place),
        Order::F => (0..shape.len()).for_each(&mut place),
    }
    strides
}

/// The shape that `shapes` broadcast to, with NumPy's error for a mismatch.
pub fn broadcast_shapes(shapes: &[&[usize]]) -> Result<Shape> {
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out: Shape = SmallVec::from_elem(1, ndim);
    for s in shapes {
        for (i, &d) in s.iter().enumerate() {
            let o = &mut out[ndim - s.len() + i];
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                let listed: Vec<String> = shapes.iter().map(|s| shape_str(s)).collect();
                return Err(Error::value(format!(
                    "operands could not be broadcast together with shapes {} ",
                    listed.join(" ")
                )));
            }
        }
    }
    Ok(out)
}

impl Layout {
    /// A contiguous layout starting at byte 0.
    pub fn contiguous(shape: &[usize], itemsize: usize, order: Order) -> Layout {
        Layout {
            shape: shape.into(),
            strides: contiguous_strides(shape, itemsize, order),
            offset: 0,
        }
    }

    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    /// Number of elements.
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    fn is_contiguous_in(&self, itemsize: usize, axes: impl Iterator<Item = usize>) -> bool {
        if self.size() == 0 {
            return true;
        }
        let mut expected = itemsize as isize;
        for i in axes {
            if self.shape[i] != 1 {
                if self.strides[i] != expected {
                    return false;
                }
                expected *= self.shape[i] as isize;
            }
        }
        true
    }

    /// NumPy's C_CONTIGUOUS flag: axes of length 1 may have any stride.
    pub fn is_c_contiguous(&self, itemsize: usize) -> bool {
        self.is_contiguous_in(itemsize, (0..self.ndim()).rev())
    }

    /// NumPy's F_CONTIGUOUS flag.
    pub fn is_f_contiguous(&self, itemsize: usize) -> bool {
        self.is_contiguous_in(itemsize, 0..self.ndim())
    }

    /// The lowest and one-past-highest byte this layout touches, as offsets into the buffer;
    /// `None` for an empty array.
    pub fn byte_extent(&self, itemsize: usize) -> Option<(usize, usize)> {
        if self.size() == 0 {
            return None;
        }
        let (mut lo, mut hi) = (self.offset as isize, self.offset as isize);
        for (&n, &s) in self.shape.iter().zip(&self.strides) {
            let reach = (n as isize - 1) * s;
            if reach < 0 {
                lo += reach;
            } else {
                hi += reach;
            }
        }
        Some((lo as usize, hi as usize + itemsize))
    }

    /// Axes permuted: axis `i` of the result is axis `axes[i]` of this layout.
    pub fn permute(&self, axes: &[usize]) -> Layout {
        Layout {
            shape: axes.iter().map(|&a| self.shape[a]).collect(),
            strides: axes.iter().map(|&a| self.strides[a]).collect(),
            offset: self.offset,
        }
    }

    /// The axes from the largest stride to the smallest in size (a stable sort keeps equal
    /// strides in axis order): memory order, as NumPy's order 'K' sees it.
    pub fn axes_by_stride(&self) -> Vec<usize> {
        let mut axes: Vec<usize> = (0..self.shape.len()).collect();
        axes.sort_by_key(|&i| std::cmp::Reverse(self.strides[i].unsigned_abs()));
        axes
    }

    /// All axes reversed (`.T`).
    pub fn transposed(&self) -> Layout {
        let axes: Vec<usize> = (0..self.ndim()).rev().collect();
        self.permute(&axes)
    }

    /// The sub-layout at index `i` of `axis` (the axis disappears). `i` must be in range.
    pub fn index_axis(&self, axis: usize, i: usize) -> Layout {
        let mut out = self.clone();
        out.offset = (self.offset as isize + i as isize * self.strides[axis]) as usize;
        out.shape.remove(axis);
        out.strides.remove(axis);
        out
    }

    /// The layout restricted to a slice along `axis`.
    pub fn slice_axis(&self, axis: usize, s: AxisSlice) -> Layout {
        let mut out = self.clone();
        if s.len > 0 {
            out.offset = (self.offset as isize + s.start as isize * self.strides[axis]) as usize;
        }
        out.shape[axis] = s.len;
        // With two or more elements the product addresses memory, so it fits; a longer step
        // than the axis leaves one element, whose stride NumPy also computes wrapping.
        out.strides[axis] = self.strides[axis].wrapping_mul(s.step);
        out
    }

    /// A new axis of length 1 at position `axis` (0..=ndim).
    pub fn insert_axis(&self, axis: usize) -> Layout {
        let mut out = self.clone();
        out.shape.insert(axis, 1);
        out.strides.insert(axis, 0);
        out
    }

    /// This layout seen with `shape`, repeating along new or length-1 axes by stride 0.
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<Layout> {
        let fail = || {
            Error::value(format!(
                "operands could not be broadcast together with remapped shapes \
                 [original->remapped]: {}  and requested shape {}",
                shape_str(&self.shape),
                shape_str(shape)
            ))
        };
        if shape.len() < self.ndim() {
            return Err(fail());
        }
        let lead = shape.len() - self.ndim();
        let mut strides: Strides = SmallVec::from_elem(0, shape.len());
        for i in 0..self.ndim() {
            let (have, want) = (self.shape[i], shape[lead + i]);
            if have == want {
                strides[lead + i] = self.strides[i];
            } else if have != 1 {
                return Err(fail());
            }
        }
        Ok(Layout {
            shape: shape.into(),
            strides,
            offset: self.offset,
        })
    }

    /// Axis `axis` traversed backwards.
    pub fn flip_axis(&self, axis: usize) -> Layout {
        let mut out = self.clone();
        if self.shape[axis] > 0 {
            out.offset = (self.offset as isize
                + (self.shape[axis] as isize - 1) * self.strides[axis])
                as usize;
        }
        out.strides[axis] = -self.strides[axis];
        out
    }

    /// The layout with length-1 axes removed: all of them, or those listed.
    pub fn squeeze(&self, axes: Option<&[usize]>) -> Result<Layout> {
        if let Some(axes) = axes {
            if axes.iter().any(|&a| self.shape[a] != 1) {
                return Err(Error::value(
                    "cannot select an axis to squeeze out which has size not equal to one",
                ));
            }
        }
        let keep = |i: usize| match axes {
            Some(axes) => !axes.contains(&i),
            None => self.shape[i] != 1,
        };
        Ok(Layout {
            shape: (0..self.ndim())
                .filter(|&i| keep(i))
                .map(|i| self.shape[i])
                .collect(),
            strides: (0..self.ndim())
                .filter(|&i| keep(i))
                .map(|i| self.strides[i])
                .collect(),
            offset: self.offset,
        })
    }

    /// The same elements seen with `shape` (same size) read in `order`, if that needs no
    /// copy; `None` when the strides make it impossible.
    pub fn reshaped(&self, shape: &[usize], itemsize: usize, order: Order) -> Option<Layout> {
        if order == Order::F {
            let rev: Shape = shape.iter().rev().copied().collect();
            let mut out = self.transposed().reshaped(&rev, itemsize, Order::C)?;
            out.shape.reverse();
            out.strides.reverse();
            return Some(out);
        }
        if self.size() == 0 {
            let mut out = Layout::contiguous(shape, itemsize, Order::C);
            out.offset = self.offset;
            return Some(out);
        }
        // Axes of length 1 carry no stride information; drop them and match groups of old
        // axes to groups of new axes with equal products. A group of old axes must be
        // contiguous in C order for the new axes to step through it evenly.
        let old: Vec<(usize, isize)> = self
            .shape
            .iter()
            .zip(&self.strides)
            .filter(|(&n, _)| n != 1)
            .map(|(&n, &s)| (n, s))
            .collect();
        let mut strides: Strides = SmallVec::from_elem(0, shape.len());
        let (mut oi, mut ni) = (0, 0);
        let new_real: Vec<usize> = (0..shape.len()).filter(|&i| shape[i] != 1).collect();
        while oi < old.len() && ni < new_real.len() {
            let (oj0, nj0) = (oi, ni);
            let (mut op, mut np) = (old[oi].0, shape[new_real[ni]]);
            while op != np {
                if op < np {
                    oi += 1;
                    op *= old.get(oi)?.0;
                } else {
                    ni += 1;
                    np *= shape[*new_real.get(ni)?];
                }
            }
            for k in oj0..oi {
                if old[k].1 != old[k + 1].1 * old[k + 1].0 as isize {
                    return None;
                }
            }
            let mut step = old[oi].1;
            for k in (nj0..=ni).rev() {
                let axis = new_real[k];
                strides[axis] = step;
                step *= shape[axis] as isize;
            }
            oi += 1;
            ni += 1;
        }
        if oi != old.len() || ni != new_real.len() {
            return None;
        }
        // New length-1 axes get the stride a contiguous array would give them.
        for i in (0..shape.len()).rev() {
            if shape[i] == 1 {
                strides[i] = if i + 1 < shape.len() {
                    strides[i + 1] * shape[i + 1] as isize
                } else {
                    itemsize as isize
                };
            }
        }
        Some(Layout {
            shape: shape.into(),
            strides,
            offset: self.offset,
        })
    }

    /// The axis list NumPy's `transpose(axes)` accepts, normalized and checked.
    pub fn check_permutation(&self, axes: &[isize]) -> Result<Vec<usize>> {
        if axes.len() != self.ndim() {
            return Err(Error::value("axes don't match array"));
        }
        let mut seen = vec![false; self.ndim()];
        let mut out = Vec::with_capacity(axes.len());
        for &a in axes {
            let a = normalize_axis(a, self.ndim())?;
            if std::mem::replace(&mut seen[a], true) {
                return Err(Error::value("repeated axis in transpose"));
            }
            out.push(a);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(shape: &[usize]) -> Layout {
        Layout::contiguous(shape, 8, Order::C)
    }

    #[test]
    fn contiguous_strides_in_both_orders() {
        assert_eq!(c(&[2, 3]).strides.as_slice(), &[24, 8]);
        assert_eq!(
            Layout::contiguous(&[2, 3], 8, Order::F).strides.as_slice(),
            &[8, 16]
        );
        assert!(c(&[2, 3]).transposed().is_f_contiguous(8));
        assert!(!c(&[2, 3]).transposed().is_c_contiguous(8));
        assert!(c(&[1, 3]).is_f_contiguous(8) && !c(&[2, 3]).is_f_contiguous(8));
    }

    #[test]
    fn slices_resolve_like_python() {
        assert_eq!(
            AxisSlice::resolve(None, None, -1, 6),
            AxisSlice {
                start: 5,
                step: -1,
                len: 6
            }
        );
        assert_eq!(AxisSlice::resolve(Some(2), Some(8), 3, 10).len, 2);
        assert_eq!(AxisSlice::resolve(Some(10), None, 1, 6).len, 0);
        assert_eq!(
            AxisSlice::resolve(Some(-2), None, 1, 6),
            AxisSlice {
                start: 4,
                step: 1,
                len: 2
            }
        );
        assert_eq!(AxisSlice::resolve(Some(1), Some(100), 1, 6).len, 5);
        assert_eq!(AxisSlice::resolve(None, Some(-10), -1, 6).len, 6);
    }

    #[test]
    fn negative_step_slice_offsets_at_the_last_element() {
        let l = c(&[6]).slice_axis(0, AxisSlice::resolve(None, None, -1, 6));
        assert_eq!((l.offset, l.strides[0]), (40, -8));
        assert_eq!(l.byte_extent(8), Some((0, 48)));
    }

    #[test]
    fn broadcasting_shapes_and_errors() {
        assert_eq!(
            broadcast_shapes(&[&[2, 1], &[3]]).unwrap().as_slice(),
            &[2, 3]
        );
        let err = broadcast_shapes(&[&[2, 3], &[4]]).unwrap_err();
        assert_eq!(
            err.message(),
            "operands could not be broadcast together with shapes (2,3) (4,) "
        );
        let b = c(&[3]).broadcast_to(&[2, 3]).unwrap();
        assert_eq!(b.strides.as_slice(), &[0, 8]);
    }

    #[test]
    fn reshape_without_copy_when_strides_allow() {
        let r = c(&[2, 3]).reshaped(&[3, 2], 8, Order::C).unwrap();
        assert_eq!(r.strides.as_slice(), &[16, 8]);
        assert!(c(&[2, 3])
            .transposed()
            .reshaped(&[6], 8, Order::C)
            .is_none());
        let t = c(&[2, 3]).transposed().reshaped(&[6], 8, Order::F).unwrap();
        assert_eq!(t.strides.as_slice(), &[8]);
        let every_other = c(&[8]).slice_axis(0, AxisSlice::resolve(None, None, 2, 8));
        let r = every_other.reshaped(&[2, 2], 8, Order::C).unwrap();
        assert_eq!(r.strides.as_slice(), &[32, 16]);
        let r = c(&[6]).reshaped(&[1, 2, 1, 3], 8, Order::C).unwrap();
        assert_eq!(r.strides.as_slice(), &[48, 24, 24, 8]);
    }

    #[test]
    fn squeeze_checks_lengths() {
        assert_eq!(c(&[1, 3, 1]).squeeze(None).unwrap().shape.as_slice(), &[3]);
        assert!(c(&[2, 3]).squeeze(Some(&[0])).is_err());
    }
}
