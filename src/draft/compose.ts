// A counter-offer, composed from the guide: the market band, the chosen levers, the user's competing
// offers and the ask, through a template. Pure: no files, no clock, no network; same input, same bytes.
//
// The walk-away floor is computed here for the notes and JSON, and is deliberately not among the
// template's values: no template, bundled or the user's, can put it in the message.
import { annualTotal } from '../comp/bands.js';
import type { Rate } from '../comp/fx.js';
import { formatMoney, formatPercent } from '../comp/money.js';
import { UsageError } from '../errors.js';
import type { GuideBody } from '../guides/body.js';
import { staleReason } from '../guides/review.js';
import type { Band, GuideMeta } from '../guides/types.js';
import { cleanTerminalText } from '../render/terminal.js';
import { computeAsk, computeTargets, roundAmount, type Ask, type AskOverrides, type Figures, type OfferFigures } from './ask.js';
import type { CompetingOffer } from './competing.js';
import { selectLevers, type DraftLever } from './levers.js';
import { compileTemplate, renderTemplate, type TemplateData, type TemplateSchema } from './template.js';

export const FORMATS = ['text', 'email', 'markdown'] as const;
export type DraftFormat = (typeof FORMATS)[number];

/** The band the draft argues from: a region's band, or its estimated slice for one level. */
export interface MarketBand {
  band: Band;
  level: { asked: string; company: string; range: [string, string]; approximate?: boolean } | null;
}

export interface DraftInput {
  meta: GuideMeta;
  body: GuideBody;
  market: MarketBand;
  /** The current offer, in the band's currency; null when the user gave none. */
  offer: OfferFigures | null;
  competing: CompetingOffer[];
  /** Lever numbers asked with --levers; null for the default. */
  leverNumbers: number[] | null;
  overrides: AskOverrides;
  format: DraftFormat;
  template: { source: string; file: string };
  today: string;
  /** Exchange rates, for a guide whose targets are in a currency none of its bands uses. */
  rate?: (from: string, to: string) => Rate;
}

export interface DraftResult {
  message: string;
  ask: Ask;
  floor: Figures | null;
  levers: DraftLever[];
  /** For the user only (stderr in human output): how the ask was made, the floor, what was left out. */
  notes: string[];
  /** Problems with the data itself (stale figures): stderr warnings in human output, and in `notes`. */
  warnings: string[];
}

/** The names templates may use. The floor is not one of them, on purpose. */
export const TEMPLATE_SCHEMA: TemplateSchema = {
  values: [
    'subject', 'greeting', 'opening', 'offer', 'market', 'leversIntro', 'hasLevers', 'competingIntro', 'hasCompeting',
    'ask', 'close', 'signoff', 'signature', 'company', 'role', 'region', 'level', 'asOf', 'sources', 'currency',
    'stockYears', 'askBase', 'askStock', 'askBonus', 'askSignOn', 'today',
  ],
  lists: {
    levers: ['index', 'number', 'title', 'script'],
    competing: ['name', 'amount'],
    askRows: ['component', 'offered', 'asked'],
  },
};

/** "a", "a and b", "a, b and c". */
export function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const one = (s: string) => cleanTerminalText(s).replace(/\s+/g, ' ').trim();

function where(market: MarketBand): string {
  return market.level ? `${market.band.region}, level ${market.level.company}` : market.band.region;
}

/** The offer in words: "£150,000 base, a £200,000 stock grant over 4 years and a 10% target bonus". */
function describeOffer(o: OfferFigures, band: Band): string {
  const c = band.currency;
  const parts: string[] = [];
  if (o.base !== undefined) parts.push(`${formatMoney(o.base, c)} base`);
  if (o.stock !== undefined && o.stock > 0) parts.push(`a ${formatMoney(o.stock, c)} stock grant over ${band.stockYears} years`);
  if (o.bonusPct !== undefined && o.bonusPct > 0) parts.push(`a ${formatPercent(o.bonusPct)} target bonus`);
  const signOn = (o.signOn ?? []).filter((x) => x > 0);
  if (signOn.length === 1) parts.push(`a ${formatMoney(signOn[0], c)} sign-on bonus`);
  else if (signOn.length > 1) parts.push(`sign-on payments of ${joinList(signOn.map((x) => formatMoney(x, c)))}`);
  return joinList(parts);
}

