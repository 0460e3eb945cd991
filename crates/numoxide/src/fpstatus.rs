//! Floating-point events raised by the last operations on this thread: NumPy's "divide by
//! zero", "overflow" and "invalid value" warnings, and the error modes (`np.seterr`) that
//! decide what each event does.
//!
//! Kernels report events as values; the drivers merge them (across worker threads too) and
//! record them here, in the calling thread, where the Python bindings read and clear them
//! after each call, as NumPy reads the hardware's flags. Underflow is never detected (NumPy
//! ignores it by default).

use crate::error::{Error, Result};
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

    /// The bits NumPy passes to an `np.seterrcall` function: divide 1, over 2, under 4,
    /// invalid 8.
    pub fn bits(self) -> u8 {
        self.0
    }

    /// Events a float result `r` of finite-or-not inputs reveals: NaN from non-NaN inputs is
    /// invalid; an infinity from finite inputs is a division by zero when an input is zero,
    /// an overflow otherwise. Written without branches, so that checking a block vectorizes.
    #[inline(always)]
    pub fn classify(inputs_nan: bool, inputs_finite: bool, any_zero: bool, r: f64) -> FpStatus {
        let made_infinite = r.is_infinite() & inputs_finite;
        let flag = |on: bool, event: FpStatus| on as u8 * event.0;
        FpStatus(
            flag(r.is_nan() & !inputs_nan, FpStatus::INVALID)
                | flag(made_infinite & any_zero, FpStatus::DIVIDE)
                | flag(made_infinite & !any_zero, FpStatus::OVERFLOW),
        )
    }
}

/// Each event with its name in NumPy's messages, in NumPy's reporting order.
const EVENTS: [(FpStatus, &str); 4] = [
    (FpStatus::DIVIDE, "divide by zero"),
    (FpStatus::OVERFLOW, "overflow"),
    (FpStatus::UNDERFLOW, "underflow"),
    (FpStatus::INVALID, "invalid value"),
];

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

/// What an event does, as `np.seterr` names it (in NumPy's numbering).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrMode {
    Ignore,
    Warn,
    Raise,
    Call,
    Print,
    Log,
}

impl ErrMode {
    const ALL: [ErrMode; 6] = [
        ErrMode::Ignore,
        ErrMode::Warn,
        ErrMode::Raise,
        ErrMode::Call,
        ErrMode::Print,
        ErrMode::Log,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ErrMode::Ignore => "ignore",
            ErrMode::Warn => "warn",
            ErrMode::Raise => "raise",
            ErrMode::Call => "call",
            ErrMode::Print => "print",
            ErrMode::Log => "log",
        }
    }

    /// The mode named `name`; `shown` is how the caller's value prints in the error
    /// (a string prints quoted, as Python's `repr`).
    pub fn parse(name: Option<&str>, shown: &str) -> Result<ErrMode> {
        ErrMode::ALL
            .into_iter()
            .find(|m| Some(m.name()) == name)
            .ok_or_else(|| Error::Value(format!("invalid error mode {shown}")))
    }
}

/// The mode of each event: NumPy's error state without its callback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrModes {
    pub divide: ErrMode,
    pub over: ErrMode,
    pub under: ErrMode,
    pub invalid: ErrMode,
}

impl Default for ErrModes {
    /// NumPy's defaults: warn, except for underflow.
    fn default() -> Self {
        ErrModes {
            divide: ErrMode::Warn,
            over: ErrMode::Warn,
            under: ErrMode::Ignore,
            invalid: ErrMode::Warn,
        }
    }
}

/// One event to act on: its mode and NumPy's message ("divide by zero encountered in
/// divide"); `Call` passes `event` and all the operation's bits to the callback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handling {
    pub mode: ErrMode,
    pub event: &'static str,
    pub message: String,
}

impl ErrModes {
    /// These modes with `all` applied to every event not given its own mode, as `np.seterr`.
    pub fn updated(self, all: Option<ErrMode>, each: [Option<ErrMode>; 4]) -> ErrModes {
        let [divide, over, under, invalid] = each.map(|m| m.or(all));
        ErrModes {
            divide: divide.unwrap_or(self.divide),
            over: over.unwrap_or(self.over),
            under: under.unwrap_or(self.under),
            invalid: invalid.unwrap_or(self.invalid),
        }
    }

