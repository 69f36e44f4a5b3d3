//! Arithmetic modulo the one prime SRP uses here: the RFC 5054 3072-bit group.
//!
//! Written for this single fixed modulus instead of a general big-integer crate
//! because it is the whole cost of a sign-in: 28-bit limbs let a Montgomery
//! multiplication add up each column's 56-bit products in one `u64` with no carry
//! handling inside the loops (wasm has 64-bit multiplies but no 128-bit ones),
//! squaring uses the symmetric products once, and values stay in `[0, 2N)`
//! between operations (R = 2^3080 > 256·N) so no step needs a final subtraction.
//!
//! Everything that touches secrets runs in time independent of their values:
//! fixed loop bounds, exponent windows chosen with masks, no early exits.

#[allow(unused_imports)]
use crate::prelude::*;
use zeroize::Zeroize;

/// Bytes of a group element.
pub const N_BYTES: usize = 384;
/// 28-bit limbs: 110 × 28 = 3080 bits, a little headroom above 3072.
const LIMBS: usize = 110;
const BITS: u32 = 28;
const MASK: u32 = (1 << BITS) - 1;
/// Limb arrays are 128 long (18 unused): indices masked with `& (CAP - 1)` are
/// then provably in bounds, so the hot loops need neither bounds checks nor `unsafe`.
const CAP: usize = 128;
type Limbs = [u32; CAP];

const N_HEX: &[u8; 768] = b"FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";

const fn hex_digit(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'A'..=b'F' => c - b'A' + 10,
        _ => panic!("bad hex in N"),
    }
}

const fn n_bytes() -> [u8; N_BYTES] {
    let mut out = [0u8; N_BYTES];
    let mut i = 0;
    while i < N_BYTES {
        out[i] = hex_digit(N_HEX[2 * i]) << 4 | hex_digit(N_HEX[2 * i + 1]);
        i += 1;
    }
    out
}

/// N as big-endian bytes.
pub const N_BE: [u8; N_BYTES] = n_bytes();

const fn limbs_from_be(be: &[u8; N_BYTES]) -> Limbs {
    let mut out = [0u32; CAP];
    let mut bit = 0;
    while bit < N_BYTES * 8 {
        // Bit `bit` counted from the least significant end.
        let byte = be[N_BYTES - 1 - bit / 8];
        let v = (byte >> (bit % 8)) & 1;
        out[bit / BITS as usize] |= (v as u32) << (bit % BITS as usize);
        bit += 1;
    }
    out
}

const N: Limbs = limbs_from_be(&N_BE);

/// −N⁻¹ mod 2^28 (Newton's iteration doubles the correct low bits each step).
const N_PRIME: u32 = {
    let n0 = N[0];
    let mut inv: u32 = 1;
    let mut i = 0;
    while i < 5 {
        inv = inv.wrapping_mul(2u32.wrapping_sub(n0.wrapping_mul(inv)));
        i += 1;
    }
    inv.wrapping_neg() & MASK
};

/// a ≥ b (public constants only: it exits early).
const fn geq(a: &Limbs, b: &Limbs) -> bool {
    let mut i = LIMBS;
    while i > 0 {
        i -= 1;
        if a[i] != b[i] {
            return a[i] > b[i];
        }
    }
    true
}

/// x − m over the used limbs, and the final borrow (1 when x < m). No branch on
/// the values: [`csub`] runs it on secrets; the constants below use it at compile time.
const fn sub_limbs(x: &Limbs, m: &Limbs) -> (Limbs, u32) {
    let mut d = [0u32; CAP];
    let mut borrow = 0u32;
    let mut i = 0;
    while i < LIMBS {
        let v = x[i].wrapping_sub(m[i]).wrapping_sub(borrow);
        borrow = v >> 31;
        d[i] = v & MASK;
        i += 1;
    }
    (d, borrow)
}

/// 2x (no reduction), for the constants below.
const fn double(x: &Limbs) -> Limbs {
    let mut out = [0u32; CAP];
    let mut carry = 0u32;
    let mut i = 0;
    while i < LIMBS {
        let v = (x[i] << 1) | carry;
        carry = v >> BITS;
        out[i] = v & MASK;
        i += 1;
    }
    out
}

