// h5 导航's map links: plain strings, kept apart from Taro so they are tested on their own.
import type { MapPlace } from './types'

/**
 * Web links that show a hall as a marker with its name and address in each map app (its app when
 * installed, else its web map), from the documented URI APIs. The hall data's coordinates are
 * GCJ-02 (mock/data/catalog/halls.ts, src/platform/types.ts MapPlace), and each link says so:
 *  - 高德 uri.amap.com/marker: position=lng,lat; coordinate=gaode is GCJ-02 (the other value is wgs84).
 *  - 百度 api.map.baidu.com/marker: location=lat,lng, and Baidu's own default is BD-09, so
 *    coord_type=gcj02 is required or the marker lands a few hundred metres off; src names the caller.
 *  - 腾讯 apis.map.qq.com/uri/v1/marker: marker=coord:lat,lng;title:…;addr:…; Tencent's coordinates
 *    are GCJ-02 (coord_type=2, its default, stated anyway); referer names the caller.
 */
export function mapLinks(p: MapPlace): { amap: string; baidu: string; tencent: string } {
  const q = (v: string) => encodeURIComponent(v)
  // Tencent separates the marker's fields with ';' and ':' inside one parameter: keep them out of the values.
  const field = (v: string) => q(v.replace(/[;:]/g, ' '))
  return {
    amap: `https://uri.amap.com/marker?position=${p.lng},${p.lat}&name=${q(p.name)}&src=zhijian&coordinate=gaode&callnative=1`,
    baidu: `https://api.map.baidu.com/marker?location=${p.lat},${p.lng}&title=${q(p.name)}&content=${q(p.address)}&output=html&coord_type=gcj02&src=webapp.zhijian.zhijian`,
    tencent: `https://apis.map.qq.com/uri/v1/marker?marker=coord:${p.lat},${p.lng};title:${field(p.name)};addr:${field(p.address)}&coord_type=2&referer=zhijian`,
  }
}
