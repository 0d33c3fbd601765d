import type { CaseProvider } from './authzTypes.js';
import { coreAuthzCases } from './coreAuthzCases.js';
import { gradingAuthzCases } from '../../grading/gradingAuthzCases.js';
import { modelsAuthzCases } from '../../models/modelsAuthzCases.js';
import { whatIfAuthzCases } from '../../whatif/whatifAuthzCases.js';
import { notificationAuthzCases } from '../../notifications/notificationAuthzCases.js';
import { overrideAuthzCases } from '../../overrides/overrideAuthzCases.js';
import { scheduleAuthzCases } from '../../schedule/scheduleAuthzCases.js';
import { webhookAuthzCases } from '../../webhooks/webhookAuthzCases.js';
import { historyAuthzCases } from '../../history/historyAuthzCases.js';
import { explainAuthzCases } from '../../explain/explainAuthzCases.js';
import { importsAuthzCases } from '../../imports/importsAuthzCases.js';
import { exportsAuthzCases } from '../../exports/exportsAuthzCases.js';
import { gradeExportAuthzCases } from '../../exports/gradeExportAuthzCases.js';
import { backtestAuthzCases } from '../../backtest/backtestAuthzCases.js';

/** Every feature's authorisation cases; add yours here when you add routes. */
export const CASE_PROVIDERS: readonly CaseProvider[] = [
  coreAuthzCases,
  gradingAuthzCases,
  modelsAuthzCases,
  whatIfAuthzCases,
  historyAuthzCases,
  explainAuthzCases,
  overrideAuthzCases,
  notificationAuthzCases,
  scheduleAuthzCases,
  webhookAuthzCases,
  importsAuthzCases,
  exportsAuthzCases,
  gradeExportAuthzCases,
  backtestAuthzCases,
];
