// The HTTP server and its problem details.

export { type Problem, problemType, toProblem } from './problem.js';
export { BODY_LIMIT_BYTES, buildServer, type Server } from './server.js';
