//! Our fixed-modulus arithmetic (src/core/bigint.rs) against crypto-bigint's
//! general Montgomery code, on edge values and pseudo-random ones.

use cognito_wasm::core::bigint::{Comb, Fe, N_BE, N_BYTES, U3072};
use crypto_bigint::modular::{MontyForm, MontyParams};
use crypto_bigint::{Odd, U3072 as Ref};

fn params() -> MontyParams<{ Ref::LIMBS }> {
    MontyParams::new_vartime(Odd::new(Ref::from_be_slice(&N_BE)).unwrap())
}

fn r(x: &U3072) -> MontyForm<{ Ref::LIMBS }> {
    MontyForm::new(&Ref::from_be_slice(&x.0), params())
}

fn out(x: MontyForm<{ Ref::LIMBS }>) -> [u8; N_BYTES] {
    x.retrieve().to_be_bytes()
}

/// xorshift64*: reproducible inputs without a dependency.
struct Rng(u64);
impl Rng {
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n)
            .map(|_| {
                self.0 ^= self.0 >> 12;
                self.0 ^= self.0 << 25;
                self.0 ^= self.0 >> 27;
                (self.0.wrapping_mul(0x2545F4914F6CDD1D) >> 56) as u8
            })
            .collect()
    }
    fn value(&mut self) -> U3072 {
        U3072::from_be_slice(&self.bytes(N_BYTES)).unwrap()
    }
}

fn edges() -> Vec<U3072> {
    let mut n_minus_1 = N_BE;
    n_minus_1[N_BYTES - 1] -= 1;
    vec![
        U3072::ZERO,
        U3072::from_be_slice(&[1]).unwrap(),
        U3072::from_be_slice(&[2]).unwrap(),
        U3072(n_minus_1),
        U3072(N_BE),
        U3072([0xff; N_BYTES]),
    ]
}

#[test]
fn mul_square_sub_match_on_edges_and_random_values() {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let mut vals = edges();
    for _ in 0..40 {
        vals.push(rng.value());
    }
    for (i, a) in vals.iter().enumerate() {
        let b = &vals[(i * 7 + 3) % vals.len()];
        let (fa, fb) = (Fe::new(a), Fe::new(b));
        assert_eq!(fa.retrieve().0, out(r(a)), "reduce #{i}");
        assert_eq!(fa.mul(&fb).retrieve().0, out(r(a) * r(b)), "mul #{i}");
        assert_eq!(fa.square().retrieve().0, out(r(a).square()), "square #{i}");
        assert_eq!(fa.sub(&fb).retrieve().0, out(r(a) - r(b)), "sub #{i}");
        assert_eq!(a.reduce().0, out(r(a)), "U3072::reduce #{i}");
        // Results feed further products: chains must stay exact.
        let chain = fa.mul(&fb).square().sub(&fa).mul(&fa.sub(&fb));
        let want = (r(a) * r(b)).square() - r(a);
        assert_eq!(chain.retrieve().0, out(want * (r(a) - r(b))), "chain #{i}");
    }
}

#[test]
fn pow_matches_for_every_exponent_size_used() {
    let mut rng = Rng(42);
    for bits in [0usize, 1, 5, 6, 255, 256, 1024, 1025, 3072] {
        for round in 0..3 {
            let base = if round == 0 {
                U3072::from_be_slice(&[2]).unwrap()
            } else {
                rng.value()
            };
            let mut e = rng.bytes(N_BYTES);
            // Clear bits at and above `bits`.
            for i in bits..N_BYTES * 8 {
                e[N_BYTES - 1 - i / 8] &= !(1 << (i % 8));
            }
            let want = r(&base).pow_bounded_exp(&Ref::from_be_slice(&e), bits as u32);
            let got = Fe::new(&base).pow(&e, bits);
            assert_eq!(got.retrieve().0, out(want), "bits {bits} round {round}");
            // A shorter exponent slice means the same integer.
            let nz = e.iter().position(|&b| b != 0).unwrap_or(e.len());
            assert_eq!(Fe::new(&base).pow(&e[nz..], bits).retrieve().0, out(want));
        }
    }
}

#[test]
fn comb_matches_the_window_method_for_256_bit_exponents() {
    let mut rng = Rng(7);
    for round in 0..8 {
        let base = if round == 0 {
            U3072::from_be_slice(&[2]).unwrap()
        } else {
            rng.value()
        };
        let comb = Comb::new(&Fe::new(&base));
        let mut cases = vec![
            vec![0u8; 32],
            vec![0xff; 32],
            vec![1],
            rng.bytes(32),
            rng.bytes(17),
        ];
        // Padded with zero high bytes, as a is stored.
        let mut padded = vec![0u8; N_BYTES];
        padded[N_BYTES - 32..].copy_from_slice(&cases[3]);
        cases.push(padded);
        for e in &cases {
            let want = r(&base).pow_bounded_exp(
                &Ref::from_be_slice(&{
                    let mut b = [0u8; N_BYTES];
                    b[N_BYTES - e.len()..].copy_from_slice(e);
                    b
                }),
                256,
            );
            assert_eq!(
                comb.pow(e).retrieve().0,
                out(want),
                "round {round}, e {e:02x?}"
            );
        }
    }
}
