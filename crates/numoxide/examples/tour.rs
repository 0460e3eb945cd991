//! A short tour of the numoxide engine from Rust: views, broadcasting, NEP 50 errors,
//! reductions and NumPy's printing.

use numoxide::print::{array_repr, PrintOptions};
use numoxide::promote::PyValue;
use numoxide::ufunc::{Arg, BinaryOp, Out, UnaryOp};
use numoxide::{create, reduce, DType, NdArray, Order};

fn main() -> numoxide::Result<()> {
    let opts = PrintOptions::default();
    let a = create::arange(
        PyValue::Int(0),
        PyValue::Int(12),
        PyValue::Int(1),
        DType::Int64,
    )?
    .reshape(&[3, 4], Order::C)?;
    println!("{}", array_repr(&a, &opts));

    // A transposed view shares memory with `a`.
    let t = a.transpose(None)?;
    println!("a.T shares memory: {}", t.shares_memory(&a));

    // Broadcasting a row against every row, with NumPy's promotion.
    let row = NdArray::from_vec(vec![0.5f64, 1.5, 2.5, 3.5], &[4])?;
    let sum = BinaryOp::Add.call(&Arg::from(&a), &Arg::from(&row), Out::default())?;
    println!("{}", array_repr(&sum, &opts));

    // NEP 50: a Python-like int that does not fit int8 is an error, not an upcast.
    let small = NdArray::from_vec(vec![1i8, 2, 3], &[3])?;
    let err = BinaryOp::Add.call(
        &Arg::from(&small),
        &Arg::Py(PyValue::Int(300)),
        Out::default(),
    );
    println!("{}", err.unwrap_err());

    // Reductions use NumPy's pairwise summation, so sums are bit-identical to NumPy's.
    let roots = UnaryOp::Sqrt.call(&Arg::from(&a), Out::default())?;
    let total = reduce::sum(&roots, None, None, false)?;
    let by_column = reduce::mean(&roots, Some(&[0]), None, false)?;
    println!(
        "{} {}",
        array_repr(&total, &opts),
        array_repr(&by_column, &opts)
    );
    Ok(())
}
