// The "On the GPU" panel shows each cell's fused forward kernel by reading the kernel module's own source
// (src/labs/text/howItWorks/wgslSource.ts). This checks that what it shows is exactly the shader the module
// builds (getUserCode()), for every cell and awkward sizes, so the panel cannot drift from what runs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gruForwardProgram } from '../../src/core/text/webgpu/gruForward';
import { lstmForwardProgram } from '../../src/core/text/webgpu/lstmForward';
import { columnWorkgroupSize as programWorkgroupSize } from '../../src/core/text/webgpu/program';
import { rnnForwardProgram } from '../../src/core/text/webgpu/rnnForward';
import { KERNEL_PATHS } from '../../src/labs/text/howItWorks/kernelSources';
import { bodyTemplate, columnWorkgroupSize, displayWgsl, fillTemplate, forwardKernelWgsl } from '../../src/labs/text/howItWorks/wgslSource';

const read = (path: string) => readFileSync(path, 'utf8');
const PROGRAM = read('src/core/text/webgpu/program.ts');
const BUILDERS = { rnn: rnnForwardProgram, gru: gruForwardProgram, lstm: lstmForwardProgram } as const;

describe('the WGSL shown in How it works', () => {
  for (const cell of ['rnn', 'gru', 'lstm'] as const) {
    it(`is the ${cell} forward kernel's own shader`, () => {
      for (const H of [2, 33, 128, 300]) {
        const shown = forwardKernelWgsl(read(KERNEL_PATHS[cell]), PROGRAM, H);
        expect(shown).toBe(BUILDERS[cell](H, 4, 1000).getUserCode());
      }
    });
  }

  it('restates program.ts\u2019s workgroup size exactly', () => {
    for (let H = 1; H <= 1100; H++) expect(columnWorkgroupSize(H)).toBe(programWorkgroupSize(H));
  });

  it('fills only the names it knows, and trims the indentation for display', () => {
    expect(fillTemplate('a ${H} b ${Q}', { H: 8 })).toBe('a 8 b ${Q}');
    expect(bodyTemplate('no kernel here')).toBeNull();
    expect(displayWgsl('\n    fn f() {\n      x;\n    }\n  ')).toBe('fn f() {\n  x;\n}');
  });
});
