// The page at `/` until the web app arrives: what this server holds, the targets and their status, and
// where the API is. Rendered on the server from the same services as the API; every value is escaped.
import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import { reviewCounts } from '../documents/index.js';
import { listBlocs, listCountries } from '../reference/index.js';
import { listReported, targetsWithProgress } from '../trade/index.js';

function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function money(value: number, currency: string): string {
  const units: [number, string][] = [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ];
  for (const [size, word] of units) {
    if (value >= size)
      return `${(value / size).toLocaleString('en', { maximumFractionDigits: 2 })} ${word} ${currency}`;
  }
  return `${value.toLocaleString('en')} ${currency}`;
}

const STATUS_COLOURS: Record<string, string> = {
  achieved: '#0b6e2e',
  on_track: '#1a7f37',
  at_risk: '#9a6700',
  off_track: '#b42318',
  unknown: '#57606a',
};

/** The home page as HTML. */
export async function homePage(db: Kysely<DB>, version: string): Promise<string> {
  const [targets, reported, review, countries, blocs] = await Promise.all([
    targetsWithProgress(db),
    listReported(db),
    reviewCounts(db),
    listCountries(db),
    listBlocs(db),
  ]);
  const name = new Map<string, string>([
    ...countries.map((c) => [c.code, c.names.en ?? c.code] as const),
    ...blocs.map((b) => [b.code, b.names.en ?? b.code] as const),
  ]);
  const rows = targets
    .map((t) => {
      const scope =
        'group' in t.scope
          ? (name.get(t.scope.group) ?? t.scope.group)
          : t.scope.countries.map((c) => name.get(c) ?? c).join('–');
      const due = t.by ?? (t.horizon ? `${t.horizon} term (${t.target_year})` : 'no year stated');
      const latest = t.latest
        ? `${money(t.latest.value, t.currency)} in ${t.latest.year} (${t.latest.kind})`
        : 'no data yet';
      const source = [t.source.publisher, t.source.published].filter(Boolean).join(', ');
      const link =
        typeof t.source.url === 'string' && /^https?:\/\//.test(t.source.url) ? t.source.url : null;
      return `<tr><td>${escapeHtml(scope)}</td><td>${escapeHtml(money(t.value, t.currency))}</td><td>${escapeHtml(due)}</td>
        <td class="date">${escapeHtml(t.stated_on)}</td><td>${escapeHtml(latest)}</td>
        <td>${t.progress === null ? '' : `${(t.progress * 100).toFixed(0)}%`}</td>
        <td><span class="status" style="background:${STATUS_COLOURS[t.status] ?? '#57606a'}">${escapeHtml(t.status.replace('_', ' '))}</span></td>
        <td>${link ? `<a href="${escapeHtml(link)}" rel="noopener noreferrer">${escapeHtml(source || 'source')}</a>` : escapeHtml(source)}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Keruen</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1.5rem; color: #1f2328; }
  h1 { margin-bottom: 0; } .lead { color: #57606a; margin-top: .25rem; }
  .figures { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1.5rem 0; }
  .figures div { border: 1px solid #d0d7de; border-radius: .5rem; padding: .75rem 1rem; min-width: 10rem; }
  .figures strong { display: block; font-size: 1.5rem; }
  table { border-collapse: collapse; width: 100%; font-size: .9rem; }
  th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
  .status { color: #fff; border-radius: 1rem; padding: .1rem .6rem; white-space: nowrap; }
  a { color: #0550ae; } a:focus { outline: 3px solid #0969da; outline-offset: 2px; }
  .table { overflow-x: auto; } .date { white-space: nowrap; }
</style>
</head>
<body>
<main>
<h1>Keruen</h1>
<p class="lead">Trade cooperation in Central Asia and the Eurasian region: figures, targets and the documents they come from. Version ${escapeHtml(version)}.</p>
<div class="figures" role="list">
  <div role="listitem"><strong>${targets.length}</strong> trade targets</div>
  <div role="listitem"><strong>${reported.length}</strong> reported figures</div>
  <div role="listitem"><strong>${review.pending ?? 0}</strong> facts waiting for review</div>
</div>
<h2>Trade targets and their status</h2>
<div class="table"><table>
<thead><tr><th scope="col">Scope</th><th scope="col">Target</th><th scope="col">By</th><th scope="col">Stated</th><th scope="col">Latest</th><th scope="col">Progress</th><th scope="col">Status</th><th scope="col">Source</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="8">No targets yet: add one with <code>keruen targets add</code> or accept one in the review queue.</td></tr>'}
</tbody>
</table></div>
<h2>Producers of the region</h2>
<form action="/api/v1/producers" method="get">
  <label for="q">Find a producer by name in any script, or by product words:</label>
  <input id="q" name="q" type="search" placeholder="Шымкентцемент, Chirchiq transformer, медный катод" size="40">
  <button type="submit">Search</button>
</form>
<p>For example <a href="/api/v1/producers?q=Shymkentcement">Shymkentcement</a> (stored in Cyrillic),
<a href="/api/v1/producers?q=Chirchiq%20transformer">Chirchiq transformer</a>,
<a href="/api/v1/producers?q=%D0%BC%D0%B5%D0%B4%D0%BD%D1%8B%D0%B9%20%D0%BA%D0%B0%D1%82%D0%BE%D0%B4">медный катод</a> (copper cathode, HS 7403).
Answers are JSON until the web app comes.</p>
<h2>API</h2>
<p>Everything here comes from the HTTP API: <a href="/docs">browse its documentation</a> or read <a href="/openapi.json">the OpenAPI document</a>.
For example <a href="/api/v1/pairs/KZ-UZ">the Kazakhstan–Uzbekistan pair</a>, <a href="/api/v1/targets">all targets</a>,
<a href="/api/v1/trade/reported?scope=KZ-UZ">figures reported for Kazakhstan–Uzbekistan with their sources</a>, <a href="/api/v1/review">the review queue</a>.</p>
</main>
</body>
</html>`;
}
