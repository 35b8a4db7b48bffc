// Tells other tabs of this site that a lab saved (BroadcastChannel 'backprop-playground'), and listens for
// theirs: two tabs writing the same autosave means the last writer wins, and the other tab should know.
// Each lab hears only its own lab's saves. Where BroadcastChannel is missing, both functions quietly do
// nothing.

const CHANNEL = 'backprop-playground';

export type SavingLab = 'text' | 'classify';

export interface SavedMessage {
  lab: SavingLab;
  kind: 'autosave';
  tabId: string;
  /** What was written: 'settings', 'corpus' or 'checkpoint' (Text lab), 'setup' (Classify lab). */
  what: string;
  at: number;
}

/** The Text lab's messages (the type its notices are written against). */
export type TextSavedMessage = SavedMessage;

function isSaved(data: unknown, lab: SavingLab): data is SavedMessage {
  const d = data as Partial<SavedMessage> | null;
  return typeof d === 'object' && d !== null && d.lab === lab && d.kind === 'autosave' && typeof d.tabId === 'string' && typeof d.at === 'number';
}

/** A random id for this tab (page load). */
export function newTabId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export interface TabChannel {
  announce(what: string): void;
  close(): void;
}

/**
 * Opens the channel for `lab`; `onOtherTabSaved` is called for that lab's saves announced by other tabs
 * (never this one's).
 */
export function openTabChannel(tabId: string, onOtherTabSaved: (message: SavedMessage) => void, lab: SavingLab = 'text'): TabChannel {
  if (typeof BroadcastChannel === 'undefined') return { announce: () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e: MessageEvent) => {
    if (isSaved(e.data, lab) && e.data.tabId !== tabId) onOtherTabSaved(e.data);
  };
  return {
    announce(what) {
      const message: SavedMessage = { lab, kind: 'autosave', tabId, what, at: Date.now() };
      channel.postMessage(message);
    },
    close() {
      channel.close();
    },
  };
}
