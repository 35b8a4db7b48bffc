// Tells other tabs of this site that the Text lab saved (BroadcastChannel 'backprop-playground'), and
// listens for theirs: two tabs writing the same autosave means the last writer wins, and the other tab
// should know. Where BroadcastChannel is missing, both functions quietly do nothing.

const CHANNEL = 'backprop-playground';

export interface TextSavedMessage {
  lab: 'text';
  kind: 'autosave';
  tabId: string;
  /** What was written: 'settings', 'corpus' or 'checkpoint'. */
  what: string;
  at: number;
}

function isTextSaved(data: unknown): data is TextSavedMessage {
  const d = data as Partial<TextSavedMessage> | null;
  return typeof d === 'object' && d !== null && d.lab === 'text' && d.kind === 'autosave' && typeof d.tabId === 'string' && typeof d.at === 'number';
}

/** A random id for this tab (page load). */
export function newTabId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export interface TabChannel {
  announce(what: string): void;
  close(): void;
}

/** Opens the channel; `onOtherTabSaved` is called for saves announced by other tabs (never this one's). */
export function openTabChannel(tabId: string, onOtherTabSaved: (message: TextSavedMessage) => void): TabChannel {
  if (typeof BroadcastChannel === 'undefined') return { announce: () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e: MessageEvent) => {
    if (isTextSaved(e.data) && e.data.tabId !== tabId) onOtherTabSaved(e.data);
  };
  return {
    announce(what) {
      const message: TextSavedMessage = { lab: 'text', kind: 'autosave', tabId, what, at: Date.now() };
      channel.postMessage(message);
    },
    close() {
      channel.close();
    },
  };
}
