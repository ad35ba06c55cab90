// One frame of the screen as a JPEG (issue 12 §3): getDisplayMedia (in Electron, main answers it
// with the display under the pointer: adapters/display-media.ts; in a browser, its picker), one
// frame drawn at most 1280 px on the long side, encoded as JPEG, and the capture stopped at once.
import { MAX_SCREEN_JPEG_BYTES, SCREEN_LOOK_MAX_SIDE_PX } from '../../../shared/screen-ipc'
import { fitWithin } from './fit-size'

/** Screens are mostly text: 0.8 keeps it legible; 0.5 is the fallback for a very busy screen. */
const JPEG_QUALITIES = [0.8, 0.5, 0.3]
const FIRST_FRAME_TIMEOUT_MS = 5000

async function firstFrame(stream: MediaStream): Promise<ImageBitmap> {
  const video = document.createElement('video')
  video.muted = true
  video.playsInline = true
  video.srcObject = stream
  try {
    await video.play()
    const started = performance.now()
    while (video.videoWidth === 0 || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) {
      if (performance.now() - started > FIRST_FRAME_TIMEOUT_MS)
        throw new DOMException('The screen sent no picture.', 'NotReadableError')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return await createImageBitmap(video)
  } finally {
    video.pause()
    video.srcObject = null
  }
}

export async function captureScreenJpeg(): Promise<Uint8Array<ArrayBuffer>> {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false })
  let frame: ImageBitmap
  try {
    frame = await firstFrame(stream)
  } finally {
    // One frame is all Hark takes: the capture ends before anything is encoded or sent.
    for (const track of stream.getTracks()) track.stop()
  }
  const size = fitWithin(frame.width, frame.height, SCREEN_LOOK_MAX_SIDE_PX)
  const canvas = new OffscreenCanvas(size.width, size.height)
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no canvas to draw the screen on')
  context.drawImage(frame, 0, 0, size.width, size.height)
  frame.close()
  for (const quality of JPEG_QUALITIES) {
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality })
    if (blob.size <= MAX_SCREEN_JPEG_BYTES) return new Uint8Array(await blob.arrayBuffer())
  }
  throw new Error('the screen image stayed too large')
}
