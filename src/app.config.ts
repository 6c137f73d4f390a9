// Tab pages stay in the main package (a platform rule); each feature is its own subpackage so the
// main package stays small and a feature's code loads only when it is opened.
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/services/index', 'pages/messages/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/wallet', pages: ['pages/index', 'pages/present', 'pages/checks'] },
    { root: 'packages/staff', pages: ['pages/login', 'pages/index', 'pages/scan', 'pages/day', 'pages/cases'] },
    { root: 'packages/booking', pages: ['pages/book', 'pages/mine', 'pages/detail', 'pages/choose'] },
    { root: 'packages/settings', pages: ['pages/index', 'pages/privacy'] },
    { root: 'packages/feedback', pages: ['pages/index'] },
    { root: 'packages/records', pages: ['pages/social', 'pages/fund', 'pages/property', 'pages/proofs', 'pages/access', 'pages/verify'] },
    { root: 'packages/apply', pages: ['pages/index'] },
    { root: 'packages/cases', pages: ['pages/index', 'pages/detail', 'pages/lookup'] },
    { root: 'packages/soon', pages: ['pages/index'] },
    { root: 'packages/docs', pages: ['pages/viewer'] },
    { root: 'packages/catalog', pages: ['pages/search', 'pages/guide', 'pages/bundle', 'pages/halls', 'pages/hall'] },
    { root: 'packages/account', pages: ['pages/login', 'pages/realname', 'pages/face', 'pages/security', 'pages/acting', 'pages/mandates', 'pages/privacy', 'pages/reauth', 'pages/grant', 'pages/operators'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f4f5f7',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '指尖办',
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    // #595959 on white 7.0:1, #0B57D0 on white 6.4:1 (tokens.css): both readable at tab-label size.
    color: '#595959',
    selectedColor: '#0B57D0',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/services/index', text: '办事', iconPath: 'assets/tabbar/services.png', selectedIconPath: 'assets/tabbar/services-active.png' },
      { pagePath: 'pages/messages/index', text: '消息', iconPath: 'assets/tabbar/messages.png', selectedIconPath: 'assets/tabbar/messages-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
})
