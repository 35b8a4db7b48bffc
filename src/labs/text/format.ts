// Number and time formatting for the Text lab's read-outs.

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** 1234567 → "1.23M", 4321 → "4.32k". */
export function formatCompact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toPrecision(3)}G`;
  if (abs >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  if (abs >= 1e4) return `${(n / 1e3).toPrecision(3)}k`;
  return formatCount(n);
}

/** Seconds → "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} B`;
}

/** A character as a reader can see it: whitespace and control characters get names. */
export function visibleChar(ch: string): string {
  switch (ch) {
    case ' ': return '␣';
    case '\n': return '↵';
    case '\t': return '⇥';
    case '\r': return '␍';
    default: {
      const code = ch.codePointAt(0) ?? 0;
      return code < 32 || code === 127 ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : ch;
    }
  }
}