    /// The names and modes in the order of `np.geterr()`'s dict.
    pub fn entries(self) -> [(&'static str, ErrMode); 4] {
        [
            ("divide", self.divide),
            ("over", self.over),
            ("under", self.under),
            ("invalid", self.invalid),
        ]
    }

    /// What `events` raised by `operation` do, in NumPy's order; ignored events are left out.
    pub fn handle(self, events: FpStatus, operation: &str) -> Vec<Handling> {
        let modes = [self.divide, self.over, self.under, self.invalid];
        EVENTS
            .into_iter()
            .zip(modes)
            .filter(|((flag, _), mode)| events.contains(*flag) && *mode != ErrMode::Ignore)
            .map(|((_, event), mode)| Handling {
                mode,
                event,
                message: format!("{event} encountered in {operation}"),
            })
            .collect()
    }
}

/// A RuntimeWarning an operation raised, in the order NumPy would raise it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// Events of one step of the operation ("invalid value encountered in reduce"): the error
    /// modes decide whether they warn, raise or pass.
    Events { events: FpStatus, operation: String },
    /// A warning of its own, which no error mode silences ("Mean of empty slice").
    Plain(String),
}

impl Warning {
    /// The warnings' texts under NumPy's default modes.
    pub fn texts(warnings: &[Warning]) -> Vec<String> {
        warnings
            .iter()
            .flat_map(|w| match w {
                Warning::Events { events, operation } => ErrModes::default()
                    .handle(*events, operation)
                    .into_iter()
                    .map(|h| h.message)
                    .collect(),
                Warning::Plain(text) => vec![text.clone()],
            })
            .collect()
    }
}

thread_local! {
    static PENDING: Cell<FpStatus> = const { Cell::new(FpStatus::NONE) };
    static WARNINGS: RefCell<Vec<Warning>> = const { RefCell::new(Vec::new()) };
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

/// Records a warning of its own ("Mean of empty slice"), in the order it would be raised.
pub fn warn(message: impl Into<String>) {
    push(Warning::Plain(message.into()));
}

/// Records the events of one step of an operation, worded with that step's name.
pub fn record_in(events: FpStatus, operation: impl Into<String>) {
    if !events.is_empty() {
        let operation = operation.into();
        push(Warning::Events { events, operation });
    }
}

fn push(warning: Warning) {
    WARNINGS.with(|w| w.borrow_mut().push(warning));
}

/// The warnings recorded by `warn` and `record_in` since the last call, oldest first, cleared.
pub fn take_warnings() -> Vec<Warning> {
    WARNINGS.with(|w| std::mem::take(&mut *w.borrow_mut()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_sets_only_the_modes_not_given() {
        let modes = ErrModes::default().updated(
            Some(ErrMode::Raise),
            [None, Some(ErrMode::Ignore), None, None],
        );
        let names = modes.entries().map(|(n, m)| (n, m.name()));
        assert_eq!(
            names,
            [
                ("divide", "raise"),
                ("over", "ignore"),
                ("under", "raise"),
                ("invalid", "raise")
            ]
        );
        assert_eq!(
            ErrModes::default().updated(None, [None; 4]),
            ErrModes::default()
        );
    }

    #[test]
    fn events_are_handled_in_numpys_order_without_the_ignored() {
        let modes = ErrModes::default().updated(None, [None, Some(ErrMode::Ignore), None, None]);
        let events = FpStatus::INVALID | FpStatus::OVERFLOW | FpStatus::DIVIDE;
        let handled: Vec<_> = modes
            .handle(events, "divide")
            .into_iter()
            .map(|h| (h.mode, h.message))
            .collect();
        assert_eq!(
            handled,
            [
                (
                    ErrMode::Warn,
                    "divide by zero encountered in divide".to_string()
                ),
                (
                    ErrMode::Warn,
                    "invalid value encountered in divide".to_string()
                ),
            ]
        );
    }

    #[test]
    fn unknown_modes_are_value_errors() {
        assert_eq!(ErrMode::parse(Some("log"), "'log'").unwrap(), ErrMode::Log);
        let e = ErrMode::parse(Some("loud"), "'loud'").unwrap_err();
        assert_eq!(e.message(), "invalid error mode 'loud'");
        assert!(ErrMode::parse(None, "3").is_err());
    }
}
