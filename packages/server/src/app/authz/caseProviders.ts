import type { CaseProvider } from './authzTypes.js';
import { coreAuthzCases } from './coreAuthzCases.js';
import { gradingAuthzCases } from '../../grading/gradingAuthzCases.js';

/** Every feature's authorisation cases; add yours here when you add routes. */
export const CASE_PROVIDERS: readonly CaseProvider[] = [coreAuthzCases, gradingAuthzCases];
