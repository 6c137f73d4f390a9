export default definePageConfig({ navigationBarTitleText: '谁查验了我的证照' })
