//! Runs a per-matrix computation over a stack of matrices (the last two axes), in parallel
//! across the stack when it has many matrices, and assembles the results into arrays.

use crate::strided::{batch_offsets, Stack};
use crate::types::Scalar;
use faer::{Mat, MatMut, MatRef, Par};
use numoxide::{parallel, Element, NdArray, Order, Result};
use std::sync::{Mutex, PoisonError};

/// Matrices at least this size use both cores inside one decomposition.
const PARALLEL_DIM: usize = 128;

/// `par` for a matrix of order `n` when threads pay only from order `from`, else one core:
/// faer's threaded decompositions lose to one core below sizes that vary by decomposition.
pub(crate) fn threads_from(par: Par, n: usize, from: usize) -> Par {
    if n >= from {
        par
    } else {
        Par::Seq
    }
}

/// Runs `f` on one of the threads faer's parallel algorithms use. Those open many rayon
/// regions; opened from a thread outside rayon's pool, each one wakes the pool and puts the
/// caller to sleep until it is done, which on a virtual machine can cost more than the
/// region. From inside the pool they are cheap.
pub(crate) fn on_faer_threads<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    match faer_pool() {
        Some(pool) => pool.install(f),
        // Without a pool of its own, faer uses rayon's global one.
        None => f(),
    }
}

/// The rayon pool of this process for faer. A child made by `fork` inherits the parent's
/// pool but not its threads, and waiting on it would hang; the child makes its own.
fn faer_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: Mutex<Option<(u32, &'static rayon::ThreadPool)>> = Mutex::new(None);
    let mut pool = POOL.lock().unwrap_or_else(PoisonError::into_inner);
    let process = std::process::id();
    match *pool {
        Some((owner, pool)) if owner == process => Some(pool),
        _ => {
            let made = rayon::ThreadPoolBuilder::new()
                .num_threads(parallel::threads())
                .thread_name(|i| format!("numoxide-faer-{i}"))
                .build()
                .ok()?;
            // Kept for the life of the process (a parent's pool is never dropped in a child,
            // whose copy of it has no threads to stop).
            let made: &'static rayon::ThreadPool = Box::leak(Box::new(made));
            *pool = Some((process, made));
            Some(made)
        }
    }
}

/// `f(start, block)` for `dst` cut into `parts` blocks of rows (or of columns), each with the
/// index of its first row (column), on the pool's threads.
pub(crate) fn for_each_block<T: Send>(
    dst: MatMut<'_, T>,
    parts: usize,
    by_rows: bool,
    f: impl Fn(usize, MatMut<'_, T>) + Sync,
) {
    let len = if by_rows { dst.nrows() } else { dst.ncols() };
    let parts = parts.clamp(1, len.max(1));
    let mut blocks = Vec::with_capacity(parts);
    let mut rest = dst;
    for k in (1..parts).rev() {
        // The remaining parts cover `0..` the end of part `k`; peel part `k` off.
        let cut = len * k / parts;
        let (head, tail) = if by_rows {
            rest.split_at_row_mut(cut)
        } else {
            rest.split_at_col_mut(cut)
        };
        blocks.push(Mutex::new(Some((cut, tail))));
        rest = head;
    }
    blocks.push(Mutex::new(Some((0, rest))));
    parallel::for_each(parts, |k| {
        let block = blocks[k].lock().ok().and_then(|mut b| b.take());
        if let Some((start, block)) = block {
            f(start, block);
        }
    });
}

/// The batch axes of a stack.
pub(crate) fn batch_shape(a: &NdArray) -> &[usize] {
    &a.shape()[..a.ndim() - 2]
}

/// A stack of matrices of dtype `T` that faer can read in place, broadcast to a batch shape.
pub(crate) struct Matrices {
    stack: Stack,
    offsets: Vec<isize>,
}

impl Matrices {
    /// The matrices of `a` (of dtype `T` when read) broadcast to `batch`.
    pub fn new(a: &NdArray, batch: &[usize]) -> Matrices {
        let stack = Stack::new(a);
        let offsets = batch_offsets(&stack.array, batch);
        Matrices { stack, offsets }
    }

    /// Matrix `i` of the batch, in C order.
    pub fn get<T: Scalar>(&self, i: usize) -> MatRef<'_, T> {
        let m = self.stack.matrix::<T>(self.offsets[i]);
        // SAFETY: the view addresses in-range elements of `stack.array`, which lives as long
        // as `self`, with element strides and aligned data; nothing writes to it.
        unsafe { MatRef::from_raw_parts(m.ptr, m.rows, m.cols, m.rs, m.cs) }
    }

    pub fn len(&self) -> usize {
        self.offsets.len()
    }
}

/// `f(i, matrix, par)` for every matrix `i` of `a` (read as `T`), in C order of the batch:
/// the matrices spread over threads when there are several, or `f` gets both cores (`par`)
/// for one large matrix.
pub(crate) fn map_matrices<T: Scalar, R: Send>(
    a: &NdArray,
    f: impl Fn(usize, MatRef<'_, T>, Par) -> R + Sync,
) -> Vec<R> {
    let mats = Matrices::new(a, batch_shape(a));
    let big = a.shape()[a.ndim() - 1].max(a.shape()[a.ndim() - 2]) >= PARALLEL_DIM;
    if mats.len() > 1 {
        parallel::map_indices(mats.len(), |i| f(i, mats.get(i), Par::Seq))
    } else {
        let run = |par| (0..mats.len()).map(|i| f(i, mats.get(i), par)).collect();
        if big {
            on_faer_threads(|| run(Par::rayon(0)))
        } else {
            run(Par::Seq)
        }
    }
}

/// Values, one per matrix, as an array of the batch shape `batch`.
pub(crate) fn from_values<T: Element>(values: Vec<T>, batch: &[usize]) -> Result<NdArray> {
    NdArray::from_vec(values, batch)
}

/// Matrices of one shape `(rows, cols)` stacked into a (batch..., rows, cols) array.
pub(crate) fn from_matrices<T: Scalar>(
    mats: &[Mat<T>],
    batch: &[usize],
    rows: usize,
    cols: usize,
) -> Result<NdArray> {
    let mut shape = batch.to_vec();
    shape.extend([rows, cols]);
    let per = rows * cols;
    // Without zeros when the matrices fill every element: a large fresh output is otherwise
    // mostly the kernel clearing pages.
    let fills = mats.len() * per == shape.iter().product::<usize>();
    let out = if fills {
        NdArray::for_overwrite(&shape, T::DTYPE, Order::C)?
    } else {
        NdArray::zeros(&shape, T::DTYPE, Order::C)?
    };
    // SAFETY: `out` is a new C-contiguous array of T that nothing else references.
    let data = unsafe { std::slice::from_raw_parts_mut(out.base_ptr() as *mut T, out.size()) };
    for (m, chunk) in mats.iter().zip(data.chunks_exact_mut(per.max(1))) {
        for i in 0..rows {
            for j in 0..cols {
                chunk[i * cols + j] = m[(i, j)];
            }
        }
    }
    Ok(out)
}

/// Vectors of one length stacked into a (batch..., len) array.
pub(crate) fn from_vectors<T: Element>(
    vecs: Vec<Vec<T>>,
    batch: &[usize],
    len: usize,
) -> Result<NdArray> {
    let mut shape = batch.to_vec();
    shape.push(len);
    NdArray::from_vec(vecs.into_iter().flatten().collect(), &shape)
}
