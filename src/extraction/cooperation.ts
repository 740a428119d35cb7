// Documents signed, portfolios of joint projects, meetings of councils and commissions, and the
// people who chair them. Scored apart from trade; read as well as the genre allows.
import { type DocumentContext, documentContext, isBlocMember } from './context.js';
import type { Lexicon } from './lexicon/types.js';
import { type CountryMention, findBlocs, findCountries, findMoney } from './mentions.js';
import type { DocumentMeta, Fact, Scope } from './model.js';
import { matchesIn, type Patterns, patternsFor } from './patterns.js';
import { type Sentence, splitSentences } from './segment.js';

type Agreement = Extract<Fact, { kind: 'agreement' }>;
type Portfolio = Extract<Fact, { kind: 'project_portfolio' }>;
type Meeting = Extract<Fact, { kind: 'meeting' }>;
type PersonRole = Extract<Fact, { kind: 'person_role' }>;

const AGREEMENT_TYPES: Record<string, Agreement['type']> = {
  protocol: 'protocol',
  roadmap: 'roadmap',
  'road map': 'roadmap',
  memorandum: 'memorandum',
  agreement: 'agreement',
  treaty: 'treaty',
  program: 'program',
  programme: 'program',
  plan: 'plan',
};

const SIGNING = /(?<![\p{L}])(?:sign(?:ed|ing|s)?|inked|concluded|adopted|exchanged)(?![\p{L}])/iu;
const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  twentieth: 20,
};

/** "21st" → 21, "XI" → 11, "twelfth" → 12. */
export function readOrdinal(text: string): number | null {
  const t = text.trim();
  const digits = /^(\d{1,3})(?:st|nd|rd|th)?$/i.exec(t);
  if (digits) return Number(digits[1]);
  if (ORDINAL_WORDS[t.toLowerCase()]) return ORDINAL_WORDS[t.toLowerCase()]!;
  if (/^[IVXLC]+$/.test(t)) {
    const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
    let total = 0;
    for (let i = 0; i < t.length; i++) {
      const v = values[t[i]!]!;
      const next = values[t[i + 1] ?? ''] ?? 0;
      total += v < next ? -v : v;
    }
    return total > 0 ? total : null;
  }
  return null;
}

function partiesOf(countries: CountryMention[], fallback: Scope | undefined): string[] {
  const named = [...new Set(countries.filter((c) => c.via !== 'person').map((c) => c.code))].sort();
  if (named.length >= 2) return named;
  if (fallback && 'group' in fallback) {
    return ['KG', 'KZ', 'TJ', 'TM', 'UZ', 'AM', 'BY', 'RU', 'AZ', 'MD', 'CN', 'IN', 'IR', 'PK']
      .filter((c) => isBlocMember(fallback.group, c))
      .sort();
  }
  if (fallback && 'countries' in fallback) return [...new Set([...named, ...fallback.countries])].sort();
  return named;
}

