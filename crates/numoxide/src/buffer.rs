//! One allocation of element memory, shared by every array that views it.

use std::alloc::{self, Layout as AllocLayout};
use std::any::Any;
use std::ptr::NonNull;
use std::sync::Mutex;

/// Buffers are aligned for SIMD loads and cache lines...
const ALIGN: usize = 64;
/// ...except tiny ones, which take the allocator's natural alignment (enough for every
/// dtype) because over-aligned allocation costs more than the whole tiny operation.
const TINY: usize = 256;
const TINY_ALIGN: usize = 16;
/// Transparent huge pages are 2 MiB on x86-64.
const HUGE_PAGE: usize = 2 << 20;
/// From this size on, a buffer is huge-page aligned and asks the kernel for huge pages, as
/// NumPy does; page faults on fresh 4 KiB pages otherwise dominate large elementwise work.
const HUGE_PAGE_THRESHOLD: usize = 4 << 20;

enum Storage {
    /// A small allocation from the global allocator, freed with this layout.
    Heap(AllocLayout),
    /// A large anonymous mapping of `mapped` bytes, returned to `MAPPED` or the kernel.
    Mapped { mapped: usize },
    /// Memory owned by someone else (an imported buffer), kept alive by `_owner`.
    Foreign { _owner: Box<dyn Any + Send + Sync> },
}

/// Raw bytes with a stable address. Arrays hold it in an `Arc`; views share it.
///
/// Interior mutability is by raw pointer: the buffer never hands out Rust references to its
/// bytes, so shared views writing the same memory is not undefined behaviour.
pub struct Buffer {
    ptr: NonNull<u8>,
    len: usize,
    storage: Storage,
}

// SAFETY: the buffer is plain bytes with no thread affinity; concurrent access through raw
// pointers is coordinated by the operations (each writes disjoint elements).
unsafe impl Send for Buffer {}
// SAFETY: as above.
unsafe impl Sync for Buffer {}

impl Buffer {
    /// A zero-filled buffer of `len` bytes, or `None` if the system refuses the memory.
    pub fn zeroed(len: usize) -> Option<Buffer> {
        if len >= HUGE_PAGE_THRESHOLD {
            let mapped = len.checked_next_multiple_of(HUGE_PAGE)?;
            return Some(Buffer::mapped(mapping::map(mapped)?, len, mapped));
        }
        Buffer::heap(len)
    }

    /// A buffer that the caller overwrites completely before anyone reads it. Its bytes are
    /// initialized (zeros, or a recycled buffer's old values), so reading is never undefined
    /// behaviour. Large buffers come from recently freed ones when the size matches, which
    /// saves the page faults that dominate a fresh output's cost.
    pub fn for_overwrite(len: usize) -> Option<Buffer> {
        if len >= HUGE_PAGE_THRESHOLD {
            let mapped = len.checked_next_multiple_of(HUGE_PAGE)?;
            let ptr = MAPPED.take(mapped).or_else(|| mapping::map(mapped))?;
            return Some(Buffer::mapped(ptr, len, mapped));
        }
        if len >= RECYCLE_MIN {
            let layout = AllocLayout::from_size_align(len, ALIGN).ok()?;
            if let Some(ptr) = HEAP.take(layout) {
                return Some(Buffer {
                    ptr,
                    len,
                    storage: Storage::Heap(layout),
                });
            }
        }
        Buffer::heap(len)
    }

    fn heap(len: usize) -> Option<Buffer> {
        let align = if len <= TINY { TINY_ALIGN } else { ALIGN };
        let layout = AllocLayout::from_size_align(len.max(1), align).ok()?;
        // SAFETY: the layout has non-zero size.
        let ptr = NonNull::new(unsafe { alloc::alloc_zeroed(layout) })?;
        Some(Buffer {
            ptr,
            len,
            storage: Storage::Heap(layout),
        })
    }

    fn mapped(ptr: NonNull<u8>, len: usize, mapped: usize) -> Buffer {
        Buffer {
            ptr,
            len,
            storage: Storage::Mapped { mapped },
        }
    }

