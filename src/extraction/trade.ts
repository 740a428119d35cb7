// Trade figures and trade targets: "mutual trade grew by 12% and reached $1.3 billion",
// "the goal of raising mutual trade to $3bn by 2030". One fact per amount of money in a clause
// that speaks of trade; its scope, flow, period, bound and change are read from the words around it.
import { type DocumentContext, documentContext } from './context.js';
import type { Lexicon } from './lexicon/types.js';
import {
  type BlocMention,
  boundBefore,
  type CountryMention,
  findBlocs,
  findCountries,
  findMoney,
  findPercents,
  type MoneyMention,
  type PercentMention,
} from './mentions.js';
import type {
  Bound,
  DocumentMeta,
  Group,
  Period,
  Scope,
  TradeFact,
  TradeTarget,
  TradeTurnover,
} from './model.js';
import { matchesIn, occursIn, type Patterns, patternsFor } from './patterns.js';
import { findPeriods, type PeriodMention } from './periods.js';
import { type Sentence, splitSentences } from './segment.js';

interface Clause {
  start: number;
  end: number;
}

interface Candidate {
  money: MoneyMention;
  clause: Clause;
  /** Start of the words that belong to this amount: after the previous amount, or the clause start. */
  leftStart: number;
  /** End of the words after it: before the next amount, or the clause end. */
  rightEnd: number;
  /** "…grew from $2 billion to $3.1 billion": the first is the start of a range, the second its end. */
  rangeStartOf?: Candidate;
  /** "compared to $1.181 billion", "($205.1 million in January–April 2023)": a base for comparison. */
  base: boolean;
  /** Another currency for the amount before it: "7.4 trillion rubles ($8.7 bln)". */
  conversionOf?: Candidate;
}

interface ScopeState {
  /** Countries in the order they were last named. */
  recent: string[];
  /** What "the two countries" mean at this point of the text, and the sentence that said so. */
  lastPair: Scope | undefined;
  lastPairSentence: number;
}

interface Emitted {
  fact: TradeFact;
  sentence: number;
  paragraph: number;
  candidate: Candidate;
}

