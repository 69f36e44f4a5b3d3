// Small statistics helpers: median and spread of a sample.

const q = (sorted, p) => {
  if (!sorted.length) return null;
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
};

/** { n, median, p25, p75, iqr, min, max, mean, sd, cv } of an array of numbers. */
export function summary(values) {
  const xs = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!xs.length) return { n: 0, median: null };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  const r = (x) => Math.round(x * 1000) / 1000;
  return {
    n: xs.length,
    median: r(q(xs, 0.5)),
    p25: r(q(xs, 0.25)),
    p75: r(q(xs, 0.75)),
    iqr: r(q(xs, 0.75) - q(xs, 0.25)),
    min: r(xs[0]),
    max: r(xs[xs.length - 1]),
    mean: r(mean),
    sd: r(sd),
    cv: mean ? r(sd / mean) : null,
  };
}

export const median = (values) => summary(values).median;
