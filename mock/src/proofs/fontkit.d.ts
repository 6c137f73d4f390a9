// fontkit 2 ships no type declarations; the proofs module only needs `create`.
declare module 'fontkit' {
  export function create(data: Buffer, postscriptName?: string): unknown
}
