use numoxide::ufunc::{Arg, BinaryOp};
use numoxide::Scalar;
use std::time::Instant;
fn main() {
    let (a, b) = (
        Arg::Scalar(Scalar::Float64(1.5)),
        Arg::Scalar(Scalar::Float64(2.5)),
    );
    for _ in 0..3 {
        let n = 5_000_000;
        let t = Instant::now();
        for _ in 0..n {
            let r = BinaryOp::Multiply
                .call_on_scalars(std::hint::black_box(&a), std::hint::black_box(&b))
                .unwrap();
            std::hint::black_box(r);
        }
        println!(
            "scalar mul {:.1} ns",
            t.elapsed().as_nanos() as f64 / n as f64
        );
    }
}
