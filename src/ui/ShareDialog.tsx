// The Share dialog of both labs: a link to the current setup (copied when the browser allows it) and a
// copy-paste <iframe> that embeds the lab in a course page, with the control groups the teacher leaves
// visible (the others are hidden, so the setup stays as shared). A native <dialog>: modal, Escape closes it,
// focus returns to the button.
import { useId, useRef, useState } from 'react';
import { CONTROL_LABELS, EMBED_CONTROLS, embedUrl, iframeSnippet, type ControlGroup, type EmbeddableLab } from './embedMode';
import './shareDialog.css';

export interface ShareSetup {
  /** The hash parameters that carry the setup (e.g. `{ s: '…' }`). */
  params: Record<string, string>;
  /** Shown under the link, e.g. what the link could not carry. */
  note?: string;
}

interface Props {
  lab: EmbeddableLab;
  /** The iframe's title (read by screen readers). */
  title: string;
  defaultHeight: number;
  /** The setup to share, read when the dialog opens. */
  setup(): ShareSetup;
  /** The button's test id (both labs stay mounted once visited, so each has its own). */
  testId?: string;
}

const pageUrl = () => `${window.location.origin}${window.location.pathname}`;

export function ShareDialog({ lab, title, defaultHeight, setup, testId = 'share' }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [shared, setShared] = useState<ShareSetup | null>(null);
  const [shown, setShown] = useState<ReadonlySet<ControlGroup>>(() => new Set(EMBED_CONTROLS[lab]));
  const [height, setHeight] = useState(defaultHeight);
  const [copied, setCopied] = useState<string | null>(null);
  const headingId = useId();

  const link = shared ? `${pageUrl()}#/${lab}?${new URLSearchParams(shared.params).toString()}` : '';
  const snippet = shared ? iframeSnippet(embedUrl(pageUrl(), lab, shared.params, shown), title, height) : '';

  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(null); // clipboard refused: the text is selected for copying by hand
    }
  };
  const open = () => {
    const next = setup();
    setShared(next);
    setCopied(null);
    dialog.current?.showModal();
    void copy(`${pageUrl()}#/${lab}?${new URLSearchParams(next.params).toString()}`, 'link');
  };
  const toggle = (group: ControlGroup, on: boolean) => {
    const next = new Set(shown);
    if (on) next.add(group);
    else next.delete(group);
    setShown(next);
  };

  return (
    <>
      <button onClick={open} data-testid={testId}>Share link</button>
      <dialog ref={dialog} className="share-dialog" aria-labelledby={headingId} data-testid="share-dialog" onClose={() => setShared(null)}>
        {shared && (
          <form method="dialog">
            <h2 id={headingId}>Share this setup</h2>
            <label>
              Link to this setup{copied === 'link' ? ' (copied)' : ''}
              <input readOnly value={link} onFocus={(e) => e.target.select()} data-testid="share-link" />
            </label>
            {shared.note && <p className="muted small">{shared.note}</p>}
            <h3>Embed in a course page</h3>
            <fieldset>
              <legend>Controls shown in the embedded lab (hidden ones keep the shared setup)</legend>
              {EMBED_CONTROLS[lab].map((group: ControlGroup) => (
                <label key={group} className="share-check">
                  <input type="checkbox" checked={shown.has(group)} onChange={(e) => toggle(group, e.currentTarget.checked)} data-testid={`share-control-${group}`} />
                  {CONTROL_LABELS[group]}
                </label>
              ))}
            </fieldset>
            <label>
              Height (pixels)
              <input
                type="number"
                min={300}
                max={3000}
                step={10}
                value={height}
                onChange={(e) => Number.isFinite(e.currentTarget.valueAsNumber) && setHeight(Math.min(3000, Math.max(300, e.currentTarget.valueAsNumber)))}
              />
            </label>
            <label>
              HTML to paste{copied === 'snippet' ? ' (copied)' : ''}
              <textarea readOnly rows={4} value={snippet} onFocus={(e) => e.target.select()} data-testid="share-iframe" />
            </label>
            <div className="share-buttons">
              <button type="button" onClick={() => void copy(snippet, 'snippet')} data-testid="share-copy-iframe">Copy HTML</button>
              <button type="submit" className="primary" data-testid="share-close">Close</button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
