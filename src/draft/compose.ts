// A message for one moment of the negotiation, composed from the guide: the market band, the user's own
// offer, competing offers and chosen levers, the ask and its one standard, through a template. Pure: no
// files, no clock, no network; same input, same bytes.
//
// The walk-away floor is computed here for the notes and JSON. It is a template value only for the `call`
// sheet (the user's eyes only, marked private): no other stage's template, bundled or the user's, can
// name it (an unknown placeholder is an error).
import { computedTotalComp } from '../comp/bands.js';
import type { Rate } from '../comp/fx.js';
import { formatMoney, formatPercent } from '../comp/money.js';
import { UsageError } from '../errors.js';
import { COMMAND_FORMATS } from '../formats.js';
import type { GuideBody } from '../guides/body.js';
import { describeMarketData, staleReason } from '../guides/review.js';
import type { Band, GuideMeta, Range } from '../guides/types.js';
import { cleanTerminalText } from '../text/escape.js';
import {
  computeAsk,
  computeTargets,
  roundAmount,
  type Ask,
  type AskOverrides,
  type Figures,
  type OfferFigures,
} from './ask.js';
import type { CompetingOffer } from './competing.js';
import { firstPersonClaims, selectLevers, type DraftLever, type LeverHow } from './levers.js';
import {
  annualTCOf,
  ceilThousands,
  chooseStandard,
  type AskMode,
  type Headline,
  type StandardChoice,
} from './standard.js';
import { compileTemplate, renderTemplate, type TemplateData, type TemplateSchema } from './template.js';

export const FORMATS = COMMAND_FORMATS.draft;
export type DraftFormat = (typeof FORMATS)[number];
export const STAGES = ['expectations', 'counter', 'extension', 'recap', 'second-round', 'call'] as const;
export type Stage = (typeof STAGES)[number];
export const STYLES = ['short', 'full'] as const;
export type DraftStyle = (typeof STYLES)[number];
export const REASONS = ['process', 'family'] as const;

/** The formats each stage has a bundled template for: the call sheet is never an email. */
export const STAGE_FORMATS: Record<Stage, readonly DraftFormat[]> = {
  expectations: FORMATS,
  counter: FORMATS,
  extension: FORMATS,
  recap: FORMATS,
  'second-round': FORMATS,
  call: ['text', 'markdown'],
};

/** The short counter's body stays within this many words (a test holds every bundled format to it). */
export const SHORT_WORD_LIMIT = 150;

/** The band the draft argues from: a region's band, or its estimated slice for one level (with the whole band). */
export interface MarketBand {
  band: Band;
  level: { asked: string; company: string; range: [string, string]; approximate?: boolean } | null;
  /** The region's whole band when `band` is a level's slice. */
  wholeBand?: Band | null;
}

/** The offer as a draft sees it, in the band's currency: what the user gave, plus the terms a recap states. */
export interface DraftOffer extends OfferFigures {
  /** The vesting schedule in words ("even", "40/30/20/10"), when given. */
  vesting?: string;
  /** The years the grant vests over (the offer's schedule; else the band's). */
  vestingYears?: number;
  /** The grants that start in year 1, as written (`stock` is them as a grant over the band's years). */
  grantTotal?: number;
  /** Grants that start later. */
  laterGrants?: { amount: number; startYear: number }[];
  /** A fixed yearly bonus (`bonusPct` is then its % of base). */
  bonusAmount?: number;
  cliffMonths?: number;
  refresher?: number;
  /** The offer's annual TC as evaluate computes it. */
  annualTC?: number;
}

export interface DraftInput {
  meta: GuideMeta;
  body: GuideBody;
  market: MarketBand;
  /** The current offer (the company's revised one in second-round; the agreed terms in recap); null when none. */
  offer: DraftOffer | null;
  competing: CompetingOffer[];
  /** Lever numbers chosen (--levers) or confirmed; null when none were chosen. */
  leverNumbers: number[] | null;
  leverHow?: LeverHow;
  overrides: AskOverrides;
  format: DraftFormat;
  template: { source: string; file: string };
  today: string;
  /** Exchange rates, for a guide whose targets are in a currency none of its bands uses. */
  rate?: (from: string, to: string) => Rate;
  stage?: Stage;
  style?: DraftStyle;
  askMode?: AskMode;
  /** expectations: defer naming a number. */
  defer?: boolean;
  /** extension: the date asked for, YYYY-MM-DD (checked by the command). */
  deadline?: string | null;
  /** extension: process, family, or the user's own words. */
  reason?: string | null;
  /** second-round: the earlier ask as annual TC (default: what counter would ask). */
  asked?: number | null;
}

