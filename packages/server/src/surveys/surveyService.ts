import { surveys } from '@stratum/db';
import { contactExists } from '../contacts/contactService.js';
import { childResource } from '../customers/childResource.js';
import { surveyError } from './surveyErrors.js';
import { SCORE_RANGES } from './surveySchemas.js';

export const surveyResource = childResource({
  entity: 'survey',
  table: surveys,
  timeColumn: surveys.answeredAt,
  externalIdPrefix: 'SRV',
  notFound: (customerId, id) => surveyError('SURVEY_NOT_FOUND', `No survey ${id} for customer ${customerId}`),
  // Checked on the whole record, so changing only the kind or only the score is held to the same rule.
  async check(tx, _actor, customerId, record) {
    if (record.kind !== undefined && record.score !== undefined) {
      const [min, max] = SCORE_RANGES[record.kind];
      if (record.score < min || record.score > max) {
        throw surveyError(
          'SURVEY_SCORE_OUT_OF_RANGE',
          `A ${record.kind} score is ${min}–${max}, not ${record.score}`,
          {
            field: 'score',
          },
        );
      }
    }
    if (record.contactId != null && !(await contactExists(tx, customerId, record.contactId))) {
      throw surveyError('SURVEY_CONTACT_NOT_FOUND', `No contact ${record.contactId} at this customer`, {
        field: 'contactId',
      });
    }
  },
});
