// h5: PDF pages drawn to images with pdf.js (pdfjs-dist), loaded only when a document is opened
// (its own chunk). The parser runs on the main thread (pdf.js's "fake worker"): proofs and
// receipts are one or two pages, and no extra worker file has to be served and precached.
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs'
import * as pdfjsWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs'

/** More pages than a proof or receipt has: the viewer offers 下载 for the rest. */
export const MAX_PAGES = 20

export async function renderPdfPages(bytes: ArrayBuffer, cssWidth: number): Promise<string[]> {
  ;(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfjsWorker
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes.slice(0)), isEvalSupported: false }).promise
  try {
    const out: string[] = []
    const ratio = Math.min(3, Math.max(1, window.devicePixelRatio || 1))
    for (let n = 1; n <= Math.min(doc.numPages, MAX_PAGES); n++) {
      const page = await doc.getPage(n)
      const base = page.getViewport({ scale: 1 })
      const viewport = page.getViewport({ scale: (cssWidth / base.width) * ratio })
      const canvas = document.createElement('canvas')
      canvas.width = Math.ceil(viewport.width)
      canvas.height = Math.ceil(viewport.height)
      const ctx = canvas.getContext('2d')
      if (!ctx) throw new Error('no 2d context')
      await page.render({ canvasContext: ctx, viewport }).promise
      out.push(canvas.toDataURL('image/png'))
      page.cleanup()
    }
    return out
  } finally {
    void doc.destroy()
  }
}
