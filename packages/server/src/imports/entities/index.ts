import type { ImportEntity } from '@stratum/db';
import type { EntitySpec } from './EntitySpec.js';
import { complaintsSpec } from './complaints.js';
import { contactsSpec } from './contacts.js';
import { customersSpec } from './customers.js';
import { interactionsSpec } from './interactions.js';
import { ordersSpec } from './orders.js';
import { referralsSpec } from './referrals.js';
import { surveysSpec } from './surveys.js';

export const ENTITY_SPECS: Readonly<Record<ImportEntity, EntitySpec>> = {
  customers: customersSpec,
  orders: ordersSpec,
  contacts: contactsSpec,
  interactions: interactionsSpec,
  surveys: surveysSpec,
  complaints: complaintsSpec,
  referrals: referralsSpec,
};
