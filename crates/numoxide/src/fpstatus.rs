//! Floating-point events raised by the last operations on this thread: NumPy's "divide by
//! zero", "overflow" and "invalid value" warnings.
//!
//! Kernels report events as values; the drivers merge them (across worker threads too) and
//! record them here, in the calling thread, where the Python bindings read and clear them
//! after each call, as NumPy reads the hardware's flags.

use std::cell::{Cell, RefCell};
use std::ops::{BitOr, BitOrAssign};

/// A set of floating-point events.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FpStatus(u8);

impl FpStatus {
    pub const NONE: FpStatus = FpStatus(0);
    pub const DIVIDE: FpStatus = FpStatus(1);
    pub const OVERFLOW: FpStatus = FpStatus(2);
    pub const UNDERFLOW: FpStatus = FpStatus(4);
    pub const INVALID: FpStatus = FpStatus(8);

    pub fn contains(self, other: FpStatus) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The events with NumPy's names, in NumPy's reporting order.
    pub fn names(self) -> Vec<&'static str> {
        [
            (FpStatus::DIVIDE, "divide by zero"),
            (FpStatus::OVERFLOW, "overflow"),
            (FpStatus::UNDERFLOW, "underflow"),
            (FpStatus::INVALID, "invalid value"),
        ]
        .into_iter()
        .filter(|(f, _)| self.contains(*f))
        .map(|(_, n)| n)
        .collect()
    }

    /// Events a float result `r` of finite-or-not inputs reveals: NaN from non-NaN inputs is
    /// invalid; an infinity from finite inputs is a division by zero when an input is zero,
    /// an overflow otherwise.
    pub fn classify(inputs_nan: bool, inputs_finite: bool, any_zero: bool, r: f64) -> FpStatus {
        if r.is_nan() {
            if inputs_nan {
                FpStatus::NONE
            } else {
                FpStatus::INVALID
            }
        } else if r.is_infinite() && inputs_finite {
            if any_zero {
                FpStatus::DIVIDE
            } else {
                FpStatus::OVERFLOW
            }
        } else {
            FpStatus::NONE
        }
    }
}

impl BitOr for FpStatus {
    type Output = FpStatus;
    fn bitor(self, o: FpStatus) -> FpStatus {
        FpStatus(self.0 | o.0)
    }
}

impl BitOrAssign for FpStatus {
    fn bitor_assign(&mut self, o: FpStatus) {
        self.0 |= o.0;
    }
}

thread_local! {
    static PENDING: Cell<FpStatus> = const { Cell::new(FpStatus::NONE) };
    static WARNINGS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Records events raised by an operation on this thread.
pub fn record(status: FpStatus) {
    if !status.is_empty() {
        PENDING.with(|p| p.set(p.get() | status));
    }
}

/// The events recorded since the last call, cleared.
pub fn take() -> FpStatus {
    PENDING.with(|p| p.replace(FpStatus::NONE))
}

/// Records one of NumPy's RuntimeWarnings that is not a floating-point event ("Mean of empty
/// slice", or an event already worded with its operation), in the order it would be raised.
pub fn warn(message: impl Into<String>) {
    let message = message.into();
    WARNINGS.with(|w| w.borrow_mut().push(message));
}

/// The warnings recorded by `warn` since the last call, oldest first, cleared.
pub fn take_warnings() -> Vec<String> {
    WARNINGS.with(|w| std::mem::take(&mut *w.borrow_mut()))
}
