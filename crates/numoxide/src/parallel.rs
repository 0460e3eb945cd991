//! The thread pool that splits large operations: the calling thread works too, and helpers
//! stay awake briefly between calls.
//!
//! A general-purpose pool (rayon) parks its workers within microseconds of running out of work
//! and, called from a thread outside it, puts the caller to sleep until the work is done. On a
//! virtual machine waking a parked thread costs tens to hundreds of microseconds, and the
//! caller pays it twice, which erases the gain of splitting work of a millisecond or less. Here:
//!
//! - the caller takes parts of its own job, so a helper that wakes late costs nothing beyond
//!   one thread's time: parts are claimed one at a time by whoever is free;
//! - helpers keep polling for `SPIN` after each job (yielding the CPU now and then, so a
//!   helper sharing the caller's CPU does not slow it) before they park;
//! - a helper woken on the caller's CPU moves off it, since the two would only take turns.
//!
//! One job runs at a time. A call made while the pool is busy (from another thread, or from
//! inside a part) runs its parts on its own thread, as does every call in a child process
//! made by `fork`, which inherits the pool but not its threads.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, Instant};

/// How long a helper keeps polling for the next job before it parks.
const SPIN: Duration = Duration::from_millis(1);

/// The number of threads that work on a split operation: the caller and the helpers. Set by
/// `RAYON_NUM_THREADS` when present (one setting for this pool and faer's), otherwise the
/// number of CPUs.
pub fn threads() -> usize {
    pool().helpers + 1
}

/// Runs `task(i)` for every `i` in `0..parts`, on the calling thread and the helpers; returns
/// when every part is done. A panic in any part is raised again here.
pub fn for_each(parts: usize, task: impl Fn(usize) + Sync) {
    pool().run(parts, &task);
}

/// `f(i)` for every `i` in `0..parts`, computed as by `for_each`, in order of `i`.
pub fn map<T: Send>(parts: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let slots: Vec<Mutex<Option<T>>> = (0..parts).map(|_| Mutex::new(None)).collect();
    for_each(parts, |i| *lock(&slots[i]) = Some(f(i)));
    // Every part ran (a panic would have been raised again above).
    slots.into_iter().filter_map(into_inner).collect()
}

/// `f(i)` for every `i` in `0..n`, in order of `i`: for many cheap items, cut into a few
/// ranges per thread.
pub fn map_indices<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let pieces = n.min(threads() * 4);
    let ranges = map(pieces, |k| {
        (k * n / pieces..(k + 1) * n / pieces)
            .map(&f)
            .collect::<Vec<_>>()
    });
    ranges.into_iter().flatten().collect()
}

/// `f(i, item)` for every `item_len`-long item `i` of `data`: for many cheap items, a few
/// items per part, as `map_indices` cuts its indices.
pub fn for_each_item_mut<T: Send>(
    data: &mut [T],
    item_len: usize,
    f: impl Fn(usize, &mut [T]) + Sync,
) {
    let items = data.len() / item_len.max(1);
    let per_part = items.div_ceil(threads() * 4).max(1);
    for_each_chunk_mut(data, per_part * item_len, |k, chunk| {
        for (j, item) in chunk.chunks_mut(item_len.max(1)).enumerate() {
            f(k * per_part + j, item);
        }
    });
}

/// `f(k, chunk)` for every `chunk_len`-long chunk `k` of `data` (the last may be shorter), as
/// by `for_each`.
pub fn for_each_chunk_mut<T: Send>(
    data: &mut [T],
    chunk_len: usize,
    f: impl Fn(usize, &mut [T]) + Sync,
) {
    let chunks: Vec<Mutex<Option<&mut [T]>>> = data
        .chunks_mut(chunk_len.max(1))
        .map(|chunk| Mutex::new(Some(chunk)))
        .collect();
    for_each(chunks.len(), |k| {
        if let Some(chunk) = lock(&chunks[k]).take() {
            f(k, chunk);
        }
    });
}

type Task = &'static (dyn Fn(usize) + Sync);

/// The job on offer: parts `next..parts` of `task` are unclaimed.
struct Job {
    task: Option<Task>,
    parts: usize,
    next: usize,
}

