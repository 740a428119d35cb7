// The records of transport: corridors, infrastructure projects (railways, roads, hubs, ports, pipelines,
// power lines), border checkpoints and what is measured at them over time.
import { amountWithCurrency, geometrySchema, inOrder, type KindSpec, keyText } from '../records/index.js';

export const INFRASTRUCTURE_TYPES = ['railway', 'road', 'hub', 'port', 'pipeline', 'power', 'other'] as const;
export const INFRASTRUCTURE_STAGES = [
  'proposed',
  'planned',
  'design',
  'under_construction',
  'completed',
  'operating',
  'suspended',
] as const;
export const CHECKPOINT_MODES = ['road', 'rail', 'air', 'river', 'pedestrian'] as const;
export const CHECKPOINT_STAGES = [
  'operating',
  'modernization_planned',
  'under_modernization',
  'modernized',
  'planned',
  'closed',
] as const;

const LOCODE = {
  regex: /^[A-Z]{2} ?[A-Z2-9]{3}$/,
  reason: 'must be a UN/LOCODE: the country code and three letters or digits 2–9, e.g. KZ ALA',
};

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

export const corridorKind: KindSpec = {
  kind: 'corridor',
  table: 'corridor',
  path: 'corridors',
  title: 'corridor',
  plural: 'corridors',
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      describe: 'e.g. Trans-Caspian International Transport Route',
    },
    { name: 'modes', type: 'texts', describe: 'rail, road, sea …' },
    { name: 'description', type: 'long_text', describe: 'its route, in the editor’s words' },
  ],
  async derive(f, { countries }) {
    return { natural_key: keyText(str(f.name)), label: str(f.name)!, dated: null, countries };
  },
};

export const infrastructureKind: KindSpec = {
  kind: 'infrastructure',
  table: 'infrastructure',
  path: 'infrastructure',
  title: 'infrastructure project',
  plural: 'infrastructure projects',
  fields: [
    { name: 'name', type: 'text', required: true, describe: 'e.g. Darbaza–Maktaaral railway' },
    {
      name: 'type',
      type: 'enum',
      values: INFRASTRUCTURE_TYPES,
      required: true,
      filter: true,
      describe: 'railway, road, hub, port, pipeline, power, other',
    },
    {
      name: 'corridor_id',
      type: 'ref',
      ref: 'corridor',
      filter: true,
      describe: 'the corridor it belongs to',
    },
    { name: 'length_km', type: 'number', positive: true, describe: 'length in kilometres' },
    { name: 'cost', type: 'number', describe: 'cost, in units of currency' },
    { name: 'currency', type: 'currency', describe: 'ISO 4217 code of the cost' },
    {
      name: 'stage',
      type: 'enum',
      values: INFRASTRUCTURE_STAGES,
      required: true,
      filter: true,
      describe: 'proposed, planned, design, under_construction, completed, operating, suspended',
    },
    {
      name: 'geometry',
      type: 'json',
      json: geometrySchema,
      describe: 'a GeoJSON Point or LineString, longitude first',
    },
    { name: 'started_on', type: 'date', describe: 'when works began' },
    { name: 'completed_on', type: 'date', describe: 'when it opened' },
  ],
  check: (f) => [...amountWithCurrency(f, 'cost'), ...inOrder(f, 'started_on', 'completed_on')],
  async derive(f, { countries }) {
    return {
      natural_key: `${f.type}|${keyText(str(f.name))}`,
      label: str(f.name)!,
      dated: str(f.completed_on) ?? str(f.started_on),
      countries,
    };
  },
  geometry(f) {
    return (f.geometry as ReturnType<NonNullable<KindSpec['geometry']>>) ?? null;
  },
};

