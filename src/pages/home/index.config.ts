export default definePageConfig({ navigationBarTitleText: '指尖办' })
