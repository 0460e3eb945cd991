//! Expected values (bit patterns for floats) and messages come from NumPy 2.4.6.

use super::*;
use crate::element::c128;
use crate::promote::PyValue::{self, Float, Int};
use crate::ufunc::Arg;
use crate::{DType, Error, NdArray, Order, Scalar};

fn bits(a: &NdArray) -> Vec<u64> {
    a.to_vec::<f64>().iter().map(|x| x.to_bits()).collect()
}

fn ints(a: &NdArray) -> Vec<i64> {
    a.to_vec::<i64>()
}

fn py(v: PyValue) -> Arg<'static> {
    Arg::Py(v)
}

#[test]
fn arange_float_steps_match_numpy_bits() {
    let a = arange(Int(0), Int(1), Float(0.1), DType::Float64).unwrap();
    let want: [u64; 10] = [
        0x0,
        0x3fb999999999999a,
        0x3fc999999999999a,
        0x3fd3333333333334,
        0x3fd999999999999a,
        0x3fe0000000000000,
        0x3fe3333333333334,
        0x3fe6666666666667,
        0x3fe999999999999a,
        0x3feccccccccccccd,
    ];
    assert_eq!(bits(&a), want);
    let a = arange(Int(1), Float(1.3), Float(0.1), DType::Float64).unwrap();
    let want = [
        0x3ff0000000000000,
        0x3ff199999999999a,
        0x3ff3333333333334,
        0x3ff4ccccccccccce,
    ];
    assert_eq!(bits(&a), want);
    let a = arange(Float(-1.5), Int(2), Float(0.7), DType::Float64).unwrap();
    let want = [
        0xbff8000000000000,
        0xbfe999999999999a,
        0xbfb99999999999a0,
        0x3fe3333333333330,
        0x3ff4cccccccccccc,
    ];
    assert_eq!(bits(&a), want);
}

#[test]
fn arange_steps_in_the_target_type() {
    let a = arange(Int(0), Int(1), Float(0.1), DType::Float32).unwrap();
    let got: Vec<u32> = a.to_vec::<f32>().iter().map(|x| x.to_bits()).collect();
    let want = [
        0x0, 0x3dcccccd, 0x3e4ccccd, 0x3e99999a, 0x3ecccccd, 0x3f000000, 0x3f19999a, 0x3f333333,
        0x3f4ccccd, 0x3f666667,
    ];
    assert_eq!(got, want);
    let a = arange(Int(0), Int(1), Float(0.3), DType::Float16).unwrap();
    let got: Vec<u16> = a
        .to_vec::<half::f16>()
        .iter()
        .map(|x| x.to_bits())
        .collect();
    assert_eq!(got, [0x0, 0x34cd, 0x38cd, 0x3b34]);
    let a = arange(Float(0.5), Int(5), Float(1.5), DType::Int64).unwrap();
    assert_eq!(ints(&a), [0, 2, 4]);
    assert_eq!(
        ints(&arange(Int(10), Int(0), Int(-3), DType::Int64).unwrap()),
        [10, 7, 4, 1]
    );
    let a = arange(Int(250), Int(260), Int(1), DType::UInt8).unwrap();
    assert_eq!(a.to_vec::<u8>(), [250, 251, 252, 253, 254, 255, 0, 1, 2, 3]);
    let a = arange(Int(0), Int(5), Float(1.5), DType::Int8).unwrap();
    assert_eq!(ints(&a), [0, 1, 2, 3]);
    let big = 1i128 << 63;
    let a = arange(Int(big), Int(big + 3), Int(1), DType::UInt64).unwrap();
    assert_eq!(a.to_vec::<u64>(), [1 << 63, (1 << 63) + 1, (1 << 63) + 2]);
    let a = arange(Int(0), Int(3), Int(1), DType::Complex128).unwrap();
    assert_eq!(
        a.to_vec::<c128>(),
        [c128::new(0., 0.), c128::new(1., 0.), c128::new(2., 0.)]
    );
    let c = |re, im| PyValue::Complex(c128::new(re, im));
    assert_eq!(
        arange(c(1., 1.), c(5., 2.), Int(1), DType::Complex128)
            .unwrap()
            .size(),
        1
    );
    assert_eq!(
        arange(c(1., 1.), c(5., 3.), c(1., 0.5), DType::Complex128)
            .unwrap()
            .size(),
        0
    );
    assert_eq!(
        arange(Int(5), Int(0), Int(1), DType::Int64)
            .unwrap()
            .shape(),
        &[0]
    );
}

