//! Hypergeometric samplers: the `Generator`'s (urn simulation for small samples, Stadlober's
//! ratio of uniforms HRUA with a log-factorial table otherwise) and `RandomState`'s (NumPy 1.16's
//! HYP and HRUA with `loggam`).

use super::c_f64_to_i64;
use super::discrete::loggam;
use crate::BitGenerator;

/// 2 sqrt(2/e) and 3 - 2 sqrt(3/e): the hat constants of HRUA.
const D1: f64 = 1.7155277699214135;
const D2: f64 = 0.8989161620588988;

/// A uniform integer in [0, max] by masked rejection (`random_interval`): 32-bit words when
/// `max` fits in 32 bits.
pub fn interval<B: BitGenerator + ?Sized>(g: &mut B, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = u64::MAX >> max.leading_zeros();
    if max <= u64::from(u32::MAX) {
        loop {
            let value = u64::from(g.next_u32()) & mask;
            if value <= max {
                return value;
            }
        }
    }
    loop {
        let value = g.next_u64() & mask;
        if value <= max {
            return value;
        }
    }
}

/// log(k!) for k = 0..=125, NumPy's table (`logfactorial.c`): facts, committed as data.
#[allow(clippy::approx_constant)] // log(2!) is ln 2: these are data.
static LOG_FACTORIAL: [f64; 126] = [
    0.0,
    0.0,
    0.6931471805599453,
    1.791759469228055,
    3.1780538303479458,
    4.787491742782046,
    6.579251212010101,
    8.525161361065415,
    10.60460290274525,
    12.801827480081469,
    15.104412573075516,
    17.502307845873887,
    19.987214495661885,
    22.552163853123425,
    25.19122118273868,
    27.89927138384089,
    30.671860106080672,
    33.50507345013689,
    36.39544520803305,
    39.339884187199495,
    42.335616460753485,
    45.38013889847691,
    48.47118135183523,
    51.60667556776438,
    54.78472939811232,
    58.00360522298052,
    61.261701761002,
    64.55753862700634,
    67.88974313718154,
    71.25703896716801,
    74.65823634883016,
    78.0922235533153,
    81.55795945611504,
    85.05446701758152,
    88.58082754219768,
    92.1361756036871,
    95.7196945421432,
    99.33061245478743,
    102.96819861451381,
    106.63176026064346,
    110.32063971475739,
    114.0342117814617,
    117.77188139974507,
    121.53308151543864,
    125.3172711493569,
    129.12393363912722,
    132.95257503561632,
    136.80272263732635,
    140.67392364823425,
    144.5657439463449,
    148.47776695177302,
    152.40959258449735,
    156.3608363030788,
    160.3311282166309,
    164.32011226319517,
    168.32744544842765,
    172.3527971391628,
    176.39584840699735,
    180.45629141754378,
    184.53382886144948,
    188.6281734236716,
    192.7390472878449,
    196.86618167289,
    201.00931639928152,
    205.1681994826412,
    209.34258675253685,
    213.53224149456327,
    217.73693411395422,
    221.95644181913033,
    226.1905483237276,
    230.43904356577696,
    234.70172344281826,
    238.97838956183432,
    243.2688490029827,
    247.57291409618688,
    251.8904022097232,
    256.22113555000954,
    260.5649409718632,
    264.9216497985528,
    269.2910976510198,
    273.6731242856937,
    278.0675734403661,
    282.4742926876304,
    286.893133295427,
    291.3239500942703,
    295.76660135076065,
    300.22094864701415,
    304.6868567656687,
    309.1641935801469,
    313.65282994987905,
    318.1526396202093,
    322.66349912672615,
    327.1852877037752,
    331.7178871969285,
    336.26118197919845,
    340.815058870799,
    345.37940706226686,
    349.95411804077025,
    354.5390855194408,
    359.1342053695754,
    363.73937555556347,
    368.35449607240474,
    372.979468885689,
    377.61419787391867,
    382.25858877306,
    386.91254912321756,
    391.5759882173296,
    396.24881705179155,
    400.93094827891576,
    405.6222961611449,
    410.32277652693733,
    415.03230672824964,
    419.7508055995447,
    424.4781934182571,
    429.21439186665157,
    433.9593239950148,
    438.71291418612117,
    443.47508812091894,
    448.2457727453846,
    453.0248962384961,
    457.81238798127816,
    462.6081785268749,
    467.4121995716082,
    472.2243839269806,
    477.04466549258564,
    481.87297922988796,
];

/// log(k!): the table, then Stirling's series to the 1/k^3 term.
pub fn logfactorial(k: i64) -> f64 {
    if let Some(&v) = usize::try_from(k).ok().and_then(|i| LOG_FACTORIAL.get(i)) {
        return v;
    }
    let halfln2pi = 0.9189385332046728;
    let kf = k as f64;
    (kf + 0.5) * kf.ln() - kf + (halfln2pi + (1.0 / kf) * (1.0 / 12.0 - 1.0 / (360.0 * kf * kf)))
}

/// The `Generator`'s hypergeometric: HRUA when 10 <= sample <= total - 10, else the urn.
/// Assumes nonnegative arguments, no overflow in good + bad, and sample <= good + bad.
pub fn hypergeometric<B: BitGenerator + ?Sized>(
    g: &mut B,
    good: i64,
    bad: i64,
    sample: i64,
) -> i64 {
    if sample >= 10 && sample <= good + bad - 10 {
        hrua(g, good, bad, sample)
    } else {
        urn(g, good, bad, sample)
    }
}

