//! `Generator`'s distribution methods: each converts and checks its parameters as NumPy's
//! `_generator.pyx` does (see `params`), then draws with the core's algorithms.

use super::params::{
    check_scalar, convert_all, generator_fill, pairwise, poisson_lam_max, size_arg, Constraint,
    Param, Plan, Sample, Spec,
};
use super::Generator;
use numoxide_random::distributions::continuous::{self as cont, VonMisesKind};
use numoxide_random::distributions::discrete::{self as disc, BinomialCache, BinomialKind};
use numoxide_random::distributions::gamma::{self, NanGuard};
use numoxide_random::distributions::hypergeometric::hypergeometric;
use numoxide_random::distributions::ziggurat;
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyFloat;

use Constraint::*;

/// Largest ngood and nbad the `Generator`'s hypergeometric accepts.
const HYPERGEOM_MAX: i64 = 1_000_000_000;

/// The default of a float parameter, as a Python float: an explicit None then reaches the
/// conversion and raises NumPy's TypeError instead of being taken for the default.
pub(crate) fn float_default(v: f64) -> Py<PyAny> {
    Python::attach(|py| PyFloat::new(py, v).into_any().unbind())
}

/// The float dtype a `dtype=` argument names: 64 or 32 bits, else NumPy's TypeError.
fn float_width(dtype: Option<&Bound<'_, PyAny>>, method: &str) -> PyResult<bool> {
    let Some(dtype) = dtype else { return Ok(true) };
    let d = crate::dtype::dtype_from_py(dtype)?;
    match d {
        numoxide::DType::Float64 => Ok(true),
        numoxide::DType::Float32 => Ok(false),
        other => Err(PyTypeError::new_err(format!(
            "Unsupported dtype dtype('{}') for {method}",
            other.name()
        ))),
    }
}

#[pymethods]
impl Generator {
    #[pyo3(signature = (size = None, dtype = None, out = None))]
    fn standard_normal(
        &self,
        py: Python<'_>,
        size: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let double = float_width(dtype, "standard_normal")?;
        let plan = super::params::OutPlan::new(size, out, double)?;
        if double {
            let v = generator_fill!(self, py, plan.plan, |g, _a| ziggurat::standard_normal(g));
            plan.finish(py, v)
        } else {
            let v = generator_fill!(self, py, plan.plan, |g, _a| ziggurat::standard_normal_f32(
                g
            ));
            plan.finish(py, v)
        }
    }

    #[pyo3(signature = (size = None, dtype = None, method = "zig", out = None))]
    fn standard_exponential(
        &self,
        py: Python<'_>,
        size: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        method: &str,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let double = float_width(dtype, "standard_exponential")?;
        let plan = super::params::OutPlan::new(size, out, double)?;
        let zig = method == "zig";
        if double {
            let v = generator_fill!(self, py, plan.plan, |g, _a| if zig {
                ziggurat::standard_exponential(g)
            } else {
                ziggurat::standard_exponential_inv(g)
            });
            plan.finish(py, v)
        } else {
            let v = generator_fill!(self, py, plan.plan, |g, _a| if zig {
                ziggurat::standard_exponential_f32(g)
            } else {
                ziggurat::standard_exponential_inv_f32(g)
            });
            plan.finish(py, v)
        }
    }

    #[pyo3(signature = (shape, size = None, dtype = None, out = None))]
    fn standard_gamma(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let double = float_width(dtype, "standard_gamma")?;
        let spec = [Spec::float(shape, "shape", NonNegative)];
        let plan = super::params::OutPlan::with_params(&spec, size, out, double)?;
        if double {
            let v = generator_fill!(self, py, plan.plan, |g, a| gamma::standard_gamma(g, a.f(0)));
            plan.finish(py, v)
        } else {
            let v = generator_fill!(self, py, plan.plan, |g, a| gamma::standard_gamma_f32(
                g,
                a.f(0) as f32
            ));
            plan.finish(py, v)
        }
    }

