//! Indexing: `a[key]` and `a[key] = value` with NumPy's rules.
//!
//! Basic items (integers, slices, Ellipsis, newaxis) only change the layout, so the result is
//! a view. Integer and boolean arrays select elements ("advanced" indexing) and gather into a
//! new array; their broadcast dimensions replace the indexed axes in place when those axes
//! are adjacent, and go first otherwise.

use crate::array::{copy_cast, NdArray};
use crate::dtype::{DType, Kind};
use crate::error::{Error, Result};
use crate::layout::{broadcast_shapes, AxisSlice, Layout, Order};
use crate::with_dtype;
use std::borrow::Cow;

/// One item of an index expression.
#[derive(Clone, Debug)]
pub enum IndexItem {
    Int(isize),
    Slice {
        start: Option<isize>,
        stop: Option<isize>,
        step: Option<isize>,
    },
    NewAxis,
    Ellipsis,
    /// An integer or boolean array.
    Array(NdArray),
}

/// What indexing produced.
pub enum Indexed {
    /// A view sharing memory with the indexed array.
    View(NdArray),
    /// Every axis got an integer: the single element, as a 0-d view.
    Element(NdArray),
    /// Advanced indexing gathered a new array.
    Copy(NdArray),
}

fn bounds_error(i: isize, axis: usize, n: usize) -> Error {
    Error::Index(format!(
        "index {i} is out of bounds for axis {axis} with size {n}"
    ))
}

/// Normalizes a possibly negative index against an axis of length `n`.
pub fn normalize_index(i: isize, axis: usize, n: usize) -> Result<usize> {
    let j = if i < 0 { i + n as isize } else { i };
    if j < 0 || j >= n as isize {
        return Err(bounds_error(i, axis, n));
    }
    Ok(j as usize)
}

/// Items after expanding Ellipsis and turning boolean arrays into integer arrays.
struct Expanded<'a> {
    items: Cow<'a, [IndexItem]>,
    has_arrays: bool,
}

fn expand<'a>(a: &NdArray, items: &'a [IndexItem]) -> Result<Expanded<'a>> {
    let consumed = |it: &IndexItem| match it {
        IndexItem::NewAxis | IndexItem::Ellipsis => 0,
        IndexItem::Array(x) if x.dtype() == DType::Bool => x.ndim().max(1),
        _ => 1,
    };
    let used: usize = items.iter().map(consumed).sum();
    let ellipses = items
        .iter()
        .filter(|it| matches!(it, IndexItem::Ellipsis))
        .count();
    if ellipses > 1 {
        return Err(Error::Index(
            "an index can only have a single ellipsis ('...')".into(),
        ));
    }
    if used > a.ndim() {
        return Err(Error::Index(format!(
            "too many indices for array: array is {}-dimensional, but {} were indexed",
            a.ndim(),
            used
        )));
    }
    if !items
        .iter()
        .any(|it| matches!(it, IndexItem::Ellipsis | IndexItem::Array(_)))
    {
        // Ints, slices and new axes apply as they are (the common `a[i]`, `a[1:]`).
        return Ok(Expanded {
            items: Cow::Borrowed(items),
            has_arrays: false,
        });
    }
    let mut out = Vec::with_capacity(a.ndim() + 1);
    let mut axis = 0;
    let mut has_arrays = false;
    for it in items {
        match it {
            IndexItem::Ellipsis => {
                for _ in 0..a.ndim() - used {
                    out.push(IndexItem::Slice {
                        start: None,
                        stop: None,
                        step: None,
                    });
                    axis += 1;
                }
            }
            IndexItem::Array(x) if x.dtype() == DType::Bool => {
                has_arrays = true;
                let shape = &a.shape()[axis..axis + x.ndim().max(1)];
                for (k, (&have, &want)) in x.shape().iter().zip(shape).enumerate() {
                    if have != want {
                        return Err(Error::Index(format!(
                            "boolean index did not match indexed array along axis {}; size of \
                             axis is {} but size of corresponding boolean axis is {}",
                            axis + k,
                            want,
                            have
                        )));
                    }
                }
                for positions in nonzero(x) {
                    out.push(IndexItem::Array(positions));
                }
                axis += x.ndim();
            }
            IndexItem::Array(x) => {
                if x.dtype().kind() != Kind::Signed && x.dtype().kind() != Kind::Unsigned {
                    return Err(Error::Index(
                        "arrays used as indices must be of integer (or boolean) type".into(),
                    ));
                }
                has_arrays = true;
                out.push(it.clone());
                axis += 1;
            }
            IndexItem::NewAxis => out.push(IndexItem::NewAxis),
            _ => {
                out.push(it.clone());
                axis += 1;
            }
        }
    }
    for _ in axis..a.ndim() {
        out.push(IndexItem::Slice {
            start: None,
            stop: None,
            step: None,
        });
    }
    Ok(Expanded {
        items: Cow::Owned(out),
        has_arrays,
    })
}

