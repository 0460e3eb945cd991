//! Expected values and messages come from NumPy 2.4.6.

use super::*;
use crate::{DType, Error, NdArray, Order, Scalar};

fn range(n: i64, shape: &[usize]) -> NdArray {
    NdArray::from_vec((0..n).collect(), shape).unwrap()
}

fn vals(a: &NdArray) -> Vec<i64> {
    a.to_vec::<i64>()
}

fn value_err<T: std::fmt::Debug>(r: crate::Result<T>) -> String {
    match r.unwrap_err() {
        Error::Value(m) => m,
        e => panic!("expected ValueError, got {e:?}"),
    }
}

fn axis_err<T: std::fmt::Debug>(r: crate::Result<T>) -> String {
    match r.unwrap_err() {
        Error::Axis(m) => m,
        e => panic!("expected AxisError, got {e:?}"),
    }
}

#[test]
fn reshape_reports_sizes_like_numpy() {
    let a = range(6, &[6]);
    let cases: [(&[isize], &str); 6] = [
        (&[4, 2], "cannot reshape array of size 6 into shape (4,2)"),
        (
            &[4, -1],
            "cannot reshape array of size 6 into shape (4,newaxis)",
        ),
        (&[-1, 4], "cannot reshape array of size 6 into shape (4)"),
        (
            &[2, -1, 4],
            "cannot reshape array of size 6 into shape (2,newaxis,4)",
        ),
        (&[4], "cannot reshape array of size 6 into shape (4,)"),
        (&[], "cannot reshape array of size 6 into shape ()"),
    ];
    for (shape, msg) in cases {
        assert_eq!(value_err(a.reshape(shape, Order::C)), msg);
    }
    assert_eq!(
        value_err(a.reshape(&[-1, -2], Order::C)),
        "can only specify one unknown dimension"
    );
    assert_eq!(
        value_err(a.reshape(&[0, -1], Order::C)),
        "cannot reshape array of size 6 into shape (0,newaxis)"
    );
    let empty = NdArray::zeros(&[0, 3], DType::Float64, Order::C).unwrap();
    assert_eq!(
        value_err(empty.reshape(&[-1, 0], Order::C)),
        "cannot reshape array of size 0 into shape (0)"
    );
    assert_eq!(empty.reshape(&[-1], Order::C).unwrap().shape(), &[0]);
    assert_eq!(
        empty.reshape(&[3, 0, 5], Order::C).unwrap().shape(),
        &[3, 0, 5]
    );
    // Any negative length is the unknown one.
    assert_eq!(a.reshape(&[-2, 3], Order::C).unwrap().shape(), &[2, 3]);
    assert_eq!(
        range(1, &[1]).reshape(&[], Order::C).unwrap().shape(),
        &[] as &[usize]
    );
}

#[test]
fn reshape_is_a_view_when_possible_else_a_copy() {
    let a = range(6, &[2, 3]);
    let v = a.reshape(&[3, -1], Order::C).unwrap();
    assert!(v.same_buffer(&a));
    v.with_layout(v.layout().index_axis(0, 2))
        .fill(Scalar::Int64(-1))
        .unwrap();
    assert_eq!(vals(&a), [0, 1, 2, 3, -1, -1]);

    let t = range(6, &[2, 3]).transpose(None).unwrap();
    assert!(t.reshape(&[3, 2], Order::C).unwrap().same_buffer(&t));
    let r = t.reshape(&[2, 3], Order::C).unwrap();
    assert!(!r.same_buffer(&t));
    assert_eq!(vals(&r), [0, 3, 1, 4, 2, 5]);
    let f = t.reshape(&[6], Order::F).unwrap();
    assert!(f.same_buffer(&t));
    assert_eq!(vals(&f), [0, 1, 2, 3, 4, 5]);
    assert_eq!(
        value_err(t.reshape_view(&[6], Order::C)),
        "Unable to avoid creating a copy while reshaping."
    );
    assert!(t.reshape_view(&[6], Order::F).is_ok());
    let reversed = range(6, &[2, 3]).flip(Some(&[1])).unwrap();
    assert_eq!(
        vals(&reversed.reshape(&[-1], Order::C).unwrap()),
        [2, 1, 0, 5, 4, 3]
    );
}

