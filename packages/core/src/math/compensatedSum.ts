/**
 * Neumaier's compensated summation: the error of a sum of n terms stays O(ε) instead of O(nε).
 * Likelihoods over 10⁵–10⁶ customers need it: near an optimum the line search compares values that
 * differ by ~1e-14 relative, below the rounding noise of a plain running sum.
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  constructor(initial = 0) {
    this.sum = initial;
  }

  add(term: number): void {
    const t = this.sum + term;
    this.compensation += Math.abs(this.sum) >= Math.abs(term) ? this.sum - t + term : term - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.compensation;
  }
}