/// NumPy's `nonzero`: for each axis, the int64 coordinates of the true (non-zero) elements.
pub fn nonzero(a: &NdArray) -> Vec<NdArray> {
    let flags = a.to_vec::<bool>();
    let shape = a.shape().to_vec();
    let ndim = shape.len().max(1);
    let mut coords: Vec<Vec<i64>> = vec![Vec::new(); ndim];
    let mut index = vec![0usize; shape.len()];
    for &f in &flags {
        if f {
            if shape.is_empty() {
                coords[0].push(0);
            }
            for (k, &i) in index.iter().enumerate() {
                coords[k].push(i as i64);
            }
        }
        for k in (0..shape.len()).rev() {
            index[k] += 1;
            if index[k] < shape[k] {
                break;
            }
            index[k] = 0;
        }
    }
    coords
        .into_iter()
        .map(|c| {
            let n = c.len();
            NdArray::from_vec(c, &[n]).expect("length matches")
        })
        .collect()
}

/// The view after basic items, with the advanced items left as (view axis, index array).
fn apply_basic(
    a: &NdArray,
    items: &[IndexItem],
    ints_are_arrays: bool,
) -> Result<(Layout, Vec<(usize, NdArray)>)> {
    let mut layout = a.layout().clone();
    let mut axis = 0; // next axis of `layout` to consume
    let mut source_axis = 0; // the same axis numbered in `a`, for messages
    let mut advanced = Vec::new();
    for it in items {
        match it {
            IndexItem::Int(i) if !ints_are_arrays => {
                let i = normalize_index(*i, source_axis, layout.shape[axis])?;
                layout = layout.index_axis(axis, i);
                source_axis += 1;
            }
            IndexItem::Int(i) => {
                normalize_index(*i, source_axis, layout.shape[axis])?;
                advanced.push((axis, NdArray::from_vec(vec![*i as i64], &[]).expect("0-d")));
                axis += 1;
                source_axis += 1;
            }
            IndexItem::Slice { start, stop, step } => {
                let step = step.unwrap_or(1);
                if step == 0 {
                    return Err(Error::value("slice step cannot be zero"));
                }
                let s = AxisSlice::resolve(*start, *stop, step, layout.shape[axis]);
                layout = layout.slice_axis(axis, s);
                axis += 1;
                source_axis += 1;
            }
            IndexItem::NewAxis => {
                layout = layout.insert_axis(axis);
                axis += 1;
            }
            IndexItem::Array(x) => {
                advanced.push((axis, x.clone()));
                axis += 1;
                source_axis += 1;
            }
            IndexItem::Ellipsis => unreachable!("expanded"),
        }
    }
    Ok((layout, advanced))
}

/// The plan of an advanced index: the broadcast index shape, one byte offset per index
/// position, and the layout of the block each position selects.
struct Gather {
    result_shape: Vec<usize>,
    /// Result axes are `index dims + block dims`; this permutation puts them in NumPy's order.
    permutation: Vec<usize>,
    offsets: Vec<isize>,
    block: Layout,
}

fn plan_gather(view: Layout, advanced: Vec<(usize, NdArray)>) -> Result<Gather> {
    let shapes: Vec<&[usize]> = advanced.iter().map(|(_, x)| x.shape()).collect();
    let bshape = broadcast_shapes(&shapes).map_err(|_| {
        let listed: Vec<String> = advanced
            .iter()
            .map(|(_, x)| crate::error::shape_str(x.shape()))
            .collect();
        Error::Index(format!(
            "shape mismatch: indexing arrays could not be broadcast together with shapes {}",
            listed.join(" ")
        ))
    })?;
    let count: usize = bshape.iter().product();
    let mut offsets = vec![0isize; count];
    for (axis, x) in &advanced {
        let n = view.shape[*axis];
        let stride = view.strides[*axis];
        let idx = x
            .with_layout(x.layout().broadcast_to(&bshape)?)
            .to_vec::<i64>();
        for (o, &i) in offsets.iter_mut().zip(&idx) {
            let j = normalize_index(i as isize, *axis, n)?;
            *o += j as isize * stride;
        }
    }
    let axes: Vec<usize> = advanced.iter().map(|(a, _)| *a).collect();
    let adjacent = axes.windows(2).all(|w| w[1] == w[0] + 1);
    let rest: Vec<usize> = (0..view.ndim()).filter(|a| !axes.contains(a)).collect();
    let block = view.permute(&rest);
    let block = Layout {
        shape: block.shape,
        strides: block.strides,
        offset: view.offset,
    };
    let nb = bshape.len();
    let mut result_shape: Vec<usize> = bshape.to_vec();
    result_shape.extend(block.shape.iter());
    // Adjacent advanced axes keep their place: the block axes before them come first.
    let permutation: Vec<usize> = if adjacent {
        let before = rest.iter().filter(|&&a| a < axes[0]).count();
        (nb..nb + before)
            .chain(0..nb)
            .chain(nb + before..result_shape.len())
            .collect()
    } else {
        (0..result_shape.len()).collect()
    };
    Ok(Gather {
        result_shape,
        permutation,
        offsets,
        block,
    })
}

