// The pure analytics core: no I/O, no clock. Columnar in (FeatureMatrix), columnar out (GradeResult).
export * from './matrix/FeatureMatrix.js';
export * from './calendar/calendar.js';
export * from './calendar/civilDays.js';
export * from './indicators/index.js';
export * from './normalize/index.js';
export * from './model/index.js';
export * from './scorecard/index.js';
export * from './tiers/index.js';
export * from './abc/index.js';
export * from './rfm/index.js';
export * from './clv/index.js';
export * from './lifecycle/index.js';
export * from './churn/index.js';
export * from './classification/index.js';
export * from './grade/index.js';
export * as math from './math/index.js';
export { resolveLocale, type Label, type Locale } from './util/Label.js';
export { idOrder } from './util/argsortByValueThenId.js';
