import type { Size } from '../editor-context';
import type { AdjustStage } from './adjust-stage';
import { canvasPlacement, planCanvas, type Frame, type PreviewRenderer, type Sigmas } from './frame';
import { BLUR_FRAGMENT, FINAL_FRAGMENT, FULL_FRAME_VERTEX, GEOMETRY_FRAGMENT } from './shaders';

/**
 * Past this radius (in preview pixels) a blur runs on a smaller copy: about the same look, and at
 * most 6·2.5 + 1 taps a pass however strong (software GL draws a 900² blur at 8 px in about a second).
 */
const MAX_BLUR_SIGMA = 2.5;

interface Target {
  texture: WebGLTexture;
  framebuffer: WebGLFramebuffer;
  size: Size;
}

function compile(gl: WebGL2RenderingContext, vertex: string, fragment: string): WebGLProgram {
  const program = gl.createProgram();
  for (const [type, source] of [
    [gl.VERTEX_SHADER, vertex],
    [gl.FRAGMENT_SHADER, fragment],
  ] as const) {
    const shader = gl.createShader(type);
    if (!shader) throw new Error('WebGL could not create a shader');
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
      throw new Error(`Preview shader failed to compile: ${gl.getShaderInfoLog(shader) ?? ''}`);
    }
    gl.attachShader(program, shader);
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
    throw new Error(`Preview shader failed to link: ${gl.getProgramInfoLog(program) ?? ''}`);
  }
  return program;
}

function uniformSetter(gl: WebGL2RenderingContext, program: WebGLProgram) {
  const locations = new Map<string, WebGLUniformLocation | null>();
  const at = (name: string) => {
    if (!locations.has(name)) locations.set(name, gl.getUniformLocation(program, name));
    return locations.get(name) ?? null;
  };
  return {
    f: (name: string, ...v: number[]) => {
      const location = at(name);
      if (v.length === 1) gl.uniform1f(location, v[0]!);
      else gl.uniform2f(location, v[0]!, v[1]!);
    },
    i: (name: string, v: number) => gl.uniform1i(at(name), v),
    m3: (name: string, v: Float32Array) => gl.uniformMatrix3fv(at(name), false, v),
  };
}

/**
 * The live preview on the GPU. The source is uploaded once (with mipmaps, so a picture shrunk a
 * lot stays smooth); each frame re-runs only what changed: the geometry pass when the operation
 * list's geometry changes, the blur passes when their radius does, and the colour pass always (a
 * slider move costs one full-screen pass).
 */
