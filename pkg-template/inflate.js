// Raw DEFLATE decompression (RFC 1951), synchronous. The wasm ships deflated
// inside the JS (base64 of raw wasm compresses badly once the page is gzipped;
// base64 of deflated wasm costs almost nothing more), and the module must be
// ready synchronously for configure(), so DecompressionStream (async) cannot be used.

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

// A lookup table over the next `max` input bits (codes arrive bit-reversed):
// entry = symbol << 4 | code length; 0 where no code fits.
function huffman(lengths) {
  let max = 0;
  for (const l of lengths) if (l > max) max = l;
  const table = new Int32Array(1 << max);
  const count = new Uint16Array(16);
  for (const l of lengths) count[l]++;
  count[0] = 0;
  const next = new Uint16Array(16);
  for (let l = 1, code = 0; l < 16; l++) next[l] = code = (code + count[l - 1]) << 1;
  lengths.forEach((l, symbol) => {
    if (!l) return;
    let code = next[l]++;
    let reversed = 0;
    for (let i = 0; i < l; i++, code >>= 1) reversed = (reversed << 1) | (code & 1);
    for (let j = reversed; j < table.length; j += 1 << l) table[j] = (symbol << 4) | l;
  });
  return { table, mask: (1 << max) - 1, max };
}

let fixed;
function fixedTables() {
  if (!fixed) {
    const lit = new Uint8Array(288).fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
    fixed = [huffman(lit), huffman(new Uint8Array(30).fill(5))];
  }
  return fixed;
}

/** Inflates raw DEFLATE `src` into a new array of `size` bytes. */
// The hot loop keeps the bit buffer in locals and decodes inline: this runs once,
// on a cold page, mostly in V8's interpreter, where every closure call and
// captured-variable access costs (4× slower first run with helpers).
export function inflate(src, size) {
  const out = new Uint8Array(size);
  let op = 0;
  let pos = 0;
  let buf = 0;
  let cnt = 0;
  const bits = (n) => {
    while (cnt < n) {
      buf |= (src[pos++] | 0) << cnt;
      cnt += 8;
    }
    const v = buf & ((1 << n) - 1);
    buf >>>= n;
    cnt -= n;
    return v;
  };
  const symbol = (h) => {
    while (cnt < h.max) {
      buf |= (src[pos++] | 0) << cnt;
      cnt += 8;
    }
    const e = h.table[buf & h.mask];
    const l = e & 15;
    if (!l) throw new Error('cognito-wasm: corrupt wasm data');
    buf >>>= l;
    cnt -= l;
    return e >> 4;
  };
  let last;
  do {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      bits(cnt & 7); // to a byte boundary
      const len = bits(16);
      bits(16);
      for (let i = 0; i < len; i++) out[op++] = bits(8);
      continue;
    }
    let lit;
    let dist;
    if (type === 1) {
      [lit, dist] = fixedTables();
    } else if (type === 2) {
      const nlit = bits(5) + 257;
      const ndist = bits(5) + 1;
      const nclen = bits(4) + 4;
      const clen = new Uint8Array(19);
      for (let i = 0; i < nclen; i++) clen[CODE_LENGTH_ORDER[i]] = bits(3);
      const ch = huffman(clen);
      const lengths = new Uint8Array(nlit + ndist);
      for (let i = 0; i < lengths.length; ) {
        const s = symbol(ch);
        if (s < 16) {
          lengths[i++] = s;
        } else {
          const value = s === 16 ? lengths[i - 1] : 0;
          let repeat = s === 16 ? 3 + bits(2) : s === 17 ? 3 + bits(3) : 11 + bits(7);
          while (repeat--) lengths[i++] = value;
        }
      }
      lit = huffman(lengths.subarray(0, nlit));
      dist = huffman(lengths.subarray(nlit));
    } else {
      throw new Error('cognito-wasm: corrupt wasm data');
    }
    const lt = lit.table;
    const lm = lit.mask;
    const dt = dist.table;
    const dm = dist.mask;
    for (;;) {
      // 15 bits cover any literal/length code; the extra bits are read below.
      while (cnt < 15) {
        buf |= (src[pos++] | 0) << cnt;
        cnt += 8;
      }
      let e = lt[buf & lm];
      let l = e & 15;
      if (!l) throw new Error('cognito-wasm: corrupt wasm data');
      buf >>>= l;
      cnt -= l;
      let s = e >> 4;
      if (s < 256) {
        out[op++] = s;
        continue;
      }
      if (s === 256) break;
      s -= 257;
      // Up to 5 extra length bits, a 15-bit distance code and 13 extra bits: refill as needed.
      while (cnt < 20) {
        buf |= (src[pos++] | 0) << cnt;
        cnt += 8;
      }
      let n = LEN_EXTRA[s];
      const len = LEN_BASE[s] + (buf & ((1 << n) - 1));
      buf >>>= n;
      cnt -= n;
      e = dt[buf & dm];
      l = e & 15;
      if (!l) throw new Error('cognito-wasm: corrupt wasm data');
      buf >>>= l;
      cnt -= l;
      const d = e >> 4;
      while (cnt < 13) {
        buf |= (src[pos++] | 0) << cnt;
        cnt += 8;
      }
      n = DIST_EXTRA[d];
      const back = DIST_BASE[d] + (buf & ((1 << n) - 1));
      buf >>>= n;
      cnt -= n;
      if (back > op) throw new Error('cognito-wasm: corrupt wasm data');
      if (back >= len) {
        // A native copy: most output comes from matches, and this is cold code.
        out.copyWithin(op, op - back, op - back + len);
        op += len;
      } else {
        for (let k = 0; k < len; k++, op++) out[op] = out[op - back];
      }
    }
  } while (!last);
  if (op !== size) throw new Error('cognito-wasm: corrupt wasm data');
  return out;
}
