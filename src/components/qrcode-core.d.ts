// The pure-JS core of `qrcode` (no canvas/DOM), typed for the one call used here.
declare module 'qrcode/lib/core/qrcode' {
  export function create(
    segments: Array<{ data: Uint8Array; mode: 'byte' }>,
    options: { errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' },
  ): { version: number; modules: { size: number; data: Uint8Array } }
}
