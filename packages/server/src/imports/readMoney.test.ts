import { describe, expect, it } from 'vitest';
import { readMoney } from './readMoney.js';

describe('readMoney', () => {
  it.each([
    ['1234.5', '1234.5', null],
    ['-12.50', '-12.50', null],
    ['+3', '+3', null],
    ['0', '0', null],
    ['.5', '0.5', null],
    ['1,234.50', '1234.50', null],
    ['12,345,678', '12345678', null],
    ['¥1,234.50', '1234.50', 'CNY'],
    ['￥1，234．50', '1234.50', 'CNY'],
    ['¥ 99', '99', 'CNY'],
    ['RMB 12', '12', 'CNY'],
    ['CNY12.3', '12.3', 'CNY'],
    ['12 元', '12', 'CNY'],
    ['$12.00', '12.00', 'USD'],
    ['US$5', '5', 'USD'],
    ['12 USD', '12', 'USD'],
    ['-¥12', '-12', 'CNY'],
    ['¥-12', '-12', 'CNY'],
    ['(1,234.50)', '-1234.50', null],
    ['($5)', '-5', 'USD'],
    ['007.5', '007.5', null],
    ['１２３', '123', null],
  ])('reads %s as %s', (text, value, currency) => {
    expect(readMoney(text)).toEqual({ value, currency });
  });

  it.each([
    ['1,23.4', 'INVALID_AMOUNT'],
    ['1.234,50', 'INVALID_AMOUNT'],
    ['1 234', 'INVALID_AMOUNT'],
    ['12.345', 'TOO_MANY_DECIMALS'],
    ['¥12.345', 'TOO_MANY_DECIMALS'],
    ['1.2E+5', 'INVALID_AMOUNT'],
    ['abc', 'INVALID_AMOUNT'],
    ['¥', 'INVALID_AMOUNT'],
    ['-', 'INVALID_AMOUNT'],
    ['¥12元', 'INVALID_AMOUNT'],
    ['12345678901234567', 'INVALID_AMOUNT'],
    ['1..2', 'INVALID_AMOUNT'],
  ])('rejects %s with %s', (text, code) => {
    expect(readMoney(text)).toBe(code);
  });
});