    #[pyo3(signature = (loc = float_default(0.0), scale = float_default(1.0), size = None), text_signature = "($self, loc=0.0, scale=1.0, size=None)")]
    fn normal(
        &self,
        py: Python<'_>,
        loc: Py<PyAny>,
        scale: Py<PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let (loc, scale) = (loc.into_bound(py), scale.into_bound(py));
        let specs = [
            Spec::float(&loc, "", Any),
            Spec::float(&scale, "scale", NonNegative),
        ];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| cont::normal(g, a.f(0), a.f(1)))
        })
    }

    #[pyo3(signature = (low = float_default(0.0), high = float_default(1.0), size = None), text_signature = "($self, low=0.0, high=1.0, size=None)")]
    fn uniform(
        &self,
        py: Python<'_>,
        low: Py<PyAny>,
        high: Py<PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let (low, high) = (low.into_bound(py), high.into_bound(py));
        let (plow, phigh) = (
            Param::convert(&low, super::params::Kind::Float)?,
            Param::convert(&high, super::params::Kind::Float)?,
        );
        let (range, scalar) = if plow.is_scalar() && phigh.is_scalar() {
            let r = phigh.first_float() - plow.first_float();
            if !r.is_finite() {
                return Err(PyOverflowError::new_err(
                    "high - low range exceeds valid bounds",
                ));
            }
            (Param::from_floats(vec![r], Vec::new()), true)
        } else {
            let (r, shape) = pairwise(&phigh, &plow, |h, l| h - l)?;
            if r.iter().any(|v| !v.is_finite()) {
                return Err(PyOverflowError::new_err("Range exceeds valid bounds"));
            }
            (Param::from_floats(r, shape), false)
        };
        if scalar {
            check_scalar(range.first_float(), "high - low", NonNegative)?;
        } else {
            super::params::check_array(&range.floats(), "high - low", NonNegative)?;
        }
        let plan = Plan::unchecked(vec![plow, range], size, scalar)?;
        let v = generator_fill!(self, py, plan, |g, a| cont::uniform(g, a.f(0), a.f(1)));
        plan.finish(py, v)
    }

    #[pyo3(signature = (scale = float_default(1.0), size = None), text_signature = "($self, scale=1.0, size=None)")]
    fn exponential(
        &self,
        py: Python<'_>,
        scale: Py<PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let scale = scale.into_bound(py);
        let specs = [Spec::float(&scale, "scale", NonNegative)];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| cont::exponential(g, a.f(0)))
        })
    }

    #[pyo3(signature = (shape, scale = float_default(1.0), size = None), text_signature = "($self, shape, scale=1.0, size=None)")]
    fn gamma(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, PyAny>,
        scale: Py<PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let scale = scale.into_bound(py);
        let specs = [
            Spec::float(shape, "shape", NonNegative),
            Spec::float(&scale, "scale", NonNegative),
        ];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| gamma::gamma(g, a.f(0), a.f(1)))
        })
    }

    #[pyo3(signature = (a, b, size = None))]
    fn beta(
        &self,
        py: Python<'_>,
        a: &Bound<'_, PyAny>,
        b: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [Spec::float(a, "a", Positive), Spec::float(b, "b", Positive)];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| gamma::beta(g, a.f(0), a.f(1)))
        })
    }

    #[pyo3(signature = (dfnum, dfden, size = None))]
    fn f(
        &self,
        py: Python<'_>,
        dfnum: &Bound<'_, PyAny>,
        dfden: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [
            Spec::float(dfnum, "dfnum", Positive),
            Spec::float(dfden, "dfden", Positive),
        ];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| gamma::f(g, a.f(0), a.f(1)))
        })
    }

    #[pyo3(signature = (dfnum, dfden, nonc, size = None))]
    fn noncentral_f(
        &self,
        py: Python<'_>,
        dfnum: &Bound<'_, PyAny>,
        dfden: &Bound<'_, PyAny>,
        nonc: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [
            Spec::float(dfnum, "dfnum", Positive),
            Spec::float(dfden, "dfden", Positive),
            Spec::float(nonc, "nonc", NonNegative),
        ];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| gamma::noncentral_f(
                g,
                a.f(0),
                a.f(1),
                a.f(2),
                NanGuard::BeforeDrawing
            ))
        })
    }

    #[pyo3(signature = (df, size = None))]
    fn chisquare(
        &self,
        py: Python<'_>,
        df: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [Spec::float(df, "df", Positive)];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| gamma::chisquare(g, a.f(0)))
        })
    }

    #[pyo3(signature = (df, nonc, size = None))]
    fn noncentral_chisquare(
        &self,
        py: Python<'_>,
        df: &Bound<'_, PyAny>,
        nonc: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [
            Spec::float(df, "df", Positive),
            Spec::float(nonc, "nonc", NonNegative),
        ];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| gamma::noncentral_chisquare(
                g,
                a.f(0),
                a.f(1),
                NanGuard::BeforeDrawing
            ))
        })
    }

    #[pyo3(signature = (size = None))]
    fn standard_cauchy(
        &self,
        py: Python<'_>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        self.sample(py, &[], size, |s, p| {
            generator_fill!(s, py, *p, |g, _a| gamma::standard_cauchy(g))
        })
    }

    #[pyo3(signature = (df, size = None))]
    fn standard_t(
        &self,
        py: Python<'_>,
        df: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [Spec::float(df, "df", Positive)];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| gamma::standard_t(g, a.f(0)))
        })
    }

    #[pyo3(signature = (mu, kappa, size = None))]
    fn vonmises(
        &self,
        py: Python<'_>,
        mu: &Bound<'_, PyAny>,
        kappa: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [
            Spec::float(mu, "mu", Any),
            Spec::float(kappa, "kappa", NonNegative),
        ];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| cont::vonmises(
                g,
                a.f(0),
                a.f(1),
                VonMisesKind::Generator
            ))
        })
    }

    #[pyo3(signature = (a, size = None))]
    fn pareto(
        &self,
        py: Python<'_>,
        a: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [Spec::float(a, "a", Positive)];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| cont::pareto(g, a.f(0)))
        })
    }

    #[pyo3(signature = (a, size = None))]
    fn weibull(
        &self,
        py: Python<'_>,
        a: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [Spec::float(a, "a", NonNegative)];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| cont::weibull(g, a.f(0)))
        })
    }

    #[pyo3(signature = (a, size = None))]
    fn power(
        &self,
        py: Python<'_>,
        a: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [Spec::float(a, "a", Positive)];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| cont::power(g, a.f(0)))
        })
    }

    #[pyo3(signature = (loc = float_default(0.0), scale = float_default(1.0), size = None), text_signature = "($self, loc=0.0, scale=1.0, size=None)")]
    fn laplace(
        &self,
        py: Python<'_>,
        loc: Py<PyAny>,
        scale: Py<PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let (loc, scale) = (loc.into_bound(py), scale.into_bound(py));
        let specs = [
            Spec::float(&loc, "loc", Any),
            Spec::float(&scale, "scale", NonNegative),
        ];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| cont::laplace(g, a.f(0), a.f(1)))
        })
    }

    #[pyo3(signature = (loc = float_default(0.0), scale = float_default(1.0), size = None), text_signature = "($self, loc=0.0, scale=1.0, size=None)")]
    fn gumbel(
        &self,
        py: Python<'_>,
        loc: Py<PyAny>,
        scale: Py<PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let (loc, scale) = (loc.into_bound(py), scale.into_bound(py));
        let specs = [
            Spec::float(&loc, "loc", Any),
            Spec::float(&scale, "scale", NonNegative),
        ];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| cont::gumbel(g, a.f(0), a.f(1)))
        })
    }

    #[pyo3(signature = (loc = float_default(0.0), scale = float_default(1.0), size = None), text_signature = "($self, loc=0.0, scale=1.0, size=None)")]
    fn logistic(
        &self,
        py: Python<'_>,
        loc: Py<PyAny>,
        scale: Py<PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let (loc, scale) = (loc.into_bound(py), scale.into_bound(py));
        let specs = [
            Spec::float(&loc, "loc", Any),
            Spec::float(&scale, "scale", NonNegative),
        ];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| cont::logistic(g, a.f(0), a.f(1)))
        })
    }

    #[pyo3(signature = (mean = float_default(0.0), sigma = float_default(1.0), size = None), text_signature = "($self, mean=0.0, sigma=1.0, size=None)")]
    fn lognormal(
        &self,
        py: Python<'_>,
        mean: Py<PyAny>,
        sigma: Py<PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let (mean, sigma) = (mean.into_bound(py), sigma.into_bound(py));
        let specs = [
            Spec::float(&mean, "mean", Any),
            Spec::float(&sigma, "sigma", NonNegative),
        ];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| cont::lognormal(g, a.f(0), a.f(1)))
        })
    }

    #[pyo3(signature = (scale = float_default(1.0), size = None), text_signature = "($self, scale=1.0, size=None)")]
    fn rayleigh(
        &self,
        py: Python<'_>,
        scale: Py<PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let scale = scale.into_bound(py);
        let specs = [Spec::float(&scale, "scale", NonNegative)];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| cont::rayleigh(g, a.f(0)))
        })
    }

    #[pyo3(signature = (mean, scale, size = None))]
    fn wald(
        &self,
        py: Python<'_>,
        mean: &Bound<'_, PyAny>,
        scale: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [
            Spec::float(mean, "mean", Positive),
            Spec::float(scale, "scale", Positive),
        ];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| cont::wald(g, a.f(0), a.f(1)))
        })
    }

    #[pyo3(signature = (left, mode, right, size = None))]
    fn triangular(
        &self,
        py: Python<'_>,
        left: &Bound<'_, PyAny>,
        mode: &Bound<'_, PyAny>,
        right: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let plan = triangular_plan(left, mode, right, size)?;
        let v = generator_fill!(self, py, plan, |g, a| cont::triangular(
            g,
            a.f(0),
            a.f(1),
            a.f(2)
        ));
        plan.finish(py, v)
    }

    #[pyo3(signature = (n, p, size = None))]
    fn binomial(
        &self,
        py: Python<'_>,
        n: &Bound<'_, PyAny>,
        p: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        // NumPy reads p first, then n, and checks them in that order.
        let specs = [
            Spec::float(p, "p", Bounded01),
            Spec::int(n, "n", NonNegative),
        ];
        self.sample(py, &specs, size, |s, plan| {
            let mut cache = BinomialCache::default();
            generator_fill!(s, py, *plan, |g, a| disc::binomial(
                g,
                a.f(0),
                a.i(1),
                &mut cache,
                BinomialKind::Generator
            ))
        })
    }

    #[pyo3(signature = (n, p, size = None))]
    fn negative_binomial(
        &self,
        py: Python<'_>,
        n: &Bound<'_, PyAny>,
        p: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [
            Spec::float(n, "n", PositiveNotNan),
            Spec::float(p, "p", BoundedGt01),
        ];
        let params = convert_all(&specs)?;
        let scalar = params.iter().all(Param::is_scalar);
        for (param, spec) in params.iter().zip(&specs) {
            if scalar {
                check_scalar(param.first_float(), spec.name, spec.constraint)?;
            } else {
                super::params::check_array(&param.floats(), spec.name, spec.constraint)?;
            }
        }
        // The Poisson mean that n and p can lead to must stay below NumPy's bound.
        let (max_lam, _) = pairwise(&params[1], &params[0], |p, n| {
            (1.0 - p) / p * (n + 10.0 * n.sqrt())
        })?;
        if max_lam.iter().any(|&l| l > poisson_lam_max()) {
            return Err(PyValueError::new_err(
                "n too large or p too small, see Generator.negative_binomial Notes",
            ));
        }
        let plan = Plan::unchecked(params, size, scalar)?;
        let v = generator_fill!(self, py, plan, |g, a| disc::negative_binomial(
            g,
            a.f(0),
            a.f(1)
        ));
        plan.finish(py, v)
    }

    #[pyo3(signature = (lam = float_default(1.0), size = None), text_signature = "($self, lam=1.0, size=None)")]
    fn poisson(
        &self,
        py: Python<'_>,
        lam: Py<PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let lam = lam.into_bound(py);
        let specs = [Spec::float(&lam, "lam", Poisson)];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| disc::poisson(g, a.f(0)))
        })
    }

    #[pyo3(signature = (a, size = None))]
    fn zipf(
        &self,
        py: Python<'_>,
        a: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [Spec::float(a, "a", Gt1)];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| disc::zipf(g, a.f(0)))
        })
    }

    #[pyo3(signature = (p, size = None))]
    fn geometric(
        &self,
        py: Python<'_>,
        p: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [Spec::float(p, "p", BoundedGt01)];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| disc::geometric(g, a.f(0)))
        })
    }

    #[pyo3(signature = (p, size = None))]
    fn logseries(
        &self,
        py: Python<'_>,
        p: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [Spec::float(p, "p", BoundedLt01)];
        self.sample(py, &specs, size, |s, p| {
            generator_fill!(s, py, *p, |g, a| disc::logseries(g, a.f(0), false))
        })
    }

    #[pyo3(signature = (ngood, nbad, nsample, size = None))]
    fn hypergeometric(
        &self,
        py: Python<'_>,
        ngood: &Bound<'_, PyAny>,
        nbad: &Bound<'_, PyAny>,
        nsample: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [
            Spec::int(ngood, "ngood", NonNegative),
            Spec::int(nbad, "nbad", NonNegative),
            Spec::int(nsample, "nsample", NonNegative),
        ];
        let params = convert_all(&specs)?;
        let (good, bad) = (params[0].floats(), params[1].floats());
        let max = HYPERGEOM_MAX as f64;
        if good.iter().chain(&bad).any(|&v| v >= max) {
            return Err(PyValueError::new_err(format!(
                "both ngood and nbad must be less than {HYPERGEOM_MAX}"
            )));
        }
        let (total, shape) = pairwise(&params[0], &params[1], |g, b| g + b)?;
        let total = Param::from_floats(total, shape);
        let (short, _) = pairwise(&total, &params[2], |t, s| if t < s { 1.0 } else { 0.0 })?;
        if short.contains(&1.0) {
            return Err(PyValueError::new_err("ngood + nbad < nsample"));
        }
        let plan = Plan::new(params, &specs, size)?;
        let v = generator_fill!(self, py, plan, |g, a| hypergeometric(
            g,
            a.i(0),
            a.i(1),
            a.i(2)
        ));
        plan.finish(py, v)
    }
}