#[test]
fn arange_errors() {
    let zero = |m: &str| Error::ZeroDivision(m.into());
    assert_eq!(
        arange(Int(0), Int(1), Int(0), DType::Int64).unwrap_err(),
        zero("division by zero")
    );
    let e = arange(Int(0), Int(1), Float(0.0), DType::Float64).unwrap_err();
    assert_eq!(e, zero("float division by zero"));
    let c = PyValue::Complex(c128::new(0.0, 2.0));
    assert_eq!(
        arange(Int(0), c, Int(0), DType::Complex128).unwrap_err(),
        zero("complex division by zero")
    );
    assert_eq!(
        arange(Int(0), Int(5), Int(1), DType::Bool).unwrap_err(),
        Error::Type(
            "arange() is only supported for booleans when the result has at most length 2.".into()
        )
    );
    assert_eq!(
        arange(Int(0), Int(2), Int(1), DType::Bool)
            .unwrap()
            .to_vec::<bool>(),
        [false, true]
    );
    let value = |m: &str| Error::Value(m.into());
    let e = arange(Int(0), Float(f64::INFINITY), Int(1), DType::Float64).unwrap_err();
    assert_eq!(e, value("Maximum allowed size exceeded"));
    let e = arange(Int(0), Float(f64::NAN), Int(1), DType::Float64).unwrap_err();
    assert_eq!(e, value("arange: cannot compute length"));
    let e = arange(Int(0), Float(1e30), Int(1), DType::Float64).unwrap_err();
    assert_eq!(e, value("Maximum allowed size exceeded"));
    let e = arange(Int(-3), Int(3), Int(1), DType::UInt8).unwrap_err();
    assert_eq!(
        e,
        Error::Overflow("Python integer -3 out of bounds for uint8".into())
    );
    // Beyond i128 the length is a float, as large as Python's exact one: no panic.
    let e = arange(Int(i128::MAX), Int(i128::MIN), Int(-1), DType::Int64).unwrap_err();
    assert_eq!(e, value("Maximum allowed size exceeded"));
    let e = arange(Int(0), Float(1e18), Int(1), DType::Float64).unwrap_err();
    assert!(matches!(e, Error::Memory(_)), "{e:?}");
}

#[test]
fn linspace_matches_numpy_bits() {
    let (y, step) = linspace(&py(Int(0)), &py(Int(1)), 7, true, None, 0).unwrap();
    let want = [
        0x0,
        0x3fc5555555555555,
        0x3fd5555555555555,
        0x3fe0000000000000,
        0x3fe5555555555555,
        0x3feaaaaaaaaaaaaa,
        0x3ff0000000000000,
    ];
    assert_eq!(bits(&y), want);
    assert_eq!(step.item().unwrap(), Scalar::Float64(1.0 / 6.0));
    let (y, _) = linspace(&py(Int(2)), &py(Int(3)), 5, false, None, 0).unwrap();
    let want = [
        0x4000000000000000,
        0x400199999999999a,
        0x4003333333333333,
        0x4004cccccccccccd,
        0x4006666666666666,
    ];
    assert_eq!(bits(&y), want);
    // A step that underflows divides first.
    let (y, _) = linspace(&py(Int(0)), &py(Float(1e-320)), 3, true, None, 0).unwrap();
    assert_eq!(bits(&y), [0x0, 0x3f4, 0x7e8]);
    let f32_start = Arg::from(NdArray::from_scalar(Scalar::Float32(0.0)));
    let (y, _) = linspace(&f32_start, &py(Float(0.7)), 4, true, None, 0).unwrap();
    assert_eq!(y.dtype(), DType::Float32);
    let got: Vec<u32> = y.to_vec::<f32>().iter().map(|x| x.to_bits()).collect();
    assert_eq!(got, [0x0, 0x3e6eeeef, 0x3eeeeeef, 0x3f333333]);
}

#[test]
fn linspace_integer_dtypes_take_the_floor() {
    let (y, _) = linspace(&py(Int(0)), &py(Int(10)), 5, true, Some(DType::Int64), 0).unwrap();
    assert_eq!(ints(&y), [0, 2, 5, 7, 10]);
    let (y, _) = linspace(&py(Int(-1)), &py(Int(10)), 5, true, Some(DType::Int64), 0).unwrap();
    assert_eq!(ints(&y), [-1, 1, 4, 7, 10]);
    let (y, step) = linspace(&py(Int(0)), &py(Int(10)), 4, false, Some(DType::UInt8), 0).unwrap();
    assert_eq!((y.dtype(), ints(&y)), (DType::UInt8, vec![0, 2, 5, 7]));
    assert_eq!(step.item().unwrap(), Scalar::Float64(2.5));
    let int8 = |v| Arg::from(NdArray::from_scalar(Scalar::Int8(v)));
    let (y, _) = linspace(&int8(0), &int8(10), 5, true, None, 0).unwrap();
    assert_eq!(y.dtype(), DType::Float64);
}

