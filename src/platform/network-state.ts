// Whether a mini-program's network-type answer means "online". WeChat's wx.getNetworkType gives
// networkType 'none' with no network (developers.weixin.qq.com …/wx.getNetworkType.html); Alipay's
// my.getNetworkType gives networkAvailable: false and networkType 'NOTREACHABLE' (values UNKNOWN /
// NOTREACHABLE / WIFI / 3G / 2G / 4G / WWAN; mPaaS help.aliyun.com/document_detail/67552.htm).
// Reading only networkType !== 'none' took an Alipay phone without network for online.
export function networkTypeOnline(r: { networkType?: unknown; networkAvailable?: unknown } | null | undefined): boolean {
  if (typeof r?.networkAvailable === 'boolean') return r.networkAvailable
  const t = String(r?.networkType ?? '').toLowerCase()
  return t !== 'none' && t !== 'notreachable'
}
