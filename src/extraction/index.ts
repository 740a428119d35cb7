// Document intelligence, the pure engine: text → facts with spans. No database, no I/O.
export { parseDocument, type ParsedDocument } from './document.js';
export { type DocumentScore, type Evaluation, evaluate, factsMatch, type LooseFact } from './evaluate.js';
export { extractFacts } from './extract.js';
export { LEXICONS, lexiconFor } from './lexicon/index.js';
export * from './model.js';
export { evaluateDirectory, extractFile, registerExtractionCommands } from './cli.js';
