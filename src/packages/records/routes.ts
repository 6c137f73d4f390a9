export const RECORDS_ROUTES = {
  social: '/packages/records/pages/social',
  fund: '/packages/records/pages/fund',
  property: '/packages/records/pages/property',
  proofs: '/packages/records/pages/proofs',
  access: '/packages/records/pages/access',
  verify: '/packages/records/pages/verify',
} as const
