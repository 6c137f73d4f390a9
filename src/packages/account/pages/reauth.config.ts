export default definePageConfig({ navigationBarTitleText: '重新验证' })
