// Transport: corridors, infrastructure projects, border checkpoints and what is measured at them
// (records described in kinds.ts), and the GeoJSON of everything that has a place.
export { featureCollection, MAPPED_KINDS } from './geo.js';
export { TRANSPORT_KINDS } from './kinds.js';
export { transportRoutes } from './routes.js';
