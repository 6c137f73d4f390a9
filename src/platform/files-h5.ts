// PWA: <input type=file>, images downscaled on a canvas and re-encoded as JPEG; bytes by fetch.
import { fetchText } from './fetch-h5'
import type { FileCapabilities, PickOptions, PickedFile } from './files-types'

function pick(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.style.display = 'none'
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null)
      input.remove()
    })
    document.body.appendChild(input)
    input.click()
  })
}

async function compress(file: File, maxEdge: number): Promise<PickedFile> {
  const original = await file.arrayBuffer()
  try {
    const bitmap = await createImageBitmap(file)
    const scale = Math.min(1, maxEdge / Math.max(bitmap.width, bitmap.height))
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(bitmap.width * scale)
    canvas.height = Math.round(bitmap.height * scale)
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.8))
    // Keep the original when re-encoding would not make it smaller.
    if (blob && blob.size < original.byteLength) return { name: file.name.replace(/\.\w+$/, '.jpg'), type: 'image/jpeg', bytes: await blob.arrayBuffer() }
  } catch {
    // A browser without createImageBitmap for this file: send it as it is.
  }
  return { name: file.name, type: file.type === 'image/png' ? 'image/png' : 'image/jpeg', bytes: original }
}

export const h5Files: FileCapabilities = {
  async chooseFile(opts: PickOptions) {
    const file = await pick(opts.kind === 'pdf' ? 'application/pdf' : 'image/jpeg,image/png')
    if (!file) return null
    if (opts.kind === 'pdf') return { name: file.name, type: 'application/pdf', bytes: await file.arrayBuffer() }
    return compress(file, opts.maxEdge)
  },
  sendBytes(req) {
    return fetchText(req.url, { method: 'POST', headers: req.headers, body: req.bytes }, req.timeoutMs)
  },

}
