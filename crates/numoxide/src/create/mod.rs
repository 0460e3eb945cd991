//! Array creation: evenly spaced values (`arange`, `linspace`) and matrices built around a
//! diagonal (`eye`, `diag`, `tri` and friends), with NumPy's algorithms bit for bit.

mod fill;
mod matrix;
mod range;

pub use matrix::{diag, eye, identity, tri, tril, triu};
pub use range::{arange, linspace};

#[cfg(test)]
mod tests;
