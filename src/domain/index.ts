// Pure domain rules shared by the app and the platform stand-in.
// The message catalogue (./messages) and the API contract (./contract) are imported directly
// from their own folders: the contract pulls in TypeBox, which must not reach the app bundle.
export * from './idNumber'
export * from './uscc'
export * from './phone'
export * from './mask'
export * from './regions'
export * from './text'
