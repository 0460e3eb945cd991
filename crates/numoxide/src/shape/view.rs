//! Operations that return views when NumPy does: reshape, ravel, transposes, squeeze,
//! expand_dims, flip and broadcasting.

use super::axes::{normalize_axes, normalize_named};
use crate::array::{shape_tuple, NdArray};
use crate::error::{Error, Result};
use crate::layout::{checked_size, Layout, LikeOrder, Order};

/// NumPy's text for a requested shape in reshape errors: unknown (negative) lengths print
/// as `newaxis`, except leading ones, which are dropped; the one-element tuple comma only
/// appears when a single length was requested.
fn requested_shape_str(shape: &[isize]) -> String {
    let first = shape.iter().position(|&d| d >= 0).unwrap_or(shape.len());
    let parts: Vec<String> = shape[first..]
        .iter()
        .map(|&d| {
            if d < 0 {
                "newaxis".to_string()
            } else {
                d.to_string()
            }
        })
        .collect();
    if shape.len() == 1 && first == 0 {
        format!("({},)", parts[0])
    } else {
        format!("({})", parts.join(","))
    }
}

/// The concrete shape for a reshape of `size` elements into `shape`, where one negative
/// length stands for whatever is left.
fn resolve_shape(shape: &[isize], size: usize) -> Result<Vec<usize>> {
    let mismatch = || {
        Error::value(format!(
            "cannot reshape array of size {size} into shape {}",
            requested_shape_str(shape)
        ))
    };
    let mut unknown = None;
    let mut known = 1usize;
    for (i, &d) in shape.iter().enumerate() {
        if d < 0 {
            if unknown.replace(i).is_some() {
                return Err(Error::value("can only specify one unknown dimension"));
            }
        } else {
            known = known.checked_mul(d as usize).ok_or_else(mismatch)?;
        }
    }
    let mut out: Vec<usize> = shape.iter().map(|&d| d.max(0) as usize).collect();
    match unknown {
        Some(i) if known != 0 && size.is_multiple_of(known) => out[i] = size / known,
        None if known == size => {}
        _ => return Err(mismatch()),
    }
    Ok(out)
}

/// A broadcast shape of Python ints: negative lengths are refused.
fn checked_shape(shape: &[isize]) -> Result<Vec<usize>> {
    if shape.iter().any(|&d| d < 0) {
        return Err(Error::value(
            "all elements of broadcast shape must be non-negative",
        ));
    }
    Ok(shape.iter().map(|&d| d as usize).collect())
}

impl NdArray {
    /// NumPy's `reshape`: a view when the strides allow it, else a copy in `order`.
    /// One length may be negative (unknown) and is inferred.
    pub fn reshape(&self, shape: &[isize], order: Order) -> Result<NdArray> {
        let shape = resolve_shape(shape, self.size())?;
        if let Some(view) = self.reshaped_view(&shape, order) {
            return Ok(view);
        }
        let copy = self.copy(order);
        Ok(copy.with_layout(Layout::contiguous(&shape, self.itemsize(), order)))
    }

    /// NumPy's `reshape(..., copy=False)`: a view, or an error when that is impossible.
    pub fn reshape_view(&self, shape: &[isize], order: Order) -> Result<NdArray> {
        let shape = resolve_shape(shape, self.size())?;
        self.reshaped_view(&shape, order)
            .ok_or_else(|| Error::value("Unable to avoid creating a copy while reshaping."))
    }

    fn reshaped_view(&self, shape: &[usize], order: Order) -> Option<NdArray> {
        if shape == self.shape() {
            return Some(self.clone());
        }
        let layout = self.layout().reshaped(shape, self.itemsize(), order)?;
        Some(self.with_layout(layout))
    }

    /// The order NumPy's `reshape` reads in: 'A' is Fortran for a Fortran-ordered array, and
    /// 'K' is refused.
    pub fn reshape_order(&self, order: LikeOrder) -> Result<Order> {
        match order {
            LikeOrder::K => Err(Error::value("order 'K' is not permitted for reshaping")),
            LikeOrder::C => Ok(Order::C),
            LikeOrder::F => Ok(Order::F),
            LikeOrder::A => Ok(self.a_order()),
        }
    }

