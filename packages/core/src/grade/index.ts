export { grade, type GradeResult } from './grade.js';
export { type GradeStats } from './gradeStats.js';
