// The part of the 账号 area that the main package shows (the 我的 tab, the level gate, the 消息 tab's
// sign-in prompt). The account subpackage's area (./account) includes it; the main package's slice
// of the catalogue (../main) takes only this, so the first screen carries none of the account
// pages' text (issue 9).
export const accountShared = {
  common: {
    loading: '正在加载…',
    retry: '重试',
    back: '返回',
    needLogin: '请先登录',
    goLogin: '去登录',
    empty: '暂无记录',
    current: '本机',
    revoked: '已撤销',
    yes: '是',
    no: '否',
  },
  levels: { L1: '手机号已验证', L2: '已实名', L3: '已实人核验' },
  /** Shown where a feature needs a higher level than the user has (the app walks them up). */
  gate: {
    L1: { title: '请先登录', body: '登录后才能查看与您本人相关的信息。', action: '去登录' },
    L2: { title: '需要实名认证', body: '此功能涉及您的个人信息，请先完成实名认证（姓名+身份证号）。', action: '去实名认证' },
    reauth: { title: '请重新验证手机号', body: '为保护您的账户安全，请用短信验证码确认是您本人后继续。', action: '去验证' },
    L3: { title: '需要刷脸核验', body: '此操作需要确认是您本人在操作，请先完成人脸核验（30分钟内有效）。', action: '去刷脸核验' },
  },
  me: {
    loggedIn: '已登录',
    security: '账号与安全',
    realName: '实名认证',
    face: '人脸核验',
    acting: '切换身份',
    mandates: '我的授权',
    privacy: '隐私设置',
  },
} as const