export interface DraftLeverJson {
  number: number;
  title: string;
  how: LeverHow;
}

export interface DraftResult {
  message: string;
  ask: Ask;
  floor: Figures | null;
  levers: DraftLeverJson[];
  /** For the user only (stderr in human output): how the ask was made, the floor, what was left out. */
  notes: string[];
  /** Problems with the data itself (stale figures): stderr warnings in human output, and in `notes`. */
  warnings: string[];
  /** The one number and its standard (counter), for the JSON. */
  standard: {
    headline: Headline;
    amount: number;
    kind: 'competing' | 'market' | 'none';
    scope?: 'level' | 'band';
    range?: Range;
    competing?: string;
  } | null;
  /** expectations: the range named (null with --defer). */
  range: { component: Headline; low: number; high: number } | null;
}

/** The names every stage's template may use. The floor is not one of them, on purpose. */
const VALUES = [
  'subject',
  'greeting',
  'opening',
  'offer',
  'market',
  'standard',
  'leverLine',
  'leversIntro',
  'hasLevers',
  'ask',
  'ready',
  'invite',
  'close',
  'signoff',
  'signature',
  'company',
  'role',
  'region',
  'level',
  'asOf',
  'sources',
  'currency',
  'stockYears',
  'askBase',
  'askStock',
  'askBonus',
  'askTotal',
  'askSignOn',
  'today',
  'deadline',
  'reason',
  'accepted',
  'trade',
  'termsIntro',
  'hasTerms',
  'hasAskRows',
  'title',
] as const;
const LISTS = {
  levers: ['index', 'number', 'title', 'script'],
  askRows: ['component', 'offered', 'asked'],
  terms: ['term', 'value'],
  pushbacks: ['pushback', 'reply'],
} as const;

export const TEMPLATE_SCHEMA: TemplateSchema = { values: VALUES, lists: LISTS };
/** The call sheet's names: every stage's, plus the walk-away floor (it is for the user's eyes only). */
export const CALL_TEMPLATE_SCHEMA: TemplateSchema = { values: [...VALUES, 'floor'], lists: LISTS };

/** "a", "a and b", "a, b and c". */
export function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const one = (s: string) => cleanTerminalText(s).replace(/\s+/g, ' ').trim();

