// Text for the app's platform layer and request wrapper (no server involved): what the device
// or the connection could not do, and what the user can do about it.
type Capability =
  | 'login'
  | 'scan'
  | 'location'
  | 'faceCheck'
  | 'subscribeMessage'
  | 'screenCaptureGuard'
  | 'secureRandom'
  | 'serviceWorker'
  | 'map'
  | 'calendar'

export const platform = {
  unsupported: {
    login: '当前环境不支持小程序登录，请使用手机号验证码登录。',
    scan: '当前环境不支持扫码，请在微信或支付宝小程序中使用扫码功能。',
    location: '当前环境无法获取位置，请手动选择所在区县。',
    faceCheck: '当前环境不支持人脸核验，请在微信或支付宝小程序中完成核验。',
    subscribeMessage: '当前环境不支持订阅消息，办理进度请在“消息”页查看。',
    screenCaptureGuard: '当前环境无法阻止截屏，请注意保护个人信息，不要随意截图分享。',
    secureRandom: '当前环境无法生成安全随机数，请更新微信或支付宝到最新版本后重试。',
    serviceWorker: '当前浏览器不支持离线使用，请换用新版浏览器。',
    map: '当前环境无法打开地图，请按地址前往。',
    calendar: '当前环境无法写入日历，请自行记下预约时间。',
  } satisfies Record<Capability, string>,
  failed: {
    login: '登录失败，请稍后重试。',
    scan: '扫码失败，请重试，或手动输入编号。',
    location: '获取位置失败，请检查是否已允许定位，或手动选择所在区县。',
    faceCheck: '人脸核验未能完成，请在光线充足处重试。',
    subscribeMessage: '订阅消息设置失败，请稍后重试。',
    screenCaptureGuard: '截屏防护设置失败，请注意保护个人信息。',
    secureRandom: '安全组件正在准备，请稍后重试。',
    serviceWorker: '离线功能启用失败，刷新页面后会再次尝试。',
    map: '地图打开失败，请按地址前往。',
    calendar: '未能加入日历，请确认已允许访问日历后重试。',
  } satisfies Record<Capability, string>,
  cancelled: '已取消。',
  /** h5 导航: the in-app sheet of map apps (the PWA cannot open a map inside itself). */
  mapSheet: {
    amap: '高德地图',
    baidu: '百度地图',
    tencent: '腾讯地图',
    copyAddress: '复制地址',
    copied: '地址已复制',
  },
  request: {
    offline: '网络未连接，请检查网络设置后重试。',
    timeout: '网络响应超时，请稍后重试。',
    network: '网络连接失败，请检查网络后重试。',
    server: '服务暂时不可用，请稍后再试。',
    unknown: '出了点问题，请稍后重试。',
    sessionExpired: '登录已失效，请重新登录。',
  },
} as const
