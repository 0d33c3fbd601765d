import { sql, type SQL } from 'drizzle-orm';
import { dataScope, type Actor } from './actor.js';

/**
 * SQL condition "this customer is in the actor's scope", for use inside the query that reads or changes
 * customers (never filter afterwards). `ownerColumn` is the customers.owner_id column of the query
 * (e.g. `customers.ownerId`, or sql`c.owner_id` in raw SQL).
 */
export function customerScopeCondition(actor: Actor, ownerColumn: SQL | { getSQL(): SQL }): SQL {
  const scope = dataScope(actor);
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'own':
      return sql`${ownerColumn} = ${scope.userId}`;
    case 'team':
      return sql`(${ownerColumn} = ${scope.userId} OR ${ownerColumn} IN (SELECT id FROM users WHERE team_id = ${scope.teamId}))`;
  }
}

/** Condition on a customer-scoped table's customer_id column (orders, contacts …). */
export function customerIdScopeCondition(actor: Actor, customerIdColumn: SQL | { getSQL(): SQL }): SQL {
  const scope = dataScope(actor);
  if (scope.kind === 'all') return sql`true`;
  return sql`${customerIdColumn} IN (SELECT c.id FROM customers c WHERE ${customerScopeCondition(actor, sql`c.owner_id`)})`;
}
