export default definePageConfig({ navigationBarTitleText: '不动产查询' })
