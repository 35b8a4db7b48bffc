// Embed mode: `#/classify?embed` and `#/text?embed` show one lab without the site around it, for an iframe in a
// course page. What the link says (the lab, which of its control groups are shown) is parsed here from the URL
// hash — untrusted input: unknown groups are dropped, nothing is echoed. Pure functions, no DOM.

/** The labs that can be embedded, with the control groups a teacher can hide (`&controls=…` lists those shown). */
export const EMBED_CONTROLS = {
  classify: ['train', 'settings', 'data'],
  text: ['corpus', 'settings', 'generate', 'score'],
} as const;

export type EmbeddableLab = keyof typeof EMBED_CONTROLS;
export type ControlGroup = (typeof EMBED_CONTROLS)[EmbeddableLab][number];

export const CONTROL_LABELS: Record<ControlGroup, string> = {
  train: 'Train, step and reset buttons',
  settings: 'Network and training settings',
  data: 'Dataset and drawing tools',
  corpus: 'Corpus (text to learn from)',
  generate: 'Generate text',
  score: 'Score text',
};

export interface EmbedView {
  /** The URL asks for the embed view (`embed` in the hash's query). */
  embed: boolean;
  /** The control groups shown: all of the lab's unless `controls=` names some. */
  shown: ReadonlySet<ControlGroup>;
}

const MAX_CONTROLS_PARAM = 200;

function isEmbeddable(route: string): route is EmbeddableLab {
  return route === 'classify' || route === 'text';
}

/** The hash's query (`#/text?embed&s=…` → URLSearchParams of `embed&s=…`). */
export function hashQuery(hash: string): URLSearchParams {
  const i = hash.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : hash.slice(i + 1));
}

/** What the hash asks of `route`: embed or not, and which control groups are shown. */
export function parseEmbedView(hash: string, route: string): EmbedView {
  const query = hashQuery(hash);
  const embed = query.has('embed');
  const all: readonly ControlGroup[] = isEmbeddable(route) ? EMBED_CONTROLS[route] : [];
  const param = query.get('controls');
  if (!embed || param === null || param.length > MAX_CONTROLS_PARAM) return { embed, shown: new Set(all) };
  const asked = new Set(param.split(',').map((s) => s.trim()));
  return { embed, shown: new Set(all.filter((g) => asked.has(g))) };
}

/** The same page as `href` without the embed parameters: what "Open the full playground" links to. */
export function fullPlaygroundUrl(href: string): string {
  const url = new URL(href);
  const [path, query = ''] = url.hash.split('?', 2);
  const params = new URLSearchParams(query);
  params.delete('embed');
  params.delete('controls');
  const rest = params.toString();
  url.hash = rest ? `${path}?${rest}` : path;
  return url.toString();
}

/**
 * The embed URL of `lab` on the page at `pageUrl` (origin + path, no hash): `params` (e.g. the shared setup,
 * `s=…`) plus `embed`, plus `controls=…` when some groups are hidden.
 */
export function embedUrl(pageUrl: string, lab: EmbeddableLab, params: Record<string, string>, shown: ReadonlySet<ControlGroup>): string {
  const query = new URLSearchParams(params).toString();
  const all = EMBED_CONTROLS[lab];
  const controls = all.every((g) => shown.has(g)) ? '' : `&controls=${all.filter((g) => shown.has(g)).join(',')}`;
  return `${pageUrl}#/${lab}?${query ? `${query}&` : ''}embed${controls}`;
}

/** Escapes text for an HTML attribute value in double quotes. */
function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The copy-paste `<iframe>` for a course page: a title for screen readers, fluid width, lazy loading, and no
 *  `allow` attribute (the lab needs no extra permission). */
export function iframeSnippet(src: string, title: string, height: number): string {
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="${Math.round(height)}" loading="lazy" style="border: 0"></iframe>`;
}

/** Whether this document is inside a frame (true when the parent is on another origin too). */
export function isFramed(win: { top: unknown; self: unknown }): boolean {
  try {
    return win.top !== win.self;
  } catch {
    return true; // reading `top` threw: a cross-origin parent
  }
}
