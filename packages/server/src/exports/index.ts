export {
  exportEntity,
  exportToFile,
  type ExportRequest,
  type ExportStream,
  type ExportFormat,
  type ExportHeaders,
} from './exportService.js';
export { exportColumns, exportSelect, type ExportEntity, type ExportColumn } from './exportQuery.js';
export { exportsFeature } from './exportRoutes.js';
export { exportGrades, exportGradesToFile, exportRuns, type GradeExportRequest } from './gradeExport.js';
export { GRADE_EXPORT_COLUMNS } from './gradeExportQuery.js';
