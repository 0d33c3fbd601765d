export { OrgTimeZone, orgTimeZone } from './OrgTimeZone.js';
export {
  parseTemporalText,
  fromExcelSerial,
  fromDateCell,
  isTemporalError,
  MIN_YEAR,
  MAX_YEAR,
  type TemporalError,
  type TemporalErrorCode,
  type TemporalResult,
} from './parseTemporal.js';
export {
  daysFromCivil,
  civilFromDays,
  formatDayNumber,
  parseIsoDay,
  isValidCalendarDate,
  daysInMonth,
  MS_PER_DAY,
} from '@stratum/core';
export { localDaySql, endOfDaySql } from './sqlTime.js';
