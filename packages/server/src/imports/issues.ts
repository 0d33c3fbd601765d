/**
 * What an import report says about a file or a row: a stable code (scripts match on it) and a message
 * in the language of the file's headers (Chinese headers → Chinese messages).
 */
export type Lang = 'en' | 'zh';

/** Problems with the file as a whole: nothing of it is written, whatever --skip-invalid says. */
export type FileIssueCode =
  | 'EMPTY_FILE'
  | 'MISSING_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'INVALID_ENCODING'
  | 'UNSUPPORTED_ENCODING'
  | 'RECORD_TOO_LONG'
  | 'CSV_SYNTAX'
  | 'XLSX_UNREADABLE';

/** Problems with one row (one cell, or the row against the database). */
export type RowIssueCode =
  | 'REQUIRED'
  | 'INVALID_TEXT'
  | 'TOO_LONG'
  | 'TOO_MANY_CELLS'
  | 'INVALID_INTEGER'
  | 'OUT_OF_RANGE'
  | 'INVALID_AMOUNT'
  | 'TOO_MANY_DECIMALS'
  | 'INVALID_CURRENCY'
  | 'CURRENCY_MISMATCH'
  | 'INVALID_DATE'
  | 'IMPOSSIBLE_DATE'
  | 'DATE_ORDER'
  | 'INVALID_ENUM'
  | 'INVALID_BOOLEAN'
  | 'INVALID_EMAIL'
  | 'MISSING_REFERRED'
  | 'DUPLICATE_ID'
  | 'DUPLICATE_ROW'
  | 'UNKNOWN_CUSTOMER'
  | 'NOT_IN_SCOPE'
  | 'ID_USED_BY_OTHER_CUSTOMER'
  | 'UNKNOWN_USER'
  | 'OWNER_NOT_ALLOWED'
  | 'UNKNOWN_PARENT'
  | 'PARENT_CYCLE'
  | 'UNKNOWN_CONTACT'
  | 'SELF_REFERENCE';

export type IssueCode = FileIssueCode | RowIssueCode;

/** One line of the report: where (line, column as written in the file, the value) and why. */
export interface ImportIssue {
  readonly line: number;
  readonly column: string | null;
  readonly value: string | null;
  readonly code: IssueCode;
  readonly message: string;
}

export type IssueParams = Readonly<Record<string, string | number>>;

type Template = (p: IssueParams) => string;