    /// Wraps foreign memory that `owner` keeps alive for as long as the buffer lives.
    ///
    /// # Safety
    /// `ptr` must be valid for reads and writes of `len` bytes while `owner` exists.
    pub unsafe fn from_foreign(
        ptr: NonNull<u8>,
        len: usize,
        owner: Box<dyn Any + Send + Sync>,
    ) -> Buffer {
        Buffer {
            ptr,
            len,
            storage: Storage::Foreign { _owner: owner },
        }
    }

    /// The first byte.
    pub fn as_ptr(&self) -> *mut u8 {
        self.ptr.as_ptr()
    }

    /// Size in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        match self.storage {
            Storage::Heap(layout) => {
                // SAFETY: each buffer freed here was allocated in `heap` with this very
                // layout, and nothing uses it any more.
                let free = |(ptr, layout): (NonNull<u8>, AllocLayout)| unsafe {
                    alloc::dealloc(ptr.as_ptr(), layout)
                };
                if layout.size() >= RECYCLE_MIN {
                    HEAP.keep(self.ptr, layout, layout.size())
                        .into_iter()
                        .for_each(free);
                } else {
                    free((self.ptr, layout));
                }
            }
            Storage::Mapped { mapped } => {
                for (ptr, mapped) in MAPPED.keep(self.ptr, mapped, mapped) {
                    mapping::unmap(ptr, mapped);
                }
            }
            Storage::Foreign { .. } => {}
        }
    }
}

/// Heap buffers this size and up are kept for reuse when freed. Below 64 KiB it is not the
/// allocator that costs but zeroing: a 64 x 64 float64 product split over two cores spends a
/// fifth of its time zeroing its output and then moving the zeroed lines to the other core.
const RECYCLE_MIN: usize = 16 << 10;
/// Freed heap buffers, by layout.
static HEAP: Recycler<AllocLayout> = Recycler::new(64 << 20);
/// Freed huge-page mappings, by mapped size.
static MAPPED: Recycler<usize> = Recycler::new(1 << 30);

/// Freed buffers waiting for `for_overwrite`. Their bytes are initialized (every buffer
/// starts zeroed, and only arrays write to it), so handing one out again is sound, and it
/// saves the allocator's zeroing or the kernel's page faults on fresh memory.
struct Recycler<K> {
    /// (address, key, bytes), most recently freed last.
    list: Mutex<Vec<(NonNull<u8>, K, usize)>>,
    /// At most this many bytes wait...
    limit: usize,
}

/// ...and at most this many buffers, so that a search stays short.
const MAX_WAITING: usize = 64;

// SAFETY: the list holds addresses of memory that nothing else references.
unsafe impl<K: Send> Sync for Recycler<K> {}

impl<K: Copy + PartialEq> Recycler<K> {
    const fn new(limit: usize) -> Recycler<K> {
        Recycler {
            list: Mutex::new(Vec::new()),
            limit,
        }
    }

    /// The most recently freed buffer with this key, if one waits.
    fn take(&self, key: K) -> Option<NonNull<u8>> {
        let mut list = self.list.lock().ok()?;
        let i = list.iter().rposition(|e| e.1 == key)?;
        Some(list.swap_remove(i).0)
    }

    /// Keeps a freed buffer of `bytes` bytes; returns the buffers the caller must free
    /// (the oldest ones beyond the limit, or this one when it cannot be kept).
    fn keep(&self, ptr: NonNull<u8>, key: K, bytes: usize) -> Vec<(NonNull<u8>, K)> {
        let Ok(mut list) = self.list.lock() else {
            return vec![(ptr, key)];
        };
        if bytes > self.limit {
            return vec![(ptr, key)];
        }
        list.push((ptr, key, bytes));
        let mut total: usize = list.iter().map(|e| e.2).sum();
        let mut evicted = Vec::new();
        while total > self.limit || list.len() > MAX_WAITING {
            let (p, k, b) = list.remove(0);
            total -= b;
            evicted.push((p, k));
        }
        evicted
    }
}

