export { grade, gradeTiers, type GradeResult, type TierGrade } from './grade.js';
export { type GradeStats } from './gradeStats.js';
