import { errorFactory } from '../app/featureErrors.js';

export type SurveyErrorCode = 'SURVEY_NOT_FOUND' | 'SURVEY_SCORE_OUT_OF_RANGE' | 'SURVEY_CONTACT_NOT_FOUND';

export function surveyErrorStatus(code: SurveyErrorCode): number {
  switch (code) {
    case 'SURVEY_NOT_FOUND':
      return 404;
    case 'SURVEY_SCORE_OUT_OF_RANGE':
    case 'SURVEY_CONTACT_NOT_FOUND':
      return 400;
  }
}

export const surveyError = errorFactory(surveyErrorStatus);