    /// What order 'A' reads in: Fortran for a Fortran-ordered array, else C.
    fn a_order(&self) -> Order {
        if self.is_fortran() {
            Order::F
        } else {
            Order::C
        }
    }

    /// NumPy's `ravel`: a 1-d view when the array is contiguous in the read order, else a copy.
    pub fn ravel(&self, order: impl Into<LikeOrder>) -> NdArray {
        let (a, order) = self.read_in(order.into());
        let contiguous = match order {
            Order::C => a.is_c_contiguous(),
            Order::F => a.is_f_contiguous(),
        };
        let view = contiguous
            .then(|| a.reshaped_view(&[a.size()], order))
            .flatten();
        view.unwrap_or_else(|| a.flatten(order))
    }

    /// NumPy's `flatten`: always a new 1-d array, read in `order`.
    pub fn flatten(&self, order: impl Into<LikeOrder>) -> NdArray {
        let (a, order) = self.read_in(order.into());
        let copy = a.copy(order);
        copy.with_layout(Layout::contiguous(&[a.size()], a.itemsize(), order))
    }

    /// What reading in `order` walks: this array in C or F order, where 'A' is Fortran for a
    /// Fortran-ordered array and 'K' reads memory order, which is C order over the axes
    /// sorted by stride size (steps backwards stay backwards, as in NumPy).
    fn read_in(&self, order: LikeOrder) -> (NdArray, Order) {
        match order {
            LikeOrder::C => (self.clone(), Order::C),
            LikeOrder::F => (self.clone(), Order::F),
            LikeOrder::A => (self.clone(), self.a_order()),
            LikeOrder::K => (
                self.with_layout(self.layout().permute(&self.layout().axes_by_stride())),
                Order::C,
            ),
        }
    }

    /// NumPy's `transpose`: axes reversed, or permuted as `axes` lists them (a view).
    pub fn transpose(&self, axes: Option<&[isize]>) -> Result<NdArray> {
        Ok(match axes {
            None => self.with_layout(self.layout().transposed()),
            Some(axes) => {
                let axes = self.layout().check_permutation(axes)?;
                self.with_layout(self.layout().permute(&axes))
            }
        })
    }

    /// NumPy's `swapaxes` (a view).
    pub fn swapaxes(&self, axis1: isize, axis2: isize) -> Result<NdArray> {
        let a1 = normalize_named(axis1, self.ndim(), "axis1")?;
        let a2 = normalize_named(axis2, self.ndim(), "axis2")?;
        let mut perm: Vec<usize> = (0..self.ndim()).collect();
        perm.swap(a1, a2);
        Ok(self.with_layout(self.layout().permute(&perm)))
    }

    /// NumPy's `moveaxis`: axes `source` moved to positions `destination`, the others kept
    /// in order (a view).
    pub fn moveaxis(&self, source: &[isize], destination: &[isize]) -> Result<NdArray> {
        let n = self.ndim();
        let src = normalize_axes(
            source,
            n,
            Some("source"),
            "repeated axis in `source` argument",
        )?;
        let dst = normalize_axes(
            destination,
            n,
            Some("destination"),
            "repeated axis in `destination` argument",
        )?;
        if src.len() != dst.len() {
            return Err(Error::value(
                "`source` and `destination` arguments must have the same number of elements",
            ));
        }
        let mut order: Vec<usize> = (0..n).filter(|a| !src.contains(a)).collect();
        let mut moves: Vec<(usize, usize)> = dst.into_iter().zip(src).collect();
        // Inserting by increasing destination puts each moved axis exactly where asked.
        moves.sort_unstable();
        for (d, s) in moves {
            order.insert(d, s);
        }
        Ok(self.with_layout(self.layout().permute(&order)))
    }

    /// NumPy's `squeeze`: length-1 axes removed, all of them or those in `axis` (a view).
    pub fn squeeze(&self, axis: Option<&[isize]>) -> Result<NdArray> {
        let layout = match axis {
            None => self.layout().squeeze(None)?,
            Some(axis) => {
                let axes = normalize_axes(axis, self.ndim(), None, "duplicate value in 'axis'")?;
                self.layout().squeeze(Some(&axes))?
            }
        };
        Ok(self.with_layout(layout))
    }