#[test]
fn ravel_views_only_contiguous_arrays() {
    let a = range(6, &[6]);
    let every_other = a.with_layout(
        a.layout()
            .slice_axis(0, crate::layout::AxisSlice::resolve(None, None, 2, 6)),
    );
    assert!(!every_other.ravel(Order::C).same_buffer(&a));
    assert!(every_other.reshape(&[3], Order::C).unwrap().same_buffer(&a));
    let t = range(6, &[2, 3]).transpose(None).unwrap();
    assert_eq!(vals(&t.ravel(Order::C)), [0, 3, 1, 4, 2, 5]);
    assert!(t.ravel(Order::F).same_buffer(&t));
    assert!(!t.flatten(Order::F).same_buffer(&t));
    let flipped = range(6, &[2, 3]).flip(Some(&[0])).unwrap();
    assert_eq!(vals(&flipped.flatten(Order::F)), [3, 0, 4, 1, 5, 2]);
}

#[test]
fn transposes_and_axis_messages() {
    let a = range(6, &[2, 3]);
    assert_eq!(value_err(a.transpose(Some(&[0]))), "axes don't match array");
    assert_eq!(
        value_err(a.transpose(Some(&[0, 0]))),
        "repeated axis in transpose"
    );
    assert_eq!(
        axis_err(a.transpose(Some(&[0, 2]))),
        "axis 2 is out of bounds for array of dimension 2"
    );
    let b = range(24, &[2, 3, 4]);
    let t = b.transpose(Some(&[1, -1, 0])).unwrap();
    assert_eq!(t.shape(), &[3, 4, 2]);
    assert_eq!(vals(&t)[..6], [0, 12, 1, 13, 2, 14]);

    assert_eq!(
        axis_err(a.swapaxes(0, 2)),
        "axis2: axis 2 is out of bounds for array of dimension 2"
    );
    assert_eq!(
        axis_err(a.swapaxes(-3, 0)),
        "axis1: axis -3 is out of bounds for array of dimension 2"
    );
    assert_eq!(vals(&a.swapaxes(-1, 0).unwrap()), [0, 3, 1, 4, 2, 5]);

    assert_eq!(
        axis_err(a.moveaxis(&[2], &[0])),
        "source: axis 2 is out of bounds for array of dimension 2"
    );
    assert_eq!(
        axis_err(a.moveaxis(&[0], &[-3])),
        "destination: axis -3 is out of bounds for array of dimension 2"
    );
    assert_eq!(
        value_err(a.moveaxis(&[0, 0], &[1, 0])),
        "repeated axis in `source` argument"
    );
    assert_eq!(
        value_err(a.moveaxis(&[0], &[1, 0])),
        "`source` and `destination` arguments must have the same number of elements"
    );
    let m = b.moveaxis(&[0, -1], &[-1, 0]).unwrap();
    assert_eq!(m.shape(), &[4, 3, 2]);
    assert_eq!(vals(&m)[..8], [0, 12, 4, 16, 8, 20, 1, 13]);
    let z = NdArray::zeros(&[2, 3, 4], DType::Int8, Order::C).unwrap();
    assert_eq!(z.moveaxis(&[0, 1], &[-1, -2]).unwrap().shape(), &[4, 3, 2]);
}

#[test]
fn squeeze_and_expand_dims() {
    let a = NdArray::zeros(&[1, 2, 1], DType::Float32, Order::C).unwrap();
    assert_eq!(
        value_err(a.squeeze(Some(&[1]))),
        "cannot select an axis to squeeze out which has size not equal to one"
    );
    assert_eq!(
        axis_err(a.squeeze(Some(&[3]))),
        "axis 3 is out of bounds for array of dimension 3"
    );
    assert_eq!(
        value_err(a.squeeze(Some(&[0, 0]))),
        "duplicate value in 'axis'"
    );
    assert_eq!(a.squeeze(Some(&[0, -1])).unwrap().shape(), &[2]);
    assert_eq!(a.squeeze(None).unwrap().shape(), &[2]);

    let b = range(6, &[2, 3]);
    let e = b.expand_dims(&[-1, 1]).unwrap();
    assert_eq!(
        (e.shape(), vals(&e)),
        (&[2, 1, 3, 1][..], vec![0, 1, 2, 3, 4, 5])
    );
    assert!(e.same_buffer(&b));
    assert_eq!(b.expand_dims(&[0, -1]).unwrap().shape(), &[1, 2, 3, 1]);
    assert_eq!(
        axis_err(b.expand_dims(&[0, 4])),
        "axis 4 is out of bounds for array of dimension 4"
    );
    assert_eq!(value_err(b.expand_dims(&[0, -4])), "repeated axis");
    assert_eq!(
        axis_err(b.expand_dims(&[-4])),
        "axis -4 is out of bounds for array of dimension 3"
    );
}

