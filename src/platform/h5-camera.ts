// h5 camera scanning (loaded on demand): a full-screen overlay with the rear camera. Decodes with
// the browser's BarcodeDetector where it exists (Chrome on Android/macOS), else jsQR on frames
// drawn to a canvas.
import { PlatformCancelledError, PlatformUnsupportedError } from './errors'

interface Detector {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>
}

export async function scanWithCamera(): Promise<string> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) throw new PlatformUnsupportedError('scan')
  let stream: MediaStream
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
  } catch {
    throw new PlatformUnsupportedError('scan')
  }
  const overlay = document.createElement('div')
  overlay.setAttribute('role', 'dialog')
  overlay.style.cssText = 'position:fixed;inset:0;background:#000;z-index:1000;display:flex;flex-direction:column;align-items:center;justify-content:center'
  const video = document.createElement('video')
  video.setAttribute('playsinline', 'true')
  video.muted = true
  video.style.cssText = 'max-width:100%;max-height:80%'
  const close = document.createElement('button')
  close.textContent = '×'
  close.setAttribute('aria-label', 'close')
  close.style.cssText = 'margin-top:16px;min-width:60px;min-height:60px;font-size:32px;border-radius:30px'
  overlay.append(video, close)
  document.body.appendChild(overlay)
  video.srcObject = stream
  await video.play().catch(() => undefined)

  const BD = (globalThis as unknown as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector
  const detector: Detector | null = BD ? new BD({ formats: ['qr_code'] }) : null
  const jsQR = detector ? null : (await import('jsqr')).default
  const canvas = document.createElement('canvas')
  const ctx = canvas.getContext('2d', { willReadFrequently: true })

  return new Promise<string>((resolve, reject) => {
    let done = false
    const finish = (err: Error | null, text?: string) => {
      if (done) return
      done = true
      stream.getTracks().forEach((t) => t.stop())
      overlay.remove()
      if (err) reject(err)
      else resolve(text!)
    }
    close.onclick = () => finish(new PlatformCancelledError())
    const tick = async () => {
      if (done) return
      try {
        if (video.readyState >= 2) {
          if (detector) {
            const found = await detector.detect(video)
            if (found[0]?.rawValue) return finish(null, found[0].rawValue)
          } else if (ctx && jsQR) {
            canvas.width = video.videoWidth
            canvas.height = video.videoHeight
            ctx.drawImage(video, 0, 0)
            const img = ctx.getImageData(0, 0, canvas.width, canvas.height)
            const code = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })
            if (code?.data) return finish(null, code.data)
          }
        }
      } catch {
        // A frame that failed to decode: try the next one.
      }
      setTimeout(() => void tick(), 150)
    }
    void tick()
  })
}
