export {
  attachRunPartition,
  createRunPartition,
  dropRunPartition,
  partitionName,
} from './gradesPartition.js';
export { writeGrades } from './writeGrades.js';
export { readRunGrades, alignById, type RunGrades } from './readRunGrades.js';
export { readExplainBlob, type ExplainValues } from './explainBlob.js';
