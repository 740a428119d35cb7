// Every kind of record this deployment keeps (cooperation and transport), assembled once for the server,
// the command line and the review of facts.
import { COOPERATION_KINDS } from './cooperation/index.js';
import { KindRegistry } from './records/index.js';
import { TRANSPORT_KINDS } from './transport/index.js';

export const RECORD_KINDS = new KindRegistry([...COOPERATION_KINDS, ...TRANSPORT_KINDS]);
