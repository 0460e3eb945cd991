//! NumPy's `cont`/`disc` machinery for distribution parameters (`_common.pyx`): parameters
//! become float64 or int64 arrays; when all are 0-d they are scalars, checked with the scalar
//! messages, and `size=None` returns one Python number; otherwise they broadcast with each
//! other and with `size`, are checked with the array messages, and the draws run over the
//! output in C order, which is NumPy's draw order.

use crate::convert::array_from_py;
use crate::ndarray::PyNdArray;
use numoxide::element::Element;
use numoxide::{DType, NdArray, Order};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyInt, PyString};

/// Largest Poisson mean both APIs accept: int64's maximum less ten of its square roots.
pub fn poisson_lam_max() -> f64 {
    let max = i64::MAX as f64;
    max - max.sqrt() * 10.0
}

/// A parameter check of `_common.pyx` (`CONS_*`), each with its scalar and array messages.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Constraint {
    Any,
    NonNegative,
    Positive,
    PositiveNotNan,
    Bounded01,
    BoundedGt01,
    BoundedLt01,
    Gt1,
    Gte1,
    Poisson,
    /// `RandomState`'s `long` bound on counts.
    NonNegativeInboundsLong,
}

const LONG_BOUND_MESSAGE: &str =
    "is out of bounds for long, consider using the new generator API for 64bit integers.";

fn value_error(message: String) -> PyErr {
    PyValueError::new_err(message)
}

/// `check_constraint`: the scalar form of a check.
pub fn check_scalar(v: f64, name: &str, c: Constraint) -> PyResult<()> {
    let fail = |m: String| Err(value_error(m));
    match c {
        Constraint::Any => Ok(()),
        Constraint::NonNegative if !v.is_nan() && v.is_sign_negative() => {
            fail(format!("{name} < 0"))
        }
        Constraint::PositiveNotNan if v.is_nan() => fail(format!("{name} must not be NaN")),
        Constraint::Positive | Constraint::PositiveNotNan if v <= 0.0 => {
            fail(format!("{name} <= 0"))
        }
        Constraint::Bounded01 if !(0.0..=1.0).contains(&v) => {
            fail(format!("{name} < 0, {name} > 1 or {name} is NaN"))
        }
        Constraint::BoundedGt01 if v.is_nan() || v <= 0.0 || v > 1.0 => {
            fail(format!("{name} <= 0, {name} > 1 or {name} contains NaNs"))
        }
        Constraint::BoundedLt01 if !(0.0..1.0).contains(&v) => {
            fail(format!("{name} < 0, {name} >= 1 or {name} is NaN"))
        }
        Constraint::Gt1 if v.is_nan() || v <= 1.0 => fail(format!("{name} <= 1 or {name} is NaN")),
        Constraint::Gte1 if v.is_nan() || v < 1.0 => fail(format!("{name} < 1 or {name} is NaN")),
        Constraint::Poisson if v.is_nan() || v < 0.0 => {
            fail(format!("{name} < 0 or {name} is NaN"))
        }
        Constraint::Poisson if v > poisson_lam_max() => fail(format!("{name} value too large")),
        Constraint::NonNegativeInboundsLong if v < 0.0 => fail(format!("{name} < 0")),
        Constraint::NonNegativeInboundsLong if v > i64::MAX as f64 => {
            fail(format!("{name} {LONG_BOUND_MESSAGE}"))
        }
        _ => Ok(()),
    }
}

