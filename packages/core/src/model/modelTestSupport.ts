import { expect, it } from 'vitest';
import { DEFAULT_MODEL_INPUT } from './defaultModel.js';
import type { IssuePath, ModelIssue, ModelIssueCode } from './ModelIssue.js';
import { validateModel } from './validateModel.js';

// Test support for the model validation tests (not a test file itself).

/** The default model as loose JSON, for tests that break one thing in it. */
export type Doc = Record<string, unknown> & {
  groups: { key: string; weight: unknown; indicators: Record<string, unknown>[] }[];
  tiers: Record<string, unknown>[];
  rules: Record<string, unknown>[];
  hysteresis: Record<string, unknown>;
};

/** The default model with one change. */
export function variant(change: (doc: Doc) => void): unknown {
  const doc = structuredClone(DEFAULT_MODEL_INPUT) as unknown as Doc;
  change(doc);
  return doc;
}

export function issuesOf(input: unknown): readonly ModelIssue[] {
  const result = validateModel(input);
  return result.ok ? [] : result.issues;
}

export const rule = (
  id: string,
  when: unknown,
  action: { atLeast?: string; atMost?: string },
): Record<string, unknown> => ({ id, when, ...action });

export interface IssueCase {
  name: string;
  input: unknown;
  code: ModelIssueCode;
  path: IssuePath;
  /** Expected start of the Chinese message. */
  zh?: string;
  /** Expected English message. */
  en?: string;
}

/** One test per case: the issue is reported at its path, with a Chinese and an English sentence. */
export function itReportsEach(cases: IssueCase[]): void {
  it.each(cases)('$name → $code', ({ input, code, path, zh, en }) => {
    const issues = issuesOf(input);
    const hit = issues.find((i) => i.code === code && JSON.stringify(i.path) === JSON.stringify(path));
    expect(hit, JSON.stringify(issues, null, 1)).toBeDefined();
    expect(hit!.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(hit!.message.en.trim()).not.toBe('');
    if (zh) expect(hit!.message.zh.startsWith(zh), hit!.message.zh).toBe(true);
    if (en) expect(hit!.message.en).toBe(en);
  });
}
