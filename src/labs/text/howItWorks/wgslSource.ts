// The WGSL of a fused kernel, read out of the kernel module's own source file (imported as text, so what the
// panel shows cannot drift from what runs): the module builds its shader as `const body = \`…\`` with the
// sizes interpolated; this finds that template and fills in the same values. tests/unit/wgsl-source.test.ts
// checks the result equals the module's getUserCode() for every cell. Pure string work: the kernel modules
// themselves import TensorFlow.js, which the page's main thread never loads.

/** The template literal assigned to `const body` in a kernel module's source, or null if there is none. */
export function bodyTemplate(moduleSource: string): string | null {
  const start = moduleSource.indexOf('const body = `');
  if (start < 0) return null;
  const from = start + 'const body = `'.length;
  const end = moduleSource.indexOf('`;', from);
  return end < 0 ? null : moduleSource.slice(from, end);
}

/** WGSL_ACTIVATIONS (σ and tanh) as program.ts's source writes it. */
export function activationsTemplate(programSource: string): string | null {
  const match = /export const WGSL_ACTIVATIONS = `([^`]*)`/.exec(programSource);
  return match ? match[1] : null;
}

/** program.ts's columnWorkgroupSize, restated (it lives beside TensorFlow.js; the unit test checks they agree). */
export function columnWorkgroupSize(H: number): number {
  return Math.min(256, Math.max(32, Math.ceil(H / 32) * 32));
}

/** Replaces each `${name}` with values[name]; unknown names stay as written. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\$\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * The shader of a scalar forward kernel (rnnForward.ts, gruForward.ts, lstmForward.ts) for hidden size H, as
 * the module would build it; null when a source does not have the expected shape.
 */
export function forwardKernelWgsl(moduleSource: string, programSource: string, H: number): string | null {
  const body = bodyTemplate(moduleSource);
  const activations = activationsTemplate(programSource);
  if (body === null || activations === null) return null;
  return fillTemplate(body, { WGSL_ACTIVATIONS: activations, H, WG: columnWorkgroupSize(H) });
}

/** The shader as shown to a reader: the common indentation removed, blank lines at either end dropped. */
export function displayWgsl(wgsl: string): string {
  const lines = wgsl.split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}
