// The Text lab's shared links: `#/text?s=…` carries the settings (model, training, corpus options) and the
// corpus choice — the built-in corpus, or a short text carried in the link itself (at most
// MAX_LINK_CORPUS_CHARS) — as base64url JSON. Everything read from a link is untrusted: the settings go
// through the autosave's validation (each field checked and clamped), the corpus text is capped and checked,
// and a link that cannot be used says why, without echoing it.
import { fromBase64Url, toBase64Url } from '../../ui/base64Url';
import type { CorpusOptionsValue } from './corpus/CorpusOptions';
import { checkCorpusText } from './corpus/corpusLimits';
import { parseSavedSettings } from './persistence/autosaveRecords';
import type { LabSettings } from './settings/labSettings';

/** The longest corpus a link carries (characters): a short poem or a few paragraphs; a longer one is left out
 *  and the link uses the built-in corpus. */
export const MAX_LINK_CORPUS_CHARS = 20_000;
/** Longest `s` parameter read (base64url of the JSON: a 20,000-character corpus of 4-byte characters fits). */
const MAX_LINK_PARAM_CHARS = 120_000;
const MAX_LABEL_CHARS = 100;

export type LinkCorpus = { source: 'builtin' } | { source: 'text'; label: string; text: string };

export interface TextLabLink {
  lab: LabSettings;
  corpusOptions: CorpusOptionsValue;
  corpus: LinkCorpus;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `s` parameter for this setup; a corpus too long for a link is replaced by the built-in one. */
export function textLinkParam(link: TextLabLink): string {
  return toBase64Url(JSON.stringify({ v: 1, lab: link.lab, corpusOptions: link.corpusOptions, corpus: link.corpus }));
}

/** The corpus a link can carry: the text when it is short enough, else the built-in corpus. */
export function linkCorpus(text: string | undefined, label: string | undefined, builtin: boolean): LinkCorpus {
  if (builtin || text === undefined || text.length > MAX_LINK_CORPUS_CHARS) return { source: 'builtin' };
  return { source: 'text', label: (label ?? 'Shared text').slice(0, MAX_LABEL_CHARS), text };
}

function parseCorpus(raw: unknown): LinkCorpus {
  if (!isObj(raw)) throw new Error('"corpus" is missing');
  if (raw.source === 'builtin') return { source: 'builtin' };
  if (raw.source !== 'text') throw new Error('"corpus.source" is unknown');
  if (typeof raw.text !== 'string') throw new Error('"corpus.text" must be text');
  if (raw.text.length > MAX_LINK_CORPUS_CHARS) throw new Error(`the corpus is longer than ${MAX_LINK_CORPUS_CHARS.toLocaleString('en-US')} characters`);
  const check = checkCorpusText(raw.text);
  if (!check.ok) throw new Error('the corpus is empty');
  const label = typeof raw.label === 'string' && raw.label.trim() ? raw.label.slice(0, MAX_LABEL_CHARS) : 'Shared text';
  return { source: 'text', label, text: raw.text };
}

/** The setup in a shared link's `s` parameter, or a message saying why it can't be used. */
export function textLinkFromParam(param: string): Result<TextLabLink> {
  if (param.length > MAX_LINK_PARAM_CHARS) return { ok: false, error: 'The shared link is too long.' };
  let raw: unknown;
  try {
    raw = JSON.parse(fromBase64Url(param));
  } catch {
    return { ok: false, error: 'The shared link is damaged (it was cut short or changed).' };
  }
  try {
    if (!isObj(raw) || raw.v !== 1) throw new Error('unknown version');
    if (!isObj(raw.lab) || !isObj(raw.corpusOptions)) throw new Error('the settings are missing');
    const settings = parseSavedSettings({ lab: raw.lab, corpusOptions: raw.corpusOptions });
    if (!settings) throw new Error('the settings are missing');
    return { ok: true, value: { lab: settings.lab, corpusOptions: settings.corpusOptions, corpus: parseCorpus(raw.corpus) } };
  } catch (err) {
    return { ok: false, error: `The shared link is not a valid setup: ${err instanceof Error ? err.message : String(err)}.` };
  }
}

/** The shared setup in the page's hash (`#/text?s=…`): none, one, or why it can't be used. */
export function textLinkFromHash(hash: string): Result<TextLabLink> | undefined {
  const i = hash.indexOf('?');
  const param = new URLSearchParams(i < 0 ? '' : hash.slice(i + 1)).get('s');
  return param === null ? undefined : textLinkFromParam(param);
}
