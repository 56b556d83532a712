/**
 * Platt scaling: p' = σ(a · logit(p) + b), fitted on out-of-fold probabilities. The logistic
 * regression with thousands of stem weights fits its training paragraphs almost perfectly, so on
 * unseen paragraphs its raw probabilities are too timid in the middle (of pairs given 0.3–0.4, more
 * than half are right) and too sure at the top. Two numbers per kind of input fix the scale without
 * changing the order: rankings and which pairs pass a threshold chosen afterwards stay comparable.
 */
export interface PlattScale {
  a: number;
  b: number;
}

export const IDENTITY_SCALE: PlattScale = { a: 1, b: 0 };

const EPS = 1e-6;
const logit = (p: number) => {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
};

export function applyScale(scale: PlattScale, z: number): number {
  return 1 / (1 + Math.exp(-(scale.a * z + scale.b)));
}

/** Rescales a probability (0 stays 0: a pair the gate closed has no probability to rescale). */
export function rescale(scale: PlattScale, p: number): number {
  return p === 0 ? 0 : applyScale(scale, logit(p));
}

/** Maximum-likelihood a and b by Newton's method on (probability, gold) pairs; identity when there is too little to fit. */
export function fitPlatt(pairs: ReadonlyArray<readonly [number, boolean]>): PlattScale {
  const xs = pairs.filter(([p]) => p > 0).map(([p, g]) => [logit(p), g ? 1 : 0] as const);
  const positives = xs.filter(([, y]) => y === 1).length;
  if (positives < 10 || xs.length - positives < 10) return IDENTITY_SCALE;
  let a = 1, b = 0;
  for (let it = 0; it < 50; it++) {
    // Gradient and Hessian of the negative log-likelihood, with a tiny ridge for stability.
    let ga = 0, gb = 0, haa = 1e-6, hab = 0, hbb = 1e-6;
    for (const [x, y] of xs) {
      const p = 1 / (1 + Math.exp(-(a * x + b)));
      const d = p - y;
      const w = p * (1 - p);
      ga += d * x; gb += d;
      haa += w * x * x; hab += w * x; hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (det <= 0) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da; b -= db;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
  }
  return { a: Math.round(a * 10000) / 10000, b: Math.round(b * 10000) / 10000 };
}
