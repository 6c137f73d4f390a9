// The in-app document viewer (e-proofs, receipts as PDF).
export const docs = {
  title: '查看文件',
  loading: '正在打开文件…',
  failed: '文件打不开，可能链接已过期。请返回后重新打开。',
  pages: '共 {n} 页',
  morePages: '只显示前 {n} 页，完整文件请下载查看。',
  download: '下载',
  share: '分享',
  shareUnavailable: '当前浏览器不能直接分享文件，请先下载，再从手机的文件中分享。',
  back: '返回',
  pageAlt: '第 {n} 页',
}
