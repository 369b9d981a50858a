/** A triangle covering the whole target, made from gl_VertexID: no vertex buffer to upload. */
export const FULL_FRAME_VERTEX = /* glsl */ `#version 300 es
void main() {
  vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
`;

/**
 * Samples the source once per pixel of the edited picture through the folded geometry. Targets are
 * textures whose row 0 is the picture's top row (as uploaded images are), so y points down here.
 */
export const GEOMETRY_FRAGMENT = /* glsl */ `#version 300 es
precision highp float;
uniform sampler2D u_source;
uniform vec2 u_sourceSize;
uniform mat3 u_toSource;
uniform float u_scale;
// The target's top-left in pixels of the whole picture at u_scale (it may draw only a part).
uniform vec2 u_origin;
out vec4 outColor;
void main() {
  vec2 picture = (u_origin + gl_FragCoord.xy) / u_scale;
  vec2 uv = (u_toSource * vec3(picture, 1.0)).xy / u_sourceSize;
  vec4 color = texture(u_source, uv);
  // A pixel whose source lies outside the image (never for valid lists) stays transparent.
  vec2 inside = step(vec2(-0.0005), uv) * step(uv, vec2(1.0005));
  outColor = color * inside.x * inside.y;
}
`;

/** One direction of a separable Gaussian blur, drawn into a target possibly smaller than its input. */
export const BLUR_FRAGMENT = /* glsl */ `#version 300 es
precision highp float;
uniform sampler2D u_input;
uniform vec2 u_targetSize;
uniform vec2 u_direction;
uniform float u_sigma;
out vec4 outColor;
void main() {
  vec2 uv = gl_FragCoord.xy / u_targetSize;
  vec2 stepUv = u_direction / u_targetSize;
  int radius = int(ceil(u_sigma * 3.0));
  float twoSigma2 = 2.0 * u_sigma * u_sigma;
  vec4 sum = texture(u_input, uv);
  float total = 1.0;
  for (int i = 1; i <= radius; i++) {
    float w = exp(-float(i * i) / twoSigma2);
    sum += w * (texture(u_input, uv + stepUv * float(i)) + texture(u_input, uv - stepUv * float(i)));
    total += 2.0 * w;
  }
  outColor = sum / total;
}
`;

/** The picture on the canvas: blur, sharpen, then the colour stage (`adjustRgb`, inserted at ADJUST). */
export const FINAL_FRAGMENT = /* glsl */ `#version 300 es
precision highp float;
uniform sampler2D u_base;
uniform sampler2D u_blurred;
uniform sampler2D u_detail;
uniform float u_useBlur;
uniform float u_sharpenAmount;
uniform vec2 u_size;
// The base target's size, and where the canvas's top-left pixel lies in it.
uniform vec2 u_baseSize;
uniform vec2 u_offset;
// The canvas's top-left in the whole picture at preview scale, and that whole picture's size.
uniform vec2 u_origin;
uniform vec2 u_full;
uniform float u_splitX;
out vec4 outColor;
//ADJUST
void main() {
  vec2 frag = vec2(gl_FragCoord.x, u_size.y - gl_FragCoord.y);
  vec2 inBase = frag + u_offset;
  vec2 uv = inBase / u_baseSize;
  // Texel for texel: read it, no filtering (the software GL path is slow).
  vec4 base = texelFetch(u_base, ivec2(inBase), 0);
  if (frag.x + u_origin.x < u_splitX) {
    outColor = base;
    return;
  }
  vec4 color = base;
  if (u_useBlur > 0.5) color = texture(u_blurred, uv);
  if (u_sharpenAmount > 0.0) {
    color.rgb += u_sharpenAmount * (color.rgb - texture(u_detail, uv).rgb);
  }
  // The vignette speaks in the whole picture's 0..1, whatever part the canvas shows.
  outColor = vec4(adjustRgb(clamp(color.rgb, 0.0, 1.0), (frag + u_origin) / u_full), base.a);
}
`;
