export default definePageConfig({ navigationBarTitleText: '谁查询了我的数据' })
