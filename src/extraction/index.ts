// Document intelligence, the pure engine: text → facts with spans. No database, no I/O.

export { evaluateDirectory, extractFile, registerExtractionCommands } from './cli.js';
export { isCalendarDate, type ParsedDocument, parseDocument } from './document.js';
export { type DocumentScore, type Evaluation, evaluate, factsMatch, type LooseFact } from './evaluate.js';
export { EXTRACTOR_VERSION, extractFacts } from './extract.js';
export { LEXICONS, lexiconFor } from './lexicon/index.js';
export { countriesNamedIn } from './mentions.js';
export * from './model.js';