/** Words in a message's body: the subject line (email) and the heading (markdown) are not body. */
export function bodyWordCount(message: string): number {
  const body = message.replace(/^Subject:[^\n]*\n/, '').replace(/^# [^\n]*\n/, '');
  return (body.match(/[^\s|#*_-]+/g) ?? []).length;
}

function where(market: MarketBand): string {
  return market.level ? `${market.band.region}, level ${market.level.company}` : market.band.region;
}

/** A range as said out loud: an estimated level slice in thousands (the top rounded up, so it never drops below an ask it held). */
function sayRange(r: Range, c: string, estimated: boolean): string {
  return estimated
    ? `${formatMoney(roundAmount(r.low), c)}–${formatMoney(ceilThousands(r.high), c)}`
    : `${formatMoney(r.low, c)}–${formatMoney(r.high, c)}`;
}

/** The guide's data quality and salary-data quarter, as the guides module words them (cleaned for a terminal). */
function marketData(meta: GuideMeta): string | null {
  const d = describeMarketData(meta);
  return d === null ? null : one(d);
}

/** The guide's data as a citation: sources, (in full) data quality and the salary data's quarter, the date. */
function citation(meta: GuideMeta, market: MarketBand | null, full = true): string {
  return [
    market?.level && `estimated from the ${one(market.level.range[0])}–${one(market.level.range[1])} range`,
    meta.sources.length ? joinList(meta.sources.map(one)) : null,
    full ? marketData(meta) : null,
    meta.lastUpdated ? `as of ${meta.lastUpdated}` : 'date not stated',
  ]
    .filter(Boolean)
    .join('; ');
}

const WHAT: Record<Headline, string> = {
  base: 'base salary',
  stock: 'the stock grant',
  annualTC: 'annual total compensation',
};

function askPhrase(h: Headline, amount: number, c: string, years: number): string {
  if (h === 'base') return `a base salary of ${formatMoney(amount, c)}`;
  if (h === 'stock') return `a stock grant of ${formatMoney(amount, c)} over ${years} years`;
  return `${formatMoney(amount, c)} in annual total compensation`;
}

/** The offer in words: "£150,000 base, a £200,000 stock grant over 4 years and a 10% target bonus". */
function describeOffer(o: DraftOffer, band: Band): string {
  const c = band.currency;
  const parts: string[] = [];
  const grant = o.grantTotal ?? o.stock;
  if (o.base !== undefined) parts.push(`${formatMoney(o.base, c)} base`);
  if (grant !== undefined && grant > 0)
    parts.push(`a ${formatMoney(grant, c)} stock grant over ${o.vestingYears ?? band.stockYears} years`);
  if (o.bonusAmount !== undefined && o.bonusAmount > 0) parts.push(`a ${formatMoney(o.bonusAmount, c)} yearly bonus`);
  else if (o.bonusPct !== undefined && o.bonusPct > 0) parts.push(`a ${formatPercent(o.bonusPct)} target bonus`);
  const signOn = (o.signOn ?? []).filter((x) => x > 0);
  if (signOn.length === 1) parts.push(`a ${formatMoney(signOn[0], c)} sign-on bonus`);
  else if (signOn.length > 1) parts.push(`sign-on payments of ${joinList(signOn.map((x) => formatMoney(x, c)))}`);
  return joinList(parts);
}

/** The smallest range (the level's slice, else the whole band) whose top is at or above `amount`; null when none is. */
function containing(market: MarketBand, h: Headline, amount: number): { range: Range; estimated: boolean } | null {
  const candidates: [Band, boolean][] = market.wholeBand
    ? [
        [market.band, true],
        [market.wholeBand, false],
      ]
    : [[market.band, market.level !== null]];
  for (const [b, estimated] of candidates) {
    const r = h === 'base' ? b.base : h === 'stock' ? b.stock : computedTotalComp(b);
    if (r && (estimated ? ceilThousands(r.high) : r.high) >= amount) return { range: r, estimated };
  }
  return null;
}

/** The full market citation: each component's range whose top is at or above the ask's (a message never cites one below it). */
function describeMarket(meta: GuideMeta, market: MarketBand, ask: Ask, notes: string[]): string {
  const b = market.band;
  const c = b.currency;
  const parts: string[] = [];
  for (const [h, label, amount] of [
    ['base', 'base', ask.base],
    ['stock', `in stock over ${b.stockYears} years`, ask.stock],
    ['annualTC', 'a year in total', ask.annualTC],
  ] as const) {
    if (amount === null) continue;
    const r = containing(market, h, amount);
    if (r) parts.push(`${sayRange(r.range, c, r.estimated)} ${label}`);
    else
      notes.push(
        `the ask's ${WHAT[h]} (${formatMoney(amount, c)}) is above the market data the guide holds: the message cites no range for it`,
      );
  }
  if (parts.length === 0) return '';
  const level = market.level ? ` at level ${one(market.level.company)}` : '';
  return `The market data I have for ${one(meta.roleName)} at ${one(meta.companyName)} in ${one(b.region)}${level} (${citation(meta, market)}) puts the range at ${joinList(parts)}.`;
}

function askRows(ask: Ask, offer: DraftOffer | null, band: Band): NonNullable<TemplateData['askRows']> {
  const c = band.currency;
  const money = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatMoney(n, c));
  const pct = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatPercent(n));
  const rows = [
    { component: 'Base', offered: money(offer?.base), asked: money(ask.base) },
    { component: `Stock (${band.stockYears} yr grant)`, offered: money(offer?.stock), asked: money(ask.stock) },
    { component: 'Target bonus', offered: pct(offer?.bonusPct), asked: pct(ask.bonusPct) },
  ];
  if (ask.annualTC !== null)
    rows.push({ component: 'Annual total', offered: money(offer?.annualTC), asked: money(ask.annualTC) });
  return rows;
}

function describeFigures(f: Figures, years: number): string {
  const parts = [
    f.base !== null && `${formatMoney(f.base, f.currency)} base`,
    f.stock !== null && `${formatMoney(f.stock, f.currency)} stock over ${years} years`,
    f.bonusPct !== null && `${formatPercent(f.bonusPct)} bonus`,
  ].filter((x): x is string => !!x);
  return joinList(parts);
}

/** "Friday 11 December 2026" for a YYYY-MM-DD date (no clock, no locale: same bytes everywhere). */
export function sayDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const day = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][date.getUTCDay()];
  const month = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ][m - 1];
  return `${day} ${d} ${month} ${y}`;
}

const sentence = (s: string) => {
  const t = one(s);
  return t && !/[.!?]$/.test(t) ? `${t}.` : t;
};