const MESSAGES: Record<IssueCode, Record<Lang, Template>> = {
  EMPTY_FILE: {
    en: () => 'the file is empty: expected a header row',
    zh: () => '文件为空：缺少表头行',
  },
  MISSING_COLUMN: {
    en: (p) => `missing required column: ${p.column} (${p.other})`,
    zh: (p) => `缺少必填列：${p.column} (${p.other})`,
  },
  DUPLICATE_COLUMN: {
    en: (p) => `column ${p.column} appears twice (also as ${p.other})`,
    zh: (p) => `列 ${p.column} 重复出现（另一列：${p.other}）`,
  },
  INVALID_ENCODING: {
    en: (p) => `invalid ${p.encoding} byte sequence${p.hint ? ` (${p.hint})` : ''}`,
    zh: (p) => `无效的 ${p.encoding} 字节序列${p.hint ? `（${p.hint}）` : ''}`,
  },
  UNSUPPORTED_ENCODING: {
    en: (p) => `${p.encoding} files are not supported: save the file as CSV UTF-8 or GBK`,
    zh: (p) => `不支持 ${p.encoding} 编码的文件：请另存为 CSV UTF-8 或 GBK`,
  },
  RECORD_TOO_LONG: {
    en: (p) =>
      `the record starting here is longer than ${p.limit} bytes (an unclosed quote or a corrupt line?)`,
    zh: (p) => `此处开始的记录超过 ${p.limit} 字节（引号未闭合或该行已损坏？）`,
  },
  CSV_SYNTAX: {
    en: (p) => `not valid CSV: ${p.detail}`,
    zh: (p) => `CSV 格式错误：${p.detail}`,
  },
  XLSX_UNREADABLE: {
    en: (p) => `cannot read the XLSX file: ${p.detail}`,
    zh: (p) => `无法读取 XLSX 文件：${p.detail}`,
  },
  REQUIRED: { en: () => 'a value is required', zh: () => '必填项为空' },
  INVALID_TEXT: {
    en: () => 'contains a control character (NUL; in an id also a tab or line break)',
    zh: () => '包含控制字符（NUL；编号中也不能有制表符或换行）',
  },
  TOO_LONG: { en: (p) => `longer than ${p.max} characters`, zh: (p) => `超过 ${p.max} 个字符` },
  TOO_MANY_CELLS: {
    en: (p) => `the row has ${p.cells} cells but the header has ${p.columns} (an unquoted comma?)`,
    zh: (p) => `该行有 ${p.cells} 个单元格，但表头只有 ${p.columns} 列（值中含未加引号的逗号？）`,
  },
  INVALID_INTEGER: { en: () => 'not a whole number', zh: () => '不是整数' },
  OUT_OF_RANGE: {
    en: (p) => `must be between ${p.min} and ${p.max}`,
    zh: (p) => `必须在 ${p.min} 到 ${p.max} 之间`,
  },
  INVALID_AMOUNT: {
    en: () =>
      'not an amount: expected digits with an optional sign, decimal point and thousands separators (1,234.50)',
    zh: () => '金额格式无效：应为数字，可带正负号、小数点和千位分隔符（如 1,234.50）',
  },
  TOO_MANY_DECIMALS: {
    en: () => 'more than 2 decimal places (amounts are not rounded on import)',
    zh: () => '小数位超过 2 位（导入时不会自动四舍五入）',
  },
  INVALID_CURRENCY: {
    en: () => 'not a currency: expected a 3-letter code such as CNY or USD',
    zh: () => '币种无效：应为三位代码，如 CNY、USD',
  },
  CURRENCY_MISMATCH: {
    en: (p) => `the amount is written in ${p.implied} but the currency column says ${p.currency}`,
    zh: (p) => `金额标注的币种为 ${p.implied}，与币种列的 ${p.currency} 不一致`,
  },
  INVALID_DATE: {
    en: () =>
      'not a date: expected YYYY-MM-DD, YYYY/M/D, YYYYMMDD, YYYY年M月D日 or ISO 8601, optionally with a time',
    zh: () => '日期格式无效：应为 YYYY-MM-DD、YYYY/M/D、YYYYMMDD、YYYY年M月D日 或 ISO 8601，可带时间',
  },
  IMPOSSIBLE_DATE: {
    en: (p) => `no such date or time: ${p.reason}`,
    zh: (p) => `日期或时间不存在：${p.reason}`,
  },
  DATE_ORDER: {
    en: (p) => `earlier than ${p.other}`,
    zh: (p) => `早于 ${p.other}`,
  },
  INVALID_ENUM: {
    en: (p) => `not one of: ${p.allowed}`,
    zh: (p) => `取值无效，应为：${p.allowed}`,
  },
  INVALID_BOOLEAN: {
    en: () => 'expected yes/no, true/false, 1/0, 是/否',
    zh: () => '应为 是/否、yes/no、true/false 或 1/0',
  },
  INVALID_EMAIL: { en: () => 'not an email address', zh: () => '不是有效的邮箱地址' },
  MISSING_REFERRED: {
    en: () => 'give the referred customer: referred_external_id or referred_name',
    zh: () => '请填写被推荐客户：被推荐客户编号或被推荐客户名称',
  },
  DUPLICATE_ID: {
    en: (p) => `the same id is also on line ${p.lines} of this file`,
    zh: (p) => `本文件第 ${p.lines} 行使用了相同的编号`,
  },
  DUPLICATE_ROW: {
    en: (p) => `a row with the same ${p.key} is also on line ${p.lines} of this file`,
    zh: (p) => `本文件第 ${p.lines} 行与此行的${p.keyZh}相同`,
  },
  UNKNOWN_CUSTOMER: { en: () => 'no customer has this id', zh: () => '客户编号不存在' },
  NOT_IN_SCOPE: {
    en: () => 'not in your scope (unknown customer or one you do not manage)',
    zh: () => '不在您的权限范围内（客户不存在或不由您负责）',
  },
  ID_USED_BY_OTHER_CUSTOMER: {
    en: () => 'this id is already used by another customer',
    zh: () => '该编号已被其他客户使用',
  },
  UNKNOWN_USER: { en: () => 'no user has this email', zh: () => '没有使用该邮箱的用户' },
  OWNER_NOT_ALLOWED: {
    en: () => 'you may only assign customers to yourself (or your team)',
    zh: () => '您只能将客户分配给自己（或本团队成员）',
  },
  UNKNOWN_PARENT: {
    en: () => 'no such customer in this file or the database (or not in your scope)',
    zh: () => '本文件和数据库中都没有该客户（或不在您的权限范围内）',
  },
  PARENT_CYCLE: {
    en: () => 'parent chain loops back to this customer',
    zh: () => '上级客户关系形成循环',
  },
  UNKNOWN_CONTACT: {
    en: () => "no contact with this id for the row's customer",
    zh: () => '该客户下没有此联系人编号',
  },
  SELF_REFERENCE: { en: () => 'refers to itself', zh: () => '不能引用自身' },
};

export function issueMessage(code: IssueCode, lang: Lang, params: IssueParams = {}): string {
  return MESSAGES[code][lang](params);
}

/** Longest value kept in a report row: enough to recognise it, never a 50 MB cell. */
export const REPORT_VALUE_MAX = 200;

export function reportValue(value: string | null): string | null {
  if (value === null) return null;
  return value.length > REPORT_VALUE_MAX ? `${value.slice(0, REPORT_VALUE_MAX)}…` : value;
}
