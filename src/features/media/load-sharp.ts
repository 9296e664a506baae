// sharp is loaded when the first image is processed, not at start: importing it maps
// libvips and its threads, about 17 MB of resident memory in a server that may never
// resize a photo. Photo uploads and the WordPress image import share this one loader.
import type Sharp from 'sharp';

let loading: Promise<typeof Sharp> | undefined;

export function loadSharp(): Promise<typeof Sharp> {
  loading ??= import('sharp').then((module) => module.default);
  return loading;
}
