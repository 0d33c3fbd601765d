import type { Role } from '@stratum/db';

/**
 * What a route or a service call may do. Roles grant permissions; the data scope (access/actor.ts) then
 * limits *which* customers. 'public' marks the few routes that need no sign-in (health, sign-in itself).
 */
export const PERMISSIONS = [
  'public',
  'customers:read',
  'customers:write',
  'customers:delete',
  'activity:read',
  'activity:write',
  'imports:run',
  'exports:run',
  'users:read',
  'users:manage',
  'tokens:manage',
  'audit:read',
  'grading:read',
  'grading:run',
  'models:write',
  'overrides:request',
  'overrides:approve',
  'settings:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = [
  'public',
  'customers:read',
  'activity:read',
  'exports:run',
  'grading:read',
  'users:read',
];
const WORK: Permission[] = [
  ...READ,
  'customers:write',
  'activity:write',
  'imports:run',
  'tokens:manage',
  'overrides:request',
];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  director: new Set<Permission>([
    ...WORK,
    'customers:delete',
    'audit:read',
    'grading:run',
    'models:write',
    'overrides:approve',
  ]),
  account_manager: new Set<Permission>(WORK),
  // Analysts read everything and change nothing (exporting and reading grades is reading).
  analyst: new Set<Permission>([...READ, 'audit:read', 'tokens:manage']),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