#[test]
fn flip_is_a_view_with_negative_strides() {
    let a = range(24, &[2, 3, 4]);
    let f = a.flip(Some(&[0, 2])).unwrap();
    assert_eq!(vals(&f)[..8], [15, 14, 13, 12, 19, 18, 17, 16]);
    assert_eq!(value_err(a.flip(Some(&[0, -3]))), "repeated axis");
    assert_eq!(
        axis_err(range(6, &[2, 3]).flip(Some(&[2]))),
        "axis 2 is out of bounds for array of dimension 2"
    );
    let t = range(6, &[2, 3]).transpose(None).unwrap();
    let all = t.flip(None).unwrap();
    assert_eq!(vals(&all), [5, 2, 4, 1, 3, 0]);
    all.with_layout(all.layout().index_axis(0, 0))
        .fill(Scalar::Int64(9))
        .unwrap();
    assert_eq!(vals(&t), [0, 3, 1, 4, 9, 9]);
    let empty = NdArray::zeros(&[0, 2], DType::Int64, Order::C).unwrap();
    assert_eq!(empty.flip(None).unwrap().shape(), &[0, 2]);
}

#[test]
fn broadcast_to_is_read_only() {
    let a = range(3, &[3]).flip(None).unwrap();
    let b = a.broadcast_to(&[2, 3]).unwrap();
    assert_eq!(vals(&b), [2, 1, 0, 2, 1, 0]);
    assert!(!b.is_writeable() && b.same_buffer(&a));
    let m = range(6, &[2, 3]);
    assert_eq!(
        value_err(m.broadcast_to(&[3])),
        "input operand has more dimensions than allowed by the axis remapping"
    );
    assert_eq!(
        value_err(m.broadcast_to(&[4, 3])),
        "operands could not be broadcast together with remapped shapes [original->remapped]: \
         (2,3)  and requested shape (4,3)"
    );
    assert_eq!(
        value_err(m.broadcast_to(&[-1, 3])),
        "all elements of broadcast shape must be non-negative"
    );
}

#[test]
fn broadcast_arrays_shapes_and_messages() {
    let z = |s: &[usize]| NdArray::zeros(s, DType::Float64, Order::C).unwrap();
    let out = broadcast_arrays(&[z(&[2, 1]), z(&[3]), z(&[4, 1, 1])]).unwrap();
    assert!(out.iter().all(|a| a.shape() == [4, 2, 3]));
    let same = z(&[2, 3]);
    assert!(broadcast_arrays(&[same.clone(), z(&[3])]).unwrap()[0].same_buffer(&same));
    assert_eq!(
        value_err(broadcast_arrays(&[z(&[2, 3]), z(&[4])])),
        "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between \
         arg 0 with shape (2, 3) and arg 1 with shape (4,)."
    );
    assert_eq!(
        value_err(broadcast_arrays(&[z(&[2, 1]), z(&[1, 3]), z(&[2, 4])])),
        "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between \
         arg 1 with shape (1, 3) and arg 2 with shape (2, 4)."
    );
    assert!(broadcast_arrays(&[]).unwrap().is_empty());
}

#[test]
fn concatenate_promotes_and_checks_shapes() {
    let a = range(6, &[2, 3]);
    let f = NdArray::zeros(&[2, 2], DType::Float64, Order::C).unwrap();
    assert_eq!(
        value_err(concatenate(&[a.clone(), f.clone()], Some(0))),
        "all the input array dimensions except for the concatenation axis must match exactly, \
         but along dimension 1, the array at index 0 has size 3 and the array at index 1 has size 2"
    );
    let r = concatenate(&[a.clone(), f.clone()], Some(1)).unwrap();
    assert_eq!((r.shape(), r.dtype()), (&[2, 5][..], DType::Float64));
    assert_eq!(r.to_vec::<f64>(), [0., 1., 2., 0., 0., 3., 4., 5., 0., 0.]);
    let one = NdArray::zeros(&[2], DType::Float64, Order::C).unwrap();
    assert_eq!(
        value_err(concatenate(&[a.clone(), one], Some(1))),
        "all the input arrays must have same number of dimensions, but the array at index 0 \
         has 2 dimension(s) and the array at index 1 has 1 dimension(s)"
    );
    assert_eq!(
        value_err(concatenate(&[], Some(0))),
        "need at least one array to concatenate"
    );
    let s = NdArray::from_scalar(Scalar::Float32(1.0));
    assert_eq!(
        value_err(concatenate(&[s.clone(), a.clone()], Some(0))),
        "zero-dimensional arrays cannot be concatenated"
    );
    assert_eq!(
        axis_err(concatenate(&[a.clone(), a.clone()], Some(-3))),
        "axis -3 is out of bounds for array of dimension 2"
    );
    let flat = concatenate(&[s, range(2, &[2])], None).unwrap();
    assert_eq!(
        (flat.dtype(), flat.to_vec::<f64>()),
        (DType::Float64, vec![1., 0., 1.])
    );
    let mixed = [
        NdArray::zeros(&[2], DType::UInt8, Order::C).unwrap(),
        NdArray::zeros(&[2], DType::Int8, Order::C).unwrap(),
    ];
    assert_eq!(concatenate(&mixed, Some(0)).unwrap().dtype(), DType::Int16);
    assert_eq!(
        vals(&concatenate(&[a.clone(), a.clone()], Some(-1)).unwrap()),
        [0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5]
    );
}