/// R² mod N (R = 2^3080), by doubling 1 modulo N 6160 times at compile time.
const R2: Limbs = {
    let mut x = [0u32; CAP];
    x[0] = 1;
    let mut step = 0;
    while step < 2 * LIMBS * BITS as usize {
        x = double(&x);
        // Compared first: a full subtraction at every step is too slow for const evaluation.
        if geq(&x, &N) {
            x = sub_limbs(&x, &N).0;
        }
        step += 1;
    }
    x
};

/// An integer below 2^3072 as big-endian bytes: what crosses the wire and gets hashed.
#[derive(Clone, PartialEq, Eq)]
pub struct U3072(pub [u8; N_BYTES]);

impl U3072 {
    pub const ZERO: U3072 = U3072([0; N_BYTES]);

    /// From big-endian bytes of at most 384 bytes (shorter ones are left-padded).
    pub fn from_be_slice(be: &[u8]) -> Option<U3072> {
        let start = be.iter().position(|&b| b != 0).unwrap_or(be.len());
        let digits = &be[start..];
        if digits.len() > N_BYTES {
            return None;
        }
        let mut out = [0u8; N_BYTES];
        out[N_BYTES - digits.len()..].copy_from_slice(digits);
        Some(U3072(out))
    }

    pub fn to_be_bytes(&self) -> [u8; N_BYTES] {
        self.0
    }

    /// Constant time: the values compared here can be secret.
    pub fn is_zero(&self) -> bool {
        self.0.iter().fold(0u8, |acc, &b| acc | b) == 0
    }

    /// The value reduced modulo N (one subtraction suffices: 2N > 2^3072).
    pub fn reduce(&self) -> U3072 {
        let mut x = limbs_from_be(&self.0);
        reduce_once(&mut x);
        let out = U3072(limbs_to_be(&x));
        x.zeroize();
        out
    }
}

