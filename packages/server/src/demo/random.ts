/**
 * The demo's seeded generator: SFC32 keyed by a hash of (seed, customer, stream), so every customer's
 * draws are independent of every other customer's. That is what lets the generator recompute any
 * customer's plan on demand (a subsidiary reads its group head's, a referral its referred customer's)
 * without keeping a million plans in memory, and keeps the output identical however it is consumed.
 * A mutable class rather than closures: it is re-keyed once per customer, millions of times.
 */
export class DemoRandom {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(...key: number[]) {
    this.reseed(...key);
  }

  reseed(...key: number[]): this {
    let h = 0x811c9dc5;
    for (const part of key) h = mix32(h ^ mix32(part >>> 0) ^ Math.floor(part / 4294967296));
    this.a = mix32(h ^ 0x9e3779b9);
    this.b = mix32(this.a ^ 0x85ebca6b);
    this.c = mix32(this.b ^ 0xc2b2ae35);
    this.d = 1;
    for (let i = 0; i < 10; i++) this.next32();
    return this;
  }

  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on (0, 1): never 0, so its logarithm is finite. */
  uniform(): number {
    return (this.next32() + 0.5) / 4294967296;
  }

  between(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** An integer in [low, high], both included. */
  int(low: number, high: number): number {
    return low + Math.floor(this.uniform() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.uniform() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.uniform() * items.length)] as T;
  }

  /** Index drawn from cumulative weights (ascending, last = total). */
  weighted(cumulative: Float64Array): number {
    const target = this.uniform() * (cumulative[cumulative.length - 1] ?? 0);
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  normal(): number {
    return Math.sqrt(-2 * Math.log(this.uniform())) * Math.cos(2 * Math.PI * this.uniform());
  }

  /** Waiting time of a Poisson process with `rate` events per unit. */
  exponential(rate: number): number {
    return -Math.log(this.uniform()) / rate;
  }

  /** Poisson count for small means (Knuth); the demo only asks for means below ~30. */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.uniform();
    while (product > limit) {
      count++;
      product *= this.uniform();
    }
    return count;
  }
}

/**
 * Days of an inhomogeneous Poisson process on [from, to] by thinning: candidates arrive at `peak` a day
 * and each is kept with probability intensity(day) / peak (intensity ≤ peak). Days come in order.
 */
export function eventDays(
  random: DemoRandom,
  from: number,
  to: number,
  peak: number,
  intensity: (day: number) => number,
  visit: (day: number) => void,
): void {
  if (!(peak > 0)) return;
  for (let t = from; ;) {
    t += random.exponential(peak);
    const day = Math.floor(t);
    if (day > to) return;
    if (random.uniform() * peak < intensity(day)) visit(day);
  }
}

/** Murmur3's finaliser: a cheap, well-mixing 32-bit hash step. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Cumulative weights for `DemoRandom.weighted`. */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((weight, i) => (cumulative[i] = sum += weight));
  return cumulative;
}