/** Composes the draft for its stage. Throws a usage error for a bad template or lever choice. */
export function composeDraft(input: DraftInput): DraftResult {
  const { meta, body, market, offer, competing, format } = input;
  const stage = input.stage ?? 'counter';
  const style = input.style ?? 'short';
  const band = market.band;
  const c = band.currency;
  const years = band.stockYears;
  if (!STAGE_FORMATS[stage].includes(format)) {
    throw new UsageError(`--format ${format}: the ${stage} stage has no ${format} form`, [
      stage === 'call'
        ? 'the call sheet is for your eyes only, not a message to send: use --format text or --format markdown'
        : `choose one of: ${STAGE_FORMATS[stage].join(', ')}`,
    ]);
  }
  const template = compileTemplate(
    input.template.source,
    input.template.file,
    stage === 'call' ? CALL_TEMPLATE_SCHEMA : TEMPLATE_SCHEMA,
  );
  const usesLevers = stage === 'counter' || stage === 'call' || stage === 'second-round';
  const chosen = usesLevers
    ? selectLevers(body.levers, body.leverSections, meta.companyName, input.leverNumbers, input.leverHow ?? 'flag')
    : {
        levers: [] as DraftLever[],
        notes: input.leverNumbers?.length ? [`--levers: the ${stage} stage uses no levers`] : [],
      };
  const targets = computeTargets(body.strategy, meta.bands, band, {
    isLevelSlice: market.level !== null,
    where: where(market),
    rate: input.rate,
  });
  const computed = computeAsk(targets.target, band, offer, input.overrides);
  const explicit = Object.values(input.overrides).some((v) => v !== undefined);
  const choice: StandardChoice = chooseStandard({
    ask: computed.ask,
    offer,
    currentTC: offer?.annualTC ?? null,
    competing,
    band,
    wholeBand: market.wholeBand ?? null,
    mode: input.askMode ?? 'component',
    explicit,
  });
  const ask = choice.ask;
  const floor = targets.floor;
  const floorTC = floor && floor.base !== null ? annualTCOf(floor, years) : null;

  const warnings: string[] = [];
  const stale = staleReason(meta, input.today);
  if (stale)
    warnings.push(`the guide's data is ${stale}: check the market figures are still current before you send this`);
  const argues = stage === 'counter' || stage === 'call' || stage === 'second-round';
  const notes: string[] = argues ? [...targets.notes, ...computed.notes] : [];
  if (
    argues &&
    targets.target &&
    targets.targetTC !== null &&
    !explicit &&
    computed.ask.annualTC !== null &&
    computed.ask.annualTC !== targets.targetTC
  ) {
    notes.push(
      `evaluate shows the guide's target as ${formatMoney(targets.targetTC, c)} a year (each component as scaled); the ask rounds each component to thousands, ` +
        `so its annual TC is ${formatMoney(computed.ask.annualTC, c)}: the same target, rounded`,
    );
  }
  if (floor && floorTC !== null) {
    notes.push(
      `walk-away floor (private, never in a message to send${stage === 'call' ? '; on the call sheet, marked private' : ''}): ${describeFigures(floor, years)}, annual TC ${formatMoney(floorTC, c)}` +
        `${floor.estimated ? ' (estimated)' : ''}; below it, the guide says to walk away`,
    );
  }
  const askTC = ask.annualTC ?? 0;
  const ready = floorTC === null || askTC >= floorTC;
  if (!ready && (stage === 'counter' || stage === 'second-round'))
    notes.push(
      `the ask's annual TC (${formatMoney(askTC, c)}) is below the walk-away floor's: the message leaves out "I'm ready to sign"; check the --ask-* amounts`,
    );
  if (stage === 'counter' || stage === 'call' || stage === 'second-round') notes.push(...choice.notes);
  const examples = body.strategy?.exampleCompetitors ?? [];
  if (
    examples.length > 0 &&
    competing.length === 0 &&
    stage !== 'expectations' &&
    stage !== 'extension' &&
    stage !== 'recap'
  ) {
    notes.push(
      `the guide's example competing offers (${examples.map((e) => `${one(e.name)} ${formatMoney(e.amount, e.currency)}`).join(', ')}) are not yours and are left out; ` +
        'name your real ones with --competing "NAME=AMOUNT"',
    );
  }
  if (competing.length > 0 && (stage === 'expectations' || stage === 'extension' || stage === 'recap'))
    notes.push(`--competing: the ${stage} stage names no competing offer`);
  notes.push(...chosen.notes);
  for (const l of chosen.levers) {
    const claims = firstPersonClaims(one(l.script));
    if (claims.length)
      notes.push(
        `check these are true of you (lever ${l.number}, ${one(l.title)}): ${claims.map((x) => `"${x}"`).join(' ')}`,
      );
    if (l.context)
      notes.push(
        `background for lever ${l.number} (guide section "${one(l.context.heading)}"): ${one(l.context.text.split(/(?<=[.!?])\s/)[0])}`,
      );
  }

  const role = one(meta.roleName);
  const company = one(meta.companyName);
  const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '' : formatMoney(n, c));
  const data: TemplateData = {
    subject: `${role} offer at ${company}`,
    title: '',
    greeting: 'Hi [name],',
    opening: '',
    offer: '',
    market: '',
    standard: '',
    leverLine: '',
    leversIntro: 'What I bring to this role:',
    hasLevers: false,
    levers: [],
    ask: '',
    ready: '',
    invite: '',
    close: '',
    signoff: 'Best regards,',
    signature: '[Your name]',
    company,
    role,
    region: one(band.region),
    level: market.level ? one(market.level.company) : '',
    asOf: meta.lastUpdated ?? '',
    sources: joinList(meta.sources.map(one)),
    currency: c,
    stockYears: years,
    askBase: fmt(ask.base),
    askStock: fmt(ask.stock),
    askBonus: ask.bonusPct === null ? '' : formatPercent(ask.bonusPct),
    askTotal: fmt(ask.annualTC),
    askSignOn: fmt(ask.signOn),
    today: input.today,
    deadline: '',
    reason: '',
    accepted: '',
    trade: '',
    termsIntro: '',
    hasTerms: false,
    terms: [],
    hasAskRows: false,
    askRows: [],
    pushbacks: [],
    floor: '',
  };
  const leverItems = chosen.levers.map((l, i) => ({
    index: i + 1,
    number: l.number,
    title: one(l.title),
    script: one(l.script),
  }));
  // The chosen levers are always a list a template may use; the bundled short counter names them in `leverLine` only.
  data.levers = leverItems;
  const titles = joinList(chosen.levers.map((l) => one(l.title)));
  let standardJson: DraftResult['standard'] = null;
  let range: DraftResult['range'] = null;
  const standardSentence = (): string => {
    const s = choice.standard;
    if (s.kind === 'competing')
      return `I also have an offer from ${one(s.offer.name)} of ${formatMoney(s.offer.amount, s.offer.currency)} in annual total compensation.`;
    if (s.kind === 'market') {
      const lvl = s.scope === 'level' && market.level ? ` at level ${one(market.level.company)}` : '';
      return `Market data for ${role} roles at ${company} in ${one(band.region)}${lvl} (${citation(meta, s.scope === 'level' ? market : null, style === 'full' || stage === 'call')}) puts ${WHAT[choice.headline]} at ${sayRange(s.range, c, s.scope === 'level')}${choice.headline === 'annualTC' ? ' (base, bonus and stock per year)' : ''}.`;
    }
    return '';
  };
  const s = choice.standard;
  standardJson = {
    headline: choice.headline,
    amount: choice.amount,
    kind: s.kind,
    ...(s.kind === 'market' ? { scope: s.scope, range: s.range } : {}),
    ...(s.kind === 'competing' ? { competing: s.offer.name } : {}),
  };

  switch (stage) {
    case 'counter': {
      data.subject = `${role} offer at ${company}: compensation`;
      if (choice.accept) {
        data.opening = `Thank you for the offer for the ${role} role at ${company}. I'm happy to accept it as offered, and I'm looking forward to joining the team.`;
        data.ask = 'Could you send the final offer in writing so I can sign?';
        data.close = 'Thank you for all your help along the way.';
        break;
      }
      data.opening = offer
        ? `Thank you for the offer for the ${role} role at ${company}. I'm excited about the work and the team, and I'd like to talk about the compensation before I sign.`
        : `Thank you for the conversations about the ${role} role at ${company}. I'm excited about the work and the team, and I'd like to share what I'm looking for in compensation.`;
      data.ready = ready ? "If we can get there, I'm ready to sign." : '';
      data.invite = 'Could we find a time to talk it through this week?';
      data.standard = standardSentence();
      if (style === 'short') {
        data.leverLine = chosen.levers.length ? `I'd bring directly relevant experience in ${titles}.` : '';
        data.ask = `I'm asking for ${askPhrase(choice.headline, choice.amount, c, years)}${choice.headline === 'annualTC' && s.kind === 'competing' ? ", and I'm flexible on how it's split between base, bonus and stock" : ''}.`;
      } else {
        data.offer = offer ? `As I understand it, the offer is ${describeOffer(offer, band)}.` : '';
        data.market = describeMarket(meta, market, ask, notes);
        if (s.kind === 'market') data.standard = '';
        data.hasLevers = leverItems.length > 0;
        data.levers = leverItems;
        data.ask = describeFullAsk(ask, offer, band);
        data.askRows = offer ? askRows(ask, offer, band) : [];
        data.hasAskRows = !!offer;
      }
      break;
    }
    case 'expectations': {
      data.subject = `${role} at ${company}: compensation expectations`;
      data.opening = `Thank you for asking, and for the conversations so far about the ${role} role at ${company}; I'm excited about it.`;
      if (input.defer) {
        data.ask =
          "I'd like to learn more about the role and the whole package before I name a number. Could you share the range you've budgeted for it?";
        data.close = "I'm confident we can agree on something fair if we're a fit.";
        standardJson = null;
        break;
      }
      const h: Headline = input.askMode === 'total' ? 'annualTC' : 'base';
      const r = h === 'base' ? band.base : computedTotalComp(band);
      const estimated = market.level !== null;
      const low = roundAmount((r.low + r.high) / 2);
      const high = estimated ? ceilThousands(r.high) : r.high;
      range = { component: h, low, high };
      standardJson = null;
      const lvl = market.level ? ` at level ${one(market.level.company)}` : '';
      data.standard = `Market data for ${role} roles at ${company} in ${one(band.region)}${lvl} (${citation(meta, market.level ? market : null, false)}) puts ${WHAT[h]} at ${sayRange(r, c, estimated)}.`;
      data.ask = `Based on that and on what I'd bring, I'm looking for ${h === 'base' ? 'a base salary' : 'annual total compensation'} in the range of ${formatMoney(low, c)}–${formatMoney(high, c)}, depending on the rest of the package.`;
      data.close = "I'm flexible, and most interested in finding the right fit.";
      notes.push(
        `the range is the upper half of the ${market.level ? "level's estimated slice" : "region's band"} for ${WHAT[h]} (its midpoint, rounded to thousands, to its top)`,
      );
      break;
    }
    case 'extension': {
      data.subject = `${role} offer at ${company}: timing`;
      data.opening = `Thank you for the offer for the ${role} role at ${company}. I'm excited about it, and I want to make a decision I can fully commit to.`;
      const reason = input.reason ?? null;
      data.reason =
        reason === 'process'
          ? "I'm finishing a few other interview processes that were already under way, and I'd like to give you a complete answer."
          : reason === 'family'
            ? "It's a big decision for my family too, and I'd like to talk it through with them before I commit."
            : reason
              ? sentence(reason)
              : '';
      data.deadline = input.deadline ? sayDate(input.deadline) : '[date]';
      data.ask = `Could I have until ${data.deadline} to give you my answer?`;
      if (!input.deadline)
        notes.push('no --deadline given: the message says "[date]"; fill it in, or pass --deadline YYYY-MM-DD');
      data.close = 'Thank you for understanding; I appreciate the time.';
      standardJson = null;
      break;
    }
    case 'recap': {
      if (!offer || offer.base === undefined) {
        throw new UsageError(
          'the recap stage states the agreed terms: give them as offer flags (at least --base) or with --offer FILE',
          [
            'example: negotiate draft cloudflare-workers ml-ai-engineer --stage recap --region London --base 165k --stock 243k --bonus 15',
          ],
        );
      }
      data.subject = `${role} offer at ${company}: confirming what we agreed`;
      data.opening = `Thank you for the call today, and for working through the offer with me.`;
      data.termsIntro = `To confirm what we agreed for the ${role} role:`;
      data.terms = recapTerms(offer, band);
      data.hasTerms = true;
      data.ask = 'Could you send the updated offer in writing?';
      data.ready = "Once I have it, I'm ready to sign.";
      standardJson = null;
      break;
    }
    case 'second-round': {
      data.subject = `${role} offer at ${company}: the revised offer`;
      if (!offer || offer.base === undefined) {
        throw new UsageError(
          "the second-round stage answers the company's revised offer: give it as offer flags (at least --base) or with --offer FILE",
          [
            'example: negotiate draft cloudflare-workers ml-ai-engineer --stage second-round --region London --base 158k --stock 220k --bonus 10 --asked 250k',
          ],
        );
      }
      const asked = input.asked ?? (choice.accept ? askTC : choice.headline === 'annualTC' ? choice.amount : askTC);
      if (input.asked === undefined || input.asked === null)
        notes.push(
          `no --asked given: the earlier ask is taken as what counter would ask, ${formatMoney(asked, c)} a year`,
        );
      const revised = offer.annualTC ?? 0;
      const target = computed.ask;
      const movedOK = (['base', 'stock', 'bonusPct'] as const).filter(
        (k) => offer[k] !== undefined && target[k] !== null && offer[k]! >= target[k]!,
      );
      const sayComp = (k: 'base' | 'stock' | 'bonusPct') =>
        k === 'base'
          ? `the base of ${formatMoney(offer.base!, c)}`
          : k === 'stock'
            ? `the stock grant of ${formatMoney(offer.grantTotal ?? offer.stock!, c)}`
            : `the ${formatPercent(offer.bonusPct!)} target bonus`;
      data.opening = `Thank you for coming back with a revised offer for the ${role} role at ${company}; I appreciate the movement.`;
      data.accepted = movedOK.length
        ? `${capitalise(joinList(movedOK.map(sayComp)))} ${movedOK.length > 1 ? 'work' : 'works'} for me.`
        : '';
      const gap = asked - revised;
      if (gap <= 0) {
        data.ask =
          "The revised offer works for me: I'm happy to accept it. Could you send it in writing so I can sign?";
        notes.push(
          `the revised offer's annual TC (${formatMoney(revised, c)}) meets the earlier ask (${formatMoney(asked, c)}): the message accepts`,
        );
        break;
      }
      const signOn = ceilThousands(gap);
      ask.signOn = signOn;
      data.askSignOn = formatMoney(signOn, c);
      data.trade = `To close the remaining gap to the ${formatMoney(asked, c)} a year I asked for, could we add a one-time sign-on bonus of ${formatMoney(signOn, c)}?`;
      data.ask =
        "If a sign-on is hard, I'm open to closing it another way: additional equity, the level, the start date, or a compensation review after six months.";
      data.leverLine = chosen.levers.length ? `I'd bring directly relevant experience in ${titles}.` : '';
      data.ready = ready ? "If we can get there, I'm ready to sign." : '';
      notes.push(
        `the revised offer is ${formatMoney(revised, c)} a year, ${formatMoney(gap, c)} under the earlier ask of ${formatMoney(asked, c)}: the message trades the gap for a sign-on (rounded up to thousands) and names the other trades`,
      );
      break;
    }
    case 'call': {
      data.title = `Call notes: ${role} at ${company} (for your eyes only; not a message to send)`;
      data.opening = choice.accept
        ? "Thank you for the offer. I'm happy with it, and I'd like to confirm the details in writing."
        : "Thank you for the offer. I'm excited about the role, and I'd like to talk about one thing before I sign: the compensation.";
      data.ask = choice.accept
        ? 'The offer meets your target: accept it and ask for it in writing.'
        : `${capitalise(askPhrase(choice.headline, choice.amount, c, years))}.`;
      data.standard = standardSentence() || 'No range: the ask is above the market data the guide holds.';
      data.hasLevers = leverItems.length > 0;
      data.levers = leverItems;
      data.leverLine = leverItems.length
        ? ''
        : 'No levers chosen: add talking points with --levers (see: negotiate levers).';
      data.pushbacks = pushbacks(choice, c, years);
      data.floor =
        floor && floorTC !== null
          ? `PRIVATE, never say it: your walk-away floor is ${formatMoney(floorTC, c)} a year (${describeFigures(floor, years)})${floor.estimated ? ', estimated' : ''}.`
          : 'PRIVATE: the guide states no walk-away floor; decide yours before the call.';
      break;
    }
  }

  // The user's template is text too: no control characters or escape sequences reach a terminal.
  const message = `${cleanTerminalText(renderTemplate(template, data), true)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
  if (format === 'email' && !/^Subject: \S/.test(message)) {
    throw new UsageError(`template ${input.template.file}: an email must start with a "Subject: …" line`, [
      'begin the template with: Subject: {{subject}}',
    ]);
  }
  if (stage === 'counter' && style === 'short' && bodyWordCount(message) > SHORT_WORD_LIMIT) {
    notes.push(
      `the message has ${bodyWordCount(message)} words, more than the ${SHORT_WORD_LIMIT} a short counter keeps to`,
    );
  }
  return {
    message,
    ask,
    floor,
    levers: chosen.levers.map((l) => ({ number: l.number, title: one(l.title), how: l.how })),
    notes,
    warnings,
    standard: stage === 'counter' || stage === 'call' ? standardJson : null,
    range,
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function describeFullAsk(ask: Ask, offer: OfferFigures | null, band: Band): string {
  const c = band.currency;
  type K = 'base' | 'stock' | 'bonusPct';
  const phrase: Record<K, (n: number) => string> = {
    base: (n) => `${formatMoney(n, c)} base`,
    stock: (n) => `a ${formatMoney(n, c)} stock grant over ${band.stockYears} years`,
    bonusPct: (n) => `a ${formatPercent(n)} target bonus`,
  };
  const held = (k: K) => offer?.[k] !== undefined && ask[k] === offer[k];
  const comps: K[] = ['base', 'stock', 'bonusPct'];
  const asked = comps.filter((k) => ask[k] !== null && !held(k)).map((k) => phrase[k](ask[k]!));
  const kept = comps.filter((k) => ask[k] !== null && held(k)).map((k) => phrase[k](ask[k]!));
  const total = ask.annualTC !== null ? `, ${formatMoney(ask.annualTC, c)} a year in total` : '';
  return `I'm asking for ${joinList(asked)}${kept.length ? `, keeping ${joinList(kept)} as offered` : ''}${total}.`;
}