impl Zeroize for U3072 {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

fn limbs_to_be(x: &Limbs) -> [u8; N_BYTES] {
    let mut out = [0u8; N_BYTES];
    let mut acc: u64 = 0;
    let mut have = 0u32;
    let mut pos = N_BYTES;
    for &limb in &x[..LIMBS] {
        acc |= (limb as u64) << have;
        have += BITS;
        while have >= 8 && pos > 0 {
            pos -= 1;
            out[pos] = acc as u8;
            acc >>= 8;
            have -= 8;
        }
    }
    out
}

/// The integer 1, in limbs.
const ONE: Limbs = {
    let mut x = [0u32; CAP];
    x[0] = 1;
    x
};

/// 2N, the bound values are kept under.
const N2: Limbs = double(&N);

/// x − N if x ≥ N, else x; for x < 2N, without branching on x.
fn reduce_once(x: &mut Limbs) {
    csub(x, &N);
}

/// x − m if x ≥ m, else x, without branching on x.
fn csub(x: &mut Limbs, m: &Limbs) {
    let (mut d, borrow) = sub_limbs(x, m);
    // borrow = 1: x < m, keep x.
    let keep_x = borrow.wrapping_neg();
    for i in 0..LIMBS {
        x[i] = (x[i] & keep_x) | (d[i] & !keep_x);
    }
    d.zeroize();
}

/// A group element in Montgomery form (x·R mod N), kept in `[0, 2N)`.
#[derive(Clone)]
pub struct Fe(Limbs);

impl Drop for Fe {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// The Montgomery product a·b·R⁻¹ mod N, both operands below 16N, result below 2N.
///
/// Product scanning (column by column) with the reduction interleaved: column k
/// holds at most 220 products below 2^56 plus the carry from column k−1, which
/// stays below 2^64, so the sum needs no carry checks.
///
/// The hot loops index fixed-size arrays directly: the crate is built for size
/// (`opt-level = "z"`), where iterator adapters and range slicing stay out-of-line
/// calls shared with the rest of the crate and made this three times slower.
#[inline(never)]
fn mont_mul(a: &Limbs, b: &Limbs) -> Limbs {
    redc(
        |k| column(a, b, 0, k, k) + a[k] as u64 * b[0] as u64,
        |k| column(a, b, k + 1 - LIMBS, LIMBS, k),
    )
}

/// Montgomery reduction interleaved with a product given column by column: the
/// sum over i + j = k of the operands' limb products, by `low(k)` for k < LIMBS
/// and `high(k)` above (separate so each has fixed loop bounds).
#[inline(always)]
fn redc(low: impl Fn(usize) -> u64, high: impl Fn(usize) -> u64) -> Limbs {
    let mut m = [0u32; CAP];
    let mut t = [0u32; CAP];
    let mut acc: u64 = 0;
    for k in 0..LIMBS {
        acc += low(k) + column(&m, &N, 0, k, k);
        let mk = (acc as u32).wrapping_mul(N_PRIME) & MASK;
        m[k] = mk;
        acc += mk as u64 * N[0] as u64;
        acc >>= BITS;
    }
    for k in LIMBS..2 * LIMBS - 1 {
        let lo = k + 1 - LIMBS;
        acc += high(k) + column(&m, &N, lo, LIMBS, k);
        t[k - LIMBS] = acc as u32 & MASK;
        acc >>= BITS;
    }
    t[LIMBS - 1] = acc as u32;
    m.zeroize();
    t
}

/// Σ x_j·y_{k−j} for lo ≤ j < hi (callers keep every index in range).
#[inline(always)]
fn column(x: &Limbs, y: &Limbs, lo: usize, hi: usize, k: usize) -> u64 {
    let (mut s0, mut s1) = (0u64, 0u64);
    let mut j = lo;
    const I: usize = CAP - 1;
    while j + 2 <= hi {
        s0 += x[j & I] as u64 * y[(k - j) & I] as u64;
        s1 += x[(j + 1) & I] as u64 * y[(k - j - 1) & I] as u64;
        j += 2;
    }
    if j < hi {
        s0 += x[j & I] as u64 * y[(k - j) & I] as u64;
    }
    s0 + s1
}

/// a²·R⁻¹ mod N: the cross products a_i·a_j (i ≠ j) once, doubled.
#[inline(never)]
fn mont_sqr(a: &Limbs) -> Limbs {
    redc(|k| square_column(a, k), |k| square_column(a, k))
}

/// Σ a_i·a_j over i + j = k: the pairs i < j doubled, plus a_{k/2}² when k is even.
#[inline(always)]
fn square_column(a: &Limbs, k: usize) -> u64 {
    let lo = (k + 1).saturating_sub(LIMBS);
    // Pairs (i, k−i) with lo ≤ i < k−i.
    let mut sum = column(a, a, lo, k.div_ceil(2).max(lo), k) << 1;
    if k % 2 == 0 {
        // k is public, so this branch leaks nothing.
        sum += a[k / 2] as u64 * a[k / 2] as u64;
    }
    sum
}

impl Fe {
    /// x·R mod N for any x below 2^3072.
    pub fn new(x: &U3072) -> Fe {
        let mut l = limbs_from_be(&x.0);
        let out = Fe(mont_mul(&l, &R2));
        l.zeroize();
        out
    }

    /// The element 1.
    pub fn one() -> Fe {
        Fe(mont_mul(&ONE, &R2))
    }

    /// Back to an ordinary integer in `[0, N)`.
    pub fn retrieve(&self) -> U3072 {
        let mut x = mont_mul(&self.0, &ONE);
        reduce_once(&mut x);
        let out = U3072(limbs_to_be(&x));
        x.zeroize();
        out
    }

    pub fn mul(&self, other: &Fe) -> Fe {
        Fe(mont_mul(&self.0, &other.0))
    }

    pub fn square(&self) -> Fe {
        Fe(mont_sqr(&self.0))
    }

    /// self − other mod N: self + 2N − other is in (0, 4N), and two masked
    /// subtractions bring it back below 2N... and then below N.
    pub fn sub(&self, other: &Fe) -> Fe {
        let mut out = [0u32; CAP];
        let mut carry: i64 = 0;
        for (i, o) in out.iter_mut().enumerate().take(LIMBS) {
            let v = self.0[i] as i64 + 2 * N[i] as i64 - other.0[i] as i64 + carry;
            *o = (v & MASK as i64) as u32;
            carry = v >> BITS;
        }
        csub(&mut out, &N2);
        reduce_once(&mut out);
        Fe(out)
    }

