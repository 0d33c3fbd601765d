import { errorFactory } from '../app/featureErrors.js';

/** Errors of reading grades (history, explanation, export); RUN_NOT_FOUND is grading's own code. */
export type GradeErrorCode = 'RUN_NOT_GRADED' | 'GRADE_NOT_FOUND' | 'NO_CURRENT_GRADES';

export function gradeErrorStatus(code: GradeErrorCode): number {
  switch (code) {
    case 'GRADE_NOT_FOUND':
      return 404;
    case 'RUN_NOT_GRADED':
    case 'NO_CURRENT_GRADES':
      return 409;
  }
}

export const gradeError = errorFactory(gradeErrorStatus);
