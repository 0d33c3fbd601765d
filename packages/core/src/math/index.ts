export { CompensatedSum } from './compensatedSum.js';
export { digamma } from './digamma.js';
export { gammaProduct } from './gammaProduct.js';
export { hyp2f1, logHyp2f1 } from './hyp2f1.js';
export { hypergeometricSeries, isNonPositiveInteger } from './hypergeometricSeries.js';
export { minimizeLbfgs, type LbfgsOptions } from './lbfgs.js';
export {
  strongWolfeLineSearch,
  type LineFunction,
  type LinePoint,
  type LineSearchResult,
} from './lineSearch.js';
export { logBeta } from './logBeta.js';
export { gammaSign, isGammaPole, logGamma, sinPi } from './logGamma.js';
export { exprel, log1mExp, log1pExp, logAddExp, logSumExp } from './logSumExp.js';
export { dot, maxNorm } from './minimizeResult.js';
export type { MinimizeResult, Objective, ObjectiveWithGradient, StopReason } from './minimizeResult.js';
export { minimizeNelderMead, type NelderMeadOptions } from './nelderMead.js';
export { invertSpd, numericHessian } from './numericHessian.js';
export { createRandom, type Random } from './random.js';
export { relativeError } from './relativeError.js';
export type { SignedLog } from './signedLog.js';
