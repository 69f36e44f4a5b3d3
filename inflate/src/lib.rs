//! Raw DEFLATE (RFC 1951) decoding, as a wasm module of a few KB.
//!
//! cognito-wasm ships its main module deflated inside the JavaScript and must
//! unpack it synchronously while the page loads. In JavaScript that loop runs
//! mostly in V8's interpreter (cold code, run once); as wasm it is compiled
//! straight to machine code. [`inflate`] is the tested, safe core; the exported
//! `inflate_into` is the boundary the JavaScript calls.
#![cfg_attr(all(target_arch = "wasm32", not(test)), no_std)]

const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
const CODE_LENGTH_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// Why the data could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub struct Corrupt;

/// A lookup table over the next 15 input bits (codes arrive bit-reversed):
/// entry = symbol << 4 | code length, 0 where no code fits.
struct Huffman {
    table: [u16; 1 << 15],
    bits: u32,
}

impl Huffman {
    /// Rebuilds the table for these code lengths (canonical Huffman codes).
    fn build(&mut self, lengths: &[u8]) -> Result<(), Corrupt> {
        let into = self;
        let mut count = [0u16; 16];
        let mut max = 0;
        for &l in lengths {
            count[l as usize] += 1;
            max = max.max(l as u32);
        }
        count[0] = 0;
        let mut next = [0u32; 16];
        let mut code = 0u32;
        for l in 1..16 {
            code = (code + count[l - 1] as u32) << 1;
            next[l] = code;
        }
        let size = 1usize << max;
        into.bits = max;
        into.table[..size].fill(0);
        for (symbol, &l) in lengths.iter().enumerate() {
            if l == 0 {
                continue;
            }
            let l = l as u32;
            let c = next[l as usize];
            next[l as usize] += 1;
            if c >= 1 << l {
                return Err(Corrupt); // over-subscribed code
            }
            let reversed = (c.reverse_bits() >> (32 - l)) as usize;
            let mut j = reversed;
            while j < size {
                into.table[j] = ((symbol as u16) << 4) | l as u16;
                j += 1 << l;
            }
        }
        Ok(())
    }
}

struct Bits<'a> {
    src: &'a [u8],
    pos: usize,
    buf: u64,
    cnt: u32,
}

impl Bits<'_> {
    #[inline(always)]
    fn refill(&mut self) {
        while self.cnt <= 56 {
            let b = self.src.get(self.pos).copied().unwrap_or(0);
            self.pos += 1;
            self.buf |= (b as u64) << self.cnt;
            self.cnt += 8;
        }
    }
    #[inline(always)]
    fn take(&mut self, n: u32) -> u32 {
        if self.cnt < n {
            self.refill();
        }
        let v = (self.buf & ((1u64 << n) - 1)) as u32;
        self.buf >>= n;
        self.cnt -= n;
        v
    }
    #[inline(always)]
    fn symbol(&mut self, h: &Huffman) -> Result<usize, Corrupt> {
        if self.cnt < 15 {
            self.refill();
        }
        let e = h.table[(self.buf & ((1u64 << h.bits) - 1)) as usize];
        let l = (e & 15) as u32;
        if l == 0 {
            return Err(Corrupt);
        }
        self.buf >>= l;
        self.cnt -= l;
        Ok((e >> 4) as usize)
    }
    /// Reading past the end yields zero bits; that is only an error if used.
    fn overran(&self) -> bool {
        self.pos > self.src.len() + (self.cnt as usize / 8)
    }
}

/// Decodes `src` into `out`, which must be exactly the decoded size.
pub fn inflate(src: &[u8], out: &mut [u8]) -> Result<(), Corrupt> {
    let mut lit = Huffman {
        table: [0; 1 << 15],
        bits: 0,
    };
    let mut dist = Huffman {
        table: [0; 1 << 15],
        bits: 0,
    };
    let mut bits = Bits {
        src,
        pos: 0,
        buf: 0,
        cnt: 0,
    };
    let mut op = 0usize;
    loop {
        let last = bits.take(1);
        match bits.take(2) {
            0 => {
                let skip = bits.cnt % 8;
                bits.take(skip);
                let len = bits.take(16) as usize;
                if bits.take(16) as usize != !len & 0xffff {
                    return Err(Corrupt);
                }
                for _ in 0..len {
                    *out.get_mut(op).ok_or(Corrupt)? = bits.take(8) as u8;
                    op += 1;
                }
            }
            kind @ (1 | 2) => {
                if kind == 1 {
                    let mut l = [8u8; 288];
                    l[144..256].fill(9);
                    l[256..280].fill(7);
                    lit.build(&l)?;
                    dist.build(&[5u8; 30])?;
                } else {
                    read_dynamic_tables(&mut bits, &mut lit, &mut dist)?;
                }
                op = decode_block(&mut bits, &lit, &dist, out, op)?;
            }
            _ => return Err(Corrupt),
        }
        if bits.overran() {
            return Err(Corrupt);
        }
        if last == 1 {
            break;
        }
    }
    if op != out.len() {
        return Err(Corrupt);
    }
    Ok(())
}