/// `check_array_constraint`: the array form of a check (some messages differ from the
/// scalar ones, and the Poisson bound is checked before the sign).
pub fn check_array(values: &[f64], name: &str, c: Constraint) -> PyResult<()> {
    let any = |bad: &dyn Fn(f64) -> bool| values.iter().any(|&v| bad(v));
    let fail = |m: String| Err(value_error(m));
    match c {
        Constraint::Any => Ok(()),
        Constraint::NonNegative if any(&|v| !v.is_nan() && v.is_sign_negative()) => {
            fail(format!("{name} < 0"))
        }
        Constraint::PositiveNotNan if any(&f64::is_nan) => fail(format!("{name} must not be NaN")),
        Constraint::Positive | Constraint::PositiveNotNan if any(&|v| v <= 0.0) => {
            fail(format!("{name} <= 0"))
        }
        Constraint::Bounded01 if any(&|v| !(0.0..=1.0).contains(&v)) => {
            fail(format!("{name} < 0, {name} > 1 or {name} contains NaNs"))
        }
        Constraint::BoundedGt01 if any(&|v| v.is_nan() || v <= 0.0 || v > 1.0) => {
            fail(format!("{name} <= 0, {name} > 1 or {name} contains NaNs"))
        }
        Constraint::BoundedLt01 if any(&|v| !(0.0..1.0).contains(&v)) => {
            fail(format!("{name} < 0, {name} >= 1 or {name} contains NaNs"))
        }
        Constraint::Gt1 if any(&|v| v.is_nan() || v <= 1.0) => {
            fail(format!("{name} <= 1 or {name} contains NaNs"))
        }
        Constraint::Gte1 if any(&|v| v.is_nan() || v < 1.0) => {
            fail(format!("{name} < 1 or {name} contains NaNs"))
        }
        Constraint::Poisson if any(&|v| v.is_nan() || v > poisson_lam_max()) => {
            fail(format!("{name} value too large"))
        }
        Constraint::Poisson if any(&|v| v.is_nan() || v < 0.0) => {
            fail(format!("{name} < 0 or {name} contains NaNs"))
        }
        Constraint::NonNegativeInboundsLong if any(&|v| v.is_nan() || v < 0.0) => {
            fail(format!("{name} < 0"))
        }
        Constraint::NonNegativeInboundsLong if any(&|v| v > i64::MAX as f64) => {
            fail(format!("{name} {LONG_BOUND_MESSAGE}"))
        }
        _ => Ok(()),
    }
}

/// The element type a parameter is converted to (`NPY_DOUBLE` or `NPY_INT64`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Float,
    Int,
}

/// One parameter after conversion: its values in C order (one value when 0-d) and shape.
#[derive(Clone, Debug)]
pub struct Param {
    shape: Vec<usize>,
    values: Values,
}

#[derive(Clone, Debug)]
enum Values {
    Float(Vec<f64>),
    Int(Vec<i64>),
}

impl Param {
    /// `PyArray_FROM_OTF(obj, NPY_DOUBLE or NPY_INT64)`.
    pub fn convert(obj: &Bound<'_, PyAny>, kind: Kind) -> PyResult<Param> {
        if obj.is_none() {
            // NumPy turns None into a 0-d NaN array, then fails to read it as a number.
            return Err(PyTypeError::new_err("must be real number, not NoneType"));
        }
        if let Some(p) = Self::fast_scalar(obj, kind) {
            return Ok(p);
        }
        let dtype = match kind {
            Kind::Float => DType::Float64,
            Kind::Int => DType::Int64,
        };
        let array = match obj.cast::<PyNdArray>() {
            Ok(a) => a.borrow().array.astype(dtype, Order::C),
            Err(_) => array_from_py(obj, Some(dtype))?,
        };
        Ok(Self::from_array(&array, kind))
    }

    /// Python floats and ints need no array.
    fn fast_scalar(obj: &Bound<'_, PyAny>, kind: Kind) -> Option<Param> {
        let values = match kind {
            Kind::Float if obj.is_exact_instance_of::<PyFloat>() => {
                Values::Float(vec![obj.extract::<f64>().ok()?])
            }
            Kind::Float if obj.is_exact_instance_of::<PyInt>() => {
                Values::Float(vec![obj.extract::<f64>().ok()?])
            }
            Kind::Int if obj.is_exact_instance_of::<PyInt>() => {
                Values::Int(vec![obj.extract::<i64>().ok()?])
            }
            _ => return None,
        };
        Some(Param {
            shape: Vec::new(),
            values,
        })
    }

    fn from_array(array: &NdArray, kind: Kind) -> Param {
        let values = match kind {
            Kind::Float => Values::Float(array.to_vec::<f64>()),
            Kind::Int => Values::Int(array.to_vec::<i64>()),
        };
        Param {
            shape: array.shape().to_vec(),
            values,
        }
    }

    /// A parameter from already computed values (e.g. `high - low`).
    pub fn from_floats(values: Vec<f64>, shape: Vec<usize>) -> Param {
        Param {
            shape,
            values: Values::Float(values),
        }
    }

