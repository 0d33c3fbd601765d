export { AbcConfigSchema, type AbcConfig } from './AbcConfig.js';
export { ABC_CLASS, ABC_CLASS_KEYS, ABC_CLASS_LABELS, type AbcClassKey } from './abcLabels.js';
export { abcClassify, type AbcResult } from './abcClassify.js';
export { abcFromMatrix } from './abcFromMatrix.js';
