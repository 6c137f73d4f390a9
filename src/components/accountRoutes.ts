// Pages of the account subpackage: the account pages link to each other, and the 我的 tab to them.
export const ACCOUNT_ROUTES = {
  login: '/packages/account/pages/login',
  realName: '/packages/account/pages/realname',
  face: '/packages/account/pages/face',
  security: '/packages/account/pages/security',
  acting: '/packages/account/pages/acting',
  mandates: '/packages/account/pages/mandates',
  privacy: '/packages/account/pages/privacy',
  reauth: '/packages/account/pages/reauth',
  grant: '/packages/account/pages/grant',
  operators: '/packages/account/pages/operators',
} as const
