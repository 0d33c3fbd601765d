import { childFeature } from '../customers/childRoutes.js';
import { createInteractionBody, interactionSchema, updateInteractionBody } from './interactionSchemas.js';
import { interactionResource } from './interactionService.js';

export const interactionsFeature = childFeature({
  path: 'interactions',
  resource: interactionResource,
  item: interactionSchema,
  createBody: createInteractionBody,
  updateBody: updateInteractionBody,
});
