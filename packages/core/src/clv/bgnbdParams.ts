/**
 * BG/NBD parameters (Fader, Hardie & Lee 2005): purchase rate λ ~ Gamma(r, α) (α a rate, in the model's
 * time unit), dropout probability after each purchase p ~ Beta(a, b).
 */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** (r, α, a, b) in that order, as the optimiser holds them. */
export function bgnbdFromArray(values: ArrayLike<number>): BgNbdParams {
  return {
    r: values[0] ?? Number.NaN,
    alpha: values[1] ?? Number.NaN,
    a: values[2] ?? Number.NaN,
    b: values[3] ?? Number.NaN,
  };
}

/** The log-parameters the optimiser works on (logs keep every parameter positive). */
export function bgnbdToLog(p: BgNbdParams): Float64Array {
  return Float64Array.of(Math.log(p.r), Math.log(p.alpha), Math.log(p.a), Math.log(p.b));
}
