export { INDICATOR_CATALOGUE, INDICATOR_LIST, isIndicatorKey } from './catalogue.js';
export {
  INDICATOR_GROUPS,
  INDICATOR_GROUP_LABELS,
  INDICATOR_UNITS,
  INDICATOR_UNIT_LABELS,
  type IndicatorDefinition,
  type IndicatorGroup,
  type IndicatorUnit,
} from './IndicatorDefinition.js';