/// Large buffers: huge-page-aligned anonymous mappings.
mod mapping {
    use super::HUGE_PAGE;
    use std::ptr::NonNull;

    /// A fresh zeroed mapping of `mapped` bytes (a multiple of HUGE_PAGE), aligned to a huge
    /// page and marked for transparent huge pages.
    pub fn map(mapped: usize) -> Option<NonNull<u8>> {
        let total = mapped.checked_add(HUGE_PAGE)?;
        // SAFETY: an anonymous private mapping has no preconditions; failure is MAP_FAILED.
        let raw = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                total,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if raw == libc::MAP_FAILED {
            return None;
        }
        let start = raw as usize;
        let aligned = start.next_multiple_of(HUGE_PAGE);
        // SAFETY: both trimmed ranges lie inside the mapping just made, and nothing uses them.
        unsafe {
            if aligned > start {
                libc::munmap(raw, aligned - start);
            }
            let tail = aligned + mapped;
            if start + total > tail {
                libc::munmap(tail as *mut libc::c_void, start + total - tail);
            }
            libc::madvise(aligned as *mut libc::c_void, mapped, libc::MADV_HUGEPAGE);
        }
        NonNull::new(aligned as *mut u8)
    }

    /// Gives a whole mapping made by `map` back to the kernel.
    pub fn unmap(ptr: NonNull<u8>, mapped: usize) {
        // SAFETY: the range is a whole mapping made by `map`, no longer used by anyone.
        unsafe { libc::munmap(ptr.as_ptr() as *mut libc::c_void, mapped) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_are_aligned_and_zeroed() {
        for len in [0, 1, 100, 1000, 5 << 20] {
            let b = Buffer::zeroed(len).unwrap();
            let align = if len <= TINY { TINY_ALIGN } else { ALIGN };
            assert_eq!(b.as_ptr() as usize % align, 0);
            // SAFETY: the buffer holds `len` initialized bytes.
            let bytes = unsafe { std::slice::from_raw_parts(b.as_ptr(), len) };
            assert!(bytes.iter().all(|&x| x == 0));
        }
    }

    #[test]
    fn freed_buffers_are_reused_for_overwrite_but_never_as_zeros() {
        // A size no other test uses, so concurrent tests cannot take the freed buffer.
        let len = (64 << 10) + 8 * 37;
        let first = Buffer::for_overwrite(len).unwrap();
        let addr = first.as_ptr();
        // SAFETY: the buffer holds `len` bytes.
        unsafe { addr.write_bytes(7, len) };
        drop(first);
        let zeroed = Buffer::zeroed(len).unwrap();
        // SAFETY: the buffer holds `len` initialized bytes.
        assert!(unsafe { std::slice::from_raw_parts(zeroed.as_ptr(), len) }
            .iter()
            .all(|&x| x == 0));
        let again = Buffer::for_overwrite(len).unwrap();
        assert_eq!(again.as_ptr(), addr);
    }

    #[test]
    fn the_recycler_keeps_the_most_recently_freed_buffers() {
        let recycler = Recycler::new(1 << 20);
        let mut blocks = [0u8; MAX_WAITING + 10];
        let addresses: Vec<NonNull<u8>> = blocks.iter_mut().map(NonNull::from).collect();
        let evicted: Vec<_> = addresses
            .iter()
            .flat_map(|&p| recycler.keep(p, 1usize, 10))
            .collect();
        assert_eq!(
            evicted,
            addresses[..10].iter().map(|&p| (p, 1)).collect::<Vec<_>>()
        );
        assert_eq!(recycler.take(2), None);
        assert_eq!(recycler.take(1), Some(addresses[MAX_WAITING + 9]));
    }

    #[test]
    fn an_impossible_size_is_refused_not_aborted() {
        assert!(Buffer::zeroed(usize::MAX - 10).is_none());
    }
}
