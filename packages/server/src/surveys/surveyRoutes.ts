import { childFeature } from '../customers/childRoutes.js';
import { createSurveyBody, surveySchema, updateSurveyBody } from './surveySchemas.js';
import { surveyResource } from './surveyService.js';

export const surveysFeature = childFeature({
  path: 'surveys',
  resource: surveyResource,
  item: surveySchema,
  createBody: createSurveyBody,
  updateBody: updateSurveyBody,
});
