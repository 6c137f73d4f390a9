import autocannon from 'autocannon'
const [url, kind, dur] = [process.argv[2], process.argv[3], Number(process.argv[4]||5)]
let paths = ['/']
if (kind === 'guide') {
  const r = await (await fetch("http://127.0.0.1:4810/api/catalog/index")).json()
  const items = (r.index ?? r).items
  paths = items.slice(0,50).map(it => `/api/catalog/items/${encodeURIComponent(it.c)}`)
}
let i=0
const c0=process.cpuUsage()
const res = await autocannon({ url, connections: 10, duration: dur, headers: { 'accept-encoding': 'gzip, deflate, br', accept: 'application/json' },
  requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }] })
const c1=process.cpuUsage(c0); console.log('client_us_per_req', Math.round((c1.user+c1.system)/res.requests.total*10)/10, kind, 'rps', res.requests.average, 'non2xx', res.non2xx, 'p99', res.latency.p99)
