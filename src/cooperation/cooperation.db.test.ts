import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injector, tokenFor } from '../../test/support/auth.js';
import { testContext } from '../../test/support/db.js';
import type { AppContext } from '../context.js';
import { loadDemoData } from '../demo/index.js';
import { decideFact, ingestDocument } from '../documents/index.js';
import { buildServer, type Server } from '../http/index.js';
import { RECORD_KINDS } from '../kinds.js';
import { exportPackage, importPackage } from '../records/index.js';
import { kindTableColumns } from '../records/service.js';
import { loadCooperationDemo } from './index.js';

let ctx: AppContext;
let app: Server;
/** The API as an administrator's script calls it. */
let inject: ReturnType<typeof injector>;
const dir = mkdtempSync(join(tmpdir(), 'keruen-cooperation-'));

beforeAll(async () => {
  ctx = await testContext();
  app = await buildServer(ctx);
  inject = injector(app, await tokenFor(ctx));
  await ctx.db.transaction().execute((trx) => loadCooperationDemo(trx, RECORD_KINDS));
}, 60_000);
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const get = async (url: string) => {
  const res = await inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
};
const send = async (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, ifMatch?: string) => {
  const res = await inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
    headers: ifMatch ? { 'if-match': ifMatch } : {},
  });
  return { status: res.statusCode, body: res.body ? res.json() : undefined, headers: res.headers };
};

describe('the kinds of records', () => {
  it('describe exactly the columns of their tables', async () => {
    for (const spec of RECORD_KINDS.kinds) {
      expect(await kindTableColumns(ctx.db, spec)).toEqual(['id', ...spec.fields.map((f) => f.name)].sort());
    }
  });
});

describe('the demo records answer the questions a secretariat asks', () => {
  it('what Kazakhstan and Kyrgyzstan agreed in 2024, with its status and sources', async () => {
    const { status, body } = await get('/api/v1/pairs/KG-KZ/cooperation');
    expect(status).toBe(200);
    const in2024 = body.documents_signed.filter((d: { dated: string | null }) => d.dated?.startsWith('2024'));
    const titles = in2024.map((d: { title: string }) => d.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Protocol of the 12th meeting of the Intergovernmental Council',
        'Roadmap for increasing agricultural trade',
        'Memorandum of Cooperation in tourism development',
        'Treaty on deepening and expanding allied relations',
      ]),
    );
    for (const d of in2024) expect(d.sources.length).toBeGreaterThan(0);
    // Newest first.
    const dates = body.documents_signed.map((d: { dated: string | null }) => d.dated ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    // The commitments of the pair carry a status; the checkpoints roadmap is being carried out.
    const checkpoints = body.commitments.find((c: { text: string }) =>
      /seven joint road checkpoints/.test(c.text),
    );
    expect(checkpoints).toMatchObject({ status: 'in_progress', effective_status: 'in_progress' });
    expect(checkpoints.sources[0].citation.publisher).toBe('daryo.uz');
    expect(body.meetings.map((m: { label: string }) => m.label)).toContain(
      '12th meeting of the Kazakhstan–Kyrgyzstan Intergovernmental Council',
    );
  });

  it('which joint Kazakhstan–Uzbekistan projects are implemented, and how many jobs: stated apart from the records', async () => {
    const { body } = await get('/api/v1/projects/rollup?by=status&country=KZ,UZ');
    const implemented = body.stated.filter((p: { status: string }) => p.status === 'implemented');
    expect(implemented.find((p: { as_of: string }) => p.as_of === '2024-07-12')).toMatchObject({
      count: 12,
      value: 217_000_000,
      currency: 'USD',
      jobs: 4_500,
    });
    // The individual records are summed separately: none of the named projects is implemented yet.
    expect(body.groups.find((g: { key: string }) => g.key === 'implemented')).toBeUndefined();
    expect(body.total.count).toBeGreaterThanOrEqual(2);
    const byPair = await get('/api/v1/projects/rollup?by=pair');
    expect(byPair.body.groups.map((g: { key: string }) => g.key)).toEqual(
      expect.arrayContaining(['KZ-UZ', 'KG-KZ']),
    );
  });

  it('lists commitments past due, judged by the day asked about', async () => {
    const before = await get('/api/v1/commitments/overdue?as_of=2024-06-01');
    expect(before.body.results).toEqual([]);
    const after = await get('/api/v1/commitments/overdue?as_of=2025-01-15');
    expect(after.body.results.map((c: { effective_status: string }) => c.effective_status)).toEqual([
      'overdue',
    ]);
    expect(after.body.results[0].text).toMatch(/financial assistance/);
  });

  it('gives GeoJSON of projects, infrastructure and checkpoints', async () => {
    const res = await inject({ method: 'GET', url: '/api/v1/geo/all' });
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    const taraz = fc.features.find((f: { properties: { label: string } }) =>
      /Taraz/.test(f.properties.label),
    );
    expect(taraz.geometry).toEqual({ type: 'Point', coordinates: [71.37, 42.9] });
    const line = fc.features.find((f: { geometry: { type: string } }) => f.geometry.type === 'LineString');
    expect(line.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
    expect(fc.without_geometry).toBeGreaterThan(0);
    const kg = (await get('/api/v1/geo/infrastructure?country=KG')).body;
    expect(kg.features.map((f: { properties: { label: string } }) => f.properties.label)).toEqual([
      'Almaty–Issyk-Kul motorway (Almaty–Cholpon-Ata)',
    ]);
  });

  it('loading the demo again changes nothing', async () => {
    const before = await get('/api/v1/meetings?limit=200');
    await ctx.db.transaction().execute((trx) => loadCooperationDemo(trx, RECORD_KINDS));
    const after = await get('/api/v1/meetings?limit=200');
    expect(after.body).toEqual(before.body);
  });
});

