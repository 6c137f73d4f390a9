export * from './types'
export * from './verify'
