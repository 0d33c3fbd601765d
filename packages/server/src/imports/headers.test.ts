import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS } from './columns.js';
import { foldHeader, mapHeaders } from './headers.js';

const orders = IMPORT_COLUMNS.orders;

describe('headers', () => {
  it.each([
    ['External ID', 'externalid'],
    ['external_id', 'externalid'],
    [' Customer-External  Id ', 'customerexternalid'],
    ['ＡＭＯＵＮＴ', 'amount'],
    ['金 额', '金额'],
    ['\ufeff订单编号', '订单编号'],
  ])('folds %j to %j', (text, folded) => expect(foldHeader(text)).toBe(folded));

  it('maps English and Chinese headers in any order and ignores unknown ones with a warning', () => {
    const mapping = mapHeaders(orders, ['金额', 'Customer External ID', '订单编号', '下单时间', 'note', '']);
    expect(mapping.issues).toEqual([]);
    expect(mapping.indexes.slice(0, 4)).toEqual([2, 1, 3, 0]);
    expect(mapping.unknown).toEqual(['note']);
    expect(mapping.lang).toBe('zh');
    expect(mapping.written.get('customer_external_id')).toBe('Customer External ID');
  });

  it.each([
    [['external_id', 'customer_external_id', 'ordered_at'], 'en', 'missing required column: amount (金额)'],
    [['订单编号', '客户编号', '下单日期'], 'zh', '缺少必填列：金额 (amount)'],
  ])('names a missing required column in the language of the headers', (header, lang, message) => {
    const mapping = mapHeaders(orders, header);
    expect(mapping.lang).toBe(lang);
    expect(mapping.issues.map((issue) => issue.message)).toEqual([message]);
  });

  it('refuses a column given twice', () => {
    const mapping = mapHeaders(orders, [
      'external_id',
      '订单编号',
      'customer_external_id',
      'ordered_at',
      'amount',
    ]);
    expect(mapping.issues.map((issue) => [issue.code, issue.column])).toEqual([
      ['DUPLICATE_COLUMN', '订单编号'],
    ]);
  });
});
