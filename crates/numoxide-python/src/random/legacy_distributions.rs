//! `RandomState`'s distribution methods (NumPy's `mtrand.pyx`): the legacy algorithms over
//! the state's bit generator and cached Gaussian. The module-level functions
//! (`np.random.normal`, ...) are these methods of the global `RandomState`.

use super::distributions::{float_default, triangular_plan};
use super::params::{
    check_array, check_scalar, convert_all, legacy_fill, pairwise, Constraint, Kind, Param, Plan,
    Sample, Spec,
};
use super::RandomState;
use numoxide_random::distributions::continuous::{self as cont, VonMisesKind};
use numoxide_random::distributions::discrete::{self as disc, BinomialCache, BinomialKind};
use numoxide_random::distributions::gamma::{self, NanGuard};
use numoxide_random::distributions::hypergeometric::legacy_hypergeometric;
use numoxide_random::distributions::{legacy, Primitives};
use pyo3::exceptions::{PyOverflowError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use Constraint::*;

#[pymethods]
impl RandomState {
    #[pyo3(signature = (size = None))]
    fn standard_normal(
        &self,
        py: Python<'_>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        self.sample(py, &[], size, |s, p| {
            legacy_fill!(s, py, *p, |g, _a| legacy::gauss(&mut g))
        })
    }

    /// `randn(d0, d1, ...)`: standard normals of that shape, one number without arguments.
    #[pyo3(signature = (*args))]
    fn randn(&self, py: Python<'_>, args: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
        let size = (!args.is_empty()).then(|| args.clone().into_any());
        self.standard_normal(py, size.as_ref())
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
            legacy_fill!(s, py, *p, |g, a| cont::normal(&mut g, a.f(0), a.f(1)))
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
            Param::convert(&low, Kind::Float)?,
            Param::convert(&high, Kind::Float)?,
        );
        let scalar = plow.is_scalar() && phigh.is_scalar();
        let range = if scalar {
            Param::from_floats(vec![phigh.first_float() - plow.first_float()], Vec::new())
        } else {
            let (r, shape) = pairwise(&phigh, &plow, |h, l| h - l)?;
            Param::from_floats(r, shape)
        };
        if range.floats().iter().any(|v| !v.is_finite()) {
            return Err(PyOverflowError::new_err("Range exceeds valid bounds"));
        }
        let plan = Plan::unchecked(vec![plow, range], size, scalar)?;
        let v = legacy_fill!(self, py, plan, |g, a| cont::uniform(g.bits, a.f(0), a.f(1)));
        plan.finish(py, v)
    }

    #[pyo3(signature = (size = None))]
    fn standard_exponential(
        &self,
        py: Python<'_>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        self.sample(py, &[], size, |s, p| {
            legacy_fill!(s, py, *p, |g, _a| g.exponential())
        })
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
            legacy_fill!(s, py, *p, |g, a| cont::exponential(&mut g, a.f(0)))
        })
    }

    #[pyo3(signature = (shape, size = None))]
    fn standard_gamma(
        &self,
        py: Python<'_>,
        shape: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let specs = [Spec::float(shape, "shape", NonNegative)];
        self.sample(py, &specs, size, |s, p| {
            legacy_fill!(s, py, *p, |g, a| gamma::standard_gamma(&mut g, a.f(0)))
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
            legacy_fill!(s, py, *p, |g, a| gamma::gamma(&mut g, a.f(0), a.f(1)))
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
            legacy_fill!(s, py, *p, |g, a| legacy::beta(&mut g, a.f(0), a.f(1)))
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
            legacy_fill!(s, py, *p, |g, a| gamma::f(&mut g, a.f(0), a.f(1)))
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
            legacy_fill!(s, py, *p, |g, a| gamma::noncentral_f(
                &mut g,
                a.f(0),
                a.f(1),
                a.f(2),
                NanGuard::AfterDrawing
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
            legacy_fill!(s, py, *p, |g, a| gamma::chisquare(&mut g, a.f(0)))
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
            legacy_fill!(s, py, *p, |g, a| gamma::noncentral_chisquare(
                &mut g,
                a.f(0),
                a.f(1),
                NanGuard::AfterDrawing
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
            legacy_fill!(s, py, *p, |g, _a| gamma::standard_cauchy(&mut g))
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
            legacy_fill!(s, py, *p, |g, a| gamma::standard_t(&mut g, a.f(0)))
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
            legacy_fill!(s, py, *p, |g, a| cont::vonmises(
                g.bits,
                a.f(0),
                a.f(1),
                VonMisesKind::Legacy
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
            legacy_fill!(s, py, *p, |g, a| legacy::pareto(&mut g, a.f(0)))
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
            legacy_fill!(s, py, *p, |g, a| cont::weibull(&mut g, a.f(0)))
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
            legacy_fill!(s, py, *p, |g, a| legacy::power(&mut g, a.f(0)))
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
            legacy_fill!(s, py, *p, |g, a| cont::laplace(g.bits, a.f(0), a.f(1)))
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
            legacy_fill!(s, py, *p, |g, a| cont::gumbel(g.bits, a.f(0), a.f(1)))
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
            legacy_fill!(s, py, *p, |g, a| cont::logistic(g.bits, a.f(0), a.f(1)))
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
            legacy_fill!(s, py, *p, |g, a| cont::lognormal(&mut g, a.f(0), a.f(1)))
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
            legacy_fill!(s, py, *p, |g, a| legacy::rayleigh(g.bits, a.f(0)))
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
            legacy_fill!(s, py, *p, |g, a| legacy::wald(&mut g, a.f(0), a.f(1)))
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
        let v = legacy_fill!(self, py, plan, |g, a| cont::triangular(
            g.bits,
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
        let specs = [
            Spec::float(p, "p", Bounded01),
            Spec::int(n, "n", NonNegativeInboundsLong),
        ];
        self.sample(py, &specs, size, |s, plan| {
            let mut cache = BinomialCache::default();
            legacy_fill!(s, py, *plan, |g, a| disc::binomial(
                g.bits,
                a.f(0),
                a.i(1),
                &mut cache,
                BinomialKind::Legacy
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
            Spec::float(n, "n", Positive),
            Spec::float(p, "p", Bounded01),
        ];
        self.sample(py, &specs, size, |s, p| {
            legacy_fill!(s, py, *p, |g, a| disc::negative_binomial(
                &mut g,
                a.f(0),
                a.f(1)
            ))
        })
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
            legacy_fill!(s, py, *p, |g, a| disc::poisson(g.bits, a.f(0)))
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
            legacy_fill!(s, py, *p, |g, a| disc::legacy_zipf(g.bits, a.f(0)))
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
            legacy_fill!(s, py, *p, |g, a| disc::legacy_geometric(g.bits, a.f(0)))
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
            legacy_fill!(s, py, *p, |g, a| disc::logseries(g.bits, a.f(0), true))
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
            Spec::int(ngood, "ngood", NonNegativeInboundsLong),
            Spec::int(nbad, "nbad", NonNegative),
            Spec::int(nsample, "nsample", Gte1),
        ];
        let params = convert_all(&specs)?;
        // The sum is checked before the parameters, unlike most distributions.
        let (total, shape) = pairwise(&params[0], &params[1], |g, b| g + b)?;
        let total = Param::from_floats(total, shape);
        let (short, _) = pairwise(&total, &params[2], |t, s| if t < s { 1.0 } else { 0.0 })?;
        if short.contains(&1.0) {
            return Err(PyValueError::new_err("ngood + nbad < nsample"));
        }
        let scalar = params.iter().all(Param::is_scalar);
        for (param, spec) in params.iter().zip(&specs) {
            if scalar {
                check_scalar(param.first_float(), spec.name, spec.constraint)?;
            } else {
                check_array(&param.floats(), spec.name, spec.constraint)?;
            }
        }
        let plan = Plan::unchecked(params, size, scalar)?;
        let v = legacy_fill!(self, py, plan, |g, a| legacy_hypergeometric(
            g.bits,
            a.i(0),
            a.i(1),
            a.i(2)
        ));
        plan.finish(py, v)
    }
}
