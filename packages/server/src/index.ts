export { loadConfig, redactConfig, configSchema, type Config } from './config/config.js';
export { AppError, isAppError, commonError, type CommonErrorCode } from './errors/appError.js';
export { SYSTEM_ACTOR, dataScope, type Actor, type DataScope } from './access/actor.js';
export { can, PERMISSIONS, ROLE_PERMISSIONS, type Permission } from './access/permissions.js';
export { customerScopeCondition, customerIdScopeCondition } from './access/customerScope.js';
export * from './demo/index.js';
export { buildApp, type BuildAppOptions } from './app/buildApp.js';
export { FEATURES } from './app/features.js';
export type { App, Feature, FeatureContext } from './app/routeTypes.js';
export { actorOf, type RouteEntry } from './app/permissionGuard.js';
export { writeAudit, type AuditEntry } from './audit/auditWriter.js';
export {
  createUser,
  ensureFirstAdmin,
  generatePassword,
  FIRST_ADMIN_EMAIL,
  type NewUser,
} from './users/userService.js';
export * from './imports/index.js';
export * from './time/index.js';
export * from './exports/index.js';
export * from './jobs/index.js';
export { executeRun, gradeInProcess, type RunOutcome, type RunContext } from './grading/executeRun.js';
export { requestRuns, resolveAsOf, type RunRequest } from './grading/requestRuns.js';
export { recoverInterruptedRuns, type RunPhase } from './grading/runStore.js';
export { ensureDefaultModel } from './models/modelStore.js';
export { registerGradingWorker, GRADING_QUEUE } from './grading/gradingWorker.js';
export * from './backtest/index.js';
export { startServer, type RunningServer } from './app/startServer.js';
