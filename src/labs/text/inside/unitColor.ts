// Colours for a unit's value behind each character, as in Karpathy, Johnson & Fei-Fei (2015): a diverging
// scale for tanh values (−1 blue, 0 clear, +1 red), a sequential one for gates (0 clear, 1 green). Colours
// are translucent so dark text stays readable on top; the cell state c is scaled by its largest |c| over
// the text (it is unbounded).
import { channelRange, type TraceChannel } from '../../../core/text/inside/trace';

const MAX_ALPHA = 0.85;

/** The value range the colour scale spans for `channel` over `values`. */
export function colourScale(channel: TraceChannel, values: ArrayLike<number>): { lo: number; hi: number } {
  const kind = channelRange(channel);
  if (kind === 'gate') return { lo: 0, hi: 1 };
  if (kind === 'tanh') return { lo: -1, hi: 1 };
  let m = 1e-6;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return { lo: -m, hi: m };
}

/** Background colour for `value` on a scale from `lo` to `hi` (gates when lo is 0). */
export function unitBackground(value: number, lo: number, hi: number): string {
  if (!Number.isFinite(value)) return 'transparent';
  if (lo >= 0) {
    const t = Math.min(1, Math.max(0, (value - lo) / (hi - lo || 1)));
    return `rgba(22, 163, 74, ${(t * MAX_ALPHA).toFixed(3)})`;
  }
  const t = Math.min(1, Math.max(-1, value / Math.max(Math.abs(lo), Math.abs(hi))));
  return t >= 0 ? `rgba(220, 38, 38, ${(t * MAX_ALPHA).toFixed(3)})` : `rgba(37, 99, 235, ${(-t * MAX_ALPHA).toFixed(3)})`;
}

/** What each channel is, in words (for labels and screen readers). */
export const CHANNEL_LABELS: Record<TraceChannel, string> = {
  h: 'h — hidden state (tanh, −1…1)',
  c: 'c — cell state (unbounded)',
  i: 'i — input gate (0…1)',
  f: 'f — forget gate (0…1)',
  g: 'g — candidate (tanh, −1…1)',
  o: 'o — output gate (0…1)',
  z: 'z — update gate (0…1)',
  r: 'r — reset gate (0…1)',
};