fn read_dynamic_tables(
    bits: &mut Bits,
    lit: &mut Huffman,
    dist: &mut Huffman,
) -> Result<(), Corrupt> {
    let nlit = bits.take(5) as usize + 257;
    let ndist = bits.take(5) as usize + 1;
    let nclen = bits.take(4) as usize + 4;
    let mut clen = [0u8; 19];
    for &i in &CODE_LENGTH_ORDER[..nclen] {
        clen[i] = bits.take(3) as u8;
    }
    // The code-length code is decoded with `dist`'s table, rebuilt right after.
    dist.build(&clen)?;
    let total = nlit + ndist;
    let mut lengths = [0u8; 320];
    let mut i = 0;
    while i < total {
        let s = bits.symbol(dist)?;
        let (value, repeat) = match s {
            0..=15 => (s as u8, 1),
            16 if i > 0 => (lengths[i - 1], 3 + bits.take(2)),
            17 => (0, 3 + bits.take(3)),
            18 => (0, 11 + bits.take(7)),
            _ => return Err(Corrupt),
        };
        for _ in 0..repeat {
            if i >= total {
                return Err(Corrupt);
            }
            lengths[i] = value;
            i += 1;
        }
    }
    lit.build(&lengths[..nlit])?;
    dist.build(&lengths[nlit..total])
}

/// One Huffman-coded block, up to its end-of-block symbol; returns the new output position.
fn decode_block(
    bits: &mut Bits,
    lit: &Huffman,
    dist: &Huffman,
    out: &mut [u8],
    mut op: usize,
) -> Result<usize, Corrupt> {
    loop {
        let s = bits.symbol(lit)?;
        if s < 256 {
            *out.get_mut(op).ok_or(Corrupt)? = s as u8;
            op += 1;
            continue;
        }
        if s == 256 {
            return Ok(op);
        }
        let i = s - 257;
        if i >= 29 {
            return Err(Corrupt);
        }
        let len = LEN_BASE[i] as usize + bits.take(LEN_EXTRA[i] as u32) as usize;
        let d = bits.symbol(dist)?;
        if d >= 30 {
            return Err(Corrupt);
        }
        let back = DIST_BASE[d] as usize + bits.take(DIST_EXTRA[d] as u32) as usize;
        if back > op || len > out.len() - op {
            return Err(Corrupt);
        }
        if back >= len {
            out.copy_within(op - back..op - back + len, op);
        } else {
            // Overlapping: the run repeats the last `back` bytes.
            for k in op..op + len {
                out[k] = out[k - back];
            }
        }
        op += len;
        if bits.overran() {
            return Err(Corrupt);
        }
    }
}

/// The JavaScript side writes the deflated bytes at `src` and reads the result
/// at `dst` in this module's memory (grown to fit); returns 0, or 1 if corrupt.
///
/// # Safety
/// The two ranges must lie in this module's memory and not overlap.
#[cfg(target_arch = "wasm32")]
#[no_mangle]
pub unsafe extern "C" fn inflate_into(
    src: *const u8,
    src_len: usize,
    dst: *mut u8,
    dst_len: usize,
) -> u32 {
    // SAFETY: the caller (inflate.js) passes two disjoint ranges of this memory.
    let (src, dst) = unsafe {
        (
            core::slice::from_raw_parts(src, src_len),
            core::slice::from_raw_parts_mut(dst, dst_len),
        )
    };
    inflate(src, dst).is_err() as u32
}

#[cfg(all(target_arch = "wasm32", not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniz_oxide::deflate::compress_to_vec;

    /// Reproducible bytes of mixed compressibility.
    fn sample(n: usize, seed: u64) -> Vec<u8> {
        let mut x = seed | 1;
        (0..n)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                if (i / 64) % 3 == 0 {
                    (x >> 60) as u8
                } else {
                    (x >> 33) as u8
                }
            })
            .collect()
    }

    #[test]
    fn round_trips_every_level_and_size() {
        for (n, seed) in [
            (0, 1),
            (1, 2),
            (100, 3),
            (5000, 4),
            (70_000, 5),
            (300_000, 6),
        ] {
            let data = sample(n, seed);
            // Level 0: stored blocks; 1: fixed/dynamic; 10: the slowest matches.
            for level in [0u8, 1, 6, 10] {
                let packed = compress_to_vec(&data, level);
                let mut out = vec![0u8; n];
                assert_eq!(inflate(&packed, &mut out), Ok(()), "n {n} level {level}");
                assert!(out == data, "n {n} level {level}");
            }
        }
        // Long runs: overlapping matches (distance 1) and the maximum length.
        let runs: Vec<u8> = (0..50_000u32)
            .map(|i| if i % 1000 < 700 { 7 } else { (i % 251) as u8 })
            .collect();
        let packed = compress_to_vec(&runs, 9);
        let mut out = vec![0u8; runs.len()];
        assert_eq!(inflate(&packed, &mut out), Ok(()));
        assert!(out == runs);
    }

    #[test]
    fn corrupt_or_wrong_size_input_is_an_error_not_a_panic() {
        let data = sample(20_000, 9);
        let packed = compress_to_vec(&data, 6);
        let mut out = vec![0u8; data.len()];
        // Wrong expected size, either way.
        assert_eq!(inflate(&packed, &mut out[..data.len() - 1]), Err(Corrupt));
        let mut big = vec![0u8; data.len() + 1];
        assert_eq!(inflate(&packed, &mut big), Err(Corrupt));
        // Truncated, and every byte flipped in turn (must never panic).
        assert_eq!(inflate(&packed[..packed.len() / 2], &mut out), Err(Corrupt));
        assert_eq!(inflate(&[], &mut out), Err(Corrupt));
        assert_eq!(inflate(&[0xff; 64], &mut out), Err(Corrupt));
        for i in 0..packed.len().min(2000) {
            let mut bad = packed.clone();
            bad[i] ^= 0x5a;
            let _ = inflate(&bad, &mut out);
        }
    }
}
