// JPEG bytes for main's checks (src/main/screen/jpeg-info.ts), which read markers and the frame
// header only: start of image, an APP0 segment, a baseline frame header of the given size, end of
// image. No scan data, so no decoder (nor the fake Realtime server) would take it as an image.
export function jpegHeaderOnly(
  width: number,
  height: number,
  options: { end?: boolean } = {}
): Uint8Array<ArrayBuffer> {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]
  const sof0 = [
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1
  ]
  const end = options.end === false ? [] : [0xff, 0xd9]
  return Uint8Array.from([0xff, 0xd8, ...app0, ...sof0, ...end])
}
