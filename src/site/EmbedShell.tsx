// What a framed page shows. An embedded lab (`#/classify?embed`, `#/text?embed`): the lab alone, compact,
// with a link to the full playground. Anything else inside a frame (the full site, the Speed lab): only a card
// linking to the playground in its own tab. The CSP lets any page frame the document (`frame-ancestors *`:
// hash routes are one document, so a header cannot tell the labs apart), and this is where "only the lab
// routes" is kept: see docs/DEPLOY.md, "Embedding a lab".
import type { ReactNode } from 'react';
import { fullPlaygroundUrl } from '../ui/embedMode';
import './embed.css';

function FullPlaygroundLink() {
  return (
    <a className="embed-full-link" href={fullPlaygroundUrl(window.location.href)} target="_blank" rel="noopener" data-testid="embed-full-link">
      Open the full playground
      <span aria-hidden="true"> ↗</span>
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}

/** One lab, without the site's header, navigation and footer, sized for an iframe. */
export function EmbedShell({ children }: { children: ReactNode }) {
  return (
    <div className="embed-shell" data-testid="embed-shell">
      <main>{children}</main>
      <footer className="embed-footer">
        <span>Backprop Playground</span>
        <FullPlaygroundLink />
      </footer>
    </div>
  );
}

/** Inside a frame, a page that is not an embeddable lab shows only this. */
export function FramedCard() {
  return (
    <main className="embed-shell framed-card" data-testid="framed-card">
      <div className="panel">
        <h1>Backprop Playground</h1>
        <p>This page is not made to be shown inside another page. Only the Classify and Text labs can be embedded.</p>
        <FullPlaygroundLink />
      </div>
    </main>
  );
}