struct Pool {
    helpers: usize,
    /// The process the helpers run in: a child made by `fork` has none of them.
    process: u32,
    /// Held by the thread whose job is on offer.
    busy: AtomicBool,
    job: Mutex<Job>,
    /// Bumped for each job, so that polling helpers notice it.
    generation: AtomicU64,
    /// Parts of the current job that have finished (or panicked).
    finished: AtomicUsize,
    /// The first panic raised by a part of the current job, raised again by its caller.
    panic: Mutex<Option<Box<dyn Any + Send>>>,
    /// The CPU the caller of the current job runs on (-1 when unknown).
    caller_cpu: AtomicI32,
    /// Helpers parked on `wake`: a new job makes the wake-up call only when there are some.
    sleepers: AtomicUsize,
    sleep: Mutex<()>,
    wake: Condvar,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Nothing panics while holding these locks; a poisoned one still holds consistent data.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn into_inner<T>(m: Mutex<T>) -> T {
    m.into_inner().unwrap_or_else(PoisonError::into_inner)
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<&'static Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let threads = std::env::var("RAYON_NUM_THREADS")
            .ok()
            .and_then(|s| s.parse::<usize>().ok())
            .filter(|&n| n > 0)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        let pool: &'static Pool = Box::leak(Box::new(Pool {
            helpers: threads - 1,
            process: std::process::id(),
            busy: AtomicBool::new(false),
            job: Mutex::new(Job {
                task: None,
                parts: 0,
                next: 0,
            }),
            generation: AtomicU64::new(0),
            finished: AtomicUsize::new(0),
            panic: Mutex::new(None),
            caller_cpu: AtomicI32::new(-1),
            sleepers: AtomicUsize::new(0),
            sleep: Mutex::new(()),
            wake: Condvar::new(),
        }));
        for k in 0..pool.helpers {
            // A helper that cannot start leaves its share to the caller, who claims every
            // part nobody else has.
            let _ = std::thread::Builder::new()
                .name(format!("numoxide-{}", k + 1))
                .spawn(move || pool.help());
        }
        pool
    })
}

impl Pool {
    /// Offers `task`'s parts to the helpers, works on them too, and waits for the rest.
    fn run(&self, parts: usize, task: &(dyn Fn(usize) + Sync)) {
        let alone = parts < 2 || self.helpers == 0 || std::process::id() != self.process;
        if alone || self.busy.swap(true, Ordering::Acquire) {
            return (0..parts).for_each(task);
        }
        self.caller_cpu.store(current_cpu(), Ordering::Relaxed);
        self.finished.store(0, Ordering::Relaxed);
        // SAFETY: the task outlives its use: helpers reach it only through `claim`, which hands
        // it out for parts of this job, and this call withdraws the job only after every part has
        // finished.
        let task: Task = unsafe { std::mem::transmute::<&(dyn Fn(usize) + Sync), Task>(task) };
        *lock(&self.job) = Job {
            task: Some(task),
            parts,
            next: 0,
        };
        self.generation.fetch_add(1, Ordering::SeqCst);
        if self.sleepers.load(Ordering::SeqCst) > 0 {
            let _sleep = lock(&self.sleep);
            self.wake.notify_all();
        }
        self.work();
        // No part is left unclaimed once `work` returns; wait for those still running.
        let mut polls = Polls::default();
        while self.finished.load(Ordering::Acquire) < parts {
            polls.pause();
        }
        lock(&self.job).task = None;
        let panicked = lock(&self.panic).take();
        self.busy.store(false, Ordering::Release);
        if let Some(payload) = panicked {
            panic::resume_unwind(payload);
        }
    }

    /// The next unclaimed part of the job on offer, if any.
    fn claim(&self) -> Option<(Task, usize)> {
        let mut job = lock(&self.job);
        let task = job.task?;
        (job.next < job.parts).then(|| {
            job.next += 1;
            (task, job.next - 1)
        })
    }

    /// Runs parts until none is left unclaimed. A part's panic is kept for the caller, so
    /// that the part still counts as finished.
    fn work(&self) {
        while let Some((task, i)) = self.claim() {
            if let Err(payload) = panic::catch_unwind(AssertUnwindSafe(|| task(i))) {
                lock(&self.panic).get_or_insert(payload);
            }
            self.finished.fetch_add(1, Ordering::Release);
        }
    }

    /// A helper's life: wait for a job, work on it, and so on.
    fn help(&self) {
        let mut seen = self.generation.load(Ordering::Acquire);
        loop {
            let woken = self.await_job(&mut seen);
            if woken {
                self.leave_caller_cpu();
            }
            self.work();
        }
    }

    /// Polls for a job newer than `seen`, then parks; returns whether it parked.
    fn await_job(&self, seen: &mut u64) -> bool {
        let start = Instant::now();
        let mut polls = Polls::default();
        loop {
            let generation = self.generation.load(Ordering::Acquire);
            if generation != *seen {
                *seen = generation;
                return false;
            }
            if polls.pause() && start.elapsed() > SPIN {
                break;
            }
        }
        let mut sleep = lock(&self.sleep);
        self.sleepers.fetch_add(1, Ordering::SeqCst);
        loop {
            let generation = self.generation.load(Ordering::SeqCst);
            if generation != *seen {
                *seen = generation;
                break;
            }
            sleep = self
                .wake
                .wait(sleep)
                .unwrap_or_else(PoisonError::into_inner);
        }
        self.sleepers.fetch_sub(1, Ordering::SeqCst);
        true
    }

