// Mini-programs (weapp, alipay): camera/album through chooseImage with the platform's own
// compression (compressImage), documents from a chat (weapp chooseMessageFile), bytes read from
// the temporary file and sent as an ArrayBuffer body.
import Taro from '@tarojs/taro'
import { TransportError } from './types'
import { requestFailureKind } from './request-failure'
import type { FileCapabilities, PickOptions } from './files-types'

function readBytes(filePath: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      success: (r) => resolve(r.data as ArrayBuffer),
      fail: (e) => reject(new Error(String(e.errMsg))),
    })
  })
}

export const taroFiles: FileCapabilities = {
  async chooseFile(opts: PickOptions) {
    if (opts.kind === 'pdf') {
      if (typeof Taro.chooseMessageFile !== 'function') return null
      const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] })
      const f = r.tempFiles[0]
      return f ? { name: f.name, type: 'application/pdf', bytes: await readBytes(f.path) } : null
    }
    const r = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] })
    const path = r.tempFilePaths[0]
    if (!path) return null
    let file = path
    try {
      // WeChat takes src and answers tempFilePath; Alipay's my.compressImage takes apFilePaths and
      // answers apFilePaths (Taro passes both through unchanged), so both are given and read.
      const out = (await Taro.compressImage({ src: path, quality: 80, compressedWidth: opts.maxEdge, apFilePaths: [path], compressLevel: 4 } as Taro.compressImage.Option)) as { tempFilePath?: string; apFilePaths?: string[] }
      file = out.tempFilePath || out.apFilePaths?.[0] || path
    } catch {
      // Older base libraries: the album's own compression stands.
    }
    return { name: file.split('/').pop() ?? 'photo.jpg', type: /\.png$/i.test(file) ? 'image/png' : 'image/jpeg', bytes: await readBytes(file) }
  },
  sendBytes(req) {
    return new Promise((resolve, reject) => {
      void Taro.request({
        url: req.url,
        method: 'POST',
        header: req.headers,
        data: req.bytes,
        dataType: 'text',
        responseType: 'text',
        timeout: req.timeoutMs,
        success: (res) => resolve({ status: res.statusCode, headers: Object.fromEntries(Object.entries(res.header ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])), body: typeof res.data === 'string' ? res.data : JSON.stringify(res.data) }),
        fail: (e) => {
          const v = e as { status?: number; data?: unknown }
          if (typeof v.status === 'number' && v.status >= 400) resolve({ status: v.status, headers: {}, body: typeof v.data === 'string' ? v.data : JSON.stringify(v.data ?? '') })
          else reject(new TransportError(requestFailureKind(e)))
        },
      }).catch(() => undefined)
    })
  },
}