#[test]
fn linspace_edge_counts_and_errors() {
    let nan = |s: &NdArray| s.item().unwrap().to_f64().is_nan();
    let (y, step) = linspace(&py(Int(2)), &py(Int(3)), 1, true, None, 0).unwrap();
    assert_eq!((y.to_vec::<f64>(), nan(&step)), (vec![2.0], true));
    let (y, step) = linspace(&py(Int(2)), &py(Int(3)), 0, true, None, 0).unwrap();
    assert_eq!((y.shape(), nan(&step)), (&[0][..], true));
    let (y, step) = linspace(&py(Int(2)), &py(Int(3)), 1, false, None, 0).unwrap();
    assert_eq!(
        (y.to_vec::<f64>(), step.item().unwrap()),
        (vec![2.0], Scalar::Float64(1.0))
    );
    let e = linspace(&py(Int(2)), &py(Int(3)), -1, true, None, 0).unwrap_err();
    assert_eq!(
        e,
        Error::Value("Number of samples, -1, must be non-negative.".into())
    );
    let j = PyValue::Complex(c128::new(0.0, 1.0));
    let (y, step) = linspace(&py(Int(0)), &py(j), 3, true, None, 0).unwrap();
    assert_eq!(y.to_vec::<c128>()[1], c128::new(0.0, 0.5));
    assert_eq!(
        step.item().unwrap(),
        Scalar::Complex128(c128::new(0.0, 0.5))
    );
}

#[test]
fn linspace_with_array_bounds_and_axis() {
    let lo = Arg::from(NdArray::from_vec(vec![0i64, 10], &[2]).unwrap());
    let hi = Arg::from(NdArray::from_vec(vec![1i64, 20], &[2]).unwrap());
    let (y, step) = linspace(&lo, &hi, 3, true, None, -1).unwrap();
    assert_eq!(y.shape(), &[2, 3]);
    assert_eq!(y.to_vec::<f64>(), [0.0, 0.5, 1.0, 10.0, 15.0, 20.0]);
    assert_eq!(step.to_vec::<f64>(), [0.5, 5.0]);
    let e = linspace(&lo, &hi, 3, true, None, 3).unwrap_err();
    assert_eq!(
        e,
        Error::Axis("destination: axis 3 is out of bounds for array of dimension 2".into())
    );
}

#[test]
fn eye_identity_and_tri() {
    let e = eye(3, Some(4), 1, DType::Float64, Order::C).unwrap();
    assert_eq!(
        e.to_vec::<f64>(),
        [0., 1., 0., 0., 0., 0., 1., 0., 0., 0., 0., 1.]
    );
    let e = eye(3, Some(4), -5, DType::Float64, Order::C).unwrap();
    assert!(e.to_vec::<f64>().iter().all(|&x| x == 0.0));
    let f = eye(2, None, 0, DType::Int64, Order::F).unwrap();
    assert!(f.is_f_contiguous() && ints(&f) == [1, 0, 0, 1]);
    assert_eq!(
        eye(-1, None, 0, DType::Float64, Order::C).unwrap_err(),
        Error::Value("negative dimensions are not allowed".into())
    );
    assert_eq!(
        eye(0, None, 0, DType::Float64, Order::C).unwrap().shape(),
        &[0, 0]
    );
    let i = identity(2, DType::Bool).unwrap();
    assert_eq!(i.to_vec::<bool>(), [true, false, false, true]);
    let t = tri(3, Some(4), 1, DType::Int64).unwrap();
    assert_eq!(ints(&t), [1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1]);
    assert_eq!(tri(-2, None, 0, DType::Float64).unwrap().shape(), &[0, 0]);
    let too_large = Error::Overflow("Python int too large to convert to C long".into());
    assert_eq!(
        tri(2, Some(3), isize::MIN + 1, DType::Int64).unwrap_err(),
        too_large
    );
    assert_eq!(
        tri(2, Some(3), isize::MIN + 3, DType::Int64)
            .unwrap()
            .shape(),
        &[2, 3]
    );
    assert_eq!(
        tri(2, Some(3), isize::MAX, DType::Int64).unwrap().shape(),
        &[2, 3]
    );
    assert_eq!(
        tri(-5, Some(isize::MIN + 3), isize::MIN + 1, DType::Int64)
            .unwrap()
            .shape(),
        &[0, 0]
    );
}