function describeMarket(meta: GuideMeta, market: MarketBand): string {
  const b = market.band;
  const c = b.currency;
  // An estimated level slice is cut to the unit; a person says it in thousands.
  const money = (n: number) => formatMoney(market.level ? roundAmount(n) : n, c);
  const cited = [
    market.level && `estimated from the ${one(market.level.range[0])}–${one(market.level.range[1])} range`,
    meta.sources.length ? joinList(meta.sources.map(one)) : null,
    meta.lastUpdated ? `as of ${meta.lastUpdated}` : 'date not stated',
  ].filter(Boolean);
  const level = market.level ? ` at level ${one(market.level.company)}` : '';
  const parts = [`${money(b.base.low)}–${money(b.base.high)} base`];
  if (b.stock) parts.push(`${money(b.stock.low)}–${money(b.stock.high)} in stock over ${b.stockYears} years`);
  const bonus = b.bonusPct !== null ? `, with a ${formatPercent(b.bonusPct)} target bonus` : '';
  return `The market data I have for ${one(meta.roleName)} at ${one(meta.companyName)} in ${one(b.region)}${level} (${cited.join('; ')}) puts the range at ${joinList(parts)}${bonus}.`;
}

type Component = 'base' | 'stock' | 'bonusPct';

function describeAsk(ask: Ask, offer: OfferFigures | null, band: Band, competing: boolean): string {
  const c = band.currency;
  const phrase: Record<Component, (n: number) => string> = {
    base: (n) => `${formatMoney(n, c)} base`,
    stock: (n) => `a ${formatMoney(n, c)} stock grant over ${band.stockYears} years`,
    bonusPct: (n) => `a ${formatPercent(n)} target bonus`,
  };
  const held = (k: Component) => offer?.[k] !== undefined && ask[k] === offer[k];
  const comps: Component[] = ['base', 'stock', 'bonusPct'];
  const reason = competing ? 'Based on the market data and the other offers I have' : 'Based on the market data and what I bring';
  if (ask.signOn !== undefined) {
    const kept = comps.filter(held).map((k) => ({ base: 'base', stock: 'stock', bonusPct: 'bonus' })[k]);
    return `The offer is already strong on ${joinList(kept)}, so rather than change ${kept.length > 1 ? 'them' : 'it'}, I'm asking for a one-time sign-on bonus of ${formatMoney(ask.signOn, c)}.`;
  }
  const asked = comps.filter((k) => ask[k] !== null && !held(k)).map((k) => phrase[k](ask[k]!));
  const kept = comps.filter((k) => ask[k] !== null && held(k)).map((k) => phrase[k](ask[k]!));
  return `${reason}, I'm asking for ${joinList(asked)}${kept.length ? `, keeping ${joinList(kept)} as offered` : ''}.`;
}

function askRows(ask: Ask, offer: OfferFigures | null, band: Band): TemplateData['askRows'] {
  const c = band.currency;
  const money = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatMoney(n, c));
  const pct = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatPercent(n));
  const offeredSignOn = (offer?.signOn ?? []).reduce((a, b) => a + b, 0);
  const rows = [
    { component: 'Base', offered: money(offer?.base), asked: money(ask.base) },
    { component: `Stock (${band.stockYears} yr grant)`, offered: money(offer?.stock), asked: money(ask.stock) },
    { component: 'Target bonus', offered: pct(offer?.bonusPct), asked: pct(ask.bonusPct) },
  ];
  if (ask.signOn !== undefined || offeredSignOn > 0) rows.push({ component: 'Sign-on', offered: money(offeredSignOn || null), asked: money(ask.signOn ?? (offeredSignOn || null)) });
  return rows;
}

const annualTC = (f: { base: number | null; stock: number | null; bonusPct: number | null }, years: number) =>
  Math.round(annualTotal(f.base ?? 0, f.bonusPct, f.stock, years));

function describeFigures(f: Figures, years: number): string {
  const parts = [
    f.base !== null && `${formatMoney(f.base, f.currency)} base`,
    f.stock !== null && `${formatMoney(f.stock, f.currency)} stock over ${years} years`,
    f.bonusPct !== null && `${formatPercent(f.bonusPct)} bonus`,
  ].filter((x): x is string => !!x);
  return joinList(parts);
}

