//! `NdArray`: a shared buffer seen through a dtype and a layout.

use crate::buffer::Buffer;
use crate::dtype::DType;
use crate::element::Element;
use crate::error::{shape_str, Error, Result};
use crate::iter::Plan;
use crate::layout::{broadcast_shapes, checked_size, Layout, LikeOrder, Order, Strides};
use crate::scalar::Scalar;
use crate::with_dtype;
use smallvec::SmallVec;
use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// An n-dimensional array. Cloning makes another view of the same memory: writes through
/// any view are seen by all, as in NumPy.
pub struct NdArray {
    buffer: Arc<Buffer>,
    dtype: DType,
    layout: Layout,
    /// NumPy's WRITEABLE flag. Like NumPy's flags it can be changed on an array others hold
    /// (one Python object shares its `NdArray` among all its references), hence atomic.
    writeable: AtomicBool,
}

impl Clone for NdArray {
    fn clone(&self) -> NdArray {
        NdArray {
            buffer: self.buffer.clone(),
            dtype: self.dtype,
            layout: self.layout.clone(),
            writeable: AtomicBool::new(self.is_writeable()),
        }
    }
}

impl std::fmt::Debug for NdArray {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NdArray")
            .field("dtype", &self.dtype)
            .field("shape", &self.shape())
            .field("strides", &self.strides())
            .finish()
    }
}