    /// Moves this thread off the caller's CPU if the scheduler woke it there: the two would
    /// take turns on one CPU while another sits idle. Some virtual machines' schedulers place
    /// woken threads on busy CPUs this way.
    fn leave_caller_cpu(&self) {
        let caller = self.caller_cpu.load(Ordering::Relaxed);
        if caller >= 0 && current_cpu() == caller {
            move_off_cpu(caller as usize);
        }
    }
}

/// The pause between two polls of a waiting thread: a spin hint, and now and then a yield of
/// the CPU, so that a poller sharing a CPU with the thread it waits for lets that one run. A
/// yield every time would cost a system call per poll and delay noticing the event.
#[derive(Default)]
struct Polls(u32);

impl Polls {
    /// Pauses; returns whether this pause yielded the CPU.
    fn pause(&mut self) -> bool {
        self.0 = self.0.wrapping_add(1);
        let yielding = self.0.is_multiple_of(64);
        if yielding {
            std::thread::yield_now();
        }
        std::hint::spin_loop();
        yielding
    }
}

#[cfg(target_os = "linux")]
fn current_cpu() -> i32 {
    // SAFETY: sched_getcpu takes no arguments and only reads the CPU number.
    unsafe { libc::sched_getcpu() }
}

#[cfg(not(target_os = "linux"))]
fn current_cpu() -> i32 {
    -1
}

/// Restricts this thread to the other CPUs it may use, which migrates it at once, then lifts
/// the restriction so that the scheduler may balance it later.
#[cfg(target_os = "linux")]
fn move_off_cpu(cpu: usize) {
    let size = std::mem::size_of::<libc::cpu_set_t>();
    // SAFETY: `allowed` and `others` are valid cpu_set_t values of `size` bytes, and `cpu` is
    // below CPU_SETSIZE (it came from sched_getcpu); 0 names the calling thread.
    unsafe {
        let mut allowed: libc::cpu_set_t = std::mem::zeroed();
        if libc::sched_getaffinity(0, size, &mut allowed) != 0 {
            return;
        }
        let mut others = allowed;
        libc::CPU_CLR(cpu, &mut others);
        if libc::CPU_COUNT(&others) > 0 && libc::sched_setaffinity(0, size, &others) == 0 {
            libc::sched_setaffinity(0, size, &allowed);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn move_off_cpu(_cpu: usize) {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn every_part_runs_once() {
        let counts: Vec<AtomicUsize> = (0..100).map(|_| AtomicUsize::new(0)).collect();
        for_each(100, |i| {
            counts[i].fetch_add(1, Ordering::Relaxed);
        });
        assert!(counts.iter().all(|c| c.load(Ordering::Relaxed) == 1));
    }

    #[test]
    fn map_keeps_order_and_nested_calls_run_inline() {
        let sums = map(8, |i| map(4, |j| i * 10 + j).into_iter().sum::<usize>());
        assert_eq!(sums, (0..8).map(|i| 40 * i + 6).collect::<Vec<_>>());
    }

    #[test]
    fn calls_from_many_threads_all_finish() {
        std::thread::scope(|s| {
            for t in 0..4 {
                s.spawn(move || {
                    for _ in 0..200 {
                        let v = map(16, |i| i + t);
                        assert_eq!(v.iter().sum::<usize>(), 120 + 16 * t);
                    }
                });
            }
        });
    }

    #[test]
    fn chunks_and_indices_cover_everything_in_order() {
        let mut data = vec![0usize; 1000];
        for_each_chunk_mut(&mut data, 37, |k, chunk| {
            for (j, x) in chunk.iter_mut().enumerate() {
                *x = k * 37 + j;
            }
        });
        assert_eq!(data, (0..1000).collect::<Vec<_>>());
        assert_eq!(map_indices(1000, |i| i), data);
        let mut items = vec![0usize; 999];
        for_each_item_mut(&mut items, 3, |i, item| item.fill(i));
        assert_eq!(items, (0..999).map(|x| x / 3).collect::<Vec<_>>());
    }

    #[test]
    fn a_panicking_part_is_raised_in_the_caller_and_the_pool_recovers() {
        let caught = panic::catch_unwind(|| {
            for_each(16, |i| {
                if i == 7 {
                    panic!("part 7");
                }
            })
        });
        assert!(caught.is_err());
        assert_eq!(map(4, |i| i * 2), vec![0, 2, 4, 6]);
    }
}
