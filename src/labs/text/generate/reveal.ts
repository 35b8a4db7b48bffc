// Pacing for streamed text. The worker produces characters in chunks, often faster than a frame, so the page
// reveals what has arrived a little per animation frame: text visibly streams in, and a backlog shrinks by a
// tenth per frame (at least 4 characters), so even thousands of characters catch up within about a second.

/** Characters to reveal this frame when `backlog` characters have arrived but are not shown yet. */
export function revealCount(backlog: number): number {
  if (backlog <= 0) return 0;
  return Math.min(backlog, Math.max(4, Math.ceil(backlog / 10)));
}

/** `end` moved forward if it would split a UTF-16 surrogate pair. */
export function codePointBoundary(text: string, end: number): number {
  if (end <= 0 || end >= text.length) return Math.max(0, Math.min(end, text.length));
  const code = text.charCodeAt(end);
  return code >= 0xdc00 && code <= 0xdfff ? end + 1 : end;
}