/// Draws the smaller of sample and its complement one ball at a time.
fn urn<B: BitGenerator + ?Sized>(g: &mut B, good: i64, bad: i64, sample: i64) -> i64 {
    let total = good + bad;
    let complement = sample > total / 2;
    let mut computed_sample = if complement { total - sample } else { sample };
    let mut remaining_total = total;
    let mut remaining_good = good;
    while computed_sample > 0 && remaining_good > 0 && remaining_total > remaining_good {
        remaining_total -= 1;
        // `interval` is inclusive, hence the decrement first.
        if (interval(g, remaining_total as u64) as i64) < remaining_good {
            remaining_good -= 1;
        }
        computed_sample -= 1;
    }
    if remaining_total == remaining_good {
        // Only good balls are left.
        remaining_good -= computed_sample;
    }
    if complement {
        remaining_good
    } else {
        good - remaining_good
    }
}

/// Stadlober's ratio of uniforms (1989), with the log-factorial table.
fn hrua<B: BitGenerator + ?Sized>(g: &mut B, good: i64, bad: i64, sample: i64) -> i64 {
    let popsize = good + bad;
    let computed_sample = sample.min(popsize - sample);
    let mingoodbad = good.min(bad);
    let maxgoodbad = good.max(bad);
    let p = mingoodbad as f64 / popsize as f64;
    let q = maxgoodbad as f64 / popsize as f64;
    let mu = computed_sample as f64 * p;
    let a = mu + 0.5;
    let var =
        (popsize - computed_sample) as f64 * computed_sample as f64 * p * q / (popsize - 1) as f64;
    let c = (var + 0.5).sqrt();
    let h = D1 * c + D2;
    let m = c_f64_to_i64(
        ((computed_sample + 1) as f64 * (mingoodbad + 1) as f64 / (popsize + 2) as f64).floor(),
    );
    let log_weight = |k: i64| {
        logfactorial(k)
            + logfactorial(mingoodbad - k)
            + logfactorial(computed_sample - k)
            + logfactorial(maxgoodbad - computed_sample + k)
    };
    let gm = log_weight(m);
    let b = ((computed_sample.min(mingoodbad) + 1) as f64).min((a + 16.0 * c).floor());
    let mut k = loop {
        let u = g.next_f64();
        let v = g.next_f64();
        let x = a + h * (v - 0.5) / u;
        if x < 0.0 || x >= b {
            continue;
        }
        let k = c_f64_to_i64(x.floor());
        let t = gm - log_weight(k);
        if u * (4.0 - u) - 3.0 <= t {
            break k;
        }
        if u * (u - t) >= 1.0 {
            continue;
        }
        if 2.0 * u.ln() <= t {
            break k;
        }
    };
    if good > bad {
        k = computed_sample - k;
    }
    if computed_sample < sample {
        k = good - k;
    }
    k
}

/// `RandomState`'s hypergeometric: HRUA above 10 draws, HYP from 1 to 10, 0 for none.
pub fn legacy_hypergeometric<B: BitGenerator + ?Sized>(
    g: &mut B,
    good: i64,
    bad: i64,
    sample: i64,
) -> i64 {
    if sample > 10 {
        legacy_hrua(g, good, bad, sample)
    } else if sample > 0 {
        legacy_hyp(g, good, bad, sample)
    } else {
        0
    }
}

fn legacy_hyp<B: BitGenerator + ?Sized>(g: &mut B, good: i64, bad: i64, sample: i64) -> i64 {
    let d1 = bad + good - sample;
    let d2 = bad.min(good) as f64;
    let mut y = d2;
    let mut k = sample;
    while y > 0.0 {
        let u = g.next_f64();
        y -= c_f64_to_i64((u + y / (d1 + k) as f64).floor()) as f64;
        k -= 1;
        if k == 0 {
            break;
        }
    }
    let z = c_f64_to_i64(d2 - y);
    if good > bad {
        sample - z
    } else {
        z
    }
}

fn legacy_hrua<B: BitGenerator + ?Sized>(g: &mut B, good: i64, bad: i64, sample: i64) -> i64 {
    let mingoodbad = good.min(bad);
    let popsize = good + bad;
    let maxgoodbad = good.max(bad);
    let m = sample.min(popsize - sample);
    let d4 = mingoodbad as f64 / popsize as f64;
    let d5 = 1.0 - d4;
    let d6 = m as f64 * d4 + 0.5;
    let d7 = ((popsize - m) as f64 * sample as f64 * d4 * d5 / (popsize - 1) as f64 + 0.5).sqrt();
    let d8 = D1 * d7 + D2;
    let d9 =
        c_f64_to_i64(((m + 1) as f64 * (mingoodbad + 1) as f64 / (popsize + 2) as f64).floor());
    let log_weight = |z: i64| {
        loggam((z + 1) as f64)
            + loggam((mingoodbad - z + 1) as f64)
            + loggam((m - z + 1) as f64)
            + loggam((maxgoodbad - m + z + 1) as f64)
    };
    let d10 = log_weight(d9);
    let d11 = (m.min(mingoodbad) as f64 + 1.0).min((d6 + 16.0 * d7).floor());
    let mut z = loop {
        let x = g.next_f64();
        let y = g.next_f64();
        let w = d6 + d8 * (y - 0.5) / x;
        if w < 0.0 || w >= d11 {
            continue;
        }
        let z = c_f64_to_i64(w.floor());
        let t = d10 - log_weight(z);
        if x * (4.0 - x) - 3.0 <= t {
            break z;
        }
        if x * (x - t) >= 1.0 {
            continue;
        }
        // log(0) is fine: it always accepts.
        if 2.0 * x.ln() <= t {
            break z;
        }
    };
    // Ivan Frohne's corrections: the symmetric case and samples above half the population.
    if good > bad {
        z = m - z;
    }
    if m < sample {
        z = good - z;
    }
    z
}