impl NdArray {
    /// `self[items]`.
    pub fn index(&self, items: &[IndexItem]) -> Result<Indexed> {
        // One slice of the first axis, the commonest view, without the general bookkeeping.
        if let ([IndexItem::Slice { start, stop, step }], Some(&n)) = (items, self.shape().first())
        {
            let step = step.unwrap_or(1);
            if step != 0 {
                let s = AxisSlice::resolve(*start, *stop, step, n);
                return Ok(Indexed::View(
                    self.with_layout(self.layout().slice_axis(0, s)),
                ));
            }
        }
        let e = expand(self, items)?;
        let (layout, advanced) = apply_basic(self, &e.items, e.has_arrays)?;
        if advanced.is_empty() {
            let all_ints = items
                .iter()
                .filter(|it| matches!(it, IndexItem::Int(_)))
                .count()
                == self.ndim()
                && !items
                    .iter()
                    .any(|it| matches!(it, IndexItem::NewAxis | IndexItem::Ellipsis));
            let view = self.with_layout(layout);
            return Ok(if all_ints {
                Indexed::Element(view)
            } else {
                Indexed::View(view)
            });
        }
        let g = plan_gather(layout, advanced)?;
        let out = NdArray::for_overwrite(&g.result_shape, self.dtype(), Order::C)?;
        let block_size: usize = g.block.shape.iter().product();
        if g.block.ndim() == 0 {
            with_dtype!(self.dtype(), T => {
                let base = self.buffer().as_ptr().wrapping_add(g.block.offset);
                let dst = out.base_ptr() as *mut T;
                for (k, &o) in g.offsets.iter().enumerate() {
                    // SAFETY: every offset was bounds-checked against its axis, so it
                    // addresses an element of this array; `out` holds offsets.len() elements.
                    unsafe { dst.add(k).write((base.offset(o) as *const T).read()) };
                }
            });
        } else {
            // Each index position selects a block; blocks fill `out` one after another.
            let itemsize = self.itemsize();
            for (k, &o) in g.offsets.iter().enumerate() {
                let mut src = g.block.clone();
                src.offset = (g.block.offset as isize + o) as usize;
                let mut dst = Layout::contiguous(&g.block.shape, itemsize, Order::C);
                dst.offset = k * block_size * itemsize;
                copy_cast(&self.with_layout(src), &out.with_layout(dst));
            }
        }
        Ok(Indexed::Copy(
            out.with_layout(out.layout().permute(&g.permutation)),
        ))
    }