#[test]
fn concatenate_reads_strided_inputs_and_empty_parts() {
    let t = range(6, &[2, 3]).transpose(None).unwrap();
    let b = NdArray::from_vec(vec![0f32, 1., 2., 3.], &[2, 2]).unwrap();
    let b = b.flip(Some(&[1])).unwrap().transpose(None).unwrap();
    let r = concatenate(&[t, b], Some(0)).unwrap();
    assert_eq!(r.shape(), &[5, 2]);
    assert_eq!(r.to_vec::<f64>(), [0., 3., 1., 4., 2., 5., 1., 3., 0., 2.]);
    let rev = range(6, &[2, 3]).flip(Some(&[1])).unwrap();
    let none = NdArray::zeros(&[2, 0], DType::Float64, Order::C).unwrap();
    let r = concatenate(&[rev, none], Some(1)).unwrap();
    assert_eq!(r.to_vec::<f64>(), [2., 1., 0., 5., 4., 3.]);
    let e = NdArray::zeros(&[0, 3], DType::Float64, Order::C).unwrap();
    assert_eq!(
        concatenate(&[e, range(6, &[2, 3])], Some(0))
            .unwrap()
            .shape(),
        &[2, 3]
    );
}

#[test]
fn stacking_functions() {
    let a = range(6, &[2, 3]);
    assert_eq!(
        stack(&[a.clone(), a.clone()], 2).unwrap().shape(),
        &[2, 3, 2]
    );
    assert_eq!(
        axis_err(stack(&[a.clone(), a.clone()], -4)),
        "axis -4 is out of bounds for array of dimension 3"
    );
    let t = a.transpose(None).unwrap();
    assert_eq!(
        value_err(stack(&[a.clone(), t], 0)),
        "all input arrays must have the same shape"
    );
    assert_eq!(value_err(stack(&[], 0)), "need at least one array to stack");
    let ten = NdArray::from_vec(vec![0i64, 10, 20], &[3]).unwrap();
    assert_eq!(
        vals(&stack(&[range(3, &[3]), ten.clone()], -1).unwrap()),
        [0, 0, 1, 10, 2, 20]
    );
    let s = stack(
        &[
            NdArray::from_scalar(Scalar::Int8(1)),
            NdArray::from_scalar(Scalar::Float16(half::f16::from_f32(2.0))),
        ],
        0,
    )
    .unwrap();
    assert_eq!((s.shape(), s.dtype()), (&[2][..], DType::Float16));

    let v = vstack(&[range(3, &[3]), a.clone()]).unwrap();
    assert_eq!(
        (v.shape(), vals(&v)),
        (&[3, 3][..], vec![0, 1, 2, 0, 1, 2, 3, 4, 5])
    );
    assert_eq!(
        vstack(&[NdArray::from_scalar(Scalar::Int16(3))])
            .unwrap()
            .shape(),
        &[1, 1]
    );
    assert_eq!(
        vals(&hstack(&[range(3, &[3]), range(2, &[2])]).unwrap()),
        [0, 1, 2, 0, 1]
    );
    let h = hstack(&[
        NdArray::from_scalar(Scalar::Int16(3)),
        NdArray::from_scalar(Scalar::Int16(4)),
    ]);
    assert_eq!(h.unwrap().shape(), &[2]);
    assert!(hstack(&[a.clone(), range(2, &[2])]).is_err());
    let d = dstack(&[range(3, &[3]), ten.clone()]).unwrap();
    assert_eq!(
        (d.shape(), vals(&d)),
        (&[1, 3, 2][..], vec![0, 0, 1, 10, 2, 20])
    );
    assert_eq!(dstack(&[a.clone(), a.clone()]).unwrap().shape(), &[2, 3, 2]);
    assert_eq!(
        dstack(&[NdArray::from_scalar(Scalar::Int8(1))])
            .unwrap()
            .shape(),
        &[1, 1, 1]
    );
    let c = column_stack(&[range(3, &[3]), ten]).unwrap();
    assert_eq!(
        (c.shape(), vals(&c)),
        (&[3, 2][..], vec![0, 0, 1, 10, 2, 20])
    );
    assert_eq!(
        column_stack(&[NdArray::from_scalar(Scalar::Int8(1))])
            .unwrap()
            .shape(),
        &[1, 1]
    );
    for f in [vstack, hstack, dstack, column_stack] {
        assert_eq!(value_err(f(&[])), "need at least one array to concatenate");
    }
}

