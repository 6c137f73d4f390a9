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

/** Local date-time for lists (yyyy-mm-dd hh:mm). */
export function formatTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}
