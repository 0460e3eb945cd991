//! The `numoxide._numoxide` extension module: PyO3 bindings over the numoxide core.
//!
//! Bindings convert arguments, call the core, convert results and release the GIL around
//! heavy work. Semantics live in the core.

mod convert;
mod dtype;
mod elementwise;
mod errors;
mod errstate;
mod functions;
mod index;
mod linalg;
mod ndarray;
mod pickling;
mod printing;
mod random;
mod reductions;
mod scalar_operators;
mod scalars;
mod shaping;
mod ufuncs;

use pyo3::prelude::*;

#[pymodule]
fn _numoxide(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ndarray::PyNdArray>()?;
    m.add_class::<dtype::PyDType>()?;
    m.add_class::<scalars::ScalarBase>()?;
    m.add_class::<ufuncs::PyUfunc>()?;
    m.add("_errstate_var", errstate::state_var(m.py())?)?;
    m.add_function(wrap_pyfunction!(errstate::_make_errstate, m)?)?;
    m.add_function(wrap_pyfunction!(errstate::_errstate_dict, m)?)?;
    m.add_function(wrap_pyfunction!(scalars::_register_scalar_types, m)?)?;
    m.add_function(wrap_pyfunction!(scalars::_scalar_class, m)?)?;
    m.add_function(wrap_pyfunction!(pickling::_array_from_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(printing::_scalar_repr, m)?)?;
    m.add_function(wrap_pyfunction!(printing::_scalar_str, m)?)?;
    m.add_function(wrap_pyfunction!(printing::get_printoptions, m)?)?;
    m.add_function(wrap_pyfunction!(printing::set_printoptions, m)?)?;
    m.add_function(wrap_pyfunction!(printing::array_repr, m)?)?;
    m.add_function(wrap_pyfunction!(printing::array_str, m)?)?;
    m.add_function(wrap_pyfunction!(printing::array2string, m)?)?;
    m.add_function(wrap_pyfunction!(functions::array, m)?)?;
    m.add_function(wrap_pyfunction!(functions::asarray, m)?)?;
    m.add_function(wrap_pyfunction!(functions::zeros, m)?)?;
    m.add_function(wrap_pyfunction!(functions::ones, m)?)?;
    m.add_function(wrap_pyfunction!(functions::empty, m)?)?;
    m.add_function(wrap_pyfunction!(functions::full, m)?)?;
    m.add_function(wrap_pyfunction!(functions::zeros_like, m)?)?;
    m.add_function(wrap_pyfunction!(functions::ones_like, m)?)?;
    m.add_function(wrap_pyfunction!(functions::empty_like, m)?)?;
    m.add_function(wrap_pyfunction!(functions::full_like, m)?)?;
    m.add_function(wrap_pyfunction!(functions::copy, m)?)?;
    m.add_function(wrap_pyfunction!(functions::shares_memory, m)?)?;
    m.add_function(wrap_pyfunction!(functions::may_share_memory, m)?)?;
    m.add_function(wrap_pyfunction!(functions::result_type, m)?)?;
    m.add_function(wrap_pyfunction!(functions::promote_types, m)?)?;
    m.add_function(wrap_pyfunction!(functions::can_cast, m)?)?;
    m.add_function(wrap_pyfunction!(functions::isscalar, m)?)?;
    m.add_function(wrap_pyfunction!(functions::ndim, m)?)?;
    m.add_function(wrap_pyfunction!(functions::shape, m)?)?;
    m.add_function(wrap_pyfunction!(functions::size, m)?)?;
    elementwise::register(m)?;
    reductions::register(m)?;
    shaping::register(m)?;
    ufuncs::register(m)?;
    linalg::register(m)?;
    random::register(m)?;
    Ok(())
}