/// The checks both APIs run before a triangular draw, then its plan.
pub(crate) fn triangular_plan(
    left: &Bound<'_, PyAny>,
    mode: &Bound<'_, PyAny>,
    right: &Bound<'_, PyAny>,
    size: Option<&Bound<'_, PyAny>>,
) -> PyResult<Plan> {
    let specs = [
        Spec::float(left, "", Any),
        Spec::float(mode, "", Any),
        Spec::float(right, "", Any),
    ];
    let params = convert_all(&specs)?;
    let scalar = params.iter().all(Param::is_scalar);
    let any = |a: &Param, b: &Param, op: fn(f64, f64) -> bool| -> PyResult<bool> {
        let (v, _) = pairwise(a, b, |x, y| if op(x, y) { 1.0 } else { 0.0 })?;
        Ok(v.contains(&1.0))
    };
    if any(&params[0], &params[1], |l, m| l > m)? {
        return Err(PyValueError::new_err("left > mode"));
    }
    if any(&params[1], &params[2], |m, r| m > r)? {
        return Err(PyValueError::new_err("mode > right"));
    }
    if any(&params[0], &params[2], |l, r| l == r)? {
        return Err(PyValueError::new_err("left == right"));
    }
    Plan::unchecked(params, size, scalar)
}

/// `size` as NumPy's multivariate methods read it, for the leading dimensions of the output.
pub(crate) fn leading_shape(size: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<usize>> {
    size.map_or(Ok(Vec::new()), size_arg)
}
