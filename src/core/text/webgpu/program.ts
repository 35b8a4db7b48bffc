// Plumbing shared by the fused WebGPU kernels of the Text lab: how a kernel is handed to TensorFlow.js's
// WebGPU backend, and the WGSL helpers they share.
//
// Why runWebGPUProgram (and not our own pipelines on the backend's GPUDevice)? The backend then owns every
// buffer, the command encoder, the pipeline cache and the submit batching, exactly as for its own kernels:
// our kernels read tfjs tensors and write tfjs tensors, with no second queue to keep in order and nothing to
// flush. Its one output per program is not a limit here: each kernel writes ONE packed output buffer (the
// regions are listed in each kernel's header) and reads the regions it wrote earlier in the same dispatch.
// No runtime import of @tensorflow/tfjs-backend-webgpu is needed — the backend is the object tf.backend()
// returns on 'webgpu' — so Node and the other backends never load it.
//
// How tfjs wraps a program (tfjs-backend-webgpu 4.22, webgpu_program.ts): the output is bound as
// `result: array<f32>` (read_write, binding 0), each input i as `<variableNames[i]>: array<f32|i32>` (read),
// then a uniform struct `uniforms` with tfjs's own fields and ours (`uniforms` below). With a flat
// dispatch layout tfjs calls our `fn main(index: i32)` from its entry point, which also sets the private
// globals localId, workgroupId, numWorkgroups. WebGPU drops unused bindings from an 'auto' layout while
// tfjs binds every input and the uniforms: each kernel must read every input and at least one uniform.
import * as tf from '../../tf';

/** The fields of a tfjs WebGPUProgram our kernels set (structurally what runWebGPUProgram reads). */
export interface FusedProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  variableNames: string[];
  workgroupSize: [number, number, number];
  /** Our uniform fields, WGSL struct members (`name : i32,`); values passed with the run. */
  uniforms: string;
  /** The names in `uniforms`, in order (runProgram sends the values in this order). */
  uniformNames: string[];
  /** The names in `uniformNames` declared `f32` (the rest are i32). */
  floatUniforms?: string[];
  /** The output's dtype (default float32: `result` is array<f32>; int32: array<i32>). */
  outputDtype?: 'float32' | 'int32';
  size: boolean;
  /** Per input, floats per array element (4: bound as array<vec4<f32>>); default 1. */
  variableComponents?: number[];
  getUserCode(): string;
}

type Uniform = { type: 'int32' | 'float32'; data: number[] };

/** The slice of tfjs's WebGPUBackend used here. */
interface ProgramRunner {
  runWebGPUProgram(program: FusedProgram, inputs: tf.TensorInfo[], dtype: 'float32' | 'int32', uniforms?: Uniform[], output?: tf.TensorInfo): tf.TensorInfo;
}

/** True when the active backend is TensorFlow.js's WebGPU backend (the only one that runs these kernels). */
export function onWebGpu(): boolean {
  return tf.getBackend() === 'webgpu';
}

/**
 * Runs `program` on the WebGPU backend: one compute dispatch. `output` (optional) is written in place —
 * used to continue a packed buffer over several chunked dispatches; otherwise a new [length] tensor is
 * made (float32 unless the program says int32). Returns the output as a tensor owned by the current tf scope.
 */
export function runProgram(program: FusedProgram, inputs: tf.Tensor[], uniforms: Record<string, number>, output?: tf.Tensor): tf.Tensor1D {
  if (!onWebGpu()) throw new Error(`fused WebGPU kernels need the webgpu backend (active: ${tf.getBackend()})`);
  const backend = tf.backend() as unknown as ProgramRunner;
  const floats = program.floatUniforms ?? [];
  const values: Uniform[] = program.uniformNames.map((name) => {
    const v = uniforms[name];
    const float = floats.includes(name);
    if (float ? !Number.isFinite(v) : !Number.isInteger(v)) throw new Error(`${program.shaderKey}: uniform ${name} is ${v}`);
    return { type: float ? 'float32' : 'int32', data: [v] };
  });
  const info = backend.runWebGPUProgram(program, inputs, program.outputDtype ?? 'float32', values, output);
  return (output ?? tf.engine().makeTensorFromTensorInfo(info)) as tf.Tensor1D;
}

/** The `uniforms` struct members for these names, i32 unless listed in `floats` (f32), in order (the values go in the same order). */
export function uniformFields(names: string[], floats: readonly string[] = []): string {
  return names.map((n) => `${n} : ${floats.includes(n) ? 'f32' : 'i32'},`).join(' ');
}

/**
 * Threads per workgroup for a kernel whose workgroup walks H columns: one thread per column up to 256
 * (WebGPU's guaranteed maxComputeInvocationsPerWorkgroup), rounded up to a multiple of 32 (a warp / SIMD
 * width); above 256 each thread takes columns j, j + 256, … Threads past H idle but still meet barriers.
 */
export function columnWorkgroupSize(H: number): number {
  return Math.min(256, Math.max(32, Math.ceil(H / 32) * 32));
}

/**
 * Time steps per dispatch for a recurrent kernel: a whole window in one dispatch unless that is more than
 * MAX_MACS_PER_DISPATCH multiply-adds (B rows × G·H columns × H), so a single dispatch stays well under a
 * second even on the software adapter (a GPU watchdog may kill longer ones). The default LSTM 128, batch
 * 16: 1.05 M per step → the 64-step window in one dispatch; an evaluation pass of 64 rows: 16 steps each.
 */
export function stepsPerDispatch(B: number, G: number, H: number): number {
  return stepsOverride ?? Math.max(1, Math.floor(MAX_MACS_PER_DISPATCH / (B * G * H * H)));
}
const MAX_MACS_PER_DISPATCH = 1 << 26;
let stepsOverride: number | null = null;

/** Test hook: forces the steps per dispatch (null restores the default), to check chunk boundaries. */
export function setStepsPerDispatch(steps: number | null): void {
  stepsOverride = steps;
}

/** σ and tanh as tfjs's WebGPU backend writes them (tanh through exp(−2|x|), which cannot overflow). */
export const WGSL_ACTIVATIONS = `
  fn sigmoidF(x : f32) -> f32 { return 1.0 / (1.0 + exp(-x)); }
  fn tanhF(x : f32) -> f32 { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }
`;

/**
 * A program over a packed 1-D output of `length` floats with `rows` workgroups (dispatch [rows, 1, 1]): one
 * per batch row, or one per R batch rows for the vectorised LSTM kernels (rows = ⌈B / R⌉).
 */
export function rowProgram(
  key: string,
  length: number,
  rows: number,
  workgroup: number,
  variableNames: string[],
  uniformNames: string[],
  body: string,
): FusedProgram {
  return {
    outputShape: [length],
    shaderKey: key,
    dispatchLayout: { x: [0] },
    dispatch: [rows, 1, 1],
    variableNames,
    workgroupSize: [workgroup, 1, 1],
    uniforms: uniformFields(uniformNames),
    uniformNames,
    size: false,
    getUserCode: () => body,
  };
}
