// Error codes of the wallet API (issue 8).
export const walletErrors = {
  WALLET_PROXY_NOT_ALLOWED: '证照只能由本人或企业经办人查看和出示，代办身份下不能使用。请切换回本人身份。',
  CREDENTIAL_NOT_FOUND: '没有找到这张证照，请返回证照列表刷新后重试。',
  CREDENTIAL_REVOKED: '这张证照已被注销或已换发新证，不能出示。请在证照列表中使用最新的证照。',
  CREDENTIAL_EXPIRED: '这张证照已过有效期，不能出示。请先办理换证。',
  DISCLOSURE_NOT_ALLOWED: '所选的信息项不能通过这张证照出示，请重新选择。',
  DISCLOSURE_TOO_LONG: '选择出示的信息太多，二维码装不下。请少选几项后重试。',
  CREDENTIAL_HOLDER_NOT_FOUND: '没有找到证照的持有人，请确认已完成实名认证。',
} as const