export function createWebglRenderer(
  canvas: HTMLCanvasElement,
  stage: AdjustStage,
  sigmasFor: (frame: Frame) => Sigmas,
): PreviewRenderer | null {
  const gl = canvas.getContext('webgl2', { premultipliedAlpha: false, antialias: false });
  if (!gl) return null;

  const geometry = compile(gl, FULL_FRAME_VERTEX, GEOMETRY_FRAGMENT);
  const blur = compile(gl, FULL_FRAME_VERTEX, BLUR_FRAGMENT);
  const final = compile(gl, FULL_FRAME_VERTEX, FINAL_FRAGMENT.replace('//ADJUST', stage.glsl));
  const geometryU = uniformSetter(gl, geometry);
  const blurU = uniformSetter(gl, blur);
  const finalU = uniformSetter(gl, final);
  const vao = gl.createVertexArray();
  gl.bindVertexArray(vao);

  let source: { texture: WebGLTexture; size: Size } | null = null;
  const targets = new Map<string, Target>();
  let geometryKey = '';
  const blurKeys = new Map<string, string>();
  let lastFrame: Frame | null = null;

  const target = (name: string, size: Size): Target => {
    const existing = targets.get(name);
    if (existing && existing.size.width === size.width && existing.size.height === size.height) {
      return existing;
    }
    if (existing) {
      gl.deleteTexture(existing.texture);
      gl.deleteFramebuffer(existing.framebuffer);
    }
    const texture = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA8, size.width, size.height);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    const framebuffer = gl.createFramebuffer();
    gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
    const made = { texture, framebuffer, size };
    targets.set(name, made);
    blurKeys.delete(name);
    return made;
  };

  const drawInto = (into: Target | null, size: Size) => {
    gl.bindFramebuffer(gl.FRAMEBUFFER, into?.framebuffer ?? null);
    gl.viewport(0, 0, size.width, size.height);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
  };

  const bindTexture = (unit: number, texture: WebGLTexture) => {
    gl.activeTexture(gl.TEXTURE0 + unit);
    gl.bindTexture(gl.TEXTURE_2D, texture);
  };

  /** A Gaussian blur of `input` by `sigma` preview pixels into target `name` (two passes). */
  const blurInto = (name: string, input: Target, sigma: number, key: string): Target => {
    const shrink = Math.max(1, sigma / MAX_BLUR_SIGMA);
    const size = {
      width: Math.max(1, Math.round(input.size.width / shrink)),
      height: Math.max(1, Math.round(input.size.height / shrink)),
    };
    const across = target(`${name}-x`, size);
    const out = target(name, size);
    if (blurKeys.get(name) === key) return out;
    gl.useProgram(blur);
    blurU.i('u_input', 0);
    blurU.f('u_targetSize', size.width, size.height);
    blurU.f('u_sigma', sigma / shrink);
    bindTexture(0, input.texture);
    blurU.f('u_direction', 1, 0);
    drawInto(across, size);
    bindTexture(0, across.texture);
    blurU.f('u_direction', 0, 1);
    drawInto(out, size);
    blurKeys.set(name, key);
    return out;
  };

  const render = (frame: Frame) => {
    if (!source) return;
    lastFrame = frame;
    const sigmas = sigmasFor(frame);
    const plan = planCanvas(frame, 3 * (sigmas.blur + sigmas.sharpen));
    const { scale, canvas: part, base: area } = plan;
    const size = { width: part.width, height: part.height };
    if (canvas.width !== size.width) canvas.width = size.width;
    if (canvas.height !== size.height) canvas.height = size.height;
    Object.assign(canvas.style, canvasPlacement(plan));

    const baseSize = { width: area.width, height: area.height };
    const base = target('base', baseSize);
    const key = `${scale}:${area.x},${area.y},${area.width}x${area.height}:${frame.toSource.join(',')}`;
    if (key !== geometryKey) {
      gl.useProgram(geometry);
      bindTexture(0, source.texture);
      geometryU.i('u_source', 0);
      geometryU.f('u_sourceSize', source.size.width, source.size.height);
      geometryU.f('u_scale', scale);
      geometryU.f('u_origin', area.x, area.y);
      const [a, b, c, d, e, f] = frame.toSource;
      geometryU.m3('u_toSource', new Float32Array([a, d, 0, b, e, 0, c, f, 1]));
      drawInto(base, baseSize);
      geometryKey = key;
    }

    const blurred =
      sigmas.blur > 0 ? blurInto('blur', base, sigmas.blur * scale, `${key}:${sigmas.blur}`) : base;
    const detail =
      sigmas.sharpenAmount > 0
        ? blurInto('detail', blurred, sigmas.sharpen * scale, `${key}:${sigmas.blur}:${sigmas.sharpen}`)
        : blurred;

    gl.useProgram(final);
    bindTexture(0, base.texture);
    bindTexture(1, blurred.texture);
    bindTexture(2, detail.texture);
    finalU.i('u_base', 0);
    finalU.i('u_blurred', 1);
    finalU.i('u_detail', 2);
    finalU.f('u_useBlur', blurred === base ? 0 : 1);
    finalU.f('u_sharpenAmount', sigmas.sharpenAmount);
    finalU.f('u_size', size.width, size.height);
    finalU.f('u_baseSize', area.width, area.height);
    finalU.f('u_offset', part.x - area.x, part.y - area.y);
    finalU.f('u_origin', part.x, part.y);
    finalU.f('u_full', plan.full.width, plan.full.height);
    finalU.f('u_splitX', frame.splitX === null ? -1 : frame.splitX * scale);
    for (const [name, value] of Object.entries(stage.uniforms(frame.adjustments))) finalU.f(name, value);
    drawInto(null, size);
  };

  return {
    kind: 'webgl2',
    setSource: (image, natural) => {
      if (source) gl.deleteTexture(source.texture);
      const texture = gl.createTexture();
      gl.bindTexture(gl.TEXTURE_2D, texture);
      gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
      gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, image);
      gl.generateMipmap(gl.TEXTURE_2D);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR_MIPMAP_LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
      source = { texture, size: natural };
      geometryKey = '';
      blurKeys.clear();
      // Software GL compiles a program on its first draw (hundreds of ms for the blur's loop):
      // pay that now, while the picture loads, not on the first move of the Blur slider.
      const warm = target('warm', { width: 1, height: 1 });
      blurInto('warm-blur', warm, 1, 'warm');
      gl.finish();
    },
    render,
    toBlob: () =>
      new Promise<Blob>((resolve, reject) => {
        // Without preserveDrawingBuffer the canvas is only readable in the task that drew it.
        if (lastFrame) render(lastFrame);
        canvas.toBlob(
          (blob) => (blob ? resolve(blob) : reject(new Error('The preview could not be read'))),
          'image/png',
        );
      }),
    dispose: () => {
      for (const made of targets.values()) {
        gl.deleteTexture(made.texture);
        gl.deleteFramebuffer(made.framebuffer);
      }
      if (source) gl.deleteTexture(source.texture);
      gl.deleteProgram(geometry);
      gl.deleteProgram(blur);
      gl.deleteProgram(final);
      gl.deleteVertexArray(vao);
    },
  };
}