function recapTerms(o: DraftOffer, band: Band): NonNullable<TemplateData['terms']> {
  const c = band.currency;
  const terms = [{ term: 'Base salary', value: formatMoney(o.base!, c) }];
  const grant = o.grantTotal ?? o.stock;
  if (grant) {
    const vesting = [
      o.vesting && o.vesting !== 'even' ? `vesting ${o.vesting} % a year` : 'vesting evenly',
      o.cliffMonths ? `a ${o.cliffMonths}-month cliff` : null,
    ]
      .filter(Boolean)
      .join(', ');
    terms.push({
      term: 'Stock grant',
      value: `${formatMoney(grant, c)} over ${o.vestingYears ?? band.stockYears} years (${vesting})`,
    });
  }
  for (const g of o.laterGrants ?? [])
    terms.push({ term: 'Further stock grant', value: `${formatMoney(g.amount, c)} from year ${g.startYear}` });
  if (o.bonusAmount) terms.push({ term: 'Bonus', value: `${formatMoney(o.bonusAmount, c)} a year` });
  else if (o.bonusPct) terms.push({ term: 'Target bonus', value: `${formatPercent(o.bonusPct)} of base` });
  const signOn = (o.signOn ?? []).filter((x) => x > 0);
  if (signOn.length === 1) terms.push({ term: 'Sign-on bonus', value: formatMoney(signOn[0], c) });
  else if (signOn.length > 1)
    terms.push({
      term: 'Sign-on bonus',
      value: signOn.map((x, i) => `${formatMoney(x, c)} in year ${i + 1}`).join(', '),
    });
  if (o.refresher) terms.push({ term: 'Annual refresher grant', value: formatMoney(o.refresher, c) });
  return terms;
}

