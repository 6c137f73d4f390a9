export default definePageConfig({ navigationBarTitleText: '社保查询' })