    /// self^e mod N where `e` is big-endian bytes and only its low `bits` bits may be
    /// set. Fixed 5-bit windows, each table entry read with a mask over all 32, so
    /// the time depends on `bits` (public) but not on the exponent's value.
    pub fn pow(&self, e: &[u8], bits: usize) -> Fe {
        const W: usize = 5;
        let mut table: [Limbs; 1 << W] = [[0; CAP]; 1 << W];
        table[0] = Fe::one().0;
        table[1] = self.0;
        for i in 2..(1 << W) {
            table[i] = if i % 2 == 0 {
                mont_sqr(&table[i / 2])
            } else {
                mont_mul(&table[i - 1], &self.0)
            };
        }
        let windows = bits.div_ceil(W).max(1);
        let mut acc = [0u32; CAP];
        let mut pick = [0u32; CAP];
        for w in (0..windows).rev() {
            if w + 1 != windows {
                for _ in 0..W {
                    acc = mont_sqr(&acc);
                }
            }
            let mut idx = 0u32;
            for b in 0..W {
                idx |= bit(e, w * W + b) << b;
            }
            select(&table, idx, &mut pick);
            acc = if w + 1 == windows {
                pick
            } else {
                mont_mul(&acc, &pick)
            };
        }
        table.zeroize();
        pick.zeroize();
        Fe(acc)
    }
}

/// Powers of one fixed base for exponents of at most 256 bits, by the comb method
/// (Lim–Lee): the exponent is read as 4 rows of 64 bits, and `table[v]` is the
/// product of base^(2^(64·i)) over the rows i set in v. A power then costs 63
/// squarings and 64 multiplications instead of 255 and 52 (plus 31 for a window
/// table): about half, and the table is built once for the generator.
pub struct Comb {
    table: [Limbs; 16],
}

impl Comb {
    pub fn new(base: &Fe) -> Comb {
        let mut rows = [base.0; 4];
        for i in 1..4 {
            let mut t = rows[i - 1];
            for _ in 0..64 {
                t = mont_sqr(&t);
            }
            rows[i] = t;
        }
        let mut table = [[0u32; CAP]; 16];
        table[0] = Fe::one().0;
        for v in 1..16usize {
            let low = v & v.wrapping_neg();
            let row = rows[low.trailing_zeros() as usize];
            table[v] = if v == low {
                row
            } else {
                mont_mul(&table[v ^ low], &row)
            };
        }
        Comb { table }
    }

    /// base^e for big-endian `e` below 2^256 (longer slices must have zero high
    /// bytes, which are not read). Constant time in e's value.
    pub fn pow(&self, e: &[u8]) -> Fe {
        let e = &e[e.len().saturating_sub(32)..];
        let mut acc = [0u32; CAP];
        let mut pick = [0u32; CAP];
        for col in (0..64).rev() {
            let idx = (0..4).fold(0u32, |idx, row| idx | bit(e, 64 * row + col) << row);
            select(&self.table, idx, &mut pick);
            acc = if col == 63 {
                pick
            } else {
                mont_mul(&mont_sqr(&acc), &pick)
            };
        }
        pick.zeroize();
        Fe(acc)
    }
}

/// Bit `i` (from the least significant end) of big-endian `e`; 0 past its end.
/// The branch is on the position, which is public.
fn bit(e: &[u8], i: usize) -> u32 {
    if i >= e.len() * 8 {
        return 0;
    }
    (e[e.len() - 1 - i / 8] >> (i % 8)) as u32 & 1
}

/// out = table[idx], reading every entry so the memory access pattern is the same
/// for every idx.
fn select(table: &[Limbs], idx: u32, out: &mut Limbs) {
    out.fill(0);
    for (i, entry) in table.iter().enumerate() {
        let d = i as u32 ^ idx;
        // d == 0 → all ones, else 0.
        let mask = ((d | d.wrapping_neg()) >> 31).wrapping_sub(1);
        for i in 0..LIMBS {
            out[i] |= entry[i] & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn n_round_trips_and_constants_hold() {
        assert_eq!(limbs_to_be(&N), N_BE);
        // N ≡ −1 (mod 2^64) for the RFC 5054 groups, so −N⁻¹ ≡ 1.
        assert_eq!(N_PRIME, 1);
        assert_eq!(N[0].wrapping_mul(N_PRIME) & MASK, MASK);
    }

    #[test]
    fn one_is_one_and_n_reduces_to_zero() {
        let mut one = [0u8; N_BYTES];
        one[N_BYTES - 1] = 1;
        assert_eq!(Fe::one().retrieve().0, one);
        assert!(U3072(N_BE).reduce().is_zero());
        assert!(Fe::new(&U3072(N_BE)).retrieve().is_zero());
    }
}