    /// Rounds float values to float32, as `cont_f`'s `NPY_FLOAT32` conversion does.
    fn round_to_f32(&mut self) {
        if let Values::Float(v) = &mut self.values {
            v.iter_mut().for_each(|x| *x = f64::from(*x as f32));
        }
    }

    /// Whether NumPy treats the parameter as a scalar (a 0-d array).
    pub fn is_scalar(&self) -> bool {
        self.shape.is_empty()
    }

    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// The values as doubles (integers converted, as NumPy's checks see them).
    pub fn floats(&self) -> Vec<f64> {
        match &self.values {
            Values::Float(v) => v.clone(),
            Values::Int(v) => v.iter().map(|&x| x as f64).collect(),
        }
    }

    /// The first value as a double.
    pub fn first_float(&self) -> f64 {
        match &self.values {
            Values::Float(v) => v.first().copied().unwrap_or(f64::NAN),
            Values::Int(v) => v.first().map(|&x| x as f64).unwrap_or(f64::NAN),
        }
    }

    /// The values as doubles over `out_shape` (which the parameter broadcasts to), C order.
    pub fn values_over(&self, out_shape: &[usize]) -> Vec<f64> {
        let n = out_shape.iter().product();
        match self.broadcast_to(out_shape) {
            Column::ScalarF(v) => vec![v; n],
            Column::ScalarI(v) => vec![v as f64; n],
            Column::ArrayF(v) => v,
            Column::ArrayI(v) => v.into_iter().map(|x| x as f64).collect(),
        }
    }

    /// This parameter's values over `out_shape` (which it broadcasts to) in C order.
    fn broadcast_to(&self, out_shape: &[usize]) -> Column {
        if self.values_len() == 1 {
            return match &self.values {
                Values::Float(v) => Column::ScalarF(v[0]),
                Values::Int(v) => Column::ScalarI(v[0]),
            };
        }
        if self.shape == out_shape {
            return match &self.values {
                Values::Float(v) => Column::ArrayF(v.clone()),
                Values::Int(v) => Column::ArrayI(v.clone()),
            };
        }
        let index = broadcast_index(&self.shape, out_shape);
        match &self.values {
            Values::Float(v) => Column::ArrayF(index.iter().map(|&i| v[i]).collect()),
            Values::Int(v) => Column::ArrayI(index.iter().map(|&i| v[i]).collect()),
        }
    }

    fn values_len(&self) -> usize {
        match &self.values {
            Values::Float(v) => v.len(),
            Values::Int(v) => v.len(),
        }
    }
}

/// For each element of `out_shape` in C order, the flat C index of the element of an array
/// of `shape` (right-aligned, broadcasting) that it reads.
fn broadcast_index(shape: &[usize], out_shape: &[usize]) -> Vec<usize> {
    let n: usize = out_shape.iter().product();
    let offset = out_shape.len() - shape.len();
    // Element strides of the input, zero on broadcast axes.
    let mut strides = vec![0usize; out_shape.len()];
    let mut step = 1;
    for (k, &d) in shape.iter().enumerate().rev() {
        strides[offset + k] = if d == 1 { 0 } else { step };
        step *= d;
    }
    let mut out = Vec::with_capacity(n);
    let mut counter = vec![0usize; out_shape.len()];
    let mut at = 0usize;
    for _ in 0..n {
        out.push(at);
        for axis in (0..out_shape.len()).rev() {
            counter[axis] += 1;
            at += strides[axis];
            if counter[axis] < out_shape[axis] {
                break;
            }
            at -= strides[axis] * counter[axis];
            counter[axis] = 0;
        }
    }
    out
}

