// The same-run baseline: a bare Fastify 5 app with one JSON route, no plugins, no logger, in its
// own Node process (like the product), so both servers get a process of their own on the machine.
// Prints `bare fastify at http://127.0.0.1:PORT` once listening.
import Fastify from 'fastify'

async function main(): Promise<void> {
  const app = Fastify({ logger: false })
  app.get('/', async () => ({ hello: 'world' }))
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
