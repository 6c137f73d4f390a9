// The wallet as other areas use it: issuing and revoking credentials inside their own
// transaction (cases, staff admin), reading them, and seeding the registry's licences.
export * from './service'
export { seedWallet } from './seed'
