import type { Role } from '@stratum/db';

/**
 * Who is acting. Every service call takes one; the data scope is derived from it inside the query.
 * `system` is the CLI run by an operator on the server itself and scheduled jobs: it sees everything.
 */
export interface Actor {
  readonly kind: 'user' | 'token' | 'system';
  readonly userId: string | null;
  readonly role: Role;
  readonly teamId: number | null;
  /** Leads their team: sees and changes the customers owned by its members. */
  readonly isTeamLead: boolean;
}

export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  userId: null,
  role: 'admin',
  teamId: null,
  isTeamLead: false,
};

export type DataScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'team'; readonly teamId: number; readonly userId: string }
  | { readonly kind: 'own'; readonly userId: string };

/** Directors, analysts and admins see all customers; a team lead the team's; an account manager their own. */
export function dataScope(actor: Actor): DataScope {
  if (actor.kind === 'system' || actor.role !== 'account_manager') return { kind: 'all' };
  if (!actor.userId) return { kind: 'own', userId: '' };
  if (actor.isTeamLead && actor.teamId !== null)
    return { kind: 'team', teamId: actor.teamId, userId: actor.userId };
  return { kind: 'own', userId: actor.userId };
}
