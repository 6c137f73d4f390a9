export const RECORDS_ROUTES = {
  social: '/packages/records/pages/social',
  fund: '/packages/records/pages/fund',
  property: '/packages/records/pages/property',
  proofs: '/packages/records/pages/proofs',
  access: '/packages/records/pages/access',
  verify: '/packages/records/pages/verify',
} as const

/** Where the account pages live (real name, face check, login). */
export const ACCOUNT_PAGES = {
  login: '/packages/account/pages/login',
  realName: '/packages/account/pages/realname',
  face: '/packages/account/pages/face',
} as const
