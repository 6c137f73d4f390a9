export default definePageConfig({ navigationBarTitleText: '办件进度查询' })
