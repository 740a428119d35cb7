// Helpers the capabilities' commands share: output formats, progress, running with a context.
export { type Format, parseFormat, printJson, printTable, reportError } from './output.js';
export { countProgress, fileProgress, type Progress } from './progress.js';
export { currentConfig, withContext } from './run.js';