/** Composes the draft. Throws a usage error for a bad template or lever choice. */
export function composeDraft(input: DraftInput): DraftResult {
  const { meta, body, market, offer, competing, format } = input;
  const band = market.band;
  const c = band.currency;
  const template = compileTemplate(input.template.source, input.template.file, TEMPLATE_SCHEMA);
  const chosen = selectLevers(body.levers, body.leverSections, meta.companyName, input.leverNumbers);
  const targets = computeTargets(body.strategy, meta.bands, band, { isLevelSlice: market.level !== null, where: where(market), rate: input.rate });
  const { ask, notes: askNotes } = computeAsk(targets.target, band, offer, input.overrides);
  const floor = targets.floor;

  const warnings: string[] = [];
  const stale = staleReason(meta, input.today);
  if (stale) {
    warnings.push(`the guide's data is ${stale}: check the market figures are still current before you send this`);
  }
  const notes: string[] = [...targets.notes, ...askNotes];
  const years = band.stockYears;
  for (const [k, label, range] of [['base', 'base', band.base], ['stock', 'stock grant', band.stock]] as const) {
    const v = ask[k];
    if (range && v !== null && v > range.high && v !== offer?.[k]) {
      notes.push(`the ask's ${label} (${formatMoney(v, c)}) is above the band's high (${formatMoney(range.high, c)}): expect pushback, or set it with --ask-${k}`);
    }
  }
  const askTC = annualTC(ask, years);
  if (floor) {
    notes.push(
      `walk-away floor (private, never in the message): ${describeFigures(floor, years)}, annual TC ${formatMoney(annualTC(floor, years), c)}` +
        `${floor.estimated ? ' (estimated)' : ''}; below it, the guide says to walk away`,
    );
    const floorTC = annualTC(floor, years);
    if (askTC < floorTC) notes.push(`the ask's annual TC (${formatMoney(askTC, c)}) is below the walk-away floor's (${formatMoney(floorTC, c)}): check the --ask-* amounts`);
  }
  for (const o of competing) {
    const inBand = o.converted?.amount ?? o.amount;
    const rate = o.converted ? ` ≈ ${formatMoney(inBand, c)} (${o.converted.rate.from}→${c} at ${o.converted.rate.rate}, rate of ${o.converted.rate.asOf})` : '';
    const side = inBand > askTC ? 'above' : inBand < askTC ? 'below' : 'equal to';
    notes.push(`competing offer ${one(o.name)}: ${formatMoney(o.amount, o.currency)}${rate}, ${side} the ask's annual TC of ${formatMoney(askTC, c)}`);
  }
  const examples = body.strategy?.exampleCompetitors ?? [];
  if (examples.length > 0 && competing.length === 0) {
    notes.push(
      `the guide's example competing offers (${examples.map((e) => `${one(e.name)} ${formatMoney(e.amount, e.currency)}`).join(', ')}) are not yours and are left out; ` +
        'name your real ones with --competing "NAME=AMOUNT"',
    );
  }
  notes.push(...chosen.notes);
  for (const l of chosen.levers) {
    if (l.context) notes.push(`background for lever ${l.number} (guide section "${one(l.context.heading)}"): ${one(l.context.text.split(/(?<=[.!?])\s/)[0])}`);
  }

  const role = one(meta.roleName);
  const company = one(meta.companyName);
  const offerText = offer ? describeOffer(offer, band) : '';
  const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '' : formatMoney(n, c));
  const data: TemplateData = {
    subject: `${role} offer at ${company}: compensation`,
    greeting: 'Hi [name],',
    opening: offerText
      ? `Thank you for the offer for the ${role} role at ${company}. I'm excited about the work and the team, and I'd like to talk through the compensation before I sign.`
      : `Thank you for the conversations about the ${role} role at ${company}. Before we get to a written offer, I'd like to share what I'm looking for in compensation.`,
    offer: offerText ? `As I understand it, the offer is ${offerText}.` : '',
    market: describeMarket(meta, market),
    leversIntro: 'What I bring to this role:',
    hasLevers: chosen.levers.length > 0,
    levers: chosen.levers.map((l, i) => ({ index: i + 1, number: l.number, title: one(l.title), script: one(l.script) })),
    competingIntro: competing.length === 1 ? "I'm also weighing another offer:" : "I'm also weighing other offers:",
    hasCompeting: competing.length > 0,
    competing: competing.map((o) => ({ name: one(o.name), amount: `${formatMoney(o.amount, o.currency)} in annual total compensation` })),
    ask: describeAsk(ask, offer, band, competing.length > 0),
    askRows: askRows(ask, offer, band),
    close: "If we can get there, I'm ready to sign. Thank you for working on this with me; I'm looking forward to joining.",
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
    askSignOn: fmt(ask.signOn),
    today: input.today,
  };
  // The user's template is text too: no control characters or escape sequences reach a terminal.
  const message = cleanTerminalText(renderTemplate(template, data), true).replace(/\n{3,}/g, '\n\n').trim() + '\n';
  if (format === 'email' && !/^Subject: \S/.test(message)) {
    throw new UsageError(`template ${input.template.file}: an email must start with a "Subject: …" line`, ['begin the template with: Subject: {{subject}}']);
  }
  return { message, ask, floor, levers: chosen.levers, notes, warnings };
}
