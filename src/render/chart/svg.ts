// Renders the charts' Vega-Lite specs to SVG text, headlessly: vega-lite compiles, vega renders with its
// SVG string renderer (renderer 'none' + toSVG: no canvas, no DOM, no browser). Heavy: this module is
// reached only through src/render/pictures.ts, which the commands load with a dynamic import for
// --format svg|html, so the build puts vega in that bundle alone.
import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View, loader as vegaLoader } from 'vega';
import { escapeHtml } from '../html.js';
import { PART_STYLE, PATTERN_ID_PREFIX, type Chart, type PartKey } from './specs.js';

/**
 * vega-lite's warnings (about a spec, not about the user's input) would reach stderr; the unit tests
 * compile every spec with a logger that collects them and expect none.
 */
const SILENT = {
  level: () => SILENT,
  error: () => SILENT,
  warn: () => SILENT,
  info: () => SILENT,
  debug: () => SILENT,
} as never;

/** A loader that loads nothing: every chart carries its data inline, and a picture never reaches the network or disk. */
function noLoader() {
  const base = vegaLoader();
  const refuse = async (uri: string) => {
    throw new Error(`negotiate's charts load nothing (asked for ${uri})`);
  };
  return { ...base, load: refuse, sanitize: refuse, http: refuse, file: refuse };
}

/** The fill patterns the specs name (`url(#…)`): drawn in the part's colour, each with its own shape. */
function patternDefs(prefix: string): string {
  const defs = Object.entries(PART_STYLE)
    .filter(([, s]) => s.pattern !== 'solid')
    .map(([key, s]) => {
      const id = `${prefix}${key as PartKey}`;
      const bg = `<rect width="8" height="8" fill="${s.color}"/>`;
      const ink = 'rgba(255,255,255,0.85)';
      const shape: Record<string, string> = {
        stripes: `${bg}<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="${ink}" stroke-width="1.6"/>`,
        dots: `${bg}<circle cx="2" cy="2" r="1.3" fill="${ink}"/><circle cx="6" cy="6" r="1.3" fill="${ink}"/>`,
        cross: `${bg}<path d="M0,4 h8 M4,0 v8" stroke="${ink}" stroke-width="1.4"/>`,
        hatch: `<rect width="8" height="8" fill="white"/><rect width="8" height="8" fill="${s.color}" fill-opacity="0.45"/><path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke="${s.color}" stroke-width="1.8"/>`,
        rings: `<rect width="8" height="8" fill="white"/><rect width="8" height="8" fill="${s.color}" fill-opacity="0.45"/><circle cx="4" cy="4" r="2.2" fill="none" stroke="${s.color}" stroke-width="1.2"/>`,
        waves: `<rect width="8" height="8" fill="white"/><rect width="8" height="8" fill="${s.color}" fill-opacity="0.45"/><path d="M0,4 q2,-3 4,0 t4,0" fill="none" stroke="${s.color}" stroke-width="1.2"/>`,
      };
      return `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse">${shape[s.pattern]}</pattern>`;
    });
  return `<defs>${defs.join('')}</defs>`;
}

/** Renders a Vega-Lite spec to SVG markup (vega escapes every text and attribute it writes). */
async function specToSvg(spec: Record<string, unknown>): Promise<string> {
  const compiled = compile(spec as unknown as TopLevelSpec, { logger: SILENT }).spec;
  const view = new View(parse(compiled), { renderer: 'none', loader: noLoader() as never, logLevel: 0 });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * One chart as a self-contained SVG: a title and description for screen readers, the fill patterns,
 * and ids made unique by `id` (several charts sit in one HTML page). Same spec, same bytes.
 */
export async function renderChartSvg(chart: Chart, id: string): Promise<string> {
  const svg = await specToSvg(chart.spec);
  return finishSvg(svg, id, chart.title, chart.description);
}

/** Several charts stacked in one SVG (the --format svg file), from the same specs the HTML draws one by one. */
export async function renderChartsSvg(
  charts: Chart[],
  id: string,
  title: string,
  description: string,
): Promise<string> {
  const first = charts[0].spec;
  const spec = {
    $schema: first.$schema,
    config: first.config,
    description: title,
    spacing: 36,
    // Each chart keeps its own scales and legends (the year parts' fills are not the totals' fills).
    resolve: {
      scale: { fill: 'independent', strokeWidth: 'independent', x: 'independent', y: 'independent' },
      legend: { fill: 'independent' },
    },
    vconcat: charts.map(({ spec: { $schema: _s, config: _c, ...rest } }) => rest),
  };
  return finishSvg(await specToSvg(spec), id, title, description);
}

function finishSvg(svg: string, id: string, title: string, description: string): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('vega returned no SVG');
  const prefix = `${id}-pattern-`;
  const head = open[0].replace(
    />$/,
    ` role="graphics-document document" aria-labelledby="${id}-title" aria-describedby="${id}-desc">`,
  );
  const a11y = `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(description)}</desc>`;
  const body = svg.slice(open[0].length).replaceAll(`url(#${PATTERN_ID_PREFIX}`, `url(#${prefix}`);
  return `${head}${a11y}${patternDefs(prefix)}${body}`;
}
