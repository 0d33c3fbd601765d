import { auditFeature } from '../audit/auditRoutes.js';
import { authFeature } from '../auth/authRoutes.js';
import { complaintsFeature } from '../complaints/complaintRoutes.js';
import { contactsFeature } from '../contacts/contactRoutes.js';
import { customersFeature } from '../customers/customerRoutes.js';
import { explainFeature } from '../explain/explainRoutes.js';
import { exportsFeature } from '../exports/exportRoutes.js';
import { gradingFeature } from '../grading/gradingRoutes.js';
import { backtestsFeature } from '../backtest/backtestRoutes.js';
import { modelsFeature } from '../models/modelRoutes.js';
import { whatIfFeature } from '../whatif/whatifRoutes.js';
import { healthFeature } from '../health/healthRoutes.js';
import { historyFeature } from '../history/historyRoutes.js';
import { importsFeature } from '../imports/importRoutes.js';
import { interactionsFeature } from '../interactions/interactionRoutes.js';
import { ordersFeature } from '../orders/orderRoutes.js';
import { referralsFeature } from '../referrals/referralRoutes.js';
import { surveysFeature } from '../surveys/surveyRoutes.js';
import { teamsFeature } from '../teams/teamRoutes.js';
import { tokensFeature } from '../tokens/tokenRoutes.js';
import { usersFeature } from '../users/userRoutes.js';
import { webFeature } from '../web/placeholderPage.js';
import { notificationsFeature } from '../notifications/notificationRoutes.js';
import { overridesFeature } from '../overrides/overrideRoutes.js';
import { schedulesFeature } from '../schedule/scheduleRoutes.js';
import { webhooksFeature } from '../webhooks/webhookRoutes.js';
import type { Feature } from './routeTypes.js';

/**
 * Every feature the app mounts, in order. To plug in a feature: export a `Feature` from its folder
 * (routes under /api/v1 by default, each with `config: { permission }`) and add it here; then add its
 * routes to the authorisation matrix (a case provider in app/authz/caseProviders.ts), which fails until you do.
 */
export const FEATURES: readonly Feature[] = [
  healthFeature,
  authFeature,
  usersFeature,
  teamsFeature,
  tokensFeature,
  customersFeature,
  contactsFeature,
  ordersFeature,
  interactionsFeature,
  surveysFeature,
  complaintsFeature,
  referralsFeature,
  importsFeature,
  exportsFeature,
  auditFeature,
  gradingFeature,
  backtestsFeature,
  modelsFeature,
  whatIfFeature,
  historyFeature,
  explainFeature,
  overridesFeature,
  schedulesFeature,
  notificationsFeature,
  webhooksFeature,
  webFeature,
];
