export {
  loadDemo,
  type LoadDemoOptions,
  type DemoLoadResult,
  type DemoProgress,
  type DemoPhase,
} from './loadDemo.js';
export { INDEX_STRATEGIES, type IndexStrategy } from './prepareDemoLoad.js';
export { loadDemoIfEmpty, type LoadDemoIfEmptyResult } from './loadDemoIfEmpty.js';
export { restoreSuspendedIndexes } from './bulkIndexes.js';
export { demoChecksum, type DemoChecksum } from './demoChecksum.js';
export { generateDemo, type DemoSink } from './generateDemo.js';
export { parseDemoOptions, DEMO_DEFAULTS, type DemoOptions } from './demoOptions.js';
export { DEMO_TABLES, type DemoTable, type DemoCounts } from './demoOutput.js';
export { demoError, type DemoErrorCode } from './demoErrors.js';
export { DEMO_EMAIL_DOMAIN } from './staff.js';
