//! numoxide: NumPy's n-dimensional arrays, rebuilt in Rust.
//!
//! An [`NdArray`] is a shared [`Buffer`] seen through a [`DType`] and a [`Layout`]. Views
//! (slices, transposes, reshapes that need no copy) share memory with their base; operations
//! follow NumPy's semantics: NEP 50 type promotion, broadcasting, C's integer wrap-around,
//! and NumPy's pairwise float summation, bit for bit.

pub use half;

pub mod array;
pub mod buffer;
pub mod create;
pub mod dtype;
pub mod element;
pub mod error;
pub mod fpstatus;
pub mod index;
pub mod iter;
pub mod layout;
pub mod parallel;
pub mod print;
pub mod promote;
pub mod reduce;
pub mod scalar;
pub mod shape;
mod simd;
pub mod ufunc;

pub use array::NdArray;
pub use buffer::Buffer;
pub use dtype::{DType, Kind};
pub use element::Element;
pub use error::{Error, Result};
pub use layout::{Layout, LikeOrder, Order};
pub use scalar::Scalar;
