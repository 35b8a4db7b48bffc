// Embed mode's URL handling (src/ui/embedMode.ts) and the Text lab's shared links (src/labs/text/shareLink.ts):
// what a link asks for, read as untrusted input.
import { describe, expect, it } from 'vitest';
import { embedUrl, fullPlaygroundUrl, iframeSnippet, isFramed, parseEmbedView } from '../../src/ui/embedMode';
import { linkCorpus, MAX_LINK_CORPUS_CHARS, textLinkFromHash, textLinkFromParam, textLinkParam } from '../../src/labs/text/shareLink';
import { DEFAULT_SAVED_SETTINGS } from '../../src/labs/text/persistence/autosaveRecords';
import { toBase64Url } from '../../src/ui/base64Url';

describe('parseEmbedView', () => {
  it('reads embed and the control groups shown, dropping unknown ones', () => {
    expect(parseEmbedView('#/classify', 'classify')).toMatchObject({ embed: false });
    const all = parseEmbedView('#/classify?s=abc&embed', 'classify');
    expect(all.embed).toBe(true);
    expect([...all.shown]).toEqual(['train', 'settings', 'data']);
    const some = parseEmbedView('#/classify?embed&controls=train,bogus,<b>', 'classify');
    expect([...some.shown]).toEqual(['train']);
    expect([...parseEmbedView('#/text?embed&controls=', 'text').shown]).toEqual([]);
    expect([...parseEmbedView('#/text?embed&controls=score,corpus', 'text').shown]).toEqual(['corpus', 'score']);
    expect([...parseEmbedView('#/speed?embed', 'speed').shown]).toEqual([]);
  });
});

describe('links', () => {
  it('the full playground is the same URL without the embed parameters', () => {
    expect(fullPlaygroundUrl('https://x.org/p/#/classify?s=abc&embed&controls=train')).toBe('https://x.org/p/#/classify?s=abc');
    expect(fullPlaygroundUrl('https://x.org/p/#/text?embed')).toBe('https://x.org/p/#/text');
  });
  it('an embed URL lists the controls shown only when some are hidden', () => {
    expect(embedUrl('https://x.org/p/', 'classify', { s: 'abc' }, new Set(['train', 'settings', 'data']))).toBe('https://x.org/p/#/classify?s=abc&embed');
    expect(embedUrl('https://x.org/p/', 'text', {}, new Set(['generate']))).toBe('https://x.org/p/#/text?embed&controls=generate');
  });
  it('the iframe snippet has a title, fluid width, lazy loading, no allow, and escapes attributes', () => {
    const html = iframeSnippet('https://x.org/?a=1&b="2"', 'A "lab"', 640.4);
    expect(html).toBe('<iframe src="https://x.org/?a=1&amp;b=&quot;2&quot;" title="A &quot;lab&quot;" width="100%" height="640" loading="lazy" style="border: 0"></iframe>');
    expect(html).not.toContain('allow');
  });
  it('isFramed: top differs from self, or reading it throws', () => {
    const self = {};
    expect(isFramed({ top: self, self })).toBe(false);
    expect(isFramed({ top: {}, self })).toBe(true);
    expect(isFramed({ get top(): unknown { throw new Error('cross-origin'); }, self })).toBe(true);
  });
});

describe('Text lab shared links', () => {
  const base = { lab: DEFAULT_SAVED_SETTINGS.lab, corpusOptions: DEFAULT_SAVED_SETTINGS.corpusOptions };
  it('round-trips settings and a short corpus', () => {
    const link = { ...base, corpus: linkCorpus('to be or not to be', 'Hamlet', false) };
    const back = textLinkFromParam(textLinkParam(link));
    expect(back).toEqual({ ok: true, value: link });
    expect(textLinkFromHash(`#/text?s=${textLinkParam(link)}&embed`)).toEqual(back);
    expect(textLinkFromHash('#/text?embed')).toBeUndefined();
  });
  it('a corpus too long for a link, or the built-in one, travels as the built-in corpus', () => {
    expect(linkCorpus('x'.repeat(MAX_LINK_CORPUS_CHARS + 1), 'big', false)).toEqual({ source: 'builtin' });
    expect(linkCorpus('abc', 'sotu', true)).toEqual({ source: 'builtin' });
  });
  it('clamps settings and refuses damaged, overlong or malformed links', () => {
    const raw = (v: unknown) => toBase64Url(JSON.stringify(v));
    const clamped = textLinkFromParam(raw({ v: 1, lab: { engine: 'nope', model: { hidden: 1e9, cell: 'lstm' }, train: { seqLength: -5 } }, corpusOptions: {}, corpus: { source: 'builtin' } }));
    expect(clamped.ok && clamped.value.lab.model.hidden).toBe(1024);
    expect(clamped.ok && clamped.value.lab.engine).toBe('auto');
    expect(clamped.ok && clamped.value.lab.train.seqLength).toBe(8);
    expect(textLinkFromParam('not*a*link')).toMatchObject({ ok: false, error: expect.stringMatching(/damaged/) });
    expect(textLinkFromParam('A'.repeat(200_000))).toMatchObject({ ok: false, error: expect.stringMatching(/too long/) });
    expect(textLinkFromParam(raw({ v: 2 }))).toMatchObject({ ok: false, error: expect.stringMatching(/not a valid setup/) });
    expect(textLinkFromParam(raw({ ...base, v: 1, corpus: { source: 'text', text: '   ' } }))).toMatchObject({ ok: false });
    expect(textLinkFromParam(raw({ ...base, v: 1, corpus: { source: 'text', text: 'y'.repeat(MAX_LINK_CORPUS_CHARS + 1) } }))).toMatchObject({ ok: false });
    expect(textLinkFromParam(raw({ ...base, v: 1, corpus: { source: 'file', text: 'abc' } }))).toMatchObject({ ok: false });
  });
});
