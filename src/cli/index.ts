// Helpers the capabilities' commands share: output formats, progress, running with a context.

export { cliActor, countryCodes, wholeNumber, writeLines } from './lines.js';
export { type Format, parseFormat, printJson, printTable, rejectionLine, reportError } from './output.js';
export { countProgress, fileProgress, type Progress } from './progress.js';
export { currentConfig, withContext } from './run.js';