fn shape_repr(shape: &[usize]) -> String {
    match shape {
        [d] => format!("({d},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// NumPy's `PyArray_Broadcast`: the common shape, or its "shape mismatch" error naming the
/// first pair of arguments found to disagree.
pub fn broadcast(shapes: &[&[usize]]) -> PyResult<Vec<usize>> {
    let nd = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; nd];
    for (i, o) in out.iter_mut().enumerate() {
        let mut source = 0;
        for (j, s) in shapes.iter().enumerate() {
            let Some(k) = (i + s.len()).checked_sub(nd) else {
                continue;
            };
            let d = s[k];
            if d == 1 {
                continue;
            }
            if *o == 1 {
                *o = d;
                source = j;
            } else if *o != d {
                return Err(value_error(format!(
                    "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch \
                     is between arg {source} with shape {} and arg {j} with shape {}.",
                    shape_repr(shapes[source]),
                    shape_repr(s)
                )));
            }
        }
    }
    Ok(out)
}

/// A `size` argument as `np.empty` reads it: an integer or a sequence of integers.
pub fn size_arg(size: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    let dims: Vec<i64> = if let Ok(n) = size.extract::<i64>() {
        vec![n]
    } else if let (false, Ok(items)) = (size.is_instance_of::<PyFloat>(), size.try_iter()) {
        let mut dims = Vec::new();
        for item in items {
            let item = item?;
            dims.push(item.extract::<i64>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(&item)
                ))
            })?);
        }
        dims
    } else {
        return Err(PyTypeError::new_err(format!(
            "expected a sequence of integers or a single integer, got '{}'",
            size.repr().map(|r| r.to_string()).unwrap_or_default()
        )));
    };
    if dims.iter().any(|&d| d < 0) {
        return Err(value_error("negative dimensions are not allowed".into()));
    }
    Ok(dims.into_iter().map(|d| d as usize).collect())
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    if obj.is_instance_of::<PyString>() {
        return "str".into();
    }
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default()
}

/// One parameter of a call, with its name and check.
pub struct Spec<'a, 'py> {
    pub obj: &'a Bound<'py, PyAny>,
    pub name: &'static str,
    pub constraint: Constraint,
    pub kind: Kind,
}

impl<'a, 'py> Spec<'a, 'py> {
    /// A float64 parameter.
    pub fn float(obj: &'a Bound<'py, PyAny>, name: &'static str, constraint: Constraint) -> Self {
        Spec {
            obj,
            name,
            constraint,
            kind: Kind::Float,
        }
    }
    /// An int64 parameter.
    pub fn int(obj: &'a Bound<'py, PyAny>, name: &'static str, constraint: Constraint) -> Self {
        Spec {
            obj,
            name,
            constraint,
            kind: Kind::Int,
        }
    }
}

/// Converts the parameters in order (conversion errors come first, as in NumPy).
pub fn convert_all(specs: &[Spec<'_, '_>]) -> PyResult<Vec<Param>> {
    specs
        .iter()
        .map(|s| Param::convert(s.obj, s.kind))
        .collect()
}

/// What a call draws: the output shape (None for one Python number) and each parameter's
/// values over it.
pub struct Plan {
    shape: Option<Vec<usize>>,
    columns: Vec<Column>,
    /// A caller's `out=` array, which the draws fill in memory order, as NumPy's do.
    target: Option<NdArray>,
}

/// A parameter's values over the output: one value, or one per output element.
#[derive(Clone, Debug)]
enum Column {
    ScalarF(f64),
    ArrayF(Vec<f64>),
    ScalarI(i64),
    ArrayI(Vec<i64>),
}

/// The parameters of one draw.
pub struct Args<'a> {
    columns: &'a [Column],
    at: usize,
}

impl Args<'_> {
    /// The `k`-th parameter as a double.
    #[inline]
    pub fn f(&self, k: usize) -> f64 {
        match &self.columns[k] {
            Column::ScalarF(v) => *v,
            Column::ArrayF(v) => v[self.at],
            Column::ScalarI(v) => *v as f64,
            Column::ArrayI(v) => v[self.at] as f64,
        }
    }
    /// The `k`-th parameter as an integer.
    #[inline]
    pub fn i(&self, k: usize) -> i64 {
        match &self.columns[k] {
            Column::ScalarI(v) => *v,
            Column::ArrayI(v) => v[self.at],
            Column::ScalarF(v) => *v as i64,
            Column::ArrayF(v) => v[self.at] as i64,
        }
    }
}

