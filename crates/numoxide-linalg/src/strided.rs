//! Matrices inside an `NdArray`: element-strided views of one matrix of a stack, and the
//! byte offsets of every matrix of a (broadcast) stack.

use numoxide::{Element, NdArray, Order};

/// One matrix read through raw element strides (row step `rs`, column step `cs`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Strided<T> {
    pub ptr: *const T,
    pub rows: usize,
    pub cols: usize,
    pub rs: isize,
    pub cs: isize,
}

// SAFETY: a `Strided` only reads memory owned by an `NdArray` that the caller keeps alive
// for the whole product; the elements are plain `Send + Sync` values.
unsafe impl<T: Send + Sync> Send for Strided<T> {}
// SAFETY: as above; nothing writes through a `Strided`.
unsafe impl<T: Send + Sync> Sync for Strided<T> {}

impl<T: Element> Strided<T> {
    /// Element `(i, j)`; the indices must be in range.
    #[inline(always)]
    pub fn at(&self, i: usize, j: usize) -> T {
        // SAFETY: in-range indices address an element of the array this view was made from.
        unsafe { *self.ptr.offset(i as isize * self.rs + j as isize * self.cs) }
    }

    /// The transpose (a view).
    pub fn transposed(&self) -> Strided<T> {
        Strided {
            rows: self.cols,
            cols: self.rows,
            rs: self.cs,
            cs: self.rs,
            ..*self
        }
    }

    /// Columns `start..end` (a view).
    pub fn columns(&self, start: usize, end: usize) -> Strided<T> {
        Strided {
            ptr: self.ptr.wrapping_offset(start as isize * self.cs),
            cols: end - start,
            ..*self
        }
    }

    /// Rows `start..end` (a view).
    pub fn rows_range(&self, start: usize, end: usize) -> Strided<T> {
        Strided {
            ptr: self.ptr.wrapping_offset(start as isize * self.rs),
            rows: end - start,
            ..*self
        }
    }
}

/// A stack of matrices (the last two axes) that the kernels can read in place: element
/// strides known and the data aligned. Other arrays are copied first.
pub(crate) struct Stack {
    /// The array itself, or an aligned contiguous copy of it.
    pub array: NdArray,
    /// Row and column steps in elements.
    pub rs: isize,
    pub cs: isize,
}

impl Stack {
    /// `a` must have at least two axes.
    pub fn new(a: &NdArray) -> Stack {
        let n = a.ndim();
        let item = a.itemsize() as isize;
        let whole = |s: isize| s % item == 0;
        let aligned = (a.base_ptr() as usize).is_multiple_of(item.max(1) as usize);
        let array = if a.strides().iter().all(|&s| whole(s)) && aligned {
            a.clone()
        } else {
            a.copy(Order::C)
        };
        let s = array.strides();
        let (rs, cs) = (s[n - 2] / item, s[n - 1] / item);
        Stack { array, rs, cs }
    }

    /// The matrix starting `offset` bytes into the array.
    pub fn matrix<T: Element>(&self, offset: isize) -> Strided<T> {
        let shape = self.array.shape();
        let n = shape.len();
        Strided {
            ptr: self.array.base_ptr().wrapping_offset(offset) as *const T,
            rows: shape[n - 2],
            cols: shape[n - 1],
            rs: self.rs,
            cs: self.cs,
        }
    }
}

/// Byte offsets of the matrices of `a` (axes before the last two) broadcast to `batch`, in
/// C order of the batch index. `a`'s batch axes must broadcast to `batch`.
pub(crate) fn batch_offsets(a: &NdArray, batch: &[usize]) -> Vec<isize> {
    let own = &a.shape()[..a.ndim() - 2];
    let own_strides = &a.strides()[..a.ndim() - 2];
    let lead = batch.len() - own.len();
    // Strides per batch axis: zero where `a` is missing the axis or has length one.
    let strides: Vec<isize> = (0..batch.len())
        .map(|d| match d.checked_sub(lead) {
            Some(i) if own[i] != 1 => own_strides[i],
            _ => 0,
        })
        .collect();
    let count: usize = batch.iter().product();
    let mut offsets = Vec::with_capacity(count);
    let mut index = vec![0usize; batch.len()];
    let mut offset = 0isize;
    for _ in 0..count {
        offsets.push(offset);
        // Odometer step, last axis fastest.
        for d in (0..batch.len()).rev() {
            index[d] += 1;
            offset += strides[d];
            if index[d] < batch[d] {
                break;
            }
            offset -= strides[d] * batch[d] as isize;
            index[d] = 0;
        }
    }
    offsets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_broadcast_missing_and_unit_axes() {
        let a = NdArray::zeros(&[3, 1, 2, 2], numoxide::DType::Float64, Order::C).unwrap();
        let offsets = batch_offsets(&a, &[2, 3, 2]);
        let m = 32; // one 2x2 float64 matrix
        assert_eq!(
            offsets,
            vec![0, 0, m, m, 2 * m, 2 * m, 0, 0, m, m, 2 * m, 2 * m]
        );
    }

    #[test]
    fn stack_reads_transposed_views_in_place() {
        let a = NdArray::from_vec((0..6).map(|v| v as f64).collect(), &[2, 3]).unwrap();
        let t = a.transpose(None).unwrap();
        let s = Stack::new(&t);
        assert!(s.array.same_buffer(&a));
        let m = s.matrix::<f64>(0);
        assert_eq!((m.rows, m.cols), (3, 2));
        assert_eq!(m.at(2, 1), 5.0);
    }
}
