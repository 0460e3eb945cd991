//! Shape manipulation: reshaping, transposing, broadcasting, joining and splitting arrays,
//! with NumPy's semantics and messages. Everything that NumPy returns as a view shares the
//! buffer here too; joins and `flatten` copy, as NumPy does.

mod axes;
mod join;
mod split;
mod view;

pub(crate) use axes::normalize_named;
pub use join::{column_stack, concatenate, dstack, hstack, stack, vstack};
pub use split::{array_split, split, Sections};
pub use view::{atleast_1d, atleast_2d, atleast_3d, broadcast_arrays};

#[cfg(test)]
mod tests;
