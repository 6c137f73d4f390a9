export default definePageConfig({ navigationBarTitleText: '查看文件' })
