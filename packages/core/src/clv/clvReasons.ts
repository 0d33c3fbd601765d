/**
 * Why a CLV fit fell back or needs attention. Fallback reasons make `status` 'fallback'; warnings do not.
 */
export const CLV_REASONS = {
  /** Warning: rows with an inconsistent (x, t_x, T) were left out; their outputs are NaN. */
  INVALID_ROWS: 'warning',
  /** Fewer customers with a purchase history than `minCustomers`. */
  TOO_FEW_CUSTOMERS: 'fallback',
  /** Nobody bought on two different days. */
  NO_REPEAT_BUYERS: 'fallback',
  /** Fewer repeat buyers than `minRepeatCustomers`. */
  TOO_FEW_REPEAT_BUYERS: 'fallback',
  /** Every customer's first purchase is on the as-of day (T = 0): nothing to learn from. */
  NO_OBSERVATION_TIME: 'fallback',
  BGNBD_NOT_CONVERGED: 'fallback',
  /** The BG/NBD optimum is not finite or at the edge of the parameter space (a parameter beyond 1e±8). */
  BGNBD_DEGENERATE: 'fallback',
  /** Fewer repeat buyers with a positive mean spend than `minRepeatCustomers`. */
  GAMMA_GAMMA_TOO_FEW: 'fallback',
  GAMMA_GAMMA_NOT_CONVERGED: 'fallback',
  /** q ≤ 1: the population mean spend pγ/(q−1) does not exist. */
  GAMMA_GAMMA_Q_NOT_ABOVE_ONE: 'fallback',
  /** The Gamma-Gamma optimum is not finite or at the edge (e.g. every m̄ equal: no spend heterogeneity). */
  GAMMA_GAMMA_DEGENERATE: 'fallback',
} as const satisfies Record<string, 'warning' | 'fallback'>;

export type ClvReason = keyof typeof CLV_REASONS;

export const CLV_REASON_CODES = Object.keys(CLV_REASONS) as ClvReason[];
