// The same-run baseline: a bare Fastify 5 app with one JSON route, no plugins, no logger, in its
// own Node process (like the product), so both servers get a process of their own on the machine.
// With BARE_ANSWERS naming a JSON file of recorded answers ({ headers, body (base64) }[]), it also
// serves `GET /answer/:i`: the i-th answer's bytes and headers as they are, so the product's
// guide read can be set against a bare route sending the very same response (server.bench.ts).
// Prints `bare fastify at http://127.0.0.1:PORT` once listening.
import fs from 'node:fs'
import Fastify from 'fastify'

interface Recorded { headers: Record<string, string>; body: string }

async function main(): Promise<void> {
  const app = Fastify({ logger: false })
  app.get('/', async () => ({ hello: 'world' }))
  const file = process.env.BARE_ANSWERS
  if (file) {
    const answers = (JSON.parse(fs.readFileSync(file, 'utf8')) as Recorded[]).map((a) => ({ headers: a.headers, body: Buffer.from(a.body, 'base64') }))
    app.get<{ Params: { i: string } }>('/answer/:i', (request, reply) => {
      const a = answers[Number(request.params.i)]
      if (!a) return reply.code(404).send()
      return reply.headers(a.headers).send(a.body)
    })
  }
  const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) })
  console.log(`bare fastify at ${address}`)
  process.on('SIGTERM', () => {
    app.close().then(() => process.exit(0), () => process.exit(1))
  })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