function clausesOf(p: Patterns, text: string, s: Sentence): Clause[] {
  const out: Clause[] = [];
  let start = s.start;
  for (const m of matchesIn(p.grammar.clauseBreak, text, s.start, s.end)) {
    if (m.index > start) out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (s.end > start) out.push({ start, end: s.end });
  return out;
}

function sortedPair(a: string, b: string): Scope {
  return { countries: [a, b].sort() };
}

function scopeKey(scope: Scope): string {
  return 'group' in scope ? scope.group : scope.countries.join('-');
}

function monthsOf(period: Period): { from: number; to: number } {
  return { from: Number(period.from.slice(5)), to: Number(period.to.slice(5)) };
}

function withYear(period: Period, year: number): Period {
  const m = monthsOf(period);
  return {
    from: `${year}-${String(m.from).padStart(2, '0')}`,
    to: `${year}-${String(m.to).padStart(2, '0')}`,
  };
}

/** Reads trade facts from a document body. */
export function extractTrade(body: string, meta: DocumentMeta, lexicon: Lexicon): TradeFact[] {
  const p = patternsFor(lexicon);
  const ctx = documentContext(p, body, meta);
  const sentences = splitSentences(body);
  const emitted: Emitted[] = [];
  // Countries in the order they were last named (people stand for their countries), datelines aside.
  const state: ScopeState = { recent: [], lastPair: undefined, lastPairSentence: -1 };
  let lastTradeSentence = -10;

  const inDateline = (start: number) => ctx.datelines.some((d) => start >= d.start && start < d.end);

  sentences.forEach((sentence, si) => {
    const countries = findCountries(p, body, sentence.start, sentence.end).filter(
      (c) => !inDateline(c.start),
    );
    const blocs = findBlocs(p, body, sentence.start, sentence.end);
    const money = findMoney(p, body, sentence.start, sentence.end);
    const hasTradeWord =
      occursIn(p.tradeWord, body, sentence.start, sentence.end) ||
      occursIn(p.exportWord, body, sentence.start, sentence.end) ||
      occursIn(p.importWord, body, sentence.start, sentence.end);
    // "…mutual trade … has risen by 25%. In 2020, it stood at $55bn.": the next sentence goes on about trade.
    const continuesTrade =
      !hasTradeWord &&
      (si - lastTradeSentence <= 1 ||
        (si - lastTradeSentence === 2 && sentences[lastTradeSentence]?.paragraph === sentence.paragraph)) &&
      (occursIn(p.anaphora, body, sentence.start, sentence.end) ||
        sentences[si - 1]?.paragraph === sentence.paragraph);

    if (money.length > 0 && (hasTradeWord || continuesTrade)) {
      const laterPeriod = () => {
        for (let li = si + 1; li < sentences.length; li++) {
          const later = sentences[li]!;
          if (later.paragraph !== sentence.paragraph) break;
          const found = findPeriods(lexicon, meta.published, body, later.start, later.end).find(
            (pm) => pm.ref.kind === 'fixed' && !pm.base,
          );
          if (found?.ref.kind === 'fixed') return found.ref.period;
        }
        return undefined;
      };
      const facts = readSentence(
        p,
        body,
        meta,
        ctx,
        sentence,
        si,
        money,
        countries,
        blocs,
        emitted,
        state,
        laterPeriod,
        continuesTrade,
      );
      if (facts.length > 0) lastTradeSentence = si;
      emitted.push(...facts);
    } else if (hasTradeWord || continuesTrade) {
      if (hasTradeWord) lastTradeSentence = si;
      // "This figure grew by 22 percent year on year." — a change without a figure of its own.
      attachLooseChange(
        p,
        body,
        sentence,
        findPercents(p, body, sentence.start, sentence.end),
        [],
        [],
        emitted,
      );
    }
    // Update what "the two countries" refer to from here on.
    const named = [...new Set(countries.map((c) => c.code))];
    if (named.length >= 2) {
      state.lastPair = sortedPair(named[0]!, named[1]!);
      state.lastPairSentence = si;
    } else if (
      ctx.group &&
      hasTradeWord &&
      p.grammar.groupWords.test(body.slice(sentence.start, sentence.end))
    ) {
      state.lastPair = { group: ctx.group };
      state.lastPairSentence = si;
    } else if (named.length === 1 && !ctx.group) {
      const keeps =
        state.lastPair && 'countries' in state.lastPair && state.lastPair.countries.includes(named[0]!);
      const other = ctx.ranking.find((c) => c !== named[0]);
      if (!keeps && other) state.lastPair = sortedPair(named[0]!, other);
      state.lastPairSentence = si;
    } else if (blocs.length > 0 && hasTradeWord) {
      state.lastPair = { group: blocs[0]!.group };
      state.lastPairSentence = si;
    }
    for (const c of countries) state.recent = [...state.recent.filter((r) => r !== c.code), c.code];
  });

  return dedupe(emitted.map((e) => e.fact));
}

function dedupe(facts: TradeFact[]): TradeFact[] {
  const seen = new Map<string, TradeFact>();
  const out: TradeFact[] = [];
  for (const f of facts) {
    const when = f.kind === 'trade_turnover' ? `${f.period.from}..${f.period.to}` : `${f.by}`;
    const key = `${f.kind}|${scopeKey(f.scope)}|${f.flow}|${f.from ?? ''}|${f.to ?? ''}|${f.currency}|${when}|${f.value}`;
    const earlier = seen.get(key);
    if (earlier) {
      if (
        f.kind === 'trade_turnover' &&
        earlier.kind === 'trade_turnover' &&
        earlier.change_pct === undefined &&
        f.change_pct !== undefined
      ) {
        earlier.change_pct = f.change_pct;
      }
      continue;
    }
    seen.set(key, f);
    out.push(f);
  }
  return out;
}

function readSentence(
  p: Patterns,
  text: string,
  meta: DocumentMeta,
  ctx: DocumentContext,
  sentence: Sentence,
  si: number,
  money: MoneyMention[],
  countries: CountryMention[],
  blocs: BlocMention[],
  emitted: Emitted[],
  state: ScopeState,
  laterPeriod: () => Period | undefined,
  continues: boolean,
): Emitted[] {
  const clauses = clausesOf(p, text, sentence);
  const periods = findPeriods(p.lexicon, meta.published, text, sentence.start, sentence.end);
  const percents = findPercents(p, text, sentence.start, sentence.end);
  const candidates: Candidate[] = [];
  money.forEach((m, i) => {
    const clause = clauses.find((c) => m.start >= c.start && m.start < c.end) ?? {
      start: sentence.start,
      end: sentence.end,
    };
    const prev = money[i - 1];
    const next = money[i + 1];
    const leftStart = prev && prev.end > clause.start ? prev.end : clause.start;
    const rightEnd = next && next.start < clause.end ? next.start : clause.end;
    const cand: Candidate = { money: m, clause, leftStart, rightEnd, base: false };
    const before = text.slice(Math.max(sentence.start, m.start - 30), m.start);
    const prevCand = candidates.at(-1);
    if (prevCand && prev) {
      const between = text.slice(prev.end, m.start);
      if (/^\s*\(\s*$/.test(between) || (m.parenthesized && /^\s*\(?\s*$/.test(between))) {
        cand.conversionOf = prevCand;
      } else if (
        p.grammar.rangeBetween.test(between) &&
        p.grammar.rangeFromBefore.test(text.slice(Math.max(sentence.start, prev.start - 12), prev.start))
      ) {
        prevCand.base = true;
        cand.rangeStartOf = prevCand;
        cand.leftStart = prevCand.leftStart;
      }
    }
    // "compared to $1.181 billion", "17 percent more than $78.905 million", "up from $2 billion": a base.
    // ("more than $10 billion" is a bound, not a comparison.)
    if (p.grammar.comparisonBefore.test(before) || p.grammar.percentThanBefore.test(before)) {
      cand.base = true;
    }
    // "the same period last year ($205.1 million in January–April 2023)" is a base; "with China ($3.9 billion)" is not.
    if (m.parenthesized && !cand.conversionOf) {
      const open = text.lastIndexOf('(', m.start);
      const lead = text.slice(Math.max(sentence.start, open - 60), open);
      if (p.grammar.parenthesisBaseLead.test(lead)) cand.base = true;
    }
    candidates.push(cand);
  });

  const out: Emitted[] = [];
  for (const cand of candidates) {
    const m = cand.money;
    const currency = m.currency === 'MANAT' ? ctx.manat : m.currency;
    const left = { start: cand.leftStart, end: m.start };
    const clauseHasTrade =
      occursIn(p.tradeWord, text, cand.clause.start, cand.clause.end) ||
      occursIn(p.exportWord, text, cand.clause.start, cand.clause.end) ||
      occursIn(p.importWord, text, cand.clause.start, cand.clause.end) ||
      occursIn(p.anaphora, text, cand.clause.start, cand.clause.end);
    if (m.implicitCurrency && !clauseHasTrade && !continues) continue;
    // Money that is not trade: the nearest cue before it names investment, projects, funds.
    const cueWindowStart = Math.min(Math.max(sentence.start, m.start - 80), cand.leftStart);
    const tradeCues = [
      ...matchesIn(p.tradeWord, text, cueWindowStart, m.end + 40),
      ...matchesIn(p.exportWord, text, cueWindowStart, m.end + 40),
      ...matchesIn(p.importWord, text, cueWindowStart, m.end + 40),
    ];
    const otherCues = matchesIn(p.notTradeMoney, text, cueWindowStart, m.end + 25);
    const nearestTrade = Math.min(
      ...tradeCues.map((c) => Math.abs(c.index - m.start)),
      Number.POSITIVE_INFINITY,
    );
    const nearestOther = Math.min(
      ...otherCues.map((c) => Math.abs(c.index - m.start)),
      Number.POSITIVE_INFINITY,
    );
    if (nearestOther < nearestTrade && !cand.conversionOf && !cand.base && !cand.rangeStartOf) continue;
    if (!clauseHasTrade && !cand.conversionOf && !cand.base && !cand.rangeStartOf) {
      // A clause without a trade word belongs to the trade of the sentence only when it is the sentence itself.
      const sentenceTrade =
        continues ||
        occursIn(p.tradeWord, text, sentence.start, sentence.end) ||
        occursIn(p.anaphora, text, sentence.start, sentence.end);
      if (!sentenceTrade) continue;
    }
    // "foreign trade turnover of Uzbekistan": a country's trade with the world, not a pair's.
    const exclusion = matchesIn(
      p.notPairTrade,
      text,
      Math.max(sentence.start, left.start - 10),
      Math.min(sentence.end, m.end + 30),
    );
    if (exclusion.length > 0 && !cand.conversionOf) continue;

    if (cand.conversionOf) {
      const original = out.find((e) => e.candidate === cand.conversionOf);
      if (original) {
        const copy = {
          ...original.fact,
          value: m.value,
          currency,
          confidence: original.fact.confidence * 0.8,
        } as TradeFact;
        out.push({ fact: copy, sentence: si, paragraph: sentence.paragraph, candidate: cand });
      }
      continue;
    }

    // A base ("compared to $1.181 billion in 2022") is the same trade as the figure it is compared with;
    // when that figure was not trade of a pair (a country's foreign trade), neither is its base.
    const mainCand = candidates
      .slice(0, candidates.indexOf(cand))
      .reverse()
      .find((c) => !c.base && !c.conversionOf);
    if (cand.base && mainCand && !out.some((e) => e.candidate === mainCand)) continue;
    const isRangeStart = candidates.some((c) => c.rangeStartOf === cand);
    if (isRangeStart) {
      const own = periods.find(
        (pm) => pm.start >= m.end && pm.start - m.end <= 14 && pm.end <= cand.rightEnd,
      );
      if (!own) continue;
    }
    const mainFact = cand.base ? lastMainFact(out, emitted) : undefined;
    const goal = cand.base
      ? undefined
      : readGoal(
          p,
          Number(meta.published.slice(0, 4)),
          ctx.statedYears,
          text,
          sentence,
          cand,
          candidates,
          out,
        );
    let flow = mainFact
      ? mainFact.flow === 'exports' && mainFact.from && mainFact.to
        ? { scope: mainFact.scope, from: mainFact.from, to: mainFact.to }
        : undefined
      : readFlow(p, text, ctx, sentence, cand, countries, out, emitted);
    if (flow && !mainFact && !goal) flow = complement(flow, sentence, cand, out, emitted, periods, si);
    const scope = mainFact
      ? mainFact.scope
      : (flow?.scope ?? readScope(p, text, ctx, sentence, si, cand, countries, blocs, state, out, emitted));
    if (!scope) continue;
    const bound = readBound(p, text, sentence, cand);
    const span = spanOf(text, cand);
    const quote = text.slice(span[0], span[1]);

    if (goal) {
      const target: TradeTarget = {
        kind: 'trade_target',
        scope,
        flow: flow ? 'exports' : 'turnover',
        ...(flow ? { from: flow.from, to: flow.to } : {}),
        value: m.value,
        currency,
        bound: bound === 'about' ? 'exact' : bound,
        by: goal.by,
        horizon: goal.horizon,
        span,
        quote,
        confidence: goal.forecast ? 0.5 : 0.85,
      };
      out.push({ fact: target, sentence: si, paragraph: sentence.paragraph, candidate: cand });
      continue;
    }

    const period = readPeriod(p, text, sentence, cand, periods, out, emitted, laterPeriod, si);
    if (!period) continue;
    const change = cand.base ? undefined : readChange(p, text, sentence, cand, percents, candidates);
    const fact: TradeTurnover = {
      kind: 'trade_turnover',
      scope,
      flow: flow ? 'exports' : 'turnover',
      ...(flow ? { from: flow.from, to: flow.to } : {}),
      value: m.value,
      currency,
      period: period.period,
      bound: m.range ? 'about' : bound,
      ...(change !== undefined ? { change_pct: change } : {}),
      span,
      quote,
      confidence: Math.min(period.confidence, m.implicitCurrency ? 0.5 : 0.9),
    };
    out.push({ fact, sentence: si, paragraph: sentence.paragraph, candidate: cand });
  }
  attachLooseChange(p, text, sentence, percents, candidates, out, emitted);
  return out;
}

function spanOf(text: string, cand: Candidate): [number, number] {
  let start = cand.clause.start;
  let end = cand.clause.end;
  while (start < end && /[\s,;(]/.test(text[start]!)) start++;
  while (end > start && /[\s,;]/.test(text[end - 1]!)) end--;
  return [start, end];
}

function readBound(p: Patterns, text: string, sentence: Sentence, cand: Candidate): Bound {
  // "17 percent more than $78.905 million": a comparison, the base itself is exact.
  const lead = text.slice(Math.max(sentence.start, cand.money.start - 40), cand.money.start);
  if (cand.base && p.grammar.percentThanBefore.test(lead)) return 'exact';
  const before = boundBefore(p, text, cand.money.start, Math.max(sentence.start, cand.leftStart - 60));
  if (before) return before.bound;
  if (cand.money.range) return 'about';
  // "exceeded $1.2 billion", "has surpassed the $10 billion mark", with words between the verb and the amount.
  const left = text.slice(Math.max(cand.leftStart, cand.money.start - 60), cand.money.start);
  if (p.grammar.overVerb.test(left)) return 'over';
  return 'exact';
}

interface Goal {
  by: string | null;
  horizon: 'short' | 'medium' | 'long' | null;
  forecast: boolean;
}

function readGoal(
  p: Patterns,
  publishedYear: number,
  statedYears: number[],
  text: string,
  sentence: Sentence,
  cand: Candidate,
  candidates: Candidate[],
  out: Emitted[],
): Goal | undefined {
  if (cand.base) return undefined;
  const m = cand.money;
  const leftText = text.slice(sentence.start, m.start);
  const localStart = cand.leftStart - sentence.start;
  const local = leftText.slice(localStart);
  let isGoal = false;
  let forecast = false;
  // "…to $500 million, and exports to $600 million": a coordinated amount shares the goal of the one before.
  const prevCand = candidates[candidates.indexOf(cand) - 1];
  const prevEmitted = prevCand && out.find((e) => e.candidate === prevCand);
  if (prevEmitted?.fact.kind === 'trade_target' && !p.grammar.observed.test(local) && local.length < 40)
    isGoal = true;

  if (!isGoal) {
    const verbs = [...local.matchAll(p.grammar.goalForms)];
    const toAmount = p.grammar.amountIntroEnd.test(local);
    for (const v of verbs) {
      const at = v.index ?? 0;
      const after = local.slice(at + v[0].length);
      if (p.grammar.observed.test(after)) continue;
      const word = v[1]!.toLowerCase();
      const before = leftText.slice(0, localStart + at);
      // "rose 47 percent in 2021 to reach $2.5 billion": a result of what was observed, not a goal.
      const sinceClauseFull = text.slice(cand.clause.start, sentence.start + localStart + at);
      const lastJoin = Math.max(
        sinceClauseFull.lastIndexOf(','),
        [...sinceClauseFull.matchAll(p.grammar.andJoin)].at(-1)?.index ?? -1,
      );
      const sinceClause = lastJoin >= 0 ? sinceClauseFull.slice(lastJoin + 1) : sinceClauseFull;
      const markerBefore = occursIn(p.goalMarker, text, sentence.start, sentence.start + localStart + at);
      if (
        p.grammar.observed.test(sinceClause) &&
        !occursIn(p.forecastMarker, sinceClause, 0, sinceClause.length) &&
        !occursIn(p.goalMarker, text, cand.clause.start, sentence.start + localStart + at)
      ) {
        continue;
      }
      const infinitive =
        p.grammar.modalBefore.test(before.slice(-40)) || p.lexicon.grammar.goalVerbsNonFinite;
      const gerund = p.lexicon.grammar.gerundEnding !== '' && word.endsWith(p.lexicon.grammar.gerundEnding);
      const forecastWord = occursIn(p.forecastMarker, text, sentence.start, m.start);
      if (p.grammar.forecastVerb.test(word) && !forecastWord) continue;
      if (!toAmount) continue;
      if (infinitive || (gerund && (markerBefore || p.grammar.toEnd.test(local)))) {
        isGoal = true;
        forecast = forecastWord;
        break;
      }
    }
  }
  // "The bar of one and a half billion dollars of trade turnover has been set", "the goal of $10 billion"
  if (!isGoal && p.grammar.goalNounOf.test(local) && !p.grammar.observed.test(local)) isGoal = true;
  if (!isGoal) return undefined;

  // The goal's time is said next to it: up to the next comma after the amount.
  const rest = text.slice(m.end, Math.min(cand.rightEnd, m.end + 60));
  const comma = rest.search(/[,;–—]/);
  const after = comma === -1 ? rest : rest.slice(0, comma);
  const around = `${local} ${after}`;
  let by: string | null = null;
  let horizon: Goal['horizon'] = null;
  const byYear =
    p.grammar.byYear.exec(around) ?? (forecast ? p.grammar.forecastEndOfYear.exec(around) : null);
  if (byYear) by = byYear[1]!;
  else if (p.grammar.byEndOfThisYear.test(around)) by = String(publishedYear);
  const nextYears = p.grammar.nextYears.exec(around);
  if (nextYears) {
    // A headline often gives the year of the same goal: "… plan doubled trade turnover by 2028".
    const n = /^\d+$/.test(nextYears[1]!)
      ? Number(nextYears[1])
      : (p.grammar.numberWords[nextYears[1]!.toLowerCase()] ?? 5);
    horizon = n <= 3 ? 'short' : n <= 7 ? 'medium' : 'long';
    const stated = statedYears.find((y) => Math.abs(y - (publishedYear + n)) <= 1);
    if (!by && stated) by = String(stated);
  }
  const h = matchesIn(p.horizon, text, Math.max(sentence.start, cand.leftStart - 20), cand.clause.end)[0];
  if (h && !horizon) horizon = p.lexicon.horizons[h[0].toLowerCase().replace(/\s+/g, ' ')] ?? null;
  if (!horizon && p.grammar.yearRange.test(around)) horizon = 'medium';
  return { by, horizon, forecast };
}

interface Flow {
  scope: Scope;
  from: string;
  to: string;
}

function countryAt(countries: CountryMention[], start: number, end: number): CountryMention[] {
  return countries.filter((c) => c.start >= start && c.end <= end && c.via !== 'person');
}

function readFlow(
  p: Patterns,
  text: string,
  ctx: DocumentContext,
  sentence: Sentence,
  cand: Candidate,
  countries: CountryMention[],
  out: Emitted[],
  emitted: Emitted[],
): Flow | undefined {
  const m = cand.money;
  const leftStart = cand.leftStart;
  const exp = matchesIn(p.exportWord, text, leftStart, m.start).at(-1);
  const imp = matchesIn(p.importWord, text, leftStart, m.start).at(-1);
  // The flow word nearest before the amount decides; a turnover word after it means the pair's trade.
  const turnover = matchesIn(p.tradeWord, text, leftStart, m.start).at(-1);
  const word =
    exp && (!imp || exp.index > imp.index)
      ? { kind: 'export' as const, m: exp }
      : imp
        ? { kind: 'import' as const, m: imp }
        : undefined;
  if (!word) return undefined;
  if (turnover && turnover.index > word.m.index && /turnover|trade/i.test(turnover[0])) return undefined;
  const wordEnd = word.m.index + word.m[0].length;
  // Countries after the flow word: "exports to Tajikistan", "imports from Azerbaijan", "exports from Uzbekistan to Azerbaijan"
  const afterCountries = countryAt(countries, wordEnd, m.start);
  let toCountry: string | undefined;
  let fromCountry: string | undefined;
  for (const c of afterCountries) {
    const prefix = text.slice(Math.max(wordEnd, c.start - 12), c.start);
    if (p.grammar.toBefore.test(prefix)) toCountry ??= c.code;
    else if (p.grammar.fromBefore.test(prefix)) fromCountry ??= c.code;
    else if (p.grammar.ofBefore.test(prefix) || (p.lexicon.inflected && prefix.trim() === '')) {
      if (word.kind === 'export') fromCountry ??= c.code;
      else toCountry ??= c.code;
    }
  }
  // The country whose flow it is: "Kyrgyzstan’s exports", "Kazakh exports", "Belarus' export", or the sentence's subject.
  const beforeWord = countryAt(countries, sentence.start, word.m.index);
  // The subject: a country not introduced by a preposition ("Uzbekistan plans to increase … imports from Azerbaijan").
  const subject = beforeWord.find(
    (c) => !p.grammar.prepositionBefore.test(text.slice(Math.max(sentence.start, c.start - 10), c.start)),
  );
  const owner =
    beforeWord.filter((c) => c.possessive || c.via === 'adjective').at(-1) ??
    (occursIn(p.domestic, text, Math.max(sentence.start, word.m.index - 15), wordEnd + 20) && ctx.home
      ? { code: ctx.home }
      : undefined) ??
    subject ??
    beforeWord.at(-1);
  const partnerOf = (code: string | undefined): string | undefined => {
    if (!code) return undefined;
    const inSentence = countries.filter((c) => c.code !== code).map((c) => c.code);
    return inSentence[0] ?? ctx.ranking.find((r) => r !== code);
  };
  let from: string | undefined;
  let to: string | undefined;
  if (word.kind === 'export') {
    from = fromCountry ?? owner?.code;
    to = toCountry;
    if (!from && to) from = partnerOf(to);
    if (from && !to) to = partnerOf(from);
  } else {
    to = toCountry ?? owner?.code;
    from = fromCountry;
    if (!to && !from) {
      // "while imports accounted for $49.5 million": the reverse of the exports just named.
      const lastExport = nearby(out, emitted).find(
        (e) => e.fact.flow === 'exports' && e.paragraph === sentence.paragraph,
      );
      if (lastExport?.fact.from && lastExport.fact.to) {
        from = lastExport.fact.to;
        to = lastExport.fact.from;
      }
    }
    if (to && !from) from = partnerOf(to);
    if (from && !to) to = partnerOf(from);
  }
  if (!from || !to || from === to) return undefined;
  return { scope: sortedPair(from, to), from, to };
}

// Context reaches back a few figures, never the whole document: reading stays linear in its length.
const NEARBY = 24;

/** The facts just before this point, nearest first: this sentence's, then the document's. */
function nearby(out: Emitted[], emitted: Emitted[]): Emitted[] {
  const result: Emitted[] = [];
  for (let i = out.length - 1; i >= 0 && result.length < NEARBY; i--) result.push(out[i]!);
  for (let i = emitted.length - 1; i >= 0 && result.length < NEARBY; i--) result.push(emitted[i]!);
  return result;
}

function lastMainFact(out: Emitted[], emitted: Emitted[]): TradeFact | undefined {
  for (const e of [...out].reverse())
    if (!e.candidate.base && e.fact.kind === 'trade_turnover') return e.fact;
  for (let i = emitted.length - 1; i >= Math.max(0, emitted.length - NEARBY); i--) {
    const e = emitted[i]!;
    if (!e.candidate.base && e.fact.kind === 'trade_turnover') return e.fact;
  }
  return undefined;
}

/**
 * Writers alternate exports and imports: a second, different figure for the same direction, pair
 * and period in one paragraph is the other direction ("Kazakhstan’s exports to Tajikistan … $877.6 million
 * … Tajikistan’s imports … $501.4 million").
 */
function complement(
  flow: Flow,
  sentence: Sentence,
  cand: Candidate,
  out: Emitted[],
  emitted: Emitted[],
  periods: PeriodMention[],
  currentSentence: number,
): Flow {
  const own = periods.find(
    (pm) => pm.ref.kind === 'fixed' && !pm.base && pm.start >= cand.clause.start && pm.end <= cand.clause.end,
  );
  const earlier = nearby(out, emitted).find(
    (e) =>
      (e.paragraph === sentence.paragraph || e.sentence >= currentSentence - 3) &&
      !e.candidate.base &&
      e.fact.kind === 'trade_turnover' &&
      e.fact.flow === 'exports' &&
      e.fact.from === flow.from &&
      e.fact.to === flow.to &&
      e.fact.value !== cand.money.value &&
      (!own ||
        (own.ref.kind === 'fixed' &&
          own.ref.period.from === e.fact.period.from &&
          own.ref.period.to === e.fact.period.to)),
  );
  return earlier ? { scope: flow.scope, from: flow.to, to: flow.from } : flow;
}

function readScope(
  p: Patterns,
  text: string,
  ctx: DocumentContext,
  _sentence: Sentence,
  si: number,
  cand: Candidate,
  countries: CountryMention[],
  blocs: BlocMention[],
  state: ScopeState,
  out: Emitted[],
  emitted: Emitted[],
): Scope | undefined {
  const m = cand.money;
  // The words of this amount: its left context, and after it up to the next comma.
  const commaAfter = text.slice(m.end, cand.rightEnd).search(/[,;(]/);
  const ownEnd = commaAfter === -1 ? cand.rightEnd : m.end + commaAfter;
  const ownStart = cand.rangeStartOf ? cand.rangeStartOf.leftStart : cand.leftStart;
  const inOwn = countries.filter((c) => c.start >= ownStart && c.end <= ownEnd && c.via !== 'person');
  const named = [...new Set(inOwn.map((c) => c.code))];
  const ownBlocs = blocs.filter((b) => b.start >= ownStart && b.end <= ownEnd);
  if (named.length >= 2) return sortedPair(named[0]!, named[1]!);
  if (ownBlocs.length > 0) return { group: ownBlocs[0]!.group as Group };
  const partnerOf = (only: string): string | undefined => {
    if (state.lastPair && 'countries' in state.lastPair && state.lastPair.countries.includes(only)) {
      return state.lastPair.countries.find((c) => c !== only);
    }
    return ctx.ranking.find((c) => c !== only);
  };
  const pairWords = occursIn(p.pairWord, text, cand.clause.start, cand.clause.end);
  if (named.length === 1) {
    const other = pairWords ? ctx.ranking.find((c) => c !== named[0]) : partnerOf(named[0]!);
    return other ? sortedPair(named[0]!, other) : undefined;
  }
  if (ctx.group && p.grammar.groupWords.test(text.slice(cand.clause.start, cand.clause.end)))
    return { group: ctx.group };
  // The clause's and the sentence's countries, then what the text has been about.
  const clauseNamed = [
    ...new Set(
      countries
        .filter((c) => c.start >= cand.clause.start && c.end <= cand.clause.end && c.via !== 'person')
        .map((c) => c.code),
    ),
  ];
  if (clauseNamed.length >= 2) return sortedPair(clauseNamed[0]!, clauseNamed[1]!);
  const sentenceNamed = [...new Set(countries.map((c) => c.code))];
  if (sentenceNamed.length >= 2) return sortedPair(sentenceNamed[0]!, sentenceNamed[1]!);
  const clauseBlocs = blocs.filter((b) => b.start >= cand.clause.start && b.end <= cand.clause.end);
  if (clauseBlocs.length > 0) return { group: clauseBlocs[0]!.group as Group };
  if (sentenceNamed.length === 1) {
    const other = partnerOf(sentenceNamed[0]!);
    return other ? sortedPair(sentenceNamed[0]!, other) : undefined;
  }
  const last = nearby(out, emitted).find((e) => !e.candidate.base);
  const anaphoric = occursIn(p.anaphora, text, cand.clause.start, m.start);
  if (last && (anaphoric || last.sentence >= si - 1) && last.sentence >= state.lastPairSentence)
    return last.fact.scope;
  if (state.lastPair) return state.lastPair;
  if (ctx.group) return { group: ctx.group };
  if (ctx.ranking.length >= 2) return sortedPair(ctx.ranking[0]!, ctx.ranking[1]!);
  return undefined;
}

function readPeriod(
  p: Patterns,
  text: string,
  sentence: Sentence,
  cand: Candidate,
  periods: PeriodMention[],
  out: Emitted[],
  emitted: Emitted[],
  laterPeriod: () => Period | undefined,
  currentSentence: number,
): { period: Period; confidence: number } | undefined {
  const m = cand.money;
  const own = (pm: PeriodMention) => (cand.base ? true : !pm.base);
  const inRange = (pm: PeriodMention, start: number, end: number) => pm.start >= start && pm.end <= end;
  // Right after the amount ("$4.5 billion in 2023"), then before it in its words, then after it in the clause.
  const rightEnd = cand.rightEnd;
  const immediate = periods.find(
    (pm) => own(pm) && pm.start >= m.end && pm.start - m.end <= 14 && pm.end <= rightEnd,
  );
  const leftOwn = periods.filter((pm) => own(pm) && inRange(pm, cand.leftStart, m.start)).at(-1);
  const rightOwn = periods.find((pm) => own(pm) && inRange(pm, m.end, rightEnd));
  const clauseAny = periods.filter((pm) => own(pm) && inRange(pm, cand.clause.start, cand.clause.end));
  let chosen = immediate ?? leftOwn ?? rightOwn;
  if (chosen && !immediate && leftOwn && rightOwn && leftOwn.yearOnly && !rightOwn.yearOnly)
    chosen = rightOwn;
  const sentenceWide = periods.filter((pm) => own(pm) && !pm.base);
  chosen ??= clauseAny.length === 1 ? clauseAny[0] : undefined;
  chosen ??= sentenceWide.length === 1 && !cand.base ? sentenceWide[0] : undefined;
  const previous = lastMainFact(out, emitted);
  const previousPeriod = previous?.kind === 'trade_turnover' ? previous.period : undefined;
  if (chosen) {
    const ref = chosen.ref;
    if (ref.kind === 'fixed') return { period: ref.period, confidence: chosen.yearOnly ? 0.8 : 0.9 };
    if (!previousPeriod) return undefined;
    if (ref.kind === 'previous') return { period: previousPeriod, confidence: 0.75 };
    const year = ref.year === 'previous' ? Number(previousPeriod.from.slice(0, 4)) - 1 : ref.year;
    return { period: withYear(previousPeriod, year), confidence: 0.8 };
  }
  // "this year" without months cannot be told: better no figure than a wrong period.
  if (p.grammar.thisYear.test(text.slice(cand.clause.start, cand.clause.end))) return undefined;
  // No period in the sentence: the figure before it in the same paragraph sets it ("Belarus' export was …").
  const sameParagraph = nearby(out, emitted).find(
    (e) =>
      (e.paragraph === sentence.paragraph || e.sentence >= currentSentence - 2) &&
      e.fact.kind === 'trade_turnover' &&
      !e.candidate.base,
  );
  if (sameParagraph && sameParagraph.fact.kind === 'trade_turnover')
    return { period: sameParagraph.fact.period, confidence: 0.6 };
  // …or a period stated later in the paragraph ("… amounted to $1.3 billion in 2023" closing a block of figures).
  const later = cand.base ? undefined : laterPeriod();
  if (later) return { period: later, confidence: 0.5 };
  return undefined;
}

function changeSign(p: Patterns, text: string, start: number, end: number): number {
  const windowText = text.slice(start, end);
  const dec = matchesIn(p.decrease, windowText);
  const inc = matchesIn(p.increase, windowText);
  if (dec.length === 0 && inc.length === 0) return 0;
  if (inc.length === 0) return -1;
  if (dec.length === 0) return 1;
  return 0;
}

function percentChange(
  p: Patterns,
  text: string,
  sentence: Sentence,
  pc: PercentMention,
  clauseStart: number,
  clauseEnd: number,
): number | undefined {
  // "grew by 12%", "up 30%", "a 12.6 percent decrease", "17 percent more than", "decreased by 9.1%"
  const before = Math.max(clauseStart, sentence.start, pc.start - 28);
  const after = Math.min(clauseEnd, pc.end + 14);
  let sign = changeSign(p, text, pc.end, after);
  if (sign === 0) sign = changeSign(p, text, before, pc.start);
  if (sign === 0) return undefined;
  // A share ("57% of all trade") is not a change.
  if (p.grammar.shareAfter.test(text.slice(pc.end, pc.end + 8))) return undefined;
  return sign * pc.value;
}

function readChange(
  p: Patterns,
  text: string,
  sentence: Sentence,
  cand: Candidate,
  percents: PercentMention[],
  candidates: Candidate[],
): number | undefined {
  const m = cand.money;
  const i = candidates.indexOf(cand);
  const next = candidates[i + 1];
  // Before the amount, after the previous one: "increased by 27% to $14.7 billion".
  const leftStart = cand.rangeStartOf ? cand.rangeStartOf.leftStart : cand.leftStart;
  // A percent in parentheses after the amount before belongs to that amount: "$783.7 million (up 32.3%), import reached…"
  const left = percents
    .filter((pc) => pc.start >= leftStart && pc.end <= m.start && !text.slice(pc.end, m.start).includes(')'))
    .at(-1);
  if (left) {
    const value = percentChange(p, text, sentence, left, cand.clause.start, cand.clause.end);
    if (value !== undefined) return value;
  }
  // After it, before the next amount: "$896 million (up 30% …)", "reflecting a 1.6% increase compared to…"
  const rightEnd = next ? next.money.start : sentence.end;
  const right = percents.find((pc) => pc.start >= m.end && pc.end <= rightEnd);
  // "…exceeded $14 billion last year and has grown by another 23 percent since…": a new statement, another period.
  if (right && p.grammar.newStatement.test(text.slice(m.end, right.start))) {
    return undefined;
  }
  if (right) return percentChange(p, text, sentence, right, m.end, sentence.end);
  return undefined;
}

/**
 * A change stated apart from its figure belongs to the figure before it: "This figure has increased by
 * 37.2 percent", "The trade increased by 11.6 percent compared to $1.181 billion in 2022".
 */
function attachLooseChange(
  p: Patterns,
  text: string,
  sentence: Sentence,
  percents: PercentMention[],
  candidates: Candidate[],
  out: Emitted[],
  emitted: Emitted[],
): void {
  const target = nearby([], emitted).find((e) => !e.candidate.base && !e.candidate.conversionOf);
  if (target?.fact.kind !== 'trade_turnover' || target.fact.change_pct !== undefined) return;
  const firstMain = candidates.find((c) => !c.base && !c.conversionOf);
  const used = out.some(
    (e) => !e.candidate.base && e.fact.kind === 'trade_turnover' && e.fact.change_pct !== undefined,
  );
  if (firstMain && out.some((e) => e.candidate === firstMain)) return;
  if (used) return;
  const pc = percents.find((x) => !firstMain || x.end <= firstMain.money.start);
  if (!pc) return;
  const anaphoric =
    occursIn(p.anaphora, text, sentence.start, pc.start) ||
    occursIn(p.tradeWord, text, sentence.start, pc.start);
  if (!anaphoric) return;
  const value = percentChange(p, text, sentence, pc, sentence.start, sentence.end);
  if (value !== undefined) target.fact.change_pct = value;
}
