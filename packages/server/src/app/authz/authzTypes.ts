import type { Permission } from '../../access/permissions.js';
import type { Caller, TestApp } from '../testApp.js';

/**
 * The authorisation matrix (authorizationMatrix.db.test.ts) asks every feature for the cases of its routes:
 * how to call each route as each kind of caller, on an own or another manager's customer. A feature adds
 * a provider to caseProviders.ts; a route without a case fails the matrix.
 */
export type Target = 'own' | 'other' | 'none';

export interface Built {
  url: string;
  /** A JSON body, or a Buffer sent as is (with its content-type in `headers`, e.g. a multipart upload). */
  body?: unknown;
  /** Sent after the caller's credentials. */
  headers?: Record<string, string>;
}

export interface RouteCase {
  permission: Permission;
  /** Addresses a customer: run for the own and the other manager's customer. */
  scoped?: boolean;
  build(caller: Caller, target: Target): Promise<Built> | Built;
  /** A status that differs from what permission and scope alone give. */
  expect?(caller: Caller, target: Target): number | 'ok' | undefined;
  /** Checks a permitted call's body: parsed when JSON, else its text (a CSV download). */
  verify?(caller: Caller, body: unknown): void;
}

/** Shared fixtures: an own and an other manager's customer, and helpers to make more. */
export interface AuthzContext {
  readonly t: TestApp;
  readonly customerIds: { readonly own: number; readonly other: number };
  readonly customerOf: (target: Target) => number;
  readonly ownerOf: (target: Target) => string;
  /** A new customer of the target's owner (for destructive routes). */
  readonly freshCustomer: (target: Target) => Promise<number>;
  /** The user id behind a caller (the token's owner for managerToken, the manager for anonymous). */
  readonly userOf: (caller: Caller) => string;
  readonly unique: () => string;
}

export interface CaseProvider {
  /** Creates the records the cases address (runs once, after the shared fixtures). */
  setup?(ctx: AuthzContext): Promise<void>;
  cases(ctx: AuthzContext): Record<string, RouteCase>;
}

/** Callers whose data scope excludes the other manager's customers. */
export const LIMITED = new Set<Caller>(['manager', 'lead', 'managerToken']);