function documentScope(ctx: DocumentContext): Scope | undefined {
  if (ctx.group) return { group: ctx.group };
  if (ctx.ranking.length >= 2) return { countries: [ctx.ranking[0]!, ctx.ranking[1]!].sort() };
  return undefined;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** A signing date said in the sentence ("in August 2022", "at a Jan. 5 meeting"), else the publication date. */
function signedDate(sentence: string, published: string): string | null {
  if (
    /(?<![\p{L}])(?:following|after|since)\s+the\s+signing(?![\p{L}])|(?<![\p{L}])(?:earlier|previously|last year)(?![\p{L}])/iu.test(
      sentence,
    )
  ) {
    return null;
  }
  const monthYear =
    /(?<![\p{L}])(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+((?:19|20)\d\d)(?!\d)/iu.exec(
      sentence,
    );
  if (monthYear) return `${monthYear[2]}-${String(MONTHS[monthYear[1]!.toLowerCase()]).padStart(2, '0')}`;
  const monthDay =
    /(?<![\p{L}])(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})(?!\d)/iu.exec(
      sentence,
    );
  if (monthDay) {
    const month = MONTHS[monthDay[1]!.toLowerCase()]!;
    const year = Number(published.slice(0, 4)) - (month > Number(published.slice(5, 7)) ? 1 : 0);
    return `${year}-${String(month).padStart(2, '0')}-${monthDay[2]!.padStart(2, '0')}`;
  }
  return published;
}

const TITLE_END =
  /\s*(?:[.;:,(]|\s[–—-]\s|\s(?:(?:was|were|is|are|has|have|had|which|that|signed|during|within|following)(?![\p{L}])|and\s+(?:a|an|the)\s|as\s+well\s+as\s|at\s+(?:a|the)\s|in\s+the\s+presence|by\s+the\s))/iu;

function titleCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

function extractAgreements(
  p: Patterns,
  text: string,
  meta: DocumentMeta,
  ctx: DocumentContext,
  sentences: Sentence[],
  meetings: Meeting[],
): Agreement[] {
  const out: Agreement[] = [];
  const typeWords =
    /(?<![\p{L}])((?:[A-Z][\p{L}-]+\s+){0,2}|[Ii]ntergovernmental\s+)([Pp]rotocol|[Rr]oad\s?[Mm]ap|[Mm]emorandum|[Aa]greement|[Tt]reaty|[Pp]rogramme|[Pp]rogram|[Pp]lan)(?![\p{L}])/gu;
  let listSigned = -1;
  sentences.forEach((s, si) => {
    const sentence = text.slice(s.start, s.end);
    const listItem = /^\s*(?:[-•*–]|\d+[.)])\s/.test(sentence) && listSigned >= 0 && si - listSigned <= 12;
    if (SIGNING.test(sentence) && /:\s*$/.test(sentence)) listSigned = si;
    if (!SIGNING.test(sentence) && !listItem) return;
    // Anniversaries of old treaties are not documents signed now: "seven years since the signing of the Treaty…"
    if (/(?<![\p{L}])(?:since|anniversary\s+of)\s+the\s+signing(?![\p{L}])/iu.test(sentence)) return;
    for (const m of matchesIn(typeWords, text, s.start, s.end)) {
      const typeWord = m[2]!.toLowerCase().replace(/\s+/g, ' ');
      const type = AGREEMENT_TYPES[typeWord];
      if (!type) continue;
      // "the implementation of agreements", "agreements reached": plurals and references are not documents signed.
      const after = text.slice(m.index + m[0].length, s.end);
      if (/^s(?![\p{L}])/u.test(after) || /^\s+(?:reached|on\s+trade\s+turnover)/iu.test(after)) continue;
      let prefix = m[1] ?? '';
      // Keep "Intergovernmental", "Comprehensive", "Cooperation"; drop sentence words ("The", "A").
      prefix = prefix.replace(/^(?:The|A|An|And|Also|Final|New)\s+/u, '').replace(/^(?:The|A|An)\s+/u, '');
      const end = TITLE_END.exec(after);
      const tail = end ? after.slice(0, end.index) : after;
      let title = `${prefix}${m[2]}${tail}`.replace(/\s+/g, ' ').trim();
      title = titleCase(title.replace(/[”"»]+$/u, ''));
      // "the signing of the meeting’s protocol": the protocol of the meeting this document reports.
      if (
        type === 'protocol' &&
        /meeting['’]s\s+protocol|protocol\s+of\s+the\s+meeting(?!\s+of)/iu.test(
          text.slice(Math.max(s.start, m.index - 20), m.index + m[0].length + 20),
        )
      ) {
        const meeting = meetings.at(-1);
        if (meeting?.number)
          title = `Protocol of the ${meeting.number}${ordinalSuffix(meeting.number)} meeting of the ${meeting.body}`;
      }
      if (title.split(' ').length < 3 && !/\s(?:of|on|for|between)\s/.test(title)) continue;
      // Kinds of documents listed, not a document: "memorandum of understanding, roadmap and programs of cooperation".
      if (/^(?:memorandum|agreement|protocol)s?\s+of\s+(?:understanding|cooperation)$/iu.test(title))
        continue;
      if (
        /(?<![\p{L}])(?:programs|programmes|agreements|memoranda|protocols|roadmaps)(?![\p{L}])/iu.test(title)
      )
        continue;
      const countries = findCountries(p, text, s.start, s.end);
      const parties = partiesOf(countries, documentScope(ctx));
      if (out.some((a) => a.title.toLowerCase() === title.toLowerCase())) continue;
      out.push({
        kind: 'agreement',
        type,
        title,
        parties,
        signed: signedDate(sentence, meta.published),
        span: [s.start, s.end],
        quote: sentence,
        confidence: listItem ? 0.7 : 0.75,
      });
    }
  });
  return out;
}

function extractPortfolios(
  p: Patterns,
  text: string,
  ctx: DocumentContext,
  sentences: Sentence[],
): Portfolio[] {
  const out: Portfolio[] = [];
  for (const s of sentences) {
    const sentence = text.slice(s.start, s.end);
    if (!/(?<![\p{L}])projects?(?![\p{L}])|portfolio/iu.test(sentence)) continue;
    for (const money of findMoney(p, text, s.start, s.end)) {
      const left = text.slice(Math.max(s.start, money.start - 90), money.start);
      // "69 projects worth $3.1 billion", "portfolio of joint projects has already surpassed $60 billion"
      const counted =
        /(?<![\p{L}\d])(\d{1,4})\s+(?:(?:joint|large|investment|industrial|cooperation|major|new|big)\s+){0,3}projects?\s+(?:worth|totall?ing|valued\s+at|with\s+a\s+(?:total\s+)?(?:value|cost)\s+of|for|amounting\s+to)\s+(?:more\s+than\s+|over\s+|about\s+|roughly\s+|almost\s+|nearly\s+|around\s+)?(?:US)?\s*$/iu.exec(
          left,
        );
      const uncounted =
        /(?:projects?\s+(?:worth|totall?ing|valued\s+at)|portfolio[^.;$]{0,60}?(?:surpassed|exceeded|reached|amounts?\s+to|totals?|of))\s+(?:more\s+than\s+|over\s+|about\s+|roughly\s+|almost\s+|nearly\s+|around\s+)?(?:the\s+)?(?:US)?\s*$/iu.exec(
          left,
        );
      if (!counted && !uncounted) continue;
      const right = text.slice(money.end, Math.min(s.end, money.end + 160));
      // The status is said in this amount's own clause: up to the next comma or the next amount.
      const rightClause = right.split(/[,;]|\$/)[0] ?? '';
      const leftClause = left.split(/[,;]/).at(-1) ?? left;
      const clause = `${leftClause}${text.slice(money.start, money.end)}${rightClause}`;
      const jobs = /(\d+(?:[.,]\d+)?)\s*(thousand|million)?\s+(?:new\s+|permanent\s+)?jobs/iu.exec(right);
      let status: Portfolio['status'] = 'all';
      if (
        /(?:being\s+implemented|(?:are|is)\s+implementing|under\s+implementation|under\s+way|underway|in\s+progress|under\s+construction|currently)/iu.test(
          clause,
        )
      )
        status = 'in_progress';
      else if (
        /(?:been\s+(?:successfully\s+)?(?:implemented|completed|commissioned|launched)|were\s+(?:launched|implemented|completed|commissioned)|launched\s+in\s+\d{4}|implemented\s+projects)/iu.test(
          clause,
        )
      )
        status = 'implemented';
      else if (/(?:will\s+be|planned|are\s+planned|pipeline|to\s+be\s+implemented)/iu.test(clause))
        status = 'planned';
      if (/provides\s+for|portfolio/iu.test(left) && status !== 'implemented')
        status = status === 'in_progress' && !/currently|being/iu.test(clause) ? 'all' : status;
      const countries = findCountries(p, text, s.start, s.end);
      const named = [...new Set(countries.filter((c) => c.via !== 'person').map((c) => c.code))];
      const scope: Scope | undefined =
        named.length >= 2
          ? { countries: [named[0]!, named[1]!].sort() }
          : findBlocs(p, text, s.start, s.end)[0]
            ? { group: findBlocs(p, text, s.start, s.end)[0]!.group }
            : documentScope(ctx);
      if (!scope) continue;
      const jobsValue = jobs
        ? Math.round(
            Number(jobs[1]!.replace(',', '.')) *
              (jobs[2]?.toLowerCase() === 'thousand' ? 1000 : jobs[2] ? 1e6 : 1),
          )
        : null;
      out.push({
        kind: 'project_portfolio',
        scope,
        count: counted ? Number(counted[1]) : null,
        value: money.value,
        currency: money.currency === 'MANAT' ? ctx.manat : money.currency,
        jobs: jobsValue,
        status,
        span: [s.start, s.end],
        quote: sentence,
        confidence: counted ? 0.8 : 0.6,
      });
    }
  }
  return out;
}

const ROLE =
  /(?<![\p{L}])((?:First\s+)?(?:Deputy\s+)?(?:Prime\s+Minister|President|Foreign\s+Minister|Minister\s+of\s+[A-Z][\p{L}]+(?:(?:,\s*|\s+and\s+|\s+)[A-Z][\p{L}]+){0,3}|Chairman\s+of\s+the\s+Cabinet\s+of\s+Ministers|Chairman\s+of\s+the\s+Government|Speaker|Ambassador))(?:\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?([A-Z][\p{L}]+(?:\s+[A-Z][\p{L}]+)?))?\s+((?:[A-Z][\p{L}'’-]+\s+){1,2}[A-Z][\p{L}'’-]+)/gu;

/** Spellings of the same person in the region's transliterations, to one form. */
const NAME_VARIANTS: Record<string, string> = {
  zhaparov: 'Japarov',
  japarov: 'Japarov',
  lukashenka: 'Lukashenko',
  lukashenko: 'Lukashenko',
  mirziyoev: 'Mirziyoyev',
  tokaev: 'Tokayev',
  rakhmon: 'Rahmon',
  berdymukhamedov: 'Berdimuhamedov',
  berdimuhammedov: 'Berdimuhamedov',
  kasymaliyev: 'Kasymaliev',
  kulubayev: 'Kulubaev',
};

/** A person's name with the surname spelled one way: "Akylbek Zhaparov" → "Akylbek Japarov". */
export function canonicalName(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => NAME_VARIANTS[part.toLowerCase()] ?? part)
    .join(' ');
}

function extractPeople(p: Patterns, text: string, meta: DocumentMeta, sentences: Sentence[]): PersonRole[] {
  const out: PersonRole[] = [];
  for (const s of sentences) {
    for (const m of matchesIn(ROLE, text, s.start, s.end)) {
      const role = m[1]!.replace(/\s+/g, ' ');
      const name = canonicalName(m[3]!.trim());
      if (/^(?:of|the|and)\s/i.test(name)) continue;
      const before = text.slice(Math.max(s.start, m.index - 25), m.index);
      const adjective = findCountries(p, before, 0, before.length)
        .filter((c) => c.via === 'adjective')
        .at(-1);
      const named = m[2] ? findCountries(p, m[2], 0, m[2].length)[0] : undefined;
      const person = findCountries(p, name, 0, name.length).find((c) => c.via === 'person');
      const country = named?.code ?? adjective?.code ?? person?.code ?? null;
      if (out.some((o) => o.name === name && o.role === role)) continue;
      out.push({
        kind: 'person_role',
        name,
        role,
        country,
        as_of: meta.published,
        span: [m.index, m.index + m[0].length],
        quote: text.slice(m.index, m.index + m[0].length),
        confidence: country ? 0.7 : 0.5,
      });
    }
  }
  return out;
}

const MEETING =
  /(?<![\p{L}])(?:the\s+)?(?:(\d{1,3}(?:st|nd|rd|th)|[IVXLC]{1,6}|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|twentieth)\s+)(?:regular\s+|joint\s+|extended\s+)?(?:meeting|session)\s+of\s+(?:the\s+)?((?:[\p{L}-]+\s+){0,8}?(?:Intergovernmental|Inter-governmental|Interstate|Joint|Supreme|Consultative|Eurasian)(?:[\s-][\p{L}–-]+){0,10})/giu;

function extractMeetings(
  p: Patterns,
  text: string,
  meta: DocumentMeta,
  ctx: DocumentContext,
  sentences: Sentence[],
): Meeting[] {
  const out: Meeting[] = [];
  for (const s of sentences) {
    for (const m of matchesIn(MEETING, text, s.start, s.end)) {
      const number = readOrdinal(m[1]!);
      let body = m[2]!
        .replace(/\s+(?:was|were|is|has|held|chaired|in|on|at|took|during|which|and)(?:\s.*)?$/iu, '')
        .replace(/[,.;]$/, '')
        .trim();
      body = titleCase(body.replace(/^joint\s+/i, 'Joint '));
      const named = findCountries(p, body, 0, body.length);
      const scope = documentScope(ctx);
      if (named.length === 0 && scope && 'countries' in scope) {
        const names = scope.countries.map((c) => p.lexicon.countries[c]?.names[0] ?? c);
        body = `${names.join('–')} ${body}`;
      }
      const sentence = text.slice(s.start, s.end);
      const place =
        /(?:held|took\s+place|met)\s+in\s+([A-Z][\p{L}-]+(?:\s+[A-Z][\p{L}-]+)?)/u.exec(sentence)?.[1] ??
        null;
      const chairsText = /chaired\s+by\s+(?:the\s+)?(.+)$/iu.exec(sentence)?.[1] ?? '';
      const chairs = [...chairsText.matchAll(/([A-Z][\p{L}'’-]+\s+[A-Z][\p{L}'’-]+)(?=\s+and\s|[,.]|$)/gu)]
        .map((c) => canonicalName(c[1]!))
        .filter((name) => findCountries(p, name, 0, name.length).every((c) => c.via === 'person'));
      const key = `${body}|${number}`;
      if (out.some((o) => `${o.body}|${o.number}` === key)) continue;
      out.push({
        kind: 'meeting',
        body,
        number,
        date: meta.published,
        place,
        chairs,
        span: [s.start, s.end],
        quote: sentence,
        confidence: 0.6,
      });
    }
  }
  return out;
}

/** Agreements, project portfolios, meetings and people of a document. */
export function extractCooperation(text: string, meta: DocumentMeta, lexicon: Lexicon): Fact[] {
  const p = patternsFor(lexicon);
  const ctx = documentContext(p, text, meta);
  const sentences = splitSentences(text);
  const meetings = extractMeetings(p, text, meta, ctx, sentences);
  return [
    ...extractAgreements(p, text, meta, ctx, sentences, meetings),
    ...extractPortfolios(p, text, ctx, sentences),
    ...meetings,
    ...extractPeople(p, text, meta, sentences),
  ];
}