    /// NumPy's `expand_dims`: length-1 axes inserted so they sit at `axis` in the result
    /// (a view).
    pub fn expand_dims(&self, axis: &[isize]) -> Result<NdArray> {
        let out_ndim = self.ndim() + axis.len();
        let mut axes = normalize_axes(axis, out_ndim, None, "repeated axis")?;
        axes.sort_unstable();
        let layout = axes
            .iter()
            .fold(self.layout().clone(), |l, &a| l.insert_axis(a));
        Ok(self.with_layout(layout))
    }

    /// NumPy's `flip`: the order of elements reversed along `axis`, or along every axis
    /// (a view with negative strides).
    pub fn flip(&self, axis: Option<&[isize]>) -> Result<NdArray> {
        let axes = match axis {
            None => (0..self.ndim()).collect(),
            Some(axis) => normalize_axes(axis, self.ndim(), None, "repeated axis")?,
        };
        let layout = axes
            .iter()
            .fold(self.layout().clone(), |l, &a| l.flip_axis(a));
        Ok(self.with_layout(layout))
    }

    /// NumPy's `broadcast_to`: a read-only view with `shape`.
    pub fn broadcast_to(&self, shape: &[isize]) -> Result<NdArray> {
        let shape = checked_shape(shape)?;
        if shape.len() < self.ndim() {
            return Err(Error::value(
                "input operand has more dimensions than allowed by the axis remapping",
            ));
        }
        let layout = self.layout().broadcast_to(&shape)?;
        Ok(self.with_layout(layout).read_only())
    }
}

/// NumPy's `broadcast_arrays`: views of every array with the common shape. Arrays already
/// of that shape come back as they are; broadcast views stay writeable, as NumPy still
/// allows (with a deprecation warning).
pub fn broadcast_arrays(arrays: &[NdArray]) -> Result<Vec<NdArray>> {
    let ndim = arrays.iter().map(|a| a.ndim()).max().unwrap_or(0);
    // For each result axis: its length and the first argument that set it (for the message).
    let mut shape = vec![(1usize, 0usize); ndim];
    for (i, a) in arrays.iter().enumerate() {
        let lead = ndim - a.ndim();
        for (k, &d) in a.shape().iter().enumerate() {
            let (len, from) = &mut shape[lead + k];
            if *len == 1 {
                (*len, *from) = (d, i);
            } else if d != 1 && d != *len {
                return Err(Error::value(format!(
                    "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch \
                     is between arg {from} with shape {} and arg {i} with shape {}.",
                    shape_tuple(arrays[*from].shape()),
                    shape_tuple(a.shape())
                )));
            }
        }
    }
    let shape: Vec<usize> = shape.into_iter().map(|(len, _)| len).collect();
    checked_size(&shape).ok_or_else(|| {
        Error::value(
            "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
        )
    })?;
    arrays
        .iter()
        .map(|a| {
            if a.shape() == shape.as_slice() {
                Ok(a.clone())
            } else {
                Ok(a.with_layout(a.layout().broadcast_to(&shape)?))
            }
        })
        .collect()
}

/// NumPy's `atleast_1d`: a 0-d array becomes shape `(1,)` (a view).
pub fn atleast_1d(a: &NdArray) -> NdArray {
    match a.ndim() {
        0 => a.with_layout(a.layout().insert_axis(0)),
        _ => a.clone(),
    }
}

/// NumPy's `atleast_2d`: `()` becomes `(1, 1)`, `(N,)` becomes `(1, N)` (a view).
pub fn atleast_2d(a: &NdArray) -> NdArray {
    match a.ndim() {
        0 => a.with_layout(a.layout().insert_axis(0).insert_axis(0)),
        1 => a.with_layout(a.layout().insert_axis(0)),
        _ => a.clone(),
    }
}

/// NumPy's `atleast_3d`: `()` becomes `(1, 1, 1)`, `(N,)` becomes `(1, N, 1)` and `(M, N)`
/// becomes `(M, N, 1)` (a view).
pub fn atleast_3d(a: &NdArray) -> NdArray {
    let l = a.layout();
    match a.ndim() {
        0 => a.with_layout(l.insert_axis(0).insert_axis(0).insert_axis(0)),
        1 => a.with_layout(l.insert_axis(0).insert_axis(2)),
        2 => a.with_layout(l.insert_axis(2)),
        _ => a.clone(),
    }
}
