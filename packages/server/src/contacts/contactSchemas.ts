import { z } from 'zod';
import { CONTACT_ATTITUDES, CONTACT_ROLES } from '@stratum/db';
import { externalIdSchema, instantSchema, optionalText, shortText } from '../app/schemas.js';
import { childRecordFields, refIdSchema } from '../customers/childSchemas.js';

export const contactSchema = z
  .object({
    ...childRecordFields,
    name: z.string(),
    title: z.string().nullable(),
    role: z.enum(CONTACT_ROLES).nullable().describe('Role in the buying decision'),
    attitude: z.enum(CONTACT_ATTITUDES).nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    reportsToId: z.number().int().nullable(),
    active: z.boolean(),
    leftAt: z.string().nullable(),
  })
  .describe('Contact');

const fields = {
  externalId: externalIdSchema,
  name: shortText(200),
  title: optionalText(200),
  role: z.enum(CONTACT_ROLES).nullable().optional(),
  attitude: z.enum(CONTACT_ATTITUDES).nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  phone: z
    .string()
    .trim()
    .max(50)
    .regex(/^[0-9+()\-.\s]*$/, 'may contain digits, spaces and + ( ) - . only')
    .nullable()
    .optional(),
  reportsToId: refIdSchema.nullable().optional(),
  active: z.boolean().optional(),
  leftAt: instantSchema.nullable().optional().describe('When the contact left; set it when marking inactive'),
};

export const createContactBody = z.object({ ...fields, externalId: externalIdSchema.optional() }).strict();
export const updateContactBody = z.object(fields).partial().strict();
