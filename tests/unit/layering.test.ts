// The layering rules in eslint.config.js bite: an import that crosses a layer the wrong way is an error.
// (docs/ARCHITECTURE.md draws the layers.) Each case lints a one-line source as if it lived at `path`.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restrictedIn(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.ruleId ?? '');
}

const FORBIDDEN: [path: string, code: string][] = [
  ['src/core/text/x.ts', "import { a } from '../../labs/text/a';\nexport const b = a;\n"],
  ['src/core/text/x.ts', "import { a } from '../../ui/a';\nexport const b = a;\n"],
  ['src/core/text/x.ts', "import { a } from '../../workers/a';\nexport const b = a;\n"],
  ['src/core/text/x.ts', "import { a } from '../../storage/a';\nexport const b = a;\n"],
  ['src/core/text/x.ts', "import { a } from '../../cli/a';\nexport const b = a;\n"],
  ['src/core/text/x.ts', "import { useState } from 'react';\nexport const b = useState;\n"],
  ['src/core/text/x.ts', 'export const b = document.title;\n'],
  ['src/core/text/x.ts', "import { readFileSync } from 'node:fs';\nexport const b = readFileSync;\n"],
  ['src/core/text/x.ts', "import { a } from '../../node/a';\nexport const b = a;\n"],
  ['src/workers/x.ts', "import { readFileSync } from 'node:fs';\nexport const b = readFileSync;\n"],
  ['src/ui/x.ts', "import { a } from '../labs/text/a';\nexport const b = a;\n"],
  ['src/ui/x.ts', "import { a } from '../workers/a';\nexport const b = a;\n"],
  ['src/workers/x.ts', "import { a } from '../labs/text/a';\nexport const b = a;\n"],
  ['src/workers/x.ts', "import { a } from '../ui/a';\nexport const b = a;\n"],
  ['src/workers/x.ts', "import { a } from '../storage/a';\nexport const b = a;\n"],
  ['src/workers/x.ts', 'export const b = window.location;\n'],
  ['src/cli/x.ts', "import { a } from '../labs/text/a';\nexport const b = a;\n"],
  ['src/cli/x.ts', "import { a } from '../ui/a';\nexport const b = a;\n"],
  // TensorFlow.js: through src/core/tf.ts in core and workers, never on the page.
  ['src/core/text/x.ts', "import * as tf from '@tensorflow/tfjs';\nexport const b = tf;\n"],
  ['src/workers/x.ts', "import * as tf from '@tensorflow/tfjs';\nexport const b = tf;\n"],
  ['src/labs/text/x.ts', "import * as tf from '../../core/tf';\nexport const b = tf;\n"],
  ['src/labs/text/x.ts', "import { add } from '@tensorflow/tfjs-core';\nexport const b = add;\n"],
  ['src/ui/x.ts', "import * as tf from '@tensorflow/tfjs';\nexport const b = tf;\n"],
];

const ALLOWED: [path: string, code: string][] = [
  ['src/labs/text/x.ts', "import { a } from '../../core/a';\nimport { b } from '../../ui/b';\nexport const c = [a, b];\n"],
  ['src/workers/x.ts', "import { a } from '../core/a';\nexport const b = a;\n"],
  ['src/cli/x.ts', "import { a } from '../core/a';\nimport { c } from '../node/c';\nexport const b = [a, c];\n"],
  ['src/ui/x.ts', "import { a } from '../core/a';\nexport const b = a;\n"],
  ['src/core/text/x.ts', "import * as tf from '../tf';\nexport const b = tf;\n"],
  ['src/workers/x.ts', "import * as tf from '../core/tf';\nexport const b = () => [tf, import('@tensorflow/tfjs-backend-webgl')];\n"],
  ['src/labs/text/x.ts', "import type { Tensor } from '@tensorflow/tfjs-core';\nexport type B = Tensor;\n"],
];

describe('layering enforced by lint', () => {
  it.each(FORBIDDEN)('%s may not: %s', async (path, code) => {
    expect(await restrictedIn(path, code)).not.toEqual([]);
  });
  it.each(ALLOWED)('%s may: %s', async (path, code) => {
    expect(await restrictedIn(path, code)).toEqual([]);
  });
});
