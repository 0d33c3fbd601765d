import { z } from 'zod';
import { ROLES } from '@stratum/db';
import { booleanQuery, idSchema, isoOut, limitSchema, shortText } from '../app/schemas.js';
import type { UserRow } from './userService.js';

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    teamId: z.number().int().nullable(),
    locale: z.string(),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('User');

export const userIdParams = z.object({ userId: z.string().min(1).max(100) });

const password = z.string().min(8).max(128);
const locale = z.enum(['zh-CN', 'en']);

export const createUserBody = z.object({
  email: z.email().max(254),
  name: shortText().optional(),
  role: z.enum(ROLES).default('account_manager'),
  teamId: z.number().int().positive().nullable().optional(),
  locale: locale.optional(),
  password: password.optional().describe('When omitted a strong password is generated and returned once'),
});

export const updateUserBody = z
  .object({
    name: shortText(),
    role: z.enum(ROLES),
    teamId: z.number().int().positive().nullable(),
    locale,
    active: z.boolean(),
    password,
  })
  .partial()
  .strict();

export const userListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  role: z.enum(ROLES).optional(),
  teamId: idSchema.optional(),
  active: booleanQuery.optional(),
  limit: limitSchema,
  cursor: z.string().max(2000).optional(),
});

export const createdUserSchema = z.object({
  user: userSchema,
  password: z.string().nullable().describe('The generated password, shown only in this response'),
});

export function presentUser(user: UserRow): z.infer<typeof userSchema> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    teamId: user.teamId,
    locale: user.locale,
    active: user.active,
    createdAt: isoOut(user.createdAt) ?? '',
    updatedAt: isoOut(user.updatedAt) ?? '',
  };
}
