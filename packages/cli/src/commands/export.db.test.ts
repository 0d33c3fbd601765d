import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@stratum/db';
import { executeRun, importFile, requestRuns, SYSTEM_ACTOR } from '@stratum/server';
import { runStratum } from '../../../../test/stratumCli.js';
import { createTestDatabase } from '../../../../test/testDatabase.js';

let database: Database;
let dir: string;

const stratum = (args: string[]) => runStratum(database.url, args);

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-cli-export-'));
  const customers = path.join(dir, 'customers.csv');
  await fs.writeFile(customers, 'external_id,name,tags\nC1,华东机械,重点;集团\nC2,=cmd,\n');
  await importFile(database, { orgTimezone: 'UTC' }, SYSTEM_ACTOR, {
    entity: 'customers',
    filePath: customers,
  });
});
afterAll(async () => {
  await database?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('stratum export', () => {
  it('writes the import format with Chinese headers and reports the rows as JSON', async () => {
    const out = path.join(dir, 'customers.csv');
    const result = await stratum(['export', 'customers', '--out', out, '--headers', 'zh', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.output.slice(result.output.indexOf('{')))).toMatchObject({
      entity: 'customers',
      format: 'csv',
      rows: 2,
    });
    const text = await fs.readFile(out, 'utf8');
    expect(text.split('\n').slice(0, 3)).toEqual([
      '\ufeff客户编号,客户名称,行业,地区,员工数,企业营收,行业地位,上级客户编号,客户经理邮箱,状态,创建日期,标签',
      expect.stringMatching(/^C1,华东机械,,,,,,,,active,\d{4}-\d{2}-\d{2}[ \d:.]*,重点;集团$/) as string,
      expect.stringMatching(/^C2,'=cmd,/) as string,
    ]);
  });

  it('takes the format from the file name and refuses unknown values with exit 2', async () => {
    expect((await stratum(['export', 'orders', '--out', path.join(dir, 'o.xlsx')])).code).toBe(0);
    const bad = await stratum(['export', 'orders', '--out', path.join(dir, 'o.pdf'), '--format', 'pdf']);
    expect(bad).toMatchObject({
      code: 2,
      output: expect.stringContaining('--format must be one of csv, xlsx') as string,
    });
    expect((await stratum(['export', 'planets', '--out', path.join(dir, 'p.csv')])).code).toBe(2);
  });

  it('exports grades: refuses before a run is published, then the current grades or a run by id', async () => {
    const out = path.join(dir, 'grades.csv');
    const before = await stratum(['export', 'grades', '--out', out]);
    expect(before.code).toBe(1);
    expect(before.output).toContain('No grading run has been published yet');
    // As of today: the customers were created today, so a past as-of day would grade nobody.
    const [queued] = await requestRuns(database.db, SYSTEM_ACTOR, 'UTC', {});
    await executeRun({ database, timezone: 'UTC' }, queued!.id);

    const latest = await stratum(['export', 'grades', '--run', 'latest', '--out', out, '--json']);
    expect(latest.code).toBe(0);
    expect(JSON.parse(latest.output.slice(latest.output.indexOf('{')))).toMatchObject({
      entity: 'grades',
      format: 'csv',
      rows: 2,
      runs: [{ id: queued!.id, asOf: queued!.asOf, model: 'default' }],
    });
    const lines = (await fs.readFile(out, 'utf8')).split('\n');
    expect(lines[0]).toMatch(
      /^\ufeffexternal_id,name,tier,score,abc_class,.*,model_version,as_of,model_key,run_id$/,
    );
    expect(lines.find((line) => line.startsWith('C2,'))).toMatch(/^C2,'=cmd,[SABC],/);

    const xlsx = path.join(dir, 'grades.xlsx');
    expect((await stratum(['export', 'grades', '--run', String(queued!.id), '--out', xlsx])).code).toBe(0);
    expect((await fs.readFile(xlsx)).subarray(0, 2).toString()).toBe('PK');

    const bad = await stratum(['export', 'grades', '--run', 'last', '--out', out]);
    expect(bad).toMatchObject({
      code: 2,
      output: expect.stringContaining('--run must be "latest"') as string,
    });
    const misplaced = await stratum(['export', 'orders', '--run', '3', '--out', out]);
    expect(misplaced).toMatchObject({
      code: 2,
      output: expect.stringContaining('--run applies to') as string,
    });
  });
});