function pushbacks(choice: StandardChoice, c: string, years: number): NonNullable<TemplateData['pushbacks']> {
  const number = askPhrase(choice.headline, choice.amount, c, years);
  const s = choice.standard;
  const why =
    s.kind === 'competing'
      ? `with the offer I have from ${one(s.offer.name)}, ${number} is where I'd need to be`
      : s.kind === 'market'
        ? `the market data puts ${WHAT[choice.headline]} at ${sayRange(s.range, c, s.scope === 'level')}, and ${number} is where I'd need to be`
        : `${number} is where I'd need to be`;
  return [
    {
      pushback: "That's the top of the band.",
      reply: `I understand. ${capitalise(why)}. If the band is fixed, could stock or a sign-on bonus close the gap?`,
    },
    {
      pushback: 'Base is fixed.',
      reply:
        'Then could we look at the stock grant, a sign-on bonus, or a compensation review after six months to close the gap?',
    },
    {
      pushback: 'We need an answer today.',
      reply:
        "I'm very interested and I want to give you a considered yes. Could I come back to you within two working days?",
    },
    {
      pushback: 'What are your other offers?',
      reply:
        s.kind === 'competing'
          ? `I have an offer from ${one(s.offer.name)} of ${formatMoney(s.offer.amount, s.offer.currency)} in annual total compensation; I'd rather be here.`
          : "I'm in other conversations, and I'd rather not go into details; I'm focused on making this one work.",
    },
  ];
}
