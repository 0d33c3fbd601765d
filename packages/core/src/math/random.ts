/**
 * A small seeded pseudo-random generator (SFC32, period ≈ 2¹²⁸, seeded through SplitMix32) with the
 * samplers the synthetic CLV data needs. Deterministic across platforms: same seed, same stream.
 */
export interface Random {
  /** Uniform on the open interval (0, 1), so logarithms of it are always finite. */
  uniform(): number;
  normal(): number;
  exponential(rate: number): number;
  /** Gamma with shape k and rate θ (mean k/θ). */
  gamma(shape: number, rate: number): number;
  beta(a: number, b: number): number;
}

export function createRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let t = s ^ (s >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next32();

  const uniform = (): number => (next32() + 0.5) / 4294967296;
  const normal = (): number => {
    // Box–Muller; one of the pair is dropped to keep the generator stateless beyond its words.
    return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  };
  const gamma = (shape: number, rate: number): number => {
    if (shape < 1) {
      // Boost: Γ(k) = Γ(k+1)·U^(1/k)
      return gamma(shape + 1, rate) * Math.pow(uniform(), 1 / shape);
    }
    // Marsaglia & Tsang (2000)
    const d3 = shape - 1 / 3;
    const c3 = 1 / Math.sqrt(9 * d3);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c3 * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (Math.log(u) < 0.5 * x * x + d3 - d3 * v + d3 * Math.log(v)) return (d3 * v) / rate;
    }
  };
  return {
    uniform,
    normal,
    exponential: (rate) => -Math.log(uniform()) / rate,
    gamma,
    beta: (alpha, beta) => {
      const x = gamma(alpha, 1);
      return x / (x + gamma(beta, 1));
    },
  };
}
