// A map of the region drawn from Natural Earth shapes (world-atlas) with d3-geo: no tile server, works
// offline. Country pairs are lines between the countries' centres; records with a place are points and lines.
import { geoCentroid, geoConicConformal, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { useEffect, useMemo, useState } from 'react';
import { feature } from 'topojson-client';
import { useLocation } from 'wouter';
import { countryName } from './format';

/** ISO 3166 numeric (the atlas's ids) → alpha-2, for the countries of the region and its neighbours. */
const ALPHA2: Record<string, string> = {
  '398': 'KZ',
  '860': 'UZ',
  '417': 'KG',
  '762': 'TJ',
  '795': 'TM',
  '643': 'RU',
  '112': 'BY',
  '051': 'AM',
  '031': 'AZ',
  '156': 'CN',
  '004': 'AF',
  '364': 'IR',
  '496': 'MN',
  '268': 'GE',
  '792': 'TR',
  '586': 'PK',
  '356': 'IN',
  '804': 'UA',
  '498': 'MD',
  '368': 'IQ',
  '760': 'SY',
  '233': 'EE',
  '428': 'LV',
  '440': 'LT',
  '616': 'PL',
  '642': 'RO',
  '100': 'BG',
  '300': 'GR',
  '196': 'CY',
  '400': 'JO',
  '682': 'SA',
  '414': 'KW',
};
const REGION = new Set(['KZ', 'UZ', 'KG', 'TJ', 'TM']);
/** Where a country's pairs are drawn from: its capital (longitude, latitude), so that lines stay in the region. */
const CAPITALS: Record<string, [number, number]> = {
  KZ: [71.45, 51.17],
  UZ: [69.24, 41.3],
  KG: [74.6, 42.87],
  TJ: [68.79, 38.56],
  TM: [58.38, 37.96],
  RU: [37.62, 55.75],
  BY: [27.56, 53.9],
  AM: [44.51, 40.18],
  AZ: [49.87, 40.41],
  GE: [44.8, 41.72],
  TR: [32.85, 39.93],
  AF: [69.18, 34.53],
  IR: [51.39, 35.69],
  PK: [73.05, 33.68],
  CN: [116.4, 39.9],
  MN: [106.9, 47.9],
  IN: [77.21, 28.61],
  UA: [30.52, 50.45],
  MD: [28.86, 47.01],
};
const EURASIAN = new Set(['RU', 'BY', 'AM', 'AZ']);

export interface MapPair {
  a: string;
  b: string;
  color: string;
  label: string;
  href: string;
}

export interface MapFeature {
  id: number;
  geometry:
    | { type: 'Point'; coordinates: [number, number] }
    | { type: 'LineString'; coordinates: [number, number][] };
  properties: { kind: string; label: string; href?: string };
}

type Countries = FeatureCollection<Geometry, { name: string }>;

function useCountries(): Countries | undefined {
  const [countries, setCountries] = useState<Countries>();
  useEffect(() => {
    // A chunk of its own: the shapes load after the page's first paint.
    void import('world-atlas/countries-110m.json').then((m) => {
      const topology = (m.default ?? m) as unknown as Parameters<typeof feature>[0];
      setCountries(
        feature(
          topology,
          (topology as unknown as { objects: { countries: never } }).objects.countries,
        ) as unknown as Countries,
      );
    });
  }, []);
  return countries;
}

const KIND_COLOURS: Record<string, string> = {
  project: '#b45309',
  infrastructure: '#1d4ed8',
  checkpoint: '#7c3aed',
};

export function RegionMap({
  pairs = [],
  features = [],
  label,
  height = 420,
}: {
  pairs?: MapPair[];
  features?: MapFeature[];
  label: string;
  height?: number;
}) {
  const countries = useCountries();
  const [, navigate] = useLocation();
  const width = 900;
  const { path, projection, byCode } = useMemo(() => {
    const projection = geoConicConformal().parallels([40, 50]).rotate([-68, 0]);
    const byCode = new Map<string, Feature<Geometry, { name: string }>>();
    for (const f of countries?.features ?? []) {
      const code = ALPHA2[String(f.id).padStart(3, '0')];
      if (code) byCode.set(code, f);
    }
    const focus: FeatureCollection = {
      type: 'FeatureCollection',
      features: [...REGION]
        .map((c) => byCode.get(c))
        .filter((f): f is Feature<Geometry, { name: string }> => !!f),
    };
    // The region with its western and southern neighbours' capitals in view.
    const frame: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        ...focus.features,
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'MultiPoint',
            coordinates: [
              [27, 52],
              [44, 36],
              [88, 45],
            ],
          },
        },
      ],
    };
    if (focus.features.length > 0)
      projection.fitExtent(
        [
          [20, 20],
          [width - 20, height - 20],
        ],
        frame,
      );
    return { path: geoPath(projection), projection, byCode };
  }, [countries, height]);

  if (!countries) return <div className="map-placeholder" style={{ height }} aria-hidden="true" />;
  const centre = (code: string) => {
    const capital = CAPITALS[code];
    if (capital) return projection(capital);
    const f = byCode.get(code);
    return f ? projection(geoCentroid(f)) : null;
  };
  const labelAt = (code: string) => {
    const f = byCode.get(code);
    return f ? projection(geoCentroid(f)) : null;
  };
  return (
    // With pairs to open it is a group of buttons (an image's children would be hidden from assistive
    // technology); without, a picture.
    <svg
      className="map"
      viewBox={`0 0 ${width} ${height}`}
      role={pairs.length > 0 ? 'group' : 'img'}
      aria-label={label}
    >
      <title>{label}</title>
      <rect width={width} height={height} className="sea" />
      {countries.features.map((f, i) => {
        const code = ALPHA2[String(f.id).padStart(3, '0')];
        const cls =
          code && REGION.has(code) ? 'land region' : code && EURASIAN.has(code) ? 'land eurasian' : 'land';
        return (
          // A few shapes of the atlas have no id: their place in the list keys them.
          <path
            key={f.id === undefined ? `shape-${i}` : String(f.id)}
            d={path(f) ?? undefined}
            className={cls}
          >
            <title>{code ? countryName(code) : f.properties.name}</title>
          </path>
        );
      })}
      {pairs.map((p) => {
        const a = centre(p.a);
        const b = centre(p.b);
        if (!a || !b) return null;
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG line cannot be a <button>; it is focusable and keyboard-operable
          <g
            key={`${p.a}-${p.b}`}
            className="pair"
            role="button"
            tabIndex={0}
            aria-label={p.label}
            onClick={() => navigate(p.href)}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && navigate(p.href)}
          >
            <title>{p.label}</title>
            <line
              x1={a[0]}
              y1={a[1]}
              x2={b[0]}
              y2={b[1]}
              stroke={p.color}
              strokeWidth={7}
              strokeLinecap="round"
            />
          </g>
        );
      })}
      {features.map((f) => {
        const colour = KIND_COLOURS[f.properties.kind] ?? '#334155';
        if (f.geometry.type === 'Point') {
          const xy = projection(f.geometry.coordinates);
          if (!xy) return null;
          return (
            <circle
              key={f.id}
              cx={xy[0]}
              cy={xy[1]}
              r={7}
              fill={colour}
              className="feature"
              stroke="#fff"
              strokeWidth={2}
            >
              <title>{f.properties.label}</title>
            </circle>
          );
        }
        return (
          <path
            key={f.id}
            d={path({ type: 'Feature', geometry: f.geometry, properties: {} }) ?? undefined}
            stroke={colour}
            strokeWidth={4}
            fill="none"
            className="feature"
          >
            <title>{f.properties.label}</title>
          </path>
        );
      })}
      {[...REGION].map((code) => {
        const xy = labelAt(code);
        return xy ? (
          <text key={code} x={xy[0]} y={xy[1]} className="country-label" textAnchor="middle" dy={-10}>
            {countryName(code)}
          </text>
        ) : null;
      })}
    </svg>
  );
}

/** Green when the target is reached, through amber, to red when little of it is. */
export function progressColour(progress: number | null | undefined, status?: string): string {
  if (status === 'achieved') return '#15803d';
  if (status === 'off_track') return '#b91c1c';
  if (progress === null || progress === undefined) return '#94a3b8';
  if (progress >= 0.9) return '#15803d';
  if (progress >= 0.6) return '#65a30d';
  if (progress >= 0.4) return '#d97706';
  return '#dc2626';
}
