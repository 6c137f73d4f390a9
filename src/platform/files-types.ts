// Materials for online applications: picking files (images compressed on the device) and sending
// raw bytes. Types only; the implementations are files-h5.ts and files-taro.ts.
import type { TransportResponse } from './types'

export interface PickedFile {
  name: string
  /** Declared type (the server checks the bytes anyway). */
  type: 'image/jpeg' | 'image/png' | 'application/pdf'
  bytes: ArrayBuffer
}

export interface PickOptions {
  /** 'image': camera or album (compressed); 'pdf': a document. */
  kind: 'image' | 'pdf'
  /** Longest edge after compression, px. */
  maxEdge: number
}

export interface BytesRequest {
  url: string
  headers: Record<string, string>
  bytes: ArrayBuffer
  timeoutMs: number
}

export interface FileCapabilities {
  chooseFile(opts: PickOptions): Promise<PickedFile | null>
  sendBytes(req: BytesRequest): Promise<TransportResponse>
}