export const checkpointKind: KindSpec = {
  kind: 'checkpoint',
  table: 'checkpoint',
  path: 'checkpoints',
  title: 'border checkpoint',
  plural: 'border checkpoints',
  fields: [
    { name: 'name_a', type: 'text', required: true, describe: 'its name on the side of country_a' },
    { name: 'country_a', type: 'country', required: true, filter: true, describe: 'one side' },
    { name: 'name_b', type: 'text', describe: 'its name on the side of country_b' },
    { name: 'country_b', type: 'country', required: true, filter: true, describe: 'the other side' },
    {
      name: 'mode',
      type: 'enum',
      values: CHECKPOINT_MODES,
      required: true,
      filter: true,
      describe: 'road, rail, air, river, pedestrian',
    },
    { name: 'lat', type: 'number', min: -90, max: 90, describe: 'latitude (WGS 84)' },
    { name: 'lon', type: 'number', min: -180, max: 180, describe: 'longitude (WGS 84)' },
    { name: 'locode_a', type: 'text', pattern: LOCODE, describe: 'UN/LOCODE of side a, e.g. KZ ALA' },
    { name: 'locode_b', type: 'text', pattern: LOCODE, describe: 'UN/LOCODE of side b' },
    {
      name: 'stage',
      type: 'enum',
      values: CHECKPOINT_STAGES,
      required: true,
      filter: true,
      describe: 'operating, modernization_planned, under_modernization, modernized, planned, closed',
    },
    { name: 'capacity_vehicles_per_day', type: 'integer', describe: 'vehicles a day it can clear' },
    { name: 'corridor_id', type: 'ref', ref: 'corridor', filter: true, describe: 'the corridor it serves' },
  ],
  check: (f) =>
    f.country_a && f.country_a === f.country_b
      ? [{ field: 'country_b', reason: 'must differ from country_a' }]
      : [],
  async derive(f, { countries }) {
    const sides = [
      `${f.country_a}:${keyText(str(f.name_a))}`,
      `${f.country_b}:${keyText(str(f.name_b))}`,
    ].sort();
    const b = str(f.name_b);
    return {
      natural_key: `${f.mode}|${sides.join('|')}`,
      label: b && keyText(b) !== keyText(str(f.name_a)) ? `${f.name_a} – ${b}` : str(f.name_a)!,
      dated: null,
      countries: [...countries, String(f.country_a), String(f.country_b)],
    };
  },
  geometry(f) {
    return num(f.lat) !== null && num(f.lon) !== null
      ? { type: 'Point', coordinates: [num(f.lon)!, num(f.lat)!] }
      : null;
  },
};

export const checkpointObservationKind: KindSpec = {
  kind: 'checkpoint_observation',
  table: 'checkpoint_observation',
  path: 'checkpoint-observations',
  title: 'checkpoint observation',
  plural: 'checkpoint observations',
  fields: [
    {
      name: 'checkpoint_id',
      type: 'ref',
      ref: 'checkpoint',
      required: true,
      filter: true,
      describe: 'the checkpoint',
    },
    { name: 'period_from', type: 'month', required: true, describe: 'first month, YYYY-MM' },
    { name: 'period_to', type: 'month', required: true, describe: 'last month, YYYY-MM' },
    {
      name: 'direction',
      type: 'enum',
      values: ['both', 'a_to_b', 'b_to_a'],
      default: 'both',
      describe: 'both, a_to_b, b_to_a',
    },
    { name: 'cargo_tonnes', type: 'number', describe: 'cargo that crossed, tonnes' },
    { name: 'vehicles', type: 'integer', describe: 'vehicles that crossed' },
    { name: 'crossing_hours', type: 'number', describe: 'average time a crossing took, hours' },
  ],
  check: (f) => inOrder(f, 'period_from', 'period_to'),
  async derive(f, { countries, refs }) {
    const checkpoint = await refs('checkpoint', f.checkpoint_id as number);
    const name = str(checkpoint?.name_a) ?? `checkpoint ${f.checkpoint_id}`;
    const period = f.period_from === f.period_to ? String(f.period_from) : `${f.period_from}..${f.period_to}`;
    return {
      natural_key: `${f.checkpoint_id}|${f.period_from}|${f.period_to}|${f.direction}`,
      label: `${name}, ${period}`,
      dated: `${f.period_to}-01`,
      countries: [...countries, ...((checkpoint?.countries as string[] | undefined) ?? [])],
    };
  },
};

export const TRANSPORT_KINDS: readonly KindSpec[] = [
  corridorKind,
  infrastructureKind,
  checkpointKind,
  checkpointObservationKind,
];