#[test]
fn tril_and_triu() {
    let a = NdArray::from_vec((0..12i64).collect(), &[3, 4]).unwrap();
    assert_eq!(
        ints(&tril(&a, -1).unwrap()),
        [0, 0, 0, 0, 4, 0, 0, 0, 8, 9, 0, 0]
    );
    assert_eq!(
        ints(&triu(&a, 1).unwrap()),
        [0, 1, 2, 3, 0, 0, 6, 7, 0, 0, 0, 11]
    );
    let b = NdArray::from_vec((0..24i64).collect(), &[2, 3, 4]).unwrap();
    let u = triu(&b, 1).unwrap();
    assert_eq!(ints(&u)[12..], [0, 13, 14, 15, 0, 0, 18, 19, 0, 0, 0, 23]);
    let v = NdArray::from_vec((0..4i64).collect(), &[4]).unwrap();
    let u = triu(&v, 1).unwrap();
    assert_eq!(u.shape(), &[4, 4]);
    assert_eq!(ints(&u), [0, 1, 2, 3, 0, 0, 2, 3, 0, 0, 0, 3, 0, 0, 0, 0]);
    let t = a.transpose(None).unwrap();
    let l = tril(&t, 0).unwrap();
    assert!(!l.same_buffer(&t));
    assert_eq!(ints(&l), [0, 0, 0, 1, 5, 0, 2, 6, 10, 3, 7, 11]);
    assert_eq!(
        tril(&NdArray::from_scalar(Scalar::Int8(4)), 1).unwrap_err(),
        Error::Type("tri() missing 1 required positional argument: 'N'".into())
    );
}

#[test]
fn diag_and_diagonal() {
    let v = NdArray::from_vec((0..3i64).collect(), &[3]).unwrap();
    assert_eq!(
        ints(&diag(&v, 1).unwrap()),
        [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0]
    );
    assert_eq!(
        ints(&diag(&v, -1).unwrap()),
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0]
    );
    let m = NdArray::from_vec((0..12i64).collect(), &[3, 4]).unwrap();
    let d = diag(&m, 1).unwrap();
    assert_eq!(ints(&d), [1, 6, 11]);
    assert!(d.same_buffer(&m) && !d.is_writeable());
    assert_eq!(diag(&m, -5).unwrap().shape(), &[0]);
    assert_eq!(diag(&m, 7).unwrap().shape(), &[0]);
    let input_err = Error::Value("Input must be 1- or 2-d.".into());
    assert_eq!(
        diag(&NdArray::from_scalar(Scalar::Int8(3)), 0).unwrap_err(),
        input_err
    );
    // The diagonal of a flipped matrix walks the anti-diagonal of the base.
    let flipped = m.flip(Some(&[1])).unwrap();
    assert_eq!(ints(&diag(&flipped, 0).unwrap()), [3, 6, 9]);

    let b = NdArray::from_vec((0..24i64).collect(), &[2, 3, 4]).unwrap();
    let d = b.diagonal(0, 0, 2).unwrap();
    assert_eq!(
        (d.shape(), ints(&d)),
        (&[3, 2][..], vec![0, 13, 4, 17, 8, 21])
    );
    let d = b.diagonal(1, -1, 0).unwrap();
    assert_eq!((d.shape(), ints(&d)), (&[3, 1][..], vec![12, 16, 20]));
    let value = |m: &str| Error::Value(m.into());
    let axis = |m: &str| Error::Axis(m.into());
    assert_eq!(
        b.diagonal(0, 1, 1).unwrap_err(),
        value("axis1 and axis2 cannot be the same")
    );
    assert_eq!(
        b.diagonal(0, 1, 3).unwrap_err(),
        axis("axis2: axis 3 is out of bounds for array of dimension 3")
    );
    assert_eq!(
        b.diagonal(0, -4, 1).unwrap_err(),
        axis("axis1: axis -4 is out of bounds for array of dimension 3")
    );
    assert_eq!(
        v.diagonal(0, 0, 1).unwrap_err(),
        value("diag requires an array of at least two dimensions")
    );
    assert_eq!(
        m.diagonal(1 << 31, 0, 1).unwrap_err(),
        Error::Overflow("signed integer is greater than maximum".into())
    );
    assert_eq!(
        m.diagonal(-(1 << 31) - 1, 0, 1).unwrap_err(),
        Error::Overflow("signed integer is less than minimum".into())
    );
}
