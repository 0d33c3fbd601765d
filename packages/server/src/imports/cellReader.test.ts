import { describe, expect, it } from 'vitest';
import { OrgTimeZone } from '../time/OrgTimeZone.js';
import { CellReader, type Cell } from './cellReader.js';
import {
  COMPLAINT_STATUS_VALUES,
  CONTACT_ROLE_VALUES,
  INTERACTION_KIND_VALUES,
  MARKET_POSITION_VALUES,
  type ColumnKind,
} from './columns.js';

const reader = new CellReader(new OrgTimeZone('Asia/Shanghai'), 'en');
const read = (kind: ColumnKind, cell: Cell) => {
  const value = reader.read(kind, cell);
  return value === undefined ? reader.issue?.code : value;
};

describe('CellReader', () => {
  it.each<[ColumnKind, Cell, string | null | undefined]>([
    [{ type: 'text', max: 10 }, '  Acme  ', 'Acme'],
    [{ type: 'text', max: 10 }, '', null],
    [{ type: 'text', max: 10 }, "'=SUM(A1)", '=SUM(A1)'],
    [{ type: 'text', max: 10 }, "'-5", '-5'],
    [{ type: 'text', max: 10 }, "O'Brien", "O'Brien"],
    [{ type: 'text', max: 3 }, 'toolong', 'TOO_LONG'],
    [{ type: 'text', max: 10 }, 'a\0b', 'INVALID_TEXT'],
    [{ type: 'id' }, 12345, '12345'],
    [{ type: 'id' }, 'a\nb', 'INVALID_TEXT'],
    [{ type: 'id' }, 'x'.repeat(101), 'TOO_LONG'],
    [{ type: 'email' }, ' Li.Lei@Example.COM ', 'li.lei@example.com'],
    [{ type: 'email' }, 'not-an-email', 'INVALID_EMAIL'],
    [{ type: 'integer', min: 0, max: 100 }, '1,0', 'INVALID_INTEGER'],
    [{ type: 'integer', min: 0, max: 10_000 }, '1,200', '1200'],
    [{ type: 'integer', min: 0, max: 10_000 }, '1200.00', '1200'],
    [{ type: 'integer', min: 0, max: 10_000 }, '１２', '12'],
    [{ type: 'integer', min: 0, max: 10_000 }, '-5', 'OUT_OF_RANGE'],
    [{ type: 'integer', min: 0, max: 10_000 }, 12.5, 'INVALID_INTEGER'],
    [{ type: 'integer', min: 0, max: 10_000 }, 'twelve', 'INVALID_INTEGER'],
    [{ type: 'money' }, 1234.5, '1234.50'],
    [{ type: 'money' }, -0.1, '-0.10'],
    [{ type: 'money' }, 10.005, 'TOO_MANY_DECIMALS'],
    [{ type: 'money' }, '¥1,234.50', '1234.50'],
    [{ type: 'boolean' }, '是', 't'],
    [{ type: 'boolean' }, '离职', 'f'],
    [{ type: 'boolean' }, 'Yes', 't'],
    [{ type: 'boolean' }, false, 'f'],
    [{ type: 'boolean' }, 'maybe', 'INVALID_BOOLEAN'],
    [{ type: 'enum', values: MARKET_POSITION_VALUES }, '龙头', 'leader'],
    [{ type: 'enum', values: MARKET_POSITION_VALUES }, 'SME', 'sme'],
    [{ type: 'enum', values: MARKET_POSITION_VALUES }, '中小企业', 'sme'],
    [{ type: 'enum', values: MARKET_POSITION_VALUES }, 'giant', 'INVALID_ENUM'],
    [{ type: 'enum', values: CONTACT_ROLE_VALUES }, 'Decision Maker', 'decision_maker'],
    [{ type: 'enum', values: CONTACT_ROLE_VALUES }, '反对者', 'blocker'],
    [{ type: 'enum', values: INTERACTION_KIND_VALUES }, '拜访', 'visit'],
    [{ type: 'enum', values: COMPLAINT_STATUS_VALUES }, 'In Progress', 'in_progress'],
    [{ type: 'currency' }, 'usd', 'USD'],
    [{ type: 'currency' }, '人民币', 'CNY'],
    [{ type: 'currency' }, 'dollars', 'INVALID_CURRENCY'],
    [{ type: 'tags' }, '重点; 集团、长期|重点,"q"', '{"重点","集团","长期","\\"q\\""}'],
    [{ type: 'tags' }, ' ; ', '{}'],
    [{ type: 'timestamp' }, '2024-03-05', String(Date.UTC(2024, 2, 4, 16) * 1000)],
    [{ type: 'timestamp' }, new Date(Date.UTC(2024, 2, 5, 8)), String(Date.UTC(2024, 2, 5) * 1000)],
    [{ type: 'timestamp' }, 45356, String(Date.UTC(2024, 2, 4, 16) * 1000)],
    [{ type: 'timestamp' }, '2023-02-30', 'IMPOSSIBLE_DATE'],
    [{ type: 'timestamp' }, '  ', null],
  ])('%j reads %j as %j', (kind, cell, expected) => {
    expect(read(kind, cell)).toBe(expected);
  });

  it('gives the reason of an impossible date in the report language', () => {
    const zh = new CellReader(new OrgTimeZone('UTC'), 'zh');
    expect(zh.read({ type: 'timestamp' }, '2023-02-30')).toBeUndefined();
    expect(zh.issue).toEqual({
      code: 'IMPOSSIBLE_DATE',
      params: { reason: '2023年2月只有 28 天，没有 30 日' },
    });
  });
});
