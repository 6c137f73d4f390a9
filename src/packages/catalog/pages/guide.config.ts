// Shareable: a guide forwarded in WeChat/Alipay opens on the same item.
export default definePageConfig({ navigationBarTitleText: '办事指南', enableShareAppMessage: true })