describe('records over the API', () => {
  it('creates, reads with an ETag, refuses a stale edit with 409, keeps the history', async () => {
    const created = await send('POST', '/api/v1/checkpoints', {
      name_a: 'Zhibek Zholy',
      country_a: 'kz',
      name_b: 'Gisht Kuprik',
      country_b: 'UZ',
      mode: 'road',
      stage: 'under_modernization',
      locode_a: 'KZ ZHZ',
      sources: [{ citation: { title: 'A test citation', publisher: 'test', published: '2024-01-01' } }],
    });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const id = created.body.id;
    expect(created.body).toMatchObject({
      countries: ['KZ', 'UZ'],
      label: 'Zhibek Zholy – Gisht Kuprik',
      country_a: 'KZ',
    });

    // A record as read can be sent back; sent as a new one, it is the same checkpoint.
    const again = await send('POST', '/api/v1/checkpoints', created.body);
    expect(again.status).toBe(409);
    const typo = await send('POST', '/api/v1/checkpoints', { ...created.body, stagee: 'x' });
    expect(typo.status).toBe(400); // an unknown member is refused, not ignored

    const duplicate = await send('POST', '/api/v1/checkpoints', {
      name_a: 'Gisht Kuprik',
      country_a: 'UZ',
      name_b: 'Zhibek Zholy',
      country_b: 'KZ',
      mode: 'road',
      stage: 'operating',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.existing_id).toBe(id);

    const edit = {
      name_a: 'Zhibek Zholy',
      country_a: 'KZ',
      name_b: 'Gisht Kuprik',
      country_b: 'UZ',
      mode: 'road',
      stage: 'modernized',
      capacity_vehicles_per_day: 2500,
    };
    const updated = await send('PUT', `/api/v1/checkpoints/${id}`, edit, '"1"');
    expect(updated.status).toBe(200);
    expect(updated.headers.etag).toBe('"2"');
    const stale = await send('PUT', `/api/v1/checkpoints/${id}`, { ...edit, stage: 'closed' }, '"1"');
    expect(stale.status).toBe(409);
    expect(stale.body.current_version).toBe(2);
    const noIfMatch = await send('PUT', `/api/v1/checkpoints/${id}`, edit);
    expect(noIfMatch.status).toBe(400);

    const history = (await get(`/api/v1/checkpoints/${id}/history`)).body;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['create', 'update']);
    expect(history[1].before.stage).toBe('under_modernization');
    expect(history[1].after.stage).toBe('modernized');
    expect((await get(`/api/v1/checkpoints/${id}`)).body.sources).toHaveLength(1);

    const observation = await send('POST', '/api/v1/checkpoint-observations', {
      checkpoint_id: id,
      period_from: '2024-01',
      period_to: '2024-06',
      cargo_tonnes: 1_250_000,
      crossing_hours: 3.5,
    });
    expect(observation.status).toBe(201);
    expect(observation.body).toMatchObject({
      direction: 'both',
      countries: ['KZ', 'UZ'],
      label: 'Zhibek Zholy, 2024-01..2024-06',
    });

    const deleted = await send(
      'DELETE',
      `/api/v1/checkpoint-observations/${observation.body.id}`,
      undefined,
      '"1"',
    );
    expect(deleted.status).toBe(204);
    expect((await get(`/api/v1/checkpoint-observations/${observation.body.id}`)).status).toBe(404);
  });

  it('takes back a record as it was read, keeping its links and sources, and dates every change of a commitment’s status', async () => {
    const listed = (await get('/api/v1/commitments?q=seven%20joint')).body.results[0];
    const read = await get(`/api/v1/commitments/${listed.id}`);
    expect(read.body.status_history).toHaveLength(1);
    const sent = await send(
      'PUT',
      `/api/v1/commitments/${listed.id}`,
      { ...read.body, status: 'done' },
      read.headers.etag as string,
    );
    expect(sent.status).toBe(200);
    expect(sent.body.sources).toEqual(read.body.sources);
    expect(sent.body.links).toEqual(read.body.links);
    expect(sent.body.status_history.map((h: { status: string }) => h.status)).toEqual([
      'in_progress',
      'done',
    ]);
    expect(sent.body.status_history[1].on).toBe(new Date().toISOString().slice(0, 10));
    // The project that concerns the checkpoint keeps its link when sent back without `links`.
    const project = (await get('/api/v1/projects?q=Karasu')).body.results[0];
    expect(project.links.length).toBeGreaterThan(0);
    const { links: _links, ...withoutLinks } = project;
    const kept = await send(
      'PUT',
      `/api/v1/projects/${project.id}`,
      { ...withoutLinks, jobs: 300 },
      `"${project.version}"`,
    );
    expect(kept.body.links).toEqual(project.links);
    expect(kept.body.jobs).toBe(300);

    // A file row that does not carry the status history keeps it.
    const res = await inject({
      method: 'POST',
      url: '/api/v1/commitments/import',
      headers: { 'content-type': 'text/csv' },
      payload: `text,meeting_id,document_id,status\n"${read.body.text}",${read.body.meeting_id},${read.body.document_id},overdue\n`,
    });
    expect(res.json()).toMatchObject({ updated: 1 });
    const after = (await get(`/api/v1/commitments/${listed.id}`)).body;
    expect(after.status_history.map((h: { status: string }) => h.status)).toEqual([
      'in_progress',
      'done',
      'overdue',
    ]);
  });

  it('names the field and reason of bad input, and of references to records that do not exist', async () => {
    const bad = await send('POST', '/api/v1/meetings', {
      body_id: 999999,
      ordinal: 0,
      starts_on: '2024-13-01',
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.ordinal', 'body.starts_on']));

    // A length of nothing is refused by the schema, not left to the table's check (a 500).
    const zeroLength = await send('POST', '/api/v1/infrastructure', {
      name: 'A railway of no length',
      type: 'railway',
      stage: 'planned',
      length_km: 0,
    });
    expect(zeroLength.status).toBe(400);
    expect(zeroLength.body.errors).toEqual([expect.objectContaining({ field: 'body.length_km' })]);

    const missing = await send('POST', '/api/v1/meetings', {
      body_id: 999999,
      ordinal: 3,
      links: [{ to: 888888 }],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'body_id',
          reason: expect.stringMatching(/no intergovernmental body/),
        }),
        expect.objectContaining({ field: 'links[0].to' }),
      ]),
    );
    expect((await get('/api/v1/meetings?cursor=garbage')).status).toBe(400);
    expect((await get('/api/v1/pairs/KZ-KZ/cooperation')).status).toBe(400);
  });

  it('lists with filters and keyset pages that neither repeat nor skip', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { results: { id: number }[]; next_cursor: string | null } } = await get(
        `/api/v1/signed_document/../documents-signed?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.results.map((r) => r.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    const all = (await get('/api/v1/documents-signed?limit=200')).body.results.map(
      (r: { id: number }) => r.id,
    );
    expect(seen).toEqual(all);
    const protocols = (await get('/api/v1/documents-signed?type=protocol&country=KZ')).body.results;
    expect(protocols.length).toBeGreaterThanOrEqual(3);
    for (const p of protocols) expect(p.type).toBe('protocol');
    const in2024 = (await get('/api/v1/documents-signed?from=2024-01-01&to=2024-12-31&country=KG')).body
      .results;
    expect(in2024.every((d: { dated: string }) => d.dated >= '2024-01-01' && d.dated <= '2024-12-31')).toBe(
      true,
    );
  });
});

describe('importing records from files', () => {
  it('imports the good rows, reports each bad one by line, field and reason, and changes nothing the second time', async () => {
    const file = join(dir, 'projects.csv');
    writeFileSync(
      file,
      [
        'name,countries,sector,value,currency,jobs,status,lat,lon,source_title,source_publisher,source_published',
        'Cement plant in Jizzakh,"KZ,UZ",construction materials,"120,000,000",USD,450,implemented,40.12,67.84,A ministry list,minenergo,2024-05-01',
        'Fruit logistics centre,KG;UZ,agriculture,12.5,XYZW,10,planned,,,,,',
        'Glass factory,KZ|UZ,glass,,,,built,,,,,',
        'Textile cluster in Turkestan,"[""KZ"",""UZ""]",textiles,80000000,USD,1200,under construction,,,,,',
        ',KZ,,,,,planned,,,,,',
        'Copper wire plant,KZ UZ,metallurgy,,,,planned,95,,,,',
      ].join('\n'),
    );
    const res = await inject({
      method: 'POST',
      url: '/api/v1/projects/import?name=projects.csv',
      headers: { 'content-type': 'text/csv' },
      payload: readFileSync(file),
    });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ rows: 6, created: 2, updated: 0, unchanged: 0 });
    expect(report.rejected).toEqual([
      expect.objectContaining({ line: 3, field: 'currency', value: 'XYZW' }),
      expect.objectContaining({ line: 4, field: 'status', value: 'built' }),
      expect.objectContaining({ line: 6, field: 'name' }),
      expect.objectContaining({ line: 7, field: 'lat', value: '95' }),
      expect.objectContaining({ line: 7, field: 'countries', value: 'KZ UZ' }),
    ]);
    const cement = (await get('/api/v1/projects?q=Jizzakh')).body.results[0];
    expect(cement).toMatchObject({
      value: 120_000_000,
      jobs: 450,
      countries: ['KZ', 'UZ'],
      status: 'implemented',
    });
    expect(cement.sources[0].citation).toMatchObject({ title: 'A ministry list', published: '2024-05-01' });

    const second = await inject({
      method: 'POST',
      url: '/api/v1/projects/import',
      headers: { 'content-type': 'text/csv' },
      payload: readFileSync(file),
    });
    expect(second.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect((await get(`/api/v1/projects/${cement.id}`)).body.version).toBe(1);
  });

  it('reads XLSX workbooks and refuses a header with unknown columns', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('corridors');
    sheet.addRow(['name', 'modes', 'countries']);
    sheet.addRow(['Test Corridor North', 'rail;road', 'KZ,RU']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await inject({
      method: 'POST',
      url: '/api/v1/corridors/import',
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      payload: xlsx,
    });
    expect(res.json()).toMatchObject({ rows: 1, created: 1 });
    const unknown = await inject({
      method: 'POST',
      url: '/api/v1/corridors/import',
      headers: { 'content-type': 'text/csv' },
      payload: 'name,colour\nX,red\n',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ line: 1, field: 'colour' });
  });
});

describe('reviewed facts become records', () => {
  it('one meeting reported by two articles is one meeting with two sources, and its protocol is linked to it', async () => {
    const articles = [
      [
        '---\nid: test-kz-tj-1\ntitle: Commission met\npublisher: test.example\npublished: 2025-03-03\nlanguage: en\n---\n',
        'The 9th meeting of the Kazakhstan–Tajikistan Intergovernmental Commission was held in Dushanbe on 3 March 2025. ',
        'Following the meeting, the Protocol of the 9th meeting of the Intergovernmental Commission was signed.\n',
      ].join(''),
      [
        '---\nid: test-kz-tj-2\ntitle: Tajik and Kazakh commission\npublisher: other.example\npublished: 2025-03-04\nlanguage: en\n---\n',
        'Dushanbe hosted the 9th meeting of the Tajikistan-Kazakhstan Intergovernmental Commission on 3 March 2025.\n',
      ].join(''),
    ];
    for (const text of articles) {
      const { document: doc } = await ingestDocument(ctx.db, text, 'test.md', '2025-03-05', 'tester');
      const facts = doc.facts.filter((f) => f.kind === 'meeting' || f.kind === 'agreement');
      expect(facts.map((f) => f.kind)).toContain('meeting');
      // Meetings first, as a reviewer going down the page would.
      for (const fact of facts.sort((a, b) => a.kind.localeCompare(b.kind)).reverse()) {
        const decided = await decideFact(ctx.db, fact.id, {
          action: 'accept',
          version: fact.version,
          reviewer: 'tester',
        });
        expect(decided.applied).toBe(true);
      }
    }
    const bodies = (await get('/api/v1/bodies?country=KZ,TJ&type=commission')).body.results;
    expect(bodies).toHaveLength(1);
    expect(bodies[0].countries).toEqual(['KZ', 'TJ']);
    const meetings = (await get(`/api/v1/meetings?body_id=${bodies[0].id}`)).body.results;
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({ ordinal: 9, starts_on: '2025-03-03' });
    expect(meetings[0].sources.map((s: { fact_id: number | null }) => s.fact_id !== null)).toEqual([
      true,
      true,
    ]);
    const protocol = (await get(`/api/v1/documents-signed?meeting_id=${meetings[0].id}`)).body.results[0];
    expect(protocol).toMatchObject({ type: 'protocol', meeting_id: meetings[0].id });
    expect(protocol.sources[0].quote).toMatch(/Protocol of the 9th meeting/);
  });
});

describe('export and restore', () => {
  it('an export imported into an empty database reproduces every record, link, source and history entry', async () => {
    // Everything a package carries: the records, the demo's producers and trade statements, a merge whose
    // producer points to one created after it.
    await loadDemoData(ctx.db);
    const a = (
      await send('POST', '/api/v1/producers', { name: 'Merge Test One LLP', country: 'KZ', city: 'Taraz' })
    ).body;
    const b = (
      await send('POST', '/api/v1/producers', {
        name: 'Merge Test One',
        country: 'KZ',
        city: 'Taraz',
        website: 'https://merge.example',
      })
    ).body;
    expect(
      (await send('POST', `/api/v1/producers/${b.id}/merge`, { from: a.id }, `"${b.version}"`)).status,
    ).toBe(200);
    const out = join(dir, 'package');
    const exported = await exportPackage(ctx.db, RECORD_KINDS.kinds, out);
    expect(exported.tables.coop_record).toBeGreaterThan(50);
    expect(exported.tables.producer).toBeGreaterThan(40);
    expect(exported.tables.trade_target).toBeGreaterThan(10);
    expect(exported.tables.producer_history).toBeGreaterThan(40);
    // The audit events of the demo's targets and figures travel with them.
    expect(exported.tables.audit_event).toBeGreaterThan(10);
    const descriptor = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8'));
    expect(descriptor.profile).toBe('tabular-data-package');
    const meeting = descriptor.resources.find((r: { name: string }) => r.name === 'meeting');
    expect(meeting.schema.foreignKeys).toEqual(
      expect.arrayContaining([{ fields: 'body_id', reference: { resource: 'body', fields: 'id' } }]),
    );

    const target = await testContext();
    try {
      const restored = await importPackage(target.db, RECORD_KINDS.kinds, out);
      expect(restored.tables).toEqual(exported.tables);
      const again = await exportPackage(target.db, RECORD_KINDS.kinds, join(dir, 'package-again'));
      expect(again.tables).toEqual(exported.tables);
      for (const resource of descriptor.resources as { path: string }[]) {
        expect(readFileSync(join(dir, 'package-again', resource.path), 'utf8')).toBe(
          readFileSync(join(out, resource.path), 'utf8'),
        );
      }
      // The restored database goes on: new records take ids after the restored ones.
      const targetApp = await buildServer(target);
      try {
        const created = await injector(
          targetApp,
          await tokenFor(target),
        )({
          method: 'POST',
          url: '/api/v1/corridors',
          payload: { name: 'After restore corridor' },
        });
        expect(created.statusCode).toBe(201);
        expect(created.json().id).toBeGreaterThan(Math.max(...(await allIds(ctx))));
      } finally {
        await targetApp.close();
      }
      // A second restore into the now non-empty database is refused and changes nothing.
      await expect(importPackage(target.db, RECORD_KINDS.kinds, out)).rejects.toThrow(
        /restore into an empty one/,
      );
    } finally {
      await target.close();
    }
  });
});

async function allIds(context: AppContext): Promise<number[]> {
  const ids: number[] = [];
  for (const spec of RECORD_KINDS.kinds) {
    const res = await inject({ method: 'GET', url: `/api/v1/${spec.path}?limit=200` });
    ids.push(...res.json().results.map((r: { id: number }) => r.id));
  }
  void context;
  return ids;
}
