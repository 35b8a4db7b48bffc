// Types of scripts/cliBundle.mjs (plain JavaScript so that Node runs it without a compiler).
export interface BundleMeta {
  builtAtMs: number;
  inputs: string[];
}
export const ROOT: string;
export const OUT_DIR: string;
export const BUNDLE: string;
export function isBundleFresh(meta: BundleMeta | undefined, mtimeMs: (path: string) => number | undefined): boolean;
export function readMeta(): BundleMeta | undefined;
export function bundleIsFresh(): boolean;
export function buildCliBundle(): Promise<void>;