impl Plan {
    /// NumPy's `cont`/`disc` for already converted parameters: checks (scalar or array form),
    /// then the output shape from `size` or the broadcast, then the broadcast check.
    pub fn new(
        params: Vec<Param>,
        specs: &[Spec<'_, '_>],
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Plan> {
        let scalar = params.iter().all(Param::is_scalar);
        for (p, s) in params.iter().zip(specs) {
            if scalar {
                check_scalar(p.first_float(), s.name, s.constraint)?;
            } else if s.constraint != Constraint::Any {
                check_array(&p.floats(), s.name, s.constraint)?;
            }
        }
        Self::unchecked(params, size, scalar)
    }

    /// As [`Plan::new`] without parameter checks (done by the caller).
    pub fn unchecked(
        params: Vec<Param>,
        size: Option<&Bound<'_, PyAny>>,
        scalar: bool,
    ) -> PyResult<Plan> {
        let shape = match size {
            Some(s) => Some(size_arg(s)?),
            None if scalar => None,
            None => {
                let shapes: Vec<&[usize]> = params.iter().map(|p| p.shape()).collect();
                Some(broadcast(&shapes)?)
            }
        };
        if let (Some(out), false) = (&shape, scalar) {
            let mut shapes: Vec<&[usize]> = vec![out];
            shapes.extend(params.iter().map(|p| p.shape()));
            let joint = broadcast(&shapes)?;
            if joint != *out {
                return Err(value_error(format!(
                    "Output size {} is not compatible with broadcast dimensions of inputs {}.",
                    shape_repr(out),
                    shape_repr(&joint)
                )));
            }
        }
        let out_shape = shape.clone().unwrap_or_default();
        let columns = params.iter().map(|p| p.broadcast_to(&out_shape)).collect();
        Ok(Plan {
            shape,
            columns,
            target: None,
        })
    }

    /// A plan without parameters drawing an array of `shape`.
    pub fn fixed(shape: Vec<usize>) -> Plan {
        Plan {
            shape: Some(shape),
            columns: Vec::new(),
            target: None,
        }
    }

    /// A plan drawing into an output of `shape` (an `out=` array): the parameters must
    /// broadcast to it exactly.
    pub fn with_shape(params: Vec<Param>, shape: Vec<usize>) -> PyResult<Plan> {
        let mut shapes: Vec<&[usize]> = vec![&shape];
        shapes.extend(params.iter().map(|p| p.shape()));
        let joint = broadcast(&shapes)?;
        if joint != shape {
            return Err(value_error(format!(
                "Output size {} is not compatible with broadcast dimensions of inputs {}.",
                shape_repr(&shape),
                shape_repr(&joint)
            )));
        }
        let columns = params.iter().map(|p| p.broadcast_to(&shape)).collect();
        Ok(Plan {
            shape: Some(shape),
            columns,
            target: None,
        })
    }

    /// Draws every output element in order: one value for a scalar draw, otherwise straight
    /// into the `out=` array or a new array of the output's shape (a fresh `Vec` would
    /// page-fault on every call, and its copy into an array would cost as much again).
    #[inline]
    pub fn fill<T: Element, F: FnMut(&Args<'_>) -> T>(&self, mut draw: F) -> Drawn<T> {
        let mut args = Args {
            columns: &self.columns,
            at: 0,
        };
        let Some(shape) = &self.shape else {
            return Drawn::One(draw(&args));
        };
        let fill = |out: &mut [T]| {
            for (at, x) in out.iter_mut().enumerate() {
                args.at = at;
                *x = draw(&args);
            }
        };
        Drawn::Array(match &self.target {
            Some(target) => target.fill_contiguous(fill).map(|()| target.clone()),
            None => NdArray::from_fill(shape, fill),
        })
    }

    /// The result as NumPy returns it: a Python float or int for scalar parameters without
    /// `size`, otherwise the drawn array.
    pub fn finish<T: Element>(&self, py: Python<'_>, drawn: Drawn<T>) -> PyResult<Py<PyAny>> {
        Ok(match drawn {
            Drawn::One(v) => crate::scalars::to_builtin(py, v.into_scalar())?.unbind(),
            Drawn::Array(a) => {
                let a = a.map_err(crate::errors::to_py_err)?;
                PyNdArray::new(a).into_pyobject(py)?.into_any().unbind()
            }
        })
    }
}

/// What a plan drew: the one value of a scalar draw, or the output array.
pub enum Drawn<T> {
    One(T),
    Array(numoxide::Result<NdArray>),
}

/// A new array of `values` with `shape`.
pub fn array_result<T: numoxide::element::Element>(
    py: Python<'_>,
    values: Vec<T>,
    shape: &[usize],
) -> PyResult<Py<PyAny>> {
    let a = NdArray::from_vec(values, shape).map_err(crate::errors::to_py_err)?;
    Ok(PyNdArray::new(a).into_pyobject(py)?.into_any().unbind())
}

/// Draws a `Plan` with a `Generator`: `generator_fill!(self, py, plan, |g, a| expr)` runs
/// `expr` for every output element with `g` the concrete bit generator (matched once per
/// call) and `a` the element's [`Args`].
macro_rules! generator_fill {
    ($gen:expr, $py:expr, $plan:expr, |$g:ident, $a:ident| $body:expr) => {{
        let plan = &$plan;
        $gen.draw($py, |bits: &mut numoxide_random::AnyBitGenerator| {
            numoxide_random::with_bit_generator!(bits, $g => plan.fill(|$a| $body))
        })
    }};
}
pub(crate) use generator_fill;

/// As [`generator_fill!`] for a `RandomState`: `g` is a
/// [`Legacy`](numoxide_random::distributions::legacy::Legacy) over the concrete bit generator
/// and the state's cached Gaussian.
macro_rules! legacy_fill {
    ($state:expr, $py:expr, $plan:expr, |$g:ident, $a:ident| $body:expr) => {{
        let plan = &$plan;
        $state.draw_legacy(
            $py,
            |bits: &mut numoxide_random::AnyBitGenerator, gauss: &mut Option<f64>| {
                numoxide_random::with_bit_generator!(bits, concrete => {
                    // Some bodies only reach the bit generator through it.
                    #[allow(unused_mut)]
                    let mut $g =
                        numoxide_random::distributions::legacy::Legacy::new(concrete, gauss);
                    plan.fill(|$a| $body)
                })
            },
        )
    }};
}
pub(crate) use legacy_fill;

/// Kahan's compensated sum of `values`, as NumPy checks multinomial probabilities.
pub fn kahan_sum(values: &[f64]) -> f64 {
    let Some((&first, rest)) = values.split_first() else {
        return 0.0;
    };
    let mut sum = first;
    let mut c = 0.0;
    for &v in rest {
        let y = v - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    sum
}

/// NumPy's `np.subtract`/`np.greater` style pairing of two parameters: both broadcast (with
/// the ufunc's error), then `op` runs on each pair in C order.
pub fn pairwise(
    a: &Param,
    b: &Param,
    op: impl Fn(f64, f64) -> f64,
) -> PyResult<(Vec<f64>, Vec<usize>)> {
    let shape: Vec<usize> = numoxide::layout::broadcast_shapes(&[a.shape(), b.shape()])
        .map_err(crate::errors::to_py_err)?
        .to_vec();
    let (av, bv) = (a.floats(), b.floats());
    let (ai, bi) = (
        broadcast_index(a.shape(), &shape),
        broadcast_index(b.shape(), &shape),
    );
    let values = ai
        .iter()
        .zip(&bi)
        .map(|(&i, &j)| op(av[i], bv[j]))
        .collect();
    Ok((values, shape))
}

/// A draw that may write into a caller's `out=` array (NumPy's `double_fill`, `float_fill`
/// and `cont` with `out`): the plan, and where the values go.
pub struct OutPlan {
    pub plan: Plan,
    /// The `out=` object, returned as the result.
    out: Option<Py<PyAny>>,
}

impl OutPlan {
    /// `plan`, drawing into the array of `out` when there is one.
    fn targeting(mut plan: Plan, out: Option<(Py<PyAny>, NdArray)>) -> OutPlan {
        let out = out.map(|(obj, array)| {
            plan.target = Some(array);
            obj
        });
        OutPlan { plan, out }
    }

    /// `double_fill`/`float_fill`: no parameters; `out` may be C- or F-contiguous.
    pub fn new(
        size: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        double: bool,
    ) -> PyResult<OutPlan> {
        let out = check_output(out, double, size, false)?;
        let plan = match (&out, size) {
            (Some((_, a)), _) => Plan::fixed(a.shape().to_vec()),
            (None, Some(s)) => Plan::fixed(size_arg(s)?),
            (None, None) => Plan::unchecked(Vec::new(), None, true)?,
        };
        Ok(OutPlan::targeting(plan, out))
    }

    /// `cont`/`cont_f` with one checked parameter and `out` (which must be C-contiguous).
    pub fn with_params(
        specs: &[Spec<'_, '_>],
        size: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        double: bool,
    ) -> PyResult<OutPlan> {
        let out = check_output(out, double, size, true)?;
        let mut params = convert_all(specs)?;
        if !double {
            // `cont_f` converts the parameter to float32 before checking it.
            for p in &mut params {
                p.round_to_f32();
            }
        }
        let plan = match &out {
            None => Plan::new(params, specs, size)?,
            Some((_, a)) => {
                let scalar = params.iter().all(Param::is_scalar);
                for (p, s) in params.iter().zip(specs) {
                    if scalar {
                        check_scalar(p.first_float(), s.name, s.constraint)?;
                    } else {
                        check_array(&p.floats(), s.name, s.constraint)?;
                    }
                }
                Plan::with_shape(params, a.shape().to_vec())?
            }
        };
        Ok(OutPlan::targeting(plan, out))
    }

    /// The drawn values as NumPy returns them: `out` when given (the draws went into it),
    /// otherwise as `Plan::finish`.
    pub fn finish<T: Element>(&self, py: Python<'_>, drawn: Drawn<T>) -> PyResult<Py<PyAny>> {
        let Some(obj) = &self.out else {
            return self.plan.finish(py, drawn);
        };
        if let Drawn::Array(Err(e)) = drawn {
            return Err(crate::errors::to_py_err(e));
        }
        Ok(obj.clone_ref(py))
    }
}

/// `check_output`: contiguity, dtype and size of a caller's `out=` array.
fn check_output(
    out: Option<&Bound<'_, PyAny>>,
    double: bool,
    size: Option<&Bound<'_, PyAny>>,
    require_c: bool,
) -> PyResult<Option<(Py<PyAny>, NdArray)>> {
    let Some(out) = out.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let array = out
        .cast::<PyNdArray>()
        .map_err(|_| PyTypeError::new_err("out must be a numoxide.ndarray"))?
        .borrow()
        .array
        .clone();
    let contiguous = array.is_c_contiguous() || (!require_c && array.is_f_contiguous());
    if !contiguous || !array.is_writeable() {
        let req = if require_c { "C-" } else { "" };
        return Err(PyValueError::new_err(format!(
            "Supplied output array must be {req}contiguous, writable, aligned, and in machine \
             byte-order."
        )));
    }
    let expected = if double {
        DType::Float64
    } else {
        DType::Float32
    };
    if array.dtype() != expected {
        return Err(PyTypeError::new_err(format!(
            "Supplied output array has the wrong type. Expected {}, got {}",
            expected.name(),
            array.dtype().name()
        )));
    }
    if let Some(size) = size.filter(|s| !s.is_none()) {
        if size_arg(size)? != array.shape() {
            return Err(PyValueError::new_err(
                "size must match out.shape when used together",
            ));
        }
    }
    Ok(Some((out.clone().unbind(), array)))
}

/// NumPy's `cont` and `disc`, shared by both APIs: parameters converted and checked, broadcast
/// against `size`, then drawn by `draw` and returned as NumPy returns them.
pub(crate) trait Sample: Sized {
    fn sample<T, F>(
        &self,
        py: Python<'_>,
        specs: &[Spec<'_, '_>],
        size: Option<&Bound<'_, PyAny>>,
        draw: F,
    ) -> PyResult<Py<PyAny>>
    where
        T: Element,
        F: FnOnce(&Self, &Plan) -> Drawn<T>,
    {
        let plan = Plan::new(convert_all(specs)?, specs, size)?;
        let values = draw(self, &plan);
        plan.finish(py, values)
    }
}

impl Sample for super::Generator {}
impl Sample for super::RandomState {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcast_index_repeats_rows_and_columns() {
        assert_eq!(broadcast_index(&[3], &[2, 3]), vec![0, 1, 2, 0, 1, 2]);
        assert_eq!(broadcast_index(&[2, 1], &[2, 3]), vec![0, 0, 0, 1, 1, 1]);
    }

    #[test]
    fn poisson_bound_is_numpys() {
        assert_eq!(poisson_lam_max(), 9.223372006484771e18);
    }
}