/// NumPy's text for a byte count in MemoryError messages: `7.28 TiB`, `800 bytes`.
fn size_to_string(bytes: u128) -> String {
    const UNITS: [&str; 7] = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let bits = 128 - bytes.leading_zeros() as usize;
    let mut unit = (bits.saturating_sub(1).max(1)) / 10;
    let mut value = bytes as f64 / (1u128 << (unit * 10)) as f64;
    if value.round() == 1024.0 {
        unit += 1;
        value /= 1024.0;
    }
    if unit == 0 {
        return format!("{bytes} bytes");
    }
    let unit = unit.min(UNITS.len() - 1);
    // Three significant digits, as Python's `{:.3g}`.
    let digits = if value >= 100.0 {
        0
    } else if value >= 10.0 {
        1
    } else {
        2
    };
    let text = format!("{value:.digits$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    format!("{text} {}", UNITS[unit])
}

impl NdArray {
    fn allocate(shape: &[usize], dtype: DType, order: Order, zeroed: bool) -> Result<NdArray> {
        let too_big = || {
            Error::value(
                "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
            )
        };
        let size = checked_size(shape).ok_or_else(too_big)?;
        let bytes = size.checked_mul(dtype.itemsize()).ok_or_else(too_big)?;
        if bytes > isize::MAX as usize {
            return Err(too_big());
        }
        let buffer = if zeroed {
            Buffer::zeroed(bytes)
        } else {
            Buffer::for_overwrite(bytes)
        };
        let buffer = buffer.ok_or_else(|| {
            Error::Memory(format!(
                "Unable to allocate {} for an array with shape {} and data type {}",
                size_to_string(bytes as u128),
                shape_tuple(shape),
                dtype
            ))
        })?;
        Ok(NdArray {
            buffer: Arc::new(buffer),
            dtype,
            layout: Layout::contiguous(shape, dtype.itemsize(), order),
            writeable: AtomicBool::new(true),
        })
    }

    /// A new array of zeros.
    pub fn zeros(shape: &[usize], dtype: DType, order: Order) -> Result<NdArray> {
        Self::allocate(shape, dtype, order, true)
    }

    /// A new array whose every element the caller writes before it is read. Its bytes are
    /// initialized (zeros, or the old values of a recycled buffer), never undefined; a large
    /// one may reuse a recently freed buffer and so skip the page faults of fresh memory.
    pub fn for_overwrite(shape: &[usize], dtype: DType, order: Order) -> Result<NdArray> {
        Self::allocate(shape, dtype, order, false)
    }

    /// A new array with every element equal to `value` cast to `dtype`.
    pub fn full(shape: &[usize], value: Scalar, dtype: DType, order: Order) -> Result<NdArray> {
        let out = Self::for_overwrite(shape, dtype, order)?;
        out.fill(value)?;
        Ok(out)
    }

    /// A C-ordered array holding `data`; `data.len()` must equal the shape's size.
    pub fn from_vec<T: Element>(data: Vec<T>, shape: &[usize]) -> Result<NdArray> {
        if checked_size(shape) != Some(data.len()) {
            return Err(Error::value(format!(
                "cannot reshape array of size {} into shape {}",
                data.len(),
                shape_str(shape)
            )));
        }
        let out = Self::for_overwrite(shape, T::DTYPE, Order::C)?;
        // SAFETY: `out` is a fresh contiguous buffer of exactly `data.len()` elements of T.
        unsafe {
            std::ptr::copy_nonoverlapping(data.as_ptr(), out.base_ptr() as *mut T, data.len())
        };
        Ok(out)
    }

    /// A new C-ordered array of `T` whose elements `fill` writes, in memory order (random
    /// number streams write straight into the output this way).
    pub fn from_fill<T: Element>(shape: &[usize], fill: impl FnOnce(&mut [T])) -> Result<NdArray> {
        let out = Self::for_overwrite(shape, T::DTYPE, Order::C)?;
        // SAFETY: `out` is a fresh, initialized, contiguous buffer of exactly `size` elements
        // of T, aligned for T, and nothing else refers to it yet.
        let slice = unsafe { std::slice::from_raw_parts_mut(out.base_ptr() as *mut T, out.size()) };
        fill(slice);
        Ok(out)
    }

    /// Runs `fill` over the elements of this C- or F-contiguous, writeable array of `T`, in
    /// memory order (an `out=` argument). Errors if the dtype differs or the array is not
    /// contiguous or not writeable.
    pub fn fill_contiguous<T: Element>(&self, fill: impl FnOnce(&mut [T])) -> Result<()> {
        self.check_writeable()?;
        if self.dtype != T::DTYPE || !(self.is_c_contiguous() || self.is_f_contiguous()) {
            return Err(Error::value(
                "Supplied output array is not contiguous, writable or aligned.",
            ));
        }
        // SAFETY: the array is contiguous with `size` elements of T starting at its base
        // pointer, inside its buffer; writers of one array coordinate as every operation does
        // (the bindings hold the GIL or the caller's exclusive view).
        let slice =
            unsafe { std::slice::from_raw_parts_mut(self.base_ptr() as *mut T, self.size()) };
        fill(slice);
        Ok(())
    }

    /// A view of memory owned by `owner` (another library's array), with the given shape
    /// and byte strides starting at `ptr`.
    ///
    /// # Safety
    /// Every element the shape and strides address from `ptr` must be valid for reads and
    /// writes while `owner` lives, and aligned for the dtype.
    pub unsafe fn from_foreign(
        ptr: *mut u8,
        shape: &[usize],
        strides: &[isize],
        dtype: DType,
        owner: Box<dyn std::any::Any + Send + Sync>,
    ) -> Result<NdArray> {
        if shape.len() != strides.len() {
            return Err(Error::value("shape and strides differ in length"));
        }
        let mut layout = Layout {
            shape: shape.into(),
            strides: strides.into(),
            offset: 0,
        };
        // The buffer starts at the lowest byte any element uses.
        let (lo, hi) = match layout.byte_extent(dtype.itemsize()) {
            Some((lo, hi)) => (lo as isize, hi as isize),
            None => (0, 0),
        };
        let start = ptr.wrapping_offset(lo);
        layout.offset = (-lo) as usize;
        let start =
            std::ptr::NonNull::new(start).ok_or_else(|| Error::value("null data pointer"))?;
        let buffer = Buffer::from_foreign(start, (hi - lo) as usize, owner);
        Ok(NdArray {
            buffer: Arc::new(buffer),
            dtype,
            layout,
            writeable: AtomicBool::new(true),
        })
    }

    /// A 0-d array holding `value`.
    pub fn from_scalar(value: Scalar) -> NdArray {
        let out = Self::for_overwrite(&[], value.dtype(), Order::C).expect("one element fits");
        with_dtype!(value.dtype(), T => {
            // SAFETY: the new 0-d buffer holds exactly one T.
            unsafe { (out.base_ptr() as *mut T).write(value.to::<T>()) }
        });
        out
    }

    pub fn dtype(&self) -> DType {
        self.dtype
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    pub fn shape(&self) -> &[usize] {
        &self.layout.shape
    }

    /// Byte strides.
    pub fn strides(&self) -> &[isize] {
        &self.layout.strides
    }

    pub fn ndim(&self) -> usize {
        self.layout.ndim()
    }

    /// Number of elements.
    pub fn size(&self) -> usize {
        self.layout.size()
    }

    pub fn itemsize(&self) -> usize {
        self.dtype.itemsize()
    }

    pub fn is_c_contiguous(&self) -> bool {
        self.layout.is_c_contiguous(self.itemsize())
    }

    pub fn is_f_contiguous(&self) -> bool {
        self.layout.is_f_contiguous(self.itemsize())
    }

    /// NumPy's `ISFORTRAN`: Fortran-contiguous and not C-contiguous, which is what order 'A'
    /// follows.
    pub fn is_fortran(&self) -> bool {
        self.is_f_contiguous() && !self.is_c_contiguous()
    }

    pub fn is_writeable(&self) -> bool {
        self.writeable.load(Ordering::Relaxed)
    }

    /// The same view, read-only (as `broadcast_to` returns).
    pub fn read_only(self) -> NdArray {
        self.set_writeable(false);
        self
    }

    /// Marks this view writeable or not (the caller decides whether the memory may be
    /// written: NumPy refuses to make a read-only view of another array writeable).
    pub fn set_writeable(&self, writeable: bool) {
        self.writeable.store(writeable, Ordering::Relaxed);
    }

    pub fn buffer(&self) -> &Arc<Buffer> {
        &self.buffer
    }

    /// Address of element `[0, 0, ...]`.
    pub fn base_ptr(&self) -> *mut u8 {
        self.buffer.as_ptr().wrapping_add(self.layout.offset)
    }

    /// Another view of the same memory with `layout`, which must stay inside the buffer.
    pub(crate) fn with_layout(&self, layout: Layout) -> NdArray {
        debug_assert!(layout
            .byte_extent(self.itemsize())
            .is_none_or(|(_, hi)| hi <= self.buffer.len()));
        NdArray {
            buffer: self.buffer.clone(),
            dtype: self.dtype,
            layout,
            writeable: AtomicBool::new(self.is_writeable()),
        }
    }

    /// Elements `start..end` of a C-contiguous array, as a 1-d view.
    pub fn contiguous_range(&self, start: usize, end: usize) -> NdArray {
        assert!(self.is_c_contiguous() && start <= end && end <= self.size());
        let itemsize = self.itemsize();
        self.with_layout(Layout {
            shape: [end - start].into_iter().collect(),
            strides: [itemsize as isize].into_iter().collect(),
            offset: self.layout.offset + start * itemsize,
        })
    }

    /// Whether the two arrays use the same buffer (NumPy's `base` chain meets).
    pub fn same_buffer(&self, other: &NdArray) -> bool {
        Arc::ptr_eq(&self.buffer, &other.buffer)
    }

    /// NumPy's `may_share_memory`: the byte ranges the two touch overlap.
    pub fn may_share_memory(&self, other: &NdArray) -> bool {
        if !self.same_buffer(other) {
            return false;
        }
        match (
            self.layout.byte_extent(self.itemsize()),
            other.layout.byte_extent(other.itemsize()),
        ) {
            (Some((a0, a1)), Some((b0, b1))) => a0 < b1 && b0 < a1,
            _ => false,
        }
    }

    /// NumPy's `shares_memory`: some byte is used by both arrays (exact, not just extents).
    pub fn shares_memory(&self, other: &NdArray) -> bool {
        if !self.may_share_memory(other) {
            return false;
        }
        let starts = |a: &NdArray| -> Vec<usize> {
            let mut v = Vec::with_capacity(a.size());
            let plan = Plan::new(a.shape(), [a.strides()]);
            let [s] = plan.inner_strides();
            let base = a.base_ptr() as usize - self.buffer.as_ptr() as usize;
            plan.for_each_run([base as *mut u8], 0..a.size(), |p, n| {
                v.extend((0..n as isize).map(|i| (p[0] as isize + i * s) as usize));
            });
            v
        };
        let mut mine = starts(self);
        mine.sort_unstable();
        let (w0, w1) = (self.itemsize(), other.itemsize());
        starts(other).into_iter().any(|b| {
            // Some element of ours starts in (b - w0, b + w1): their byte ranges meet.
            let i = mine.partition_point(|&a| a + w0 <= b);
            i < mine.len() && mine[i] < b + w1
        })
    }

    /// The element at `index` (one in-range index per axis).
    pub fn get(&self, index: &[usize]) -> Scalar {
        debug_assert!(index.len() == self.ndim());
        let offset: isize = index
            .iter()
            .zip(self.strides())
            .map(|(&i, &s)| i as isize * s)
            .sum();
        let ptr = self.base_ptr().wrapping_offset(offset);
        // SAFETY: an in-range index addresses an element inside the buffer; reads are
        // unaligned-safe because buffers are aligned and strides are multiples of itemsize
        // for arrays we create (imported ones are read unaligned anyway).
        with_dtype!(self.dtype, T => unsafe { (ptr as *const T).read_unaligned() }.into_scalar())
    }

    /// The single element of a one-element array.
    pub fn item(&self) -> Result<Scalar> {
        if self.size() != 1 {
            return Err(Error::value(
                "can only convert an array of size 1 to a Python scalar",
            ));
        }
        Ok(self.get(&vec![0; self.ndim()]))
    }

    /// All elements in C order, cast to `T`.
    pub fn to_vec<T: Element>(&self) -> Vec<T> {
        let c = self.astype(T::DTYPE, Order::C);
        let n = c.size();
        let mut out = Vec::with_capacity(n);
        // SAFETY: `c` is a fresh contiguous array of n elements of T.
        unsafe {
            std::ptr::copy_nonoverlapping(c.base_ptr() as *const T, out.as_mut_ptr(), n);
            out.set_len(n);
        }
        out
    }

    /// Writes the elements' native bytes into `dst` (NumPy's `tobytes`), in C or Fortran
    /// order; `dst` must be exactly `nbytes` long.
    pub fn write_bytes(&self, order: Order, dst: &mut [u8]) {
        assert_eq!(
            dst.len(),
            self.size() * self.itemsize(),
            "one byte per element byte"
        );
        let laid_out = match order {
            Order::C => self.is_c_contiguous(),
            Order::F => self.is_f_contiguous(),
        };
        let source = if laid_out {
            Cow::Borrowed(self)
        } else {
            Cow::Owned(self.copy(order))
        };
        // SAFETY: `source` is contiguous in `order`, so its dst.len() bytes start at
        // base_ptr, inside its buffer; `dst` is a distinct Rust allocation.
        unsafe { std::ptr::copy_nonoverlapping(source.base_ptr(), dst.as_mut_ptr(), dst.len()) }
    }

    /// A new array of `dtype` and `shape` whose elements are `bytes` (native byte order,
    /// laid out in `order`): what `write_bytes` wrote, read back.
    pub fn from_bytes(
        bytes: &[u8],
        dtype: DType,
        shape: &[usize],
        order: Order,
    ) -> Result<NdArray> {
        // Checked before allocating, so that a bad shape cannot ask for memory first.
        let needed = checked_size(shape).and_then(|n| n.checked_mul(dtype.itemsize()));
        if needed != Some(bytes.len()) {
            return Err(Error::value(format!(
                "buffer of {} bytes cannot hold an array of shape {} and data type {dtype}",
                bytes.len(),
                shape_str(shape)
            )));
        }
        let out = Self::for_overwrite(shape, dtype, order)?;
        // SAFETY: the fresh contiguous buffer holds exactly bytes.len() bytes.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), out.base_ptr(), bytes.len()) };
        Ok(out)
    }

    /// A new contiguous array with the same values, in `order`.
    pub fn copy(&self, order: impl Into<LikeOrder>) -> NdArray {
        self.astype(self.dtype, order)
    }

    /// A new contiguous array of `dtype` holding these values cast by NumPy's unsafe rules.
    pub fn astype(&self, dtype: DType, order: impl Into<LikeOrder>) -> NdArray {
        let out = self
            .new_like(self.shape(), dtype, order.into(), false)
            .expect("an array of this size already exists");
        copy_cast(self, &out);
        out
    }

    /// A new contiguous array of `shape` and `dtype` (zeros when `zeroed`, else for the caller
    /// to overwrite), laid out as NumPy lays out an array made from this one with `order`.
    pub fn new_like(
        &self,
        shape: &[usize],
        dtype: DType,
        order: LikeOrder,
        zeroed: bool,
    ) -> Result<NdArray> {
        let fortran = self.is_fortran();
        let keeps_axes = order == LikeOrder::K
            && !fortran
            && !self.is_c_contiguous()
            && shape.len() == self.ndim()
            && shape.len() > 1;
        let order = match order {
            LikeOrder::F => Order::F,
            LikeOrder::A | LikeOrder::K if fortran => Order::F,
            _ => Order::C,
        };
        let out = Self::allocate(shape, dtype, order, zeroed)?;
        if !keeps_axes {
            return Ok(out);
        }
        // The new array walks the source's axes in the source's memory order.
        let axes = self.layout.axes_by_stride();
        let mut strides: Strides = SmallVec::from_elem(0, shape.len());
        let mut step = dtype.itemsize() as isize;
        for &i in axes.iter().rev() {
            strides[i] = step;
            step *= shape[i] as isize;
        }
        Ok(out.with_layout(Layout {
            shape: SmallVec::from_slice(shape),
            strides,
            offset: 0,
        }))
    }

    /// Writes `value` (cast) into every element.
    pub fn fill(&self, value: Scalar) -> Result<()> {
        self.check_writeable()?;
        let src = Self::from_scalar(value.cast(self.dtype));
        let layout = src.layout.broadcast_to(self.shape())?;
        copy_cast(&src.with_layout(layout), self);
        Ok(())
    }

    /// NumPy's `dst[...] = src`: broadcasts `src` to this shape and casts unsafely.
    pub fn assign(&self, src: &NdArray) -> Result<()> {
        self.check_writeable()?;
        let layout = src.layout.broadcast_to(self.shape()).map_err(|_| {
            Error::value(format!(
                "could not broadcast input array from shape {} into shape {}",
                shape_str(src.shape()),
                shape_str(self.shape())
            ))
        })?;
        let src = src.with_layout(layout);
        if self.may_share_memory(&src) && self.layout != src.layout {
            copy_cast(&src.copy(Order::C), self);
        } else {
            copy_cast(&src, self);
        }
        Ok(())
    }

    /// NumPy's error for writing into a read-only view.
    pub fn check_writeable(&self) -> Result<()> {
        if self.is_writeable() {
            Ok(())
        } else {
            Err(Error::value("assignment destination is read-only"))
        }
    }

    /// The shapes of `arrays` broadcast together.
    pub fn broadcast_shape(arrays: &[&NdArray]) -> Result<Vec<usize>> {
        let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
        Ok(broadcast_shapes(&shapes)?.to_vec())
    }
}

/// A shape as Python prints a tuple: `(2, 3)`, `(5,)`, `()`.
pub fn shape_tuple(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// Copies `src` into `dst` (same shape, no overlap), converting each element.
pub(crate) fn copy_cast(src: &NdArray, dst: &NdArray) {
    debug_assert_eq!(src.shape(), dst.shape());
    let plan = Plan::new(dst.shape(), [dst.strides(), src.strides()]);
    with_dtype!(src.dtype(), S => with_dtype!(dst.dtype(), D => {
        let (ds, ss) = { let s = plan.inner_strides(); (s[0], s[1]) };
        plan.par_fold_runs([dst.base_ptr(), src.base_ptr()], |p, n| {
            // SAFETY: the plan yields runs inside both arrays; dst does not overlap src.
            unsafe { cast_run::<S, D>(p[1], ss, p[0], ds, n) }
        }, |_, _| ());
    }));
}

/// Converts `n` elements from `src` to `dst`, each stepping by its byte stride.
///
/// # Safety
/// Both runs must lie inside live buffers and must not overlap.
unsafe fn cast_run<S: Element, D: Element>(
    src: *mut u8,
    ss: isize,
    dst: *mut u8,
    ds: isize,
    n: usize,
) {
    let (sz, dz) = (
        std::mem::size_of::<S>() as isize,
        std::mem::size_of::<D>() as isize,
    );
    if ss == sz && ds == dz {
        let s = std::slice::from_raw_parts(src as *const S, n);
        let d = std::slice::from_raw_parts_mut(dst as *mut D, n);
        for (o, &i) in d.iter_mut().zip(s) {
            *o = i.cast::<D>();
        }
    } else {
        for i in 0..n as isize {
            let v = (src.offset(i * ss) as *const S).read_unaligned();
            (dst.offset(i * ds) as *mut D).write_unaligned(v.cast::<D>());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_error_sizes_read_like_numpy() {
        assert_eq!(size_to_string(8_000_000_000_000), "7.28 TiB");
        assert_eq!(size_to_string(800), "800 bytes");
        assert_eq!(size_to_string(1 << 30), "1 GiB");
    }

    #[test]
    fn huge_shapes_fail_cleanly() {
        let e = NdArray::zeros(&[1 << 40, 1 << 40], DType::Float64, Order::C)
            .err()
            .unwrap();
        assert!(matches!(e, Error::Value(_)));
        let e = NdArray::zeros(&[1 << 50], DType::Float64, Order::C)
            .err()
            .unwrap();
        assert!(matches!(e, Error::Memory(_)), "{e:?}");
    }

    #[test]
    fn bytes_round_trip_in_either_order() {
        let a = NdArray::from_vec(vec![1i16, 2, 3, 4, 5, 6], &[2, 3]).unwrap();
        let t = a.transpose(None).unwrap();
        let mut c = vec![0u8; 12];
        t.write_bytes(Order::C, &mut c);
        let shorts: Vec<i16> = c
            .chunks(2)
            .map(|b| i16::from_ne_bytes([b[0], b[1]]))
            .collect();
        assert_eq!(shorts, vec![1, 4, 2, 5, 3, 6]);
        let mut f = vec![0u8; 12];
        t.write_bytes(Order::F, &mut f);
        let back = NdArray::from_bytes(&f, DType::Int16, &[3, 2], Order::F).unwrap();
        assert!(back.is_fortran());
        assert_eq!(back.to_vec::<i16>(), vec![1, 4, 2, 5, 3, 6]);
        assert!(NdArray::from_bytes(&f[1..], DType::Int16, &[3, 2], Order::C).is_err());
        assert!(NdArray::from_bytes(&f, DType::Int16, &[1 << 40, 1 << 40], Order::C).is_err());
    }

    #[test]
    fn astype_wraps_and_truncates() {
        let a = NdArray::from_vec(vec![300.7f64, -1.0, 2.5], &[3]).unwrap();
        assert_eq!(
            a.astype(DType::UInt8, Order::C).to_vec::<u8>(),
            vec![44, 255, 2]
        );
    }

    #[test]
    fn assign_broadcasts_and_reports_shapes() {
        let a = NdArray::zeros(&[2, 3], DType::Int64, Order::C).unwrap();
        a.assign(&NdArray::from_vec(vec![1i64, 2, 3], &[3]).unwrap())
            .unwrap();
        assert_eq!(a.to_vec::<i64>(), vec![1, 2, 3, 1, 2, 3]);
        let e = a
            .assign(&NdArray::from_vec(vec![1.0f64; 4], &[4]).unwrap())
            .unwrap_err();
        assert_eq!(
            e.message(),
            "could not broadcast input array from shape (4,) into shape (2,3)"
        );
    }

    #[test]
    fn fills_write_in_memory_order() {
        let a = NdArray::from_fill::<i32>(&[2, 3], |s| {
            s.iter_mut().enumerate().for_each(|(i, x)| *x = i as i32)
        })
        .unwrap();
        assert_eq!(a.to_vec::<i32>(), vec![0, 1, 2, 3, 4, 5]);
        let f = NdArray::zeros(&[2, 3], DType::Int32, Order::F).unwrap();
        f.fill_contiguous::<i32>(|s| s.iter_mut().enumerate().for_each(|(i, x)| *x = i as i32))
            .unwrap();
        // Memory order of an F array: element [1, 0] is the second in memory.
        assert_eq!(f.get(&[1, 0]), Scalar::Int32(1));
        assert!(f.fill_contiguous::<f64>(|_| ()).is_err());
        let every_other = a.ravel(Order::C).index(&[crate::index::IndexItem::Slice {
            start: None,
            stop: None,
            step: Some(2),
        }]);
        let Ok(crate::index::Indexed::View(v)) = every_other else {
            panic!("a strided slice is a view");
        };
        assert!(v.fill_contiguous::<i32>(|_| ()).is_err());
    }
}