#[test]
fn split_gives_views() {
    let a = range(7, &[7]);
    let parts = array_split(&a, Sections::Count(3), 0).unwrap();
    let got: Vec<Vec<i64>> = parts.iter().map(vals).collect();
    assert_eq!(got, [vec![0, 1, 2], vec![3, 4], vec![5, 6]]);
    parts[1].fill(Scalar::Int64(-1)).unwrap();
    assert_eq!(vals(&a), [0, 1, 2, -1, -1, 5, 6]);

    let short = array_split(&range(3, &[3]), Sections::Count(5), 0).unwrap();
    let lens: Vec<usize> = short.iter().map(|p| p.size()).collect();
    assert_eq!(lens, [1, 1, 1, 0, 0]);
    let six = range(6, &[6]);
    let at = split(&six, Sections::Indices(&[2, -1, 10, 1]), 0).unwrap();
    let got: Vec<Vec<i64>> = at.iter().map(vals).collect();
    assert_eq!(
        got,
        [
            vec![0, 1],
            vec![2, 3, 4],
            vec![5],
            vec![],
            vec![1, 2, 3, 4, 5]
        ]
    );
    assert_eq!(split(&six, Sections::Indices(&[]), 0).unwrap().len(), 1);

    assert_eq!(
        value_err(split(&six, Sections::Count(4), 0)),
        "array split does not result in an equal division"
    );
    assert_eq!(
        value_err(split(&six, Sections::Count(-4), 0)),
        "array split does not result in an equal division"
    );
    assert_eq!(
        value_err(split(&six, Sections::Count(-3), 0)),
        "number sections must be larger than 0."
    );
    assert_eq!(
        split(&six, Sections::Count(0), 0).unwrap_err(),
        Error::ZeroDivision("integer modulo by zero".into())
    );
    assert_eq!(
        value_err(array_split(&six, Sections::Count(0), 0)),
        "number sections must be larger than 0."
    );
    let index_err = Error::Index("tuple index out of range".into());
    assert_eq!(
        split(&range(6, &[2, 3]), Sections::Count(3), 2).unwrap_err(),
        index_err
    );
    let scalar = NdArray::from_scalar(Scalar::Int8(3));
    assert_eq!(
        array_split(&scalar, Sections::Count(1), 0).unwrap_err(),
        index_err
    );
}

#[test]
fn split_along_other_axes() {
    let m = range(12, &[3, 4]);
    let last = &array_split(&m, Sections::Count(3), 1).unwrap()[2];
    assert_eq!((last.shape(), vals(last)), (&[3, 1][..], vec![3, 7, 11]));
    let mid = &array_split(&m, Sections::Indices(&[1, -1]), -1).unwrap()[1];
    assert_eq!(
        (mid.shape(), vals(mid)),
        (&[3, 2][..], vec![1, 2, 5, 6, 9, 10])
    );
    let cols = split(&range(6, &[2, 3]), Sections::Count(3), -1).unwrap();
    assert_eq!(vals(&cols[2]), [2, 5]);
    let empty = NdArray::zeros(&[0, 4], DType::Float64, Order::C).unwrap();
    assert_eq!(
        split(&empty, Sections::Count(2), 1).unwrap()[0].shape(),
        &[0, 2]
    );
    let rows = split(&empty, Sections::Count(2), 0).unwrap();
    assert!(rows.iter().all(|r| r.shape() == [0, 4]));
}