    /// `self[items] = value`: `value` is broadcast to the selection and cast unsafely.
    pub fn index_assign(&self, items: &[IndexItem], value: &NdArray) -> Result<()> {
        self.check_writeable()?;
        let e = expand(self, items)?;
        let (layout, advanced) = apply_basic(self, &e.items, e.has_arrays)?;
        if advanced.is_empty() {
            return self.with_layout(layout).assign(value);
        }
        let g = plan_gather(layout, advanced)?;
        // Broadcast the value to the selection in NumPy's axis order, then walk it in
        // gather order (index dims first), writing each block at its offset.
        let inverse: Vec<usize> = {
            let mut inv = vec![0; g.permutation.len()];
            for (i, &p) in g.permutation.iter().enumerate() {
                inv[p] = i;
            }
            inv
        };
        let selection_shape: Vec<usize> =
            g.permutation.iter().map(|&p| g.result_shape[p]).collect();
        let staged = value.astype(self.dtype(), Order::C);
        let staged = staged.with_layout(staged.layout().broadcast_to(&selection_shape).map_err(|_| {
            Error::value(format!(
                "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
                crate::error::shape_str(value.shape()),
                crate::error::shape_str(&selection_shape)
            ))
        })?);
        let staged = staged.with_layout(staged.layout().permute(&inverse));
        let nb = g.result_shape.len() - g.block.ndim();
        let mut index = vec![0usize; nb];
        for &o in &g.offsets {
            let mut src = staged.layout().clone();
            for (axis, &i) in index.iter().enumerate().rev() {
                src = src.index_axis(axis, i);
            }
            let mut dst = g.block.clone();
            dst.offset = (g.block.offset as isize + o) as usize;
            copy_cast(&staged.with_layout(src), &self.with_layout(dst));
            for k in (0..nb).rev() {
                index[k] += 1;
                if index[k] < g.result_shape[k] {
                    break;
                }
                index[k] = 0;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arange(n: i64, shape: &[usize]) -> NdArray {
        NdArray::from_vec((0..n).collect::<Vec<i64>>(), shape).unwrap()
    }

    fn ints(v: Vec<i64>) -> IndexItem {
        let n = v.len();
        IndexItem::Array(NdArray::from_vec(v, &[n]).unwrap())
    }

    fn all() -> IndexItem {
        IndexItem::Slice {
            start: None,
            stop: None,
            step: None,
        }
    }

    fn copy_of(r: Indexed) -> NdArray {
        match r {
            Indexed::Copy(a) | Indexed::View(a) | Indexed::Element(a) => a,
        }
    }

    #[test]
    fn basic_indexing_is_a_view_with_numpys_errors() {
        let a = arange(6, &[2, 3]);
        let row = copy_of(a.index(&[IndexItem::Int(1)]).unwrap());
        assert_eq!(row.to_vec::<i64>(), vec![3, 4, 5]);
        assert!(row.same_buffer(&a));
        let e = a.index(&[IndexItem::Int(2)]).err().unwrap();
        assert_eq!(
            e.message(),
            "index 2 is out of bounds for axis 0 with size 2"
        );
        let e = a
            .index(&[IndexItem::Int(0), IndexItem::Int(0), IndexItem::Int(0)])
            .err()
            .unwrap();
        assert_eq!(
            e.message(),
            "too many indices for array: array is 2-dimensional, but 3 were indexed"
        );
    }

    #[test]
    fn integer_arrays_gather_and_place_dimensions_as_numpy() {
        let a = arange(6, &[2, 3]);
        let r = copy_of(a.index(&[ints(vec![0, 1]), ints(vec![1, 2])]).unwrap());
        assert_eq!(r.to_vec::<i64>(), vec![1, 5]);
        let r = copy_of(a.index(&[all(), ints(vec![0, 2])]).unwrap());
        assert_eq!(r.shape(), &[2, 2]);
        assert_eq!(r.to_vec::<i64>(), vec![0, 2, 3, 5]);
        let b = arange(24, &[2, 3, 4]);
        let r = copy_of(
            b.index(&[ints(vec![0, 1]), all(), ints(vec![1, 2])])
                .unwrap(),
        );
        assert_eq!(r.shape(), &[2, 3]);
        let r = copy_of(
            b.index(&[IndexItem::Int(0), all(), ints(vec![1, 2])])
                .unwrap(),
        );
        assert_eq!(r.shape(), &[2, 3]);
        assert_eq!(r.to_vec::<i64>(), vec![1, 5, 9, 2, 6, 10]);
        let r = copy_of(
            b.index(&[all(), ints(vec![0, 1]), ints(vec![1, 2])])
                .unwrap(),
        );
        assert_eq!(r.shape(), &[2, 2]);
        assert_eq!(r.to_vec::<i64>(), vec![1, 6, 13, 18]);
    }

    #[test]
    fn boolean_masks_select_and_assign() {
        let a = arange(6, &[6]);
        let mask = NdArray::from_vec(vec![false, true, false, true, true, false], &[6]).unwrap();
        let r = copy_of(a.index(&[IndexItem::Array(mask.clone())]).unwrap());
        assert_eq!(r.to_vec::<i64>(), vec![1, 3, 4]);
        a.index_assign(
            &[IndexItem::Array(mask)],
            &NdArray::from_vec(vec![-1i64], &[]).unwrap(),
        )
        .unwrap();
        assert_eq!(a.to_vec::<i64>(), vec![0, -1, 2, -1, -1, 5]);
    }

    #[test]
    fn fancy_assignment_writes_through() {
        let a = arange(6, &[2, 3]);
        a.index_assign(
            &[all(), ints(vec![0, 2])],
            &NdArray::from_vec(vec![7i64, 8], &[2]).unwrap(),
        )
        .unwrap();
        assert_eq!(a.to_vec::<i64>(), vec![7, 1, 8, 7, 4, 8]);
    }
}
